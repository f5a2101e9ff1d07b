import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { sampleCorpus, startPipeline, type RunningPipeline } from '../../support/pipeline.ts';
import { seriesWorkflowId } from '../../../workflows/series-tally/messages.ts';
import { articleWorkflowId, type ProcessArticleResult } from '../../../workflows/process-article/messages.ts';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import { defaultTaxonomy } from '../../../domain/extract/index.ts';
import { summarise } from '../../../domain/tally/index.ts';
import { foldInProcess } from '../../support/in-process.ts';
import type { Article } from '../../../schemas/article.ts';
import type { TallySnapshot, TallySummary } from '../../../schemas/tally.ts';
import { rebuildReadModel } from '../../../services/pipeline/projector/rebuild.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// The sample corpus: originals first, then the syndicated copies, so "first seen" is the same
// order in the live pipeline and in the in-process reference fold.
async function corpusInOrder(): Promise<{ originals: Article[]; copies: Article[]; all: Article[] }> {
  const corpus = await sampleCorpus();
  const ref = await foldInProcess(corpus, defaultTaxonomy());
  expect(ref.duplicates + ref.redeliveries).toBeGreaterThanOrEqual(8);
  const copyIds = new Set<string>();
  // An article is a copy when the in-process dedup says so.
  const { fingerprint } = await import('../../../domain/dedup/fingerprint.ts');
  const { createSqliteDedupIndex } = await import('../../../services/stores/dedup-index/sqlite-dedup-index.ts');
  const index = createSqliteDedupIndex({ path: ':memory:' });
  for (const a of corpus) if ((await index.checkAndInsert(fingerprint(a))).duplicateOf !== null) copyIds.add(a.id);
  await index.close();
  const originals = corpus.filter((a) => !copyIds.has(a.id));
  const copies = corpus.filter((a) => copyIds.has(a.id));
  return { originals, copies, all: [...originals, ...copies] };
}

async function liveSummaries(client: Client, scope: string, seriesIds: string[]): Promise<Map<string, TallySummary>> {
  const out = new Map<string, TallySummary>();
  for (const id of seriesIds) {
    const snap = await client.workflow.getHandle(seriesWorkflowId(scope, id)).query<TallySnapshot>('tallySnapshot');
    out.set(id, snap.summary);
  }
  return out;
}

async function expectLiveEqualsInProcess(p: RunningPipeline, articles: Article[]) {
  const ref = await foldInProcess(articles, defaultTaxonomy());
  const ids = [...ref.tallies.keys()].sort();
  expect(ids.length).toBeGreaterThan(10);
  const live = await liveSummaries(p.client, p.scope, ids);
  for (const id of ids) expect(live.get(id), id).toEqual(summarise(ref.tallies.get(id)!));
  return { ref, live };
}

describe('pipeline end to end on the real stack', () => {
  let p: RunningPipeline;
  let corpus: Awaited<ReturnType<typeof corpusInOrder>>;
  beforeAll(async () => {
    corpus = await corpusInOrder();
    p = await startPipeline();
  });
  afterAll(() => p?.stop());

  it('turns the sample corpus into the tallies the pure domain loop computes, copies counted once', async () => {
    await p.publish(corpus.originals);
    await p.settle(corpus.originals);
    await p.publish(corpus.copies);
    await p.settle(corpus.copies);
    const { live } = await expectLiveEqualsInProcess(p, corpus.all);

    const results = await Promise.all(
      corpus.all.map(
        (a) =>
          p.client.workflow
            .getHandle(articleWorkflowId(p.scope, canonicalArticleId(a)))
            .result() as Promise<ProcessArticleResult>,
      ),
    );
    const copies = results.filter((r) => r.duplicateOf !== null);
    expect(copies.length).toBeGreaterThanOrEqual(7);
    expect(copies.every((r) => r.claims === 0)).toBe(true);

    // The Kursk settlements series keeps every report side by side and never sums them.
    const kursk = live.get('settlements-captured:ukraine:russia:-:kursk-oblast');
    expect(kursk).toBeDefined();
    const values = kursk!.reports.map((r) => r.quantity.value);
    expect(values.length).toBeGreaterThanOrEqual(2);
    expect(kursk!.latest!.value).toBe(
      Math.max(...kursk!.reports.filter((r) => r.asOf === kursk!.latest!.asOf).map((r) => r.quantity.value)),
    );
    expect(kursk!.latest!.value).toBeLessThan(values.reduce((s, v) => s + v, 0));
  });

  it('rebuilds from the claims topics (offset 0) into a read model whose tallies equal the live ones exactly', async () => {
    const ref = await foldInProcess(corpus.all, defaultTaxonomy());
    const ids = [...ref.tallies.keys()];
    const live = await liveSummaries(p.client, p.scope, ids);
    const targetPath = path.join(await mkdtemp(path.join(os.tmpdir(), 'cw-rebuild-')), 'read-model.sqlite');
    const result = await rebuildReadModel({
      bus: p.ctx.bus,
      prefix: p.scope,
      claimTopics: p.ctx.claimTopics,
      targetPath,
      log: p.ctx.log,
    });
    expect(result.series).toBe(ids.length);
    const rebuilt = openSqliteReadModel({ path: targetPath });
    try {
      const listed = new Map(rebuilt.listTallies({}).map((t) => [t.summary.seriesId, t.summary]));
      expect([...listed.keys()].sort()).toEqual([...ids].sort());
      for (const id of ids) expect(listed.get(id), id).toEqual(live.get(id));
    } finally {
      rebuilt.close();
    }
  });

  it('changes nothing when the same input arrives again', async () => {
    const ref = await foldInProcess(corpus.all, defaultTaxonomy());
    const ids = [...ref.tallies.keys()];
    const before = await liveSummaries(p.client, p.scope, ids);
    await p.publish(corpus.all);
    // Re-deliveries hit the same workflow ids: wait until the dispatcher has handled every one.
    await p.waitDispatched();
    await p.settle(corpus.all);
    const after = await liveSummaries(p.client, p.scope, ids);
    expect(after).toEqual(before);
  });
});

