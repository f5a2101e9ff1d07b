import path from 'node:path';
import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import type { Fingerprint } from '../../../domain/dedup/types.ts';
import type { DedupResult } from '../../../schemas/dedup.ts';
import { ArticleSchema } from '../../../schemas/article.ts';
import type { DedupIndex } from '../../dedup-index/dedup-index.ts';
import { createSqliteDedupIndex } from '../../dedup-index/sqlite-dedup-index.ts';
import { formatLineError, readJsonLines } from '../../io/jsonl.ts';

const DAY_MS = 86_400_000;
/** Articles per index transaction: one WAL commit per batch instead of per article. */
const BATCH = 256;

interface DedupOptions {
  input?: string;
  index: string;
  windowDays: string;
}

/** Registers `claimwatch dedup`; called by services/cli/main.ts. Sets exit code 1 when any input line is invalid. */
export function registerDedupCommand(program: Command): void {
  program
    .command('dedup')
    .description(summaryOf('dedup'))
    .option('--input <file>', 'articles as JSON lines (default: stdin)')
    .option('--index <file>', 'SQLite index file shared with other workers (default: in memory, this run only)', ':memory:')
    .option('--window-days <n>', 'forget articles published more than n days before the newest one seen (0: never)', '30')
    .action(async (options: DedupOptions) => {
      const windowDays = Number(options.windowDays);
      if (!Number.isFinite(windowDays) || windowDays < 0) throw new Error(`--window-days must be a number >= 0, got ${options.windowDays}`);
      const index = createSqliteDedupIndex({ path: options.index });
      try {
        const failed = await runDedup(index, options.input, windowDays * DAY_MS);
        if (failed > 0) process.exitCode = 1;
      } finally {
        await index.close();
      }
    });
}

/** Streams the input through the index in order, writing results to stdout and bad lines to stderr; returns the number of bad lines. */
async function runDedup(index: DedupIndex, input: string | undefined, windowMs: number): Promise<number> {
  const label = input === undefined || input === '-' ? 'stdin' : path.basename(input);
  let failed = 0;
  let newest = -Infinity;
  let batch: Fingerprint[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const decisions = await index.checkAndInsertMany(batch);
    const out = decisions.map((d, i) => {
      const result: DedupResult = { articleId: batch[i]?.articleId ?? '', ...d };
      return JSON.stringify(result);
    });
    batch = [];
    await write(`${out.join('\n')}\n`);
    if (windowMs > 0 && Number.isFinite(newest)) await index.evict(new Date(newest - windowMs));
  };
  for await (const line of readJsonLines(input, ArticleSchema)) {
    if (!line.ok) {
      failed++;
      process.stderr.write(`${formatLineError(label, line.line, line.problems)}\n`);
      continue;
    }
    const fp = fingerprint(line.value);
    newest = Math.max(newest, fp.publishedAt);
    batch.push(fp);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return failed;
}

function write(chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}
