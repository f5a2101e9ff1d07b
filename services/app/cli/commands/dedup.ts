import path from 'node:path';
import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { fingerprint } from '../../../../domain/dedup/fingerprint.ts';
import { DEDUP_PARAMS } from '../../../../domain/dedup/params.ts';
import { hasTrackingParams } from '../../../../domain/dedup/url.ts';
import type { Decision, Fingerprint } from '../../../../domain/dedup/types.ts';
import type { DedupIndex } from '../../../stores/dedup-index/dedup-index.ts';
import type { DedupResult } from '../../../../schemas/dedup.ts';
import { ArticleSchema } from '../../../../schemas/article.ts';
import { createSqliteDedupIndex } from '../../../stores/dedup-index/sqlite-dedup-index.ts';
import { formatLineError, readJsonLines } from '../../../platform/io/jsonl.ts';
import { dedupInPublicationOrder } from './dedup.run.ts';

const DAY_MS = 86_400_000;
/** Result lines per stdout write. */
const WRITE_LINES = 256;

interface DedupOptions {
  input?: string;
  index: string;
  windowDays: string;
}

/** Registers `claimwatch dedup`; called by services/app/cli/main.ts. Sets exit code 1 when any input line is invalid. */
export function registerDedupCommand(program: Command): void {
  program
    .command('dedup')
    .description(summaryOf('dedup'))
    .option('--input <file>', 'articles as JSON lines, in any order (default: stdin)')
    .option(
      '--index <file>',
      'SQLite index file shared with other workers (default: in memory, this run only)',
      ':memory:',
    )
    .option('--window-days <n>', 'link only articles published at most n days apart (0: any gap)', '0')
    .action(async (options: DedupOptions) => {
      const windowDays = Number(options.windowDays);
      if (!Number.isFinite(windowDays) || windowDays < 0)
        throw new Error(`--window-days must be a number >= 0, got ${options.windowDays}`);
      const index = createSqliteDedupIndex({
        path: options.index,
        params: { ...DEDUP_PARAMS, maxPublishedGapMs: windowDays * DAY_MS },
      });
      try {
        const failed = await runDedup(index, options.input);
        if (failed > 0) process.exitCode = 1;
      } finally {
        await index.close();
      }
    });
}

/**
 * Reads the whole input (keeping only fingerprints), decides in publication order, and writes one result per valid
 * article in input order to stdout, bad lines to stderr; returns the number of bad lines.
 */
async function runDedup(index: DedupIndex, input: string | undefined): Promise<number> {
  const label = input === undefined || input === '-' ? 'stdin' : path.basename(input);
  let failed = 0;
  const fps: Fingerprint[] = [];
  const tracked: boolean[] = [];
  for await (const line of readJsonLines(input, ArticleSchema)) {
    if (!line.ok) {
      failed++;
      process.stderr.write(`${formatLineError(label, line.line, line.problems)}\n`);
      continue;
    }
    fps.push(fingerprint(line.value));
    tracked.push(hasTrackingParams(line.value.url));
  }
  const decisions = await dedupInPublicationOrder(index, fps, tracked);
  for (let start = 0; start < fps.length; start += WRITE_LINES) {
    const out = fps.slice(start, start + WRITE_LINES).map((fp, k) => {
      const result: DedupResult = { articleId: fp.articleId, ...(decisions[start + k] as Decision) };
      return JSON.stringify(result);
    });
    await write(`${out.join('\n')}\n`);
  }
  return failed;
}

function write(chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}
