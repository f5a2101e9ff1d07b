import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTaxonomy, EXTRACTOR_VERSION } from '../../../domain/extract/index.ts';
import { summarise } from '../../../domain/tally/index.ts';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { foldInProcess } from '../../support/in-process.ts';
import { taxonomyFromFile } from '../../../services/app/taxonomy.ts';
import { backfillExtractorVersion } from '../../../workflows/backfill/replacements.ts';
import { topicOfSeries } from '../../../domain/tally/series.ts';
import type { Article } from '../../../schemas/article.ts';
import type { TallySnapshot } from '../../../schemas/tally.ts';
import { sampleCorpus } from '../../support/pipeline.ts';
import { backfillEnv, figuresOf, type BackfillEnv } from './support.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// Originals first, then the syndicated copies: "first seen" is then the same live and in process.
async function corpusInOrder(): Promise<{ originals: Article[]; copies: Article[]; all: Article[] }> {
  const corpus = await sampleCorpus();
  const index = createSqliteDedupIndex({ path: ':memory:' });
  const copyIds = new Set<string>();
  for (const a of corpus) if ((await index.checkAndInsert(fingerprint(a))).duplicateOf !== null) copyIds.add(a.id);
  await index.close();
  const originals = corpus.filter((a) => !copyIds.has(a.id));
  const copies = corpus.filter((a) => copyIds.has(a.id));
  return { originals, copies, all: [...originals, ...copies] };
}

/** The default taxonomy written to a temp file with `edit` applied: how an operator changes it. */
async function editedTaxonomy(version: string, edit: (t: ReturnType<typeof defaultTaxonomy>) => void) {
  const t = structuredClone(defaultTaxonomy());
  t.version = version;
  edit(t);
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'cw-taxonomy-')), 'taxonomy.json');
  await writeFile(file, JSON.stringify(t));
  return taxonomyFromFile(file);
}

const figures = (snaps: Map<string, TallySnapshot>) => new Map([...snaps].map(([id, s]) => [id, figuresOf(s.summary)]));

describe('re-extraction backfill over the raw topic, after the live pipeline', () => {
  let env: BackfillEnv;
  let corpus: Awaited<ReturnType<typeof corpusInOrder>>;
  let stopWorker: () => Promise<void>;
  let ids: string[];
  const window = {
    from: new Date(Date.now() - 60_000).toISOString(),
    to: new Date(Date.now() + 3_600_000).toISOString(),
  };

  beforeAll(async () => {
    corpus = await corpusInOrder();
    env = await backfillEnv();
    stopWorker = (await env.startWorker()).stop;
    await env.startDispatcher();
    await env.ingest(corpus.originals);
    await env.ingest(corpus.copies);
    ids = [...(await foldInProcess(corpus.all, defaultTaxonomy())).tallies.keys()].sort();
  });
  afterAll(() => env?.stop());

  it('re-stamps every tally at the current version without moving a figure; running it twice changes nothing', async () => {
    const live = await env.summaries(ids);
    expect(new Set([...live.values()].flatMap((s) => s.summary.extractorVersions))).toEqual(
      new Set([EXTRACTOR_VERSION]),
    );
    const first = await env.waitFinished((await env.backfills.start(window, { batchSize: 5 })).id);
    const version = backfillExtractorVersion(defaultTaxonomy());
    expect(first).toMatchObject({
      state: 'completed',
      extractorVersion: version,
      total: corpus.all.length,
      done: corpus.all.length,
    });
    const after = await env.summaries(ids);
    expect(figures(after)).toEqual(figures(live));
    for (const id of ids) expect(after.get(id)!.summary.extractorVersions, id).toEqual([version]);

    await env.waitFinished((await env.backfills.start(window, { batchSize: 3, parallelism: 2 })).id);
    expect(await env.summaries(ids)).toEqual(after);
  });

  it('moves figures when the taxonomy changes: series a topic left are emptied, the others keep their figures', async () => {
    const before = await env.summaries(ids);
    await stopWorker();
    const edited = await editedTaxonomy('2024-2', (t) => {
      t.topics = t.topics.filter((topic) => topic.id !== 'prisoners');
    });
    stopWorker = (await env.startWorker({ taxonomy: edited })).stop;
    const status = await env.waitFinished((await env.backfills.start(window, { batchSize: 4 })).id);
    expect(status).toMatchObject({ state: 'completed', extractorVersion: backfillExtractorVersion(edited) });

    const after = await env.summaries(ids);
    const expected = await foldInProcess(corpus.all, edited);
    const prisoners = ids.filter((id) => topicOfSeries(id) === 'prisoners');
    expect(prisoners.length).toBeGreaterThan(0);
    for (const id of ids) {
      const summary = after.get(id)!.summary;
      if (topicOfSeries(id) === 'prisoners') {
        expect(summary.reports, id).toEqual([]);
        expect(before.get(id)!.summary.reports.length, id).toBeGreaterThan(0);
      } else {
        expect(figuresOf(summary), id).toEqual(figuresOf(before.get(id)!.summary));
        expect(figuresOf(summary), id).toEqual(figuresOf(summarise(expected.tallies.get(id)!)));
        expect(summary.extractorVersions, id).toEqual([backfillExtractorVersion(edited)]);
      }
    }

    // Only the prisoners topic, with the topic back: its series refill; no other series moves.
    await stopWorker();
    const restored = await editedTaxonomy('2024-3', () => undefined);
    stopWorker = (await env.startWorker({ taxonomy: restored })).stop;
    await env.waitFinished((await env.backfills.start({ ...window, topic: 'prisoners' }, { batchSize: 10 })).id);
    const refilled = await env.summaries(ids);
    for (const id of ids) {
      if (topicOfSeries(id) === 'prisoners') {
        expect(figuresOf(refilled.get(id)!.summary), id).toEqual(figuresOf(before.get(id)!.summary));
        expect(refilled.get(id)!.summary.extractorVersions, id).toEqual([backfillExtractorVersion(restored)]);
      } else {
        expect(refilled.get(id), id).toEqual(after.get(id));
      }
    }
  });
});
