import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { formatOption, listOptionsAreValid, tzOption, type ListOptions } from '../listing.ts';
import { checkArguments, needsServices } from '../services-needed.ts';
import { UsageError } from '../errors.ts';
import { parseDeadLetterId } from '../dead-letter-replay.ts';

// The actions (Kafka) load only when a dead-letters command runs, after Kafka answered.
const actions = () => import('./dead-letters.actions.ts');

/** Refuses a malformed ID before Kafka is probed (exit 2). */
const idIsWellFormed = (c: Command) => {
  try {
    parseDeadLetterId(c.args[0] ?? '');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
};

/**
 * `claimwatch dead-letters list|show ID|replay ID [--input FILE]`: refused input on the dead-letter topic, and sending a
 * fixed (or unchanged) payload back to the raw topic. Registered by services/app/cli/main.ts.
 */
export function registerDeadLettersCommand(program: Command): void {
  const cmd = needsServices(program.command('dead-letters'), ['kafka']).description(summaryOf('dead-letters'));
  checkArguments(cmd.command('list', { isDefault: true }), listOptionsAreValid)
    .description('the most recent dead letters, newest first: ID (for show and replay), time, source, reason, location')
    .option('--limit <n>', 'at most this many', '50')
    .option(
      '--source <source>',
      'only dead letters of this source (ingest:file, ingest:http, ingest:feed, dispatcher, process-article, …)',
    )
    .option(...formatOption)
    .option('--json', 'same as --format json')
    .option(...tzOption)
    .action(async (opts: ListOptions & { limit: string; source?: string }) => (await actions()).listDeadLetters(opts));
  checkArguments(cmd.command('show'), idIsWellFormed)
    .description('one dead letter: reason, every problem, source, location and the whole original payload')
    .argument('<id>', 'PARTITION/OFFSET as `dead-letters list` prints it')
    .option('--json', 'print the dead letter as JSON')
    .action(async (id: string, opts: { json?: boolean }) => (await actions()).showDeadLetter(id, opts));
  checkArguments(cmd.command('replay'), idIsWellFormed)
    .description('publish the dead letter’s article again to the raw topic: unchanged, or fixed with --input')
    .argument('<id>', 'PARTITION/OFFSET as `dead-letters list` prints it')
    .option(
      '--input <file>',
      'the fixed payload: one article as JSON (or JSON lines); `dead-letters show ID --json` gives the original',
    )
    .option('--dry-run', 'check the payload and say what would be published, publish nothing')
    .action(async (id: string, opts: { input?: string; dryRun?: boolean }) =>
      (await actions()).replayDeadLetter(id, opts),
    );
}
