import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { needsServices } from '../services-needed.ts';
import type { IngestOptions } from './ingest.actions.ts';

/** `claimwatch ingest [PATHS...] [--feed URL ... --every 5m]`: JSON lines and feeds onto the raw topic; exit 1 if anything was dead-lettered. */
export function registerIngestCommand(program: Command): void {
  needsServices(program.command('ingest'), ['kafka'])
    .description(summaryOf('ingest'))
    .argument(
      '[paths...]',
      'JSON-lines files or folders (*.jsonl, *.ndjson, *.json in name order); none or - reads stdin',
    )
    .option(
      '--feed <url>',
      'RSS or Atom feed to poll (repeatable)',
      (url: string, all: string[]) => [...all, url],
      [] as string[],
    )
    .option('--every <duration>', 'feed poll interval, e.g. 30s, 5m, 1h', '5m')
    .option('--allow-private-feeds', 'allow feeds and pages on private, loopback and link-local addresses')
    .option('--once', 'poll each feed once and exit instead of running until SIGINT/SIGTERM')
    .option('--batch-size <n>', 'articles per Kafka send for JSON lines', '500')
    .action(async (paths: string[], opts: IngestOptions) =>
      (await import('./ingest.actions.ts')).runIngest(paths, opts),
    );
}
