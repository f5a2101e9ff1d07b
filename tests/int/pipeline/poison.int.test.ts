import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type RunningPipeline } from '../../support/pipeline.ts';
import { waitFor } from '../../support/harness.ts';
import { readTopic } from '../ingest/topic-reader.ts';
import { generateArticles } from '../../bench/generate-articles.ts';
import { ingestJsonLines } from '../../../services/pipeline/ingest/jsonl-ingest.ts';
import { createArticlePublisher } from '../../../services/pipeline/ingest/publisher.ts';
import { envelope } from '../../../services/platform/bus/envelopes.ts';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { DeadLetterSchema, topicNames, type ArticleReceived } from '../../../schemas/topics.ts';
import type { Article } from '../../../schemas/article.ts';
import type { ProcessArticleResult } from '../../../workflows/process-article/messages.ts';
import { seriesWorkflowId } from '../../../workflows/series-tally/messages.ts';
import { summarise } from '../../../domain/tally/index.ts';
import type { TallySnapshot } from '../../../schemas/tally.ts';
import { foldInProcess } from '../../support/in-process.ts';

// Poison inputs mixed into good articles (issue 17): none may block a partition or a batch. 1,000 good articles, as
// the issue asks; with batching on they go in processArticleBatch workflows like a backlog does.
const GOOD = 1_000;
const sentence = (i: number) =>
  `On ${(i % 28) + 1} August 2024 Ukrainian forces captured ${i + 3} settlements in the Kursk region, the general staff said.`;
const at = '2024-09-01T00:00:00Z';
const make = (id: string, text: string, extra: Partial<Article> = {}): Article => ({
  id,
  url: `https://poison.test/${id}`,
  source: 'Poison Wire',
  published_at: at,
  title: id,
  text,
  ...extra,
});

