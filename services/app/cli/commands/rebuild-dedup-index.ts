import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { fingerprint } from '../../../../domain/dedup/fingerprint.ts';
import type { Article } from '../../../../schemas/article.ts';
import { ArticleReceivedSchema, DedupVerdictSchema, topicNames } from '../../../../schemas/topics.ts';
import { rebuildOrder, type RecordedVerdict } from '../../../platform/bus/dedup-verdicts.ts';
import type { DedupIndex } from '../../../stores/dedup-index/dedup-index.ts';
import { createSqliteDedupIndex } from '../../../stores/dedup-index/sqlite-dedup-index.ts';
import type { IncomingMessage, KafkaBus } from '../../../platform/kafka.ts';
import type { Logger } from '../../../platform/logger.ts';

export interface DedupRebuildResult {
  path: string;
  /** Distinct articles with a verdict on the log. */
  verdicts: number;
  /** Of those, indexed again (their text found on the raw topic). */
  indexed: number;
  /** Verdicts whose article is not on the raw topic (e.g. from an archive backfill): left out. */
  missing: number;
  /** Articles the rebuilt index judged otherwise than the log says, with a few examples. */
  mismatches: number;
  examples: string[];
  unreadable: number;
  durationMs: number;
}

/** Every message of a topic, partition by partition, in offset order. */
async function readAll(bus: KafkaBus, topic: string): Promise<IncomingMessage[]> {
  const out: IncomingMessage[] = [];
  for (const { partition, low, high } of await bus.topicOffsets(topic))
    out.push(...(await bus.readPartitionRange(topic, partition, low, high)));
  return out;
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: string | null,
): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(value ?? 'null'));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rebuilds the dedup index from the log: the verdicts topic gives the articles and the order the index saw them in
 * (originals before their copies), the raw topic their text; each article goes through `checkAndInsertMany` of a
 * fresh index in that order, and every answer is compared with the verdict on the log. Builds into a new file and
 * swaps it in (`--force` when the old one looks open). `openIndex` is for tests. Called by `claimwatch rebuild --dedup-index`.
 */
export async function rebuildDedupIndex(options: {
  bus: KafkaBus;
  prefix: string;
  targetPath: string;
  log: Logger;
  force?: boolean;
  openIndex?: (path: string) => DedupIndex;
}): Promise<DedupRebuildResult> {
  const started = Date.now();
  const { targetPath: target } = options;
  if (existsSync(`${target}-shm`) && !options.force)
    throw new Error(`${target} looks open (a worker is running?): stop the workers first, or pass --force`);
  const names = topicNames(options.prefix);
  let unreadable = 0;
  const verdicts: RecordedVerdict[] = [];
  for (const m of await readAll(options.bus, names.dedupVerdicts)) {
    const v = parse(DedupVerdictSchema, m.value);
    if (v) verdicts.push(v.data);
    else unreadable += 1;
  }
  const articles = new Map<string, Article>();
  for (const m of await readAll(options.bus, names.rawArticles)) {
    const received = parse(ArticleReceivedSchema, m.value);
    if (received && !articles.has(received.data.article.id))
      articles.set(received.data.article.id, received.data.article);
  }
  const order = rebuildOrder(verdicts);
  const building = `${target}.rebuilding`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) await rm(f, { force: true });
  const index = (options.openIndex ?? ((path) => createSqliteDedupIndex({ path })))(building);
  const result: DedupRebuildResult = {
    path: target,
    verdicts: order.length,
    indexed: 0,
    missing: 0,
    mismatches: 0,
    examples: [],
    unreadable,
    durationMs: 0,
  };
  try {
    const present = order.filter((v) => articles.has(v.articleId));
    result.missing = order.length - present.length;
    for (let i = 0; i < present.length; i += 500) {
      const part = present.slice(i, i + 500);
      const decisions = await index.checkAndInsertMany(
        part.map((v) => fingerprint(articles.get(v.articleId) as Article)),
      );
      part.forEach((v, j) => {
        const d = decisions[j];
        if (d && d.duplicateOf === v.duplicateOf && d.reason === v.reason) return;
        result.mismatches += 1;
        if (result.examples.length < 10)
          result.examples.push(
            `${v.articleId}: log says ${v.duplicateOf ?? 'original'} (${v.reason ?? '-'}), rebuilt ${d?.duplicateOf ?? 'original'} (${d?.reason ?? '-'})`,
          );
      });
      result.indexed += part.length;
    }
  } finally {
    await index.close();
  }
  for (const f of [target, `${target}-wal`, `${target}-shm`]) await rm(f, { force: true });
  await rename(building, target);
  result.durationMs = Date.now() - started;
  options.log.info({ ...result, examples: result.examples.slice(0, 3) }, 'dedup index rebuilt from the log');
  return result;
}