/** Originals first, settled, then their copies: which of two copies is "first" is a matter of arrival order. */
async function publishOriginalsThenCopies(
  p: RunningPipeline,
  corpus: Awaited<ReturnType<typeof corpusInOrder>>,
): Promise<void> {
  await p.publish(corpus.originals);
  await p.settle(corpus.originals);
  await p.publish(corpus.copies);
  await p.settle(corpus.copies);
}

/** The processArticleBatch workflows a pipeline ran. */
async function batchWorkflows(p: RunningPipeline) {
  const batches = [];
  for await (const wf of p.client.workflow.list({
    query: `TaskQueue = '${p.taskQueue}' AND WorkflowType = 'processArticleBatch'`,
  }))
    batches.push(wf);
  return batches;
}

describe('crash recovery and scale-out on the real stack', () => {
  it('processes once an article whose workflow a crashed dispatcher had started before committing', async () => {
    const corpus = await corpusInOrder();
    const p = await startPipeline({ dispatchers: 0 });
    try {
      // What a dispatcher that crashed after starting these workflows (and before its offset
      // commit) leaves behind: the workflows run, the offsets are not committed.
      await p.publish(corpus.originals);
      const crashed = corpus.originals.slice(0, 10);
      for (const a of crashed) {
        const canonicalId = canonicalArticleId(a);
        await p.client.workflow.start('processArticle', {
          taskQueue: p.taskQueue,
          workflowId: articleWorkflowId(p.scope, canonicalId),
          args: [{ article: a, canonicalId, messageId: `crashed-${a.id}`, correlationId: `crashed-${a.id}` }],
        });
      }
      await p.addDispatcher(); // the restarted dispatcher re-reads from the last commit
      await p.settle(corpus.originals);
      await expectLiveEqualsInProcess(p, corpus.originals);
      for (const a of crashed) {
        const runs = p.client.workflow.list({
          query: `WorkflowId = '${articleWorkflowId(p.scope, canonicalArticleId(a))}'`,
        });
        let n = 0;
        for await (const _ of runs) n += 1;
        expect(n).toBe(1);
      }
    } finally {
      await p.stop();
    }
  });

  it('gives the same tallies with two dispatchers and two workers as with one of each', async () => {
    const corpus = await corpusInOrder();
    const p = await startPipeline({ workers: 2, dispatchers: 2 });
    try {
      await publishOriginalsThenCopies(p, corpus);
      await expectLiveEqualsInProcess(p, corpus.all);
    } finally {
      await p.stop();
    }
  });
});

describe('pipeline with micro-batched dispatch (DISPATCH_BATCH_MAX)', () => {
  it('gives the same tallies as one workflow per article, and a re-delivery cut into other batches counts once', async () => {
    const corpus = await corpusInOrder();
    const p = await startPipeline({ dispatchBatchMax: 10 });
    try {
      // Originals first, as in the per-article test: which of two copies is "first" is a matter of arrival order,
      // and articles of different partitions have none between them.
      await publishOriginalsThenCopies(p, corpus);
      const batches = await batchWorkflows(p);
      expect(batches.length).toBeGreaterThan(0);
      // The partitions of one fetch are dispatched together: some batch holds articles of several partitions.
      expect(
        batches.some((b) => /^\d+:[\d-]+,\d+:/.test(b.workflowId.split('/articles:')[1] ?? '')),
        batches.map((b) => b.workflowId).join(' '),
      ).toBe(true);
      await expectLiveEqualsInProcess(p, corpus.all);

      // The whole corpus again (a re-delivery cut into other batches): nothing changes.
      const before = await liveSummaries(p.client, p.scope, [
        ...(await foldInProcess(corpus.all, defaultTaxonomy())).tallies.keys(),
      ]);
      await p.publish(corpus.all.slice(3));
      await p.waitDispatched();
      await p.settle(corpus.all.slice(3));
      const after = await liveSummaries(p.client, p.scope, [...before.keys()]);
      for (const [id, summary] of before) expect(after.get(id), id).toEqual(summary);
    } finally {
      await p.stop();
    }
  });
  it('gives the same tallies with two dispatchers and two workers in batch mode (the default) as the in-process loop', async () => {
    const corpus = await corpusInOrder();
    const p = await startPipeline({ workers: 2, dispatchers: 2, dispatchBatchMax: 200 });
    try {
      await publishOriginalsThenCopies(p, corpus);
      await expectLiveEqualsInProcess(p, corpus.all);
      expect((await batchWorkflows(p)).length).toBeGreaterThan(0);
    } finally {
      await p.stop();
    }
  });
});