describe('poison inputs among good articles', () => {
  let p: RunningPipeline;
  const good = generateArticles(GOOD, 17);
  // 1,200 dense sentences, one claim each, in one series: far over the 250-claim cap.
  const dense = make('dense', Array.from({ length: 1_200 }, (_, i) => sentence(i)).join(' '));
  // 1 M CJK characters: 3 MB of UTF-8, inside the schema's 1 M characters.
  const huge = make('huge-cjk', '戰'.repeat(1_000_000));
  const longId = make(
    'x'.repeat(2_000),
    'Ukrainian forces captured 5 settlements in the Kursk region on 2 August 2024, the general staff said.',
  );
  const longCanonical = make(
    'long-canonical',
    'Ukrainian forces captured 6 settlements in the Kursk region on 3 August 2024, the general staff said.',
  );

  beforeAll(async () => {
    p = await startPipeline({ dispatchBatchMax: 200, dispatchBatchMin: 4 });
  });
  afterAll(() => p?.stop());

  it('counts every good article, dead-letters each poison one with its reason, and leaves nothing stuck', async () => {
    const topics = topicNames(p.scope);
    const producer = await p.ctx.bus.createProducer();
    try {
      // Through ingest, as `claimwatch ingest` would: a binary line, the 3 MB article and the 2,000-character id are refused there.
      const dir = await mkdtemp(path.join(os.tmpdir(), 'cw-poison-'));
      const file = path.join(dir, 'mixed.jsonl');
      const line = (a: Article) => Buffer.from(`${JSON.stringify(a)}\n`);
      const binary = Buffer.from([0x7b, 0xff, 0x00, 0x0d, 0xc3, 0x28, 0x0d, 0x0a]);
      await writeFile(
        file,
        Buffer.concat([
          ...good.slice(0, 500).map(line),
          binary,
          line(dense),
          line(huge),
          line(longId),
          ...good.slice(500).map(line),
        ]),
      );
      const publisher = createArticlePublisher({ producer, topics, log: p.ctx.log });
      const counts = await ingestJsonLines({ paths: [file], publisher, log: p.ctx.log });
      expect(counts).toEqual({ published: GOOD + 1, deadLettered: 3 });

      // Straight onto the raw topic, as an older or foreign producer would: the 3 MB article and a 2,000-character canonical id.
      const raw = (article: Article, canonicalId: string) => {
        const env: ArticleReceived = envelope('ArticleReceived', {
          article,
          canonicalId,
          channel: 'sample',
          receivedAt: new Date().toISOString(),
        });
        return { key: canonicalId, value: JSON.stringify(env) };
      };
      await producer.send(topics.rawArticles, [raw(huge, 'a-huge'), raw(longCanonical, 'c'.repeat(2_000))]);
    } finally {
      await producer.disconnect();
    }

    // Every article that got through ingest has a result (from its own workflow or a batch).
    const expected = [...good, dense, longCanonical];
    const results = new Map<string, ProcessArticleResult>();
    await waitFor(
      async () => {
        for await (const wf of p.client.workflow.list({
          query: `TaskQueue = '${p.taskQueue}' AND WorkflowType IN ('processArticle', 'processArticleBatch') AND ExecutionStatus = 'Completed'`,
        })) {
          const r = (await p.client.workflow.getHandle(wf.workflowId).result()) as
            ProcessArticleResult | ProcessArticleResult[];
          for (const x of Array.isArray(r) ? r : [r]) results.set(x.articleId, x);
        }
        return expected.every((a) => results.has(a.id)) ? true : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 2_000, what: 'every article processed' },
    );
    const taxonomy = defaultTaxonomy();
    for (const a of [...good, longCanonical]) {
      expect(results.get(a.id), a.id).toMatchObject({ duplicateOf: null, claims: extractClaims(a, taxonomy).length });
      expect(results.get(a.id)?.deadLettered, a.id).toBeUndefined();
    }
    expect(good.reduce((n, a) => n + (results.get(a.id)?.claims ?? 0), 0)).toBeGreaterThan(GOOD / 2);
    expect(results.get('dense')).toMatchObject({ claims: 250, claimsFound: 1_200 });
    // Counted means in the tallies: every series of the good articles (none shares a series with the poison ones) holds
    // exactly what the in-process fold of the good articles gives, so no batch beside a poison article lost its claims.
    const ref = await foldInProcess(good, taxonomy);
    expect(ref.tallies.size).toBeGreaterThan(10);
    for (const [id, state] of ref.tallies) {
      const want = summarise(state);
      const live = await waitFor(
        async () => {
          const snap = await p.client.workflow
            .getHandle(seriesWorkflowId(p.scope, id))
            .query<TallySnapshot>('tallySnapshot');
          return snap.summary.version >= want.version ? snap.summary : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: `series ${id}` },
      );
      expect(live, id).toEqual(want);
    }

    // Each poison input is on the dead-letter topic with its reason and location.
    const letters = (await readTopic(p.ctx.bus, topics.deadLetters, 5, 1_000)).map(
      (m) => DeadLetterSchema.parse(JSON.parse(m.value ?? '')).data,
    );
    const by = (re: RegExp) => letters.filter((l) => re.test(l.reason));
    expect(letters).toHaveLength(5);
    expect(by(/not valid UTF-8/)).toMatchObject([
      { source: 'ingest:file', location: expect.stringMatching(/mixed\.jsonl:501$/) },
    ]);
    expect(by(/^text: 3000000 UTF-8 bytes, at most 1000000/)).toMatchObject([
      { source: 'ingest:file', location: expect.stringMatching(/mixed\.jsonl:503$/) },
    ]);
    expect(by(/^id: /)).toMatchObject([
      { source: 'ingest:file', location: expect.stringMatching(/mixed\.jsonl:504$/) },
    ]);
    expect(by(/article too large for a workflow input/)).toMatchObject([
      { source: 'dispatcher', location: expect.stringMatching(new RegExp(`^${topics.rawArticles}/\\d+/\\d+$`)) },
    ]);
    expect(by(/claim cap: the extractor found 1200 claims, 250 kept/)).toMatchObject([
      { source: 'process-article', location: expect.stringMatching(new RegExp(`^${topics.rawArticles}/\\d+/\\d+$`)) },
    ]);

    // Nothing stuck: the raw topic is committed to its end and no article workflow is still running.
    await p.waitDispatched();
    const running: string[] = [];
    for await (const wf of p.client.workflow.list({
      query: `TaskQueue = '${p.taskQueue}' AND WorkflowType IN ('processArticle', 'processArticleBatch') AND ExecutionStatus = 'Running'`,
    }))
      running.push(wf.workflowId);
    expect(running).toEqual([]);
  });
});
