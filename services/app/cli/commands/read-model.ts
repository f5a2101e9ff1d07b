import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { needsServices } from '../services-needed.ts';

// The actions (Kafka, Temporal, fastify) load only when one of these commands runs, after the services answered.
const actions = () => import('./read-model.actions.ts');

/**
 * `claimwatch projector|api|rebuild`: the read side (the API also takes POST
 * /api/articles). Registered by services/app/cli/main.ts.
 */
export function registerReadModelCommands(program: Command): void {
  needsServices(program.command('projector'), ['kafka'])
    .description(summaryOf('projector'))
    .action(async () => (await actions()).runProjector());
  needsServices(program.command('api'), ['kafka'])
    .description(summaryOf('api'))
    .action(async () => (await actions()).runApi());
  needsServices(program.command('rebuild'), ['kafka'])
    .description(summaryOf('rebuild'))
    .option('--out <file>', 'build into this file instead of replacing the read model')
    .option('--force', 'replace the read model (or dedup index) even though it looks open')
    .option(
      '--dedup-index',
      'rebuild the dedup index instead, from the verdicts and raw topics (stop the workers first)',
    )
    .action(async (opts: { out?: string; force?: boolean; dedupIndex?: boolean }) =>
      (await actions()).runRebuild(opts),
    );
}
