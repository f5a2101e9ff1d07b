import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { checkArguments, needsServices } from '../services-needed.ts';
import { cliConfig } from '../cli-config.ts';
import { knownTopics, requireKnown } from '../known-names.ts';
import type { StartOptions } from './backfill.actions.ts';
import { formatOption, listOptionsAreValid, tzOption, type ListOptions } from '../listing.ts';

// The actions (Temporal client) load only when a backfill command runs, after Temporal answered.
const actions = () => import('./backfill.actions.ts');

/**
 * `claimwatch backfill --from DATE --to DATE [...]` starts a backfill and follows it; `backfill status|pause|resume|cancel ID`
 * and `backfill list` steer and show them. Talks to Temporal only; the workers do the work.
 */
export function registerBackfillCommand(program: Command): void {
  const topicIsKnown = async (c: Command) => {
    const { topic } = c.opts<StartOptions>();
    if (topic !== undefined) requireKnown('topic', [topic], await knownTopics(cliConfig()), '--topic');
  };
  const cmd = needsServices(checkArguments(program.command('backfill'), topicIsKnown), ['temporal'])
    .description(summaryOf('backfill'))
    .option('--from <date>', 'start of the window (ISO date or date-time, inclusive)')
    .option('--to <date>', 'end of the window (exclusive)')
    .option('--source <outlet>', 'only articles of this outlet')
    .option('--topic <claim-topic>', 'only replace claims of this claim topic')
    .option(
      '--input <file-or-dir>',
      'a JSON-lines archive on the worker host instead of the raw topic (window on published_at)',
    )
    .option('--batch-size <n>', 'articles per batch activity', '4000')
    .option('--parallelism <n>', 'batches in flight at once', '2')
    .option('--detach', 'print the id and return at once')
    .action(async (opts: StartOptions) => (await actions()).startBackfill(opts));

  cmd
    .command('status')
    .argument('<id>')
    .option('--json', 'print the status as JSON')
    .description('show one backfill')
    .action(async (id: string, o: { json?: boolean }) => (await actions()).showBackfill(id, o));
  checkArguments(cmd.command('list'), listOptionsAreValid)
    .option(...formatOption)
    .option('--json', 'same as --format json')
    .option(...tzOption)
    .description('running and recent backfills of this pipeline')
    .action(async (o: ListOptions) => (await actions()).listBackfills(o));
  for (const action of ['pause', 'resume', 'cancel'] as const) {
    cmd
      .command(action)
      .argument('<id>')
      .description(`${action} a running backfill`)
      .action(async (id: string) => (await actions()).steerBackfill(action, id));
  }
}
