import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { ArticleSchema, type Article } from '../../../schemas/article.ts';
import { topicNames, type DedupVerdict } from '../../../schemas/topics.ts';
import { rebuildOrder, type RecordedVerdict } from '../../../services/platform/bus/dedup-verdicts.ts';
import { envelope } from '../../../services/platform/bus/envelopes.ts';
import { rebuildDedupIndex } from '../../../services/app/cli/commands/rebuild-dedup-index.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { repoRoot } from '../../../services/platform/config.ts';
import type { IncomingMessage, KafkaBus } from '../../../services/platform/kafka.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';

// Issue 17, "dedup state from the log": the verdicts topic orders a rebuild, and the rebuilt index answers as the log says.
const v = (articleId: string, duplicateOf: string | null = null): RecordedVerdict => ({
  articleId,
  duplicateOf,
  similarity: duplicateOf ? 1 : 0,
  reason: duplicateOf ? 'content' : null,
});
const ids = (vs: RecordedVerdict[]) => vs.map((x) => x.articleId);

describe('rebuildOrder', () => {
  it('keeps the topic order when every original came first', () => {
    expect(ids(rebuildOrder([v('a'), v('b', 'a'), v('c'), v('d', 'c')]))).toEqual(['a', 'b', 'c', 'd']);
  });
  it('puts a copy whose verdict reached the topic first after its original', () => {
    expect(ids(rebuildOrder([v('b', 'a'), v('c'), v('a'), v('d', 'a')]))).toEqual(['c', 'a', 'b', 'd']);
  });
  it('counts the first verdict of an article (a retried activity publishes it again later)', () => {
    expect(ids(rebuildOrder([v('a'), v('b', 'a'), v('a'), v('b', 'a')]))).toEqual(['a', 'b']);
  });
  it('keeps a copy of an article that is not on the log, in topic order', () => {
    expect(ids(rebuildOrder([v('b', 'gone'), v('a')]))).toEqual(['b', 'a']);
  });
});

async function corpus(): Promise<Article[]> {
  const text = await readFile(path.join(repoRoot, 'samples', 'corpus.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ArticleSchema.parse(JSON.parse(l)));
}

const message = (topic: string, offset: number, key: string, value: unknown): IncomingMessage => ({
  topic,
  partition: 0,
  offset: String(offset),
  key,
  value: JSON.stringify(value),
  headers: {},
  timestamp: '0',
});

/** A bus holding two topics of one partition each, as lists of messages. */
function busOf(topics: Record<string, IncomingMessage[]>): KafkaBus {
  return {
    topicOffsets: async (t: string) => [{ partition: 0, low: '0', high: String(topics[t]?.length ?? 0) }],
    readPartitionRange: async (t: string, _p: number, from: string, to: string) =>
      (topics[t] ?? []).slice(Number(from), Number(to)),
  } as unknown as KafkaBus;
}

describe('rebuildDedupIndex', () => {
  it('rebuilds from the raw topic in an order other than the verdicts, and answers every article as the log says', async () => {
    const articles = await corpus();
    // The live index, in corpus order: its verdicts are what the pipeline published.
    const live = createSqliteDedupIndex({ path: ':memory:' });
    const decisions = await live.checkAndInsertMany(articles.map(fingerprint));
    await live.close();
    const copies = decisions.filter((d) => d.duplicateOf !== null).length;
    expect(copies).toBeGreaterThanOrEqual(5);
    const names = topicNames('p');
    // Copies' verdicts reach the topic before their originals' (two workers), and the raw topic holds the corpus backwards.
    const verdicts = articles.map((a, i) => ({ articleId: a.id, ...decisions[i]! }));
    const onTopic = [
      ...verdicts.filter((x) => x.duplicateOf !== null),
      ...verdicts.filter((x) => x.duplicateOf === null),
    ];
    const bus = busOf({
      [names.dedupVerdicts]: onTopic.map((x, i) =>
        message(names.dedupVerdicts, i, x.articleId, envelope('DedupVerdict', x) satisfies DedupVerdict),
      ),
      [names.rawArticles]: [...articles].reverse().map((a, i) =>
        message(
          names.rawArticles,
          i,
          a.id,
          envelope('ArticleReceived', {
            article: a,
            canonicalId: a.id,
            channel: 'file',
            receivedAt: '2024-08-13T00:00:00Z',
          }),
        ),
      ),
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cw-dedup-rebuild-'));
    const target = path.join(dir, 'dedup-index.sqlite');
    const log = createRootLogger('silent');
    const result = await rebuildDedupIndex({ bus, prefix: 'p', targetPath: target, log });
    expect(result).toMatchObject({
      verdicts: articles.length,
      indexed: articles.length,
      missing: 0,
      mismatches: 0,
      unreadable: 0,
    });

    // The rebuilt index gives each article its first answer back (a replayed raw log changes nothing).
    const rebuilt = createSqliteDedupIndex({ path: target });
    const again = await rebuilt.checkAndInsertMany([...articles].reverse().map(fingerprint));
    await rebuilt.close();
    expect(again.reverse()).toEqual(decisions);

    // Control: an empty index fed the raw topic's order judges copies otherwise.
    const empty = createSqliteDedupIndex({ path: ':memory:' });
    const naive = (await empty.checkAndInsertMany([...articles].reverse().map(fingerprint))).reverse();
    await empty.close();
    expect(naive.filter((d, i) => d.duplicateOf !== decisions[i]?.duplicateOf).length).toBeGreaterThan(0);
  });
});
