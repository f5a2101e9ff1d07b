import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../../../domain/extract/index.ts';
import { summarise } from '../../../domain/tally/index.ts';
import { foldInProcess } from '../../support/in-process.ts';
import { backfillExtractorVersion } from '../../../workflows/backfill/replacements.ts';
import { generateArticles } from '../../bench/generate-articles.ts';
import { sampleCorpus } from '../../support/pipeline.ts';
import { backfillEnv, figuresOf, WIDE, writeArchive, type BackfillEnv } from './support.ts';

describe('backfill from a JSON-lines archive on the real stack', () => {
  let env: BackfillEnv;
  beforeAll(async () => {
    env = await backfillEnv();
    await env.startWorker();
  });
  afterAll(() => env?.stop());

  it('folds an archive into the tallies the in-process loop computes, at the backfill version; a second run changes nothing', async () => {
    const corpus = await sampleCorpus();
    const archive = await writeArchive(corpus);
    // One batch at a time: which of two syndicated copies is "first seen" (the report; the other its copy) is
    // arrival order, and batches in parallel have none between them. The in-process loop goes in file order.
    const first = await env.backfills.start({ ...WIDE, input: archive }, { batchSize: 4, parallelism: 1 });
    const done = await env.waitFinished(first.id);
    const version = backfillExtractorVersion(defaultTaxonomy());
    expect(done).toMatchObject({
      state: 'completed',
      done: corpus.length,
      total: corpus.length,
      batchesDone: 11,
      batchesTotal: 11,
      extractorVersion: version,
    });

    const ref = await foldInProcess(corpus, defaultTaxonomy());
    const ids = [...ref.tallies.keys()].sort();
    expect(ids.length).toBeGreaterThan(10);
    const live = await env.summaries(ids);
    for (const id of ids) {
      expect(figuresOf(live.get(id)!.summary), id).toEqual(figuresOf(summarise(ref.tallies.get(id)!)));
      expect(live.get(id)!.summary.extractorVersions, id).toEqual([version]);
    }

    const second = await env.backfills.start({ ...WIDE, input: archive }, { batchSize: 7, parallelism: 2 });
    expect(await env.waitFinished(second.id)).toMatchObject({ state: 'completed', done: corpus.length });
    const again = await env.summaries(ids);
    expect(again).toEqual(live);
  });

  it('runs more than 1,000 batches in one backfill across continue-as-new, and ten backfills at once', async () => {
    const articles = generateArticles(1_050, 77);
    const archive = await writeArchive(articles);
    const big = await env.backfills.start(
      { ...WIDE, input: archive },
      { batchSize: 1, parallelism: 4 },
      { continueAsNewEvery: 300 },
    );
    const small = await writeArchive(generateArticles(60, 78));
    const many = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        env.backfills.start({ ...WIDE, input: small }, { batchSize: 3 + i, parallelism: 2 }),
      ),
    );

    const bigDone = await env.waitFinished(big.id, 175_000);
    expect(bigDone).toMatchObject({ state: 'completed', done: 1_050, batchesDone: 1_050, batchesTotal: 1_050 });
    const runs = env.client.workflow.list({ query: `WorkflowId = '${env.scope}/backfill:${big.id}'` });
    let n = 0;
    for await (const _ of runs) n += 1;
    expect(n).toBeGreaterThanOrEqual(4); // 1,050 batches at 300 a run

    for (const s of many)
      expect(await env.waitFinished(s.id)).toMatchObject({ state: 'completed', done: 60, total: 60 });
    const listed = await env.backfills.list();
    for (const id of [big.id, ...many.map((s) => s.id)]) expect(listed.map((s) => s.id)).toContain(id);
    expect(listed.filter((s) => s.state === 'completed').length).toBeGreaterThanOrEqual(11);

    const ref = await foldInProcess([...articles, ...generateArticles(60, 78)], defaultTaxonomy());
    const ids = [...ref.tallies.keys()];
    const live = await env.summaries(ids);
    for (const id of ids)
      expect(figuresOf(live.get(id)!.summary), id).toEqual(figuresOf(summarise(ref.tallies.get(id)!)));
  });
});
