import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { needsServices } from '../services-needed.ts';

// The actions (Temporal worker, Kafka) load only when one of these commands runs, after the services answered.
const actions = () => import('./pipeline.actions.ts');

/** `claimwatch worker`, `dispatcher` and `alerts`: each pipeline process alone, against any cluster. */
export function registerPipelineCommands(program: Command): void {
  needsServices(program.command('worker'), ['kafka', 'temporal'])
    .description(summaryOf('worker'))
    .option('--taxonomy <file>', 'taxonomy JSON file (default: built-in)')
    .action(async (opts: { taxonomy?: string }) => (await actions()).runWorker(opts));

  needsServices(program.command('dispatcher'), ['kafka', 'temporal'])
    .description(summaryOf('dispatcher'))
    .action(async () => (await actions()).runDispatcher());

  needsServices(program.command('alerts'), ['kafka', 'temporal'])
    .description(summaryOf('alerts'))
    .option('--allow-private-webhooks', 'deliver to loopback/private addresses too (local development)')
    .action(async (opts: { allowPrivateWebhooks?: boolean }) => (await actions()).runAlerts(opts));
}
