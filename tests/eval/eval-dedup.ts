// `npm run eval:dedup [-- --seeds 101-105] [--order time|shuffled|reversed] [--path cli|arrival] [--curve [--thresholds 0.7-0.95/0.025]
// [--ratios 0.25,0.4] [--lsh 16x2,24x2] [--sketch 64,96] [--containment-keys 0,4]]`: builds syndication streams at run time from the real
// articles in ../shared/eval/corpus and the SemEval-2022 same-story pairs (their text never enters the repo),
// runs each through the same fingerprint + SQLite index path as `claimwatch dedup`, and prints pair
// precision/recall/F1, false merges, re-delivery catch rate, recall by edit kind and the misses.
// `--curve` re-runs the streams at a range of verification thresholds and prints precision/recall per
// threshold (and LSH setting and sketch size). Seeds 1–5 are the tuning range; 101–105 (the default) are reported and not
// tuned on. `--order` delivers the stream in time order, shuffled (seeded) or reversed; `--path cli` (default) decides as
// `claimwatch dedup` does (publication order, whatever the arrival order), `--path arrival` as the pipeline does.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { similarity } from '../../domain/dedup/decide.ts';
import { createFingerprinter } from '../../domain/dedup/fingerprint.ts';
import { DEDUP_PARAMS, type DedupParams } from '../../domain/dedup/params.ts';
import type { Decision, Fingerprint } from '../../domain/dedup/types.ts';
import { createSqliteDedupIndex } from '../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { dedupInPublicationOrder } from '../../services/app/cli/commands/dedup.run.ts';
import { mulberry32 } from '../../domain/dedup/hash.ts';
import { hasTrackingParams } from '../../domain/dedup/url.ts';
import {
  buildSyndicationStream,
  loadCorpus,
  loadSameStoryPairs,
  scorePairs,
  type PairScores,
  type StreamItem,
} from './syndication-stream.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '101-105' },
    seed: { type: 'string' },
    corpus: { type: 'string', default: path.resolve(root, '..', 'shared', 'eval', 'corpus') },
    pairs: {
      type: 'string',
      default: path.resolve(root, '..', 'shared', 'eval', 'semeval2022-task8-en-en-pairs.jsonl'),
    },
    'window-days': { type: 'string', default: '0' },
    order: { type: 'string', default: 'time' },
    path: { type: 'string', default: 'cli' },
    lsh: { type: 'string' },
    sketch: { type: 'string' },
    'containment-keys': { type: 'string' },
    'write-stream': { type: 'string' },
    curve: { type: 'boolean', default: false },
    ratios: { type: 'string' },
    thresholds: { type: 'string', default: '0.7-0.95/0.025' },
    misses: { type: 'string', default: '12' },
  },
});
const seeds = parseSeeds(values.seed ?? values.seeds);
const windowMs = Number(values['window-days']) * 86_400_000;
if (!['time', 'shuffled', 'reversed'].includes(values.order))
  throw new Error(`--order: time, shuffled or reversed, got ${values.order}`);
if (!['cli', 'arrival'].includes(values.path)) throw new Error(`--path: cli or arrival, got ${values.path}`);
const pct = (x: number, digits = 2): string => `${(100 * x).toFixed(digits)}%`;

const sources = loadCorpus(values.corpus);
const sameStoryPairs = existsSync(values.pairs) ? loadSameStoryPairs(values.pairs) : [];
const streams = seeds.map((seed) => ({
  seed,
  stream: ordered(buildSyndicationStream(sources, { seed, trapShare: 0.2, sameStoryPairs }), seed),
}));
if (values['write-stream'] !== undefined) {
  // For running the same stream through the CLI: `claimwatch dedup --input FILE` (first seed).
  writeFileSync(
    values['write-stream'],
    (streams[0]?.stream ?? []).map((s) => JSON.stringify(s.article)).join('\n') + '\n',
  );
}
// The streams repeat the corpus articles: fingerprint each text once per run (and parameter set).
const fingerprinters = new Map<
  string,
  (a: { id: string; url: string; published_at: string; text: string }) => Fingerprint
>();
const fingerprinterFor = (params: DedupParams) => {
  const key = JSON.stringify([params.hashes, params.bands, params.rows, params.sketchSize, params.containmentKeys]);
  let f = fingerprinters.get(key);
  if (f === undefined) {
    f = memoFingerprint(createFingerprinter(params));
    fingerprinters.set(key, f);
  }
  return f;
};
const fingerprintOf = fingerprinterFor(DEDUP_PARAMS);

console.log(
  `dedup eval — seeds ${values.seed ?? values.seeds}, order ${values.order}, path ${values.path}, ${sources.length} corpus articles, ${sameStoryPairs.length} same-story pairs; params ${JSON.stringify(DEDUP_PARAMS)}`,
);
if (values.curve) await printCurve();
else await report();

async function report(): Promise<void> {
  const totals: PairScores[] = [];
  const byEdit = new Map<string, { n: number; found: number }>();
  const missed: Array<{ item: StreamItem; d: Decision | undefined; lsh: boolean }> = [];
  let rate = 0;
  for (const { seed, stream } of streams) {
    const started = performance.now();
    const decisions = await run(stream, DEDUP_PARAMS);
    rate += stream.length / ((performance.now() - started) / 1000);
    const scores = scorePairs(stream, new Map([...decisions].map(([id, d]) => [id, d.duplicateOf])));
    totals.push(scores);
    const kinds = (k: StreamItem['kind']): number => stream.filter((s) => s.kind === k).length;
    console.log(
      `seed ${seed}: ${stream.length} deliveries (${kinds('original')} originals of which ${stream.filter((s) => s.edits.includes('same-story')).length} same-story and ` +
        `${stream.filter((s) => s.edits.includes('house-block')).length} house-block, ${kinds('copy')} copies, ${kinds('url-variant')} URL variants, ${kinds('redelivery')} re-deliveries): ` +
        `precision ${scores.precision.toFixed(4)} recall ${scores.recall.toFixed(4)} F1 ${scores.f1.toFixed(4)}, false merges ${scores.falseMerges}, ` +
        `re-deliveries linked to their original ${scores.redeliveriesAtOriginal}/${scores.redeliveries}`,
    );
    const firstOf = new Map<string, StreamItem>();
    for (const item of stream) {
      if (!firstOf.has(item.group)) {
        firstOf.set(item.group, item);
        continue;
      }
      const d = decisions.get(item.article.id);
      const found = d?.duplicateOf !== null && d?.duplicateOf !== undefined;
      for (const e of item.kind === 'copy' ? item.edits : [item.kind]) {
        const c = byEdit.get(e) ?? { n: 0, found: 0 };
        c.n++;
        if (found) c.found++;
        byEdit.set(e, c);
      }
      if (!found)
        missed.push({
          item,
          d,
          lsh: sharesBand(fingerprintOf(item.article), fingerprintOf((firstOf.get(item.group) as StreamItem).article)),
        });
    }
  }
  const sum = (f: (s: PairScores) => number): number => totals.reduce((n, s) => n + f(s), 0);
  const precision = sum((s) => s.predictedPairs) === 0 ? 1 : sum((s) => s.truePairs) / sum((s) => s.predictedPairs);
  const recall = sum((s) => s.truePairs) / sum((s) => s.goldPairs);
  console.log(
    `ALL: precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}  F1 ${((2 * precision * recall) / (precision + recall)).toFixed(4)}`,
  );
  console.log(
    `false merges: ${sum((s) => s.falseMerges)} pairs = ${pct(sum((s) => s.falseMerges) / sum((s) => s.distinctPairs), 5)} of distinct-article pairs`,
  );
  console.log(
    `re-deliveries linked to their original: ${sum((s) => s.redeliveriesAtOriginal)}/${sum((s) => s.redeliveries)}; copies pointing at the first-seen article of their group: ${sum((s) => s.pointsAtFirstSeen)}/${sum((s) => s.copies)}`,
  );
  console.log(`throughput (fingerprint memoised across seeds): ${(rate / streams.length).toFixed(0)} articles/s`);
  console.log(
    `linked by edit (later deliveries of a group): ${[...byEdit]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([e, c]) => `${e} ${c.found}/${c.n}`)
      .join(', ')}`,
  );
  for (const m of missed.slice(0, Number(values.misses))) {
    console.log(
      `  missed ${m.item.article.id} (${m.item.kind}: ${m.item.edits.join(', ')}) similarity ${m.d?.similarity}; ${m.lsh ? 'a band key shared with its original' : 'no band key shared with its original'}`,
    );
  }
  console.log(
    `misses: ${missed.length}, of which ${missed.filter((m) => !m.lsh).length} share no LSH band key with their original`,
  );
  if (missed.length > Number(values.misses)) console.log(`  … ${missed.length - Number(values.misses)} more misses`);
  semevalCheck();
}

/** Precision/recall over the verification threshold, all seeds pooled: one full index run per threshold. */
async function printCurve(): Promise<void> {
  const ratios = (values.ratios ?? String(DEDUP_PARAMS.minLengthRatio)).split(',').map(Number);
  const lshSettings = (values.lsh ?? `${DEDUP_PARAMS.bands}x${DEDUP_PARAMS.rows}`)
    .split(',')
    .map((s) => s.split('x').map(Number) as [number, number]);
  const sketches = (values.sketch ?? String(DEDUP_PARAMS.sketchSize)).split(',').map(Number);
  const containment = (values['containment-keys'] ?? String(DEDUP_PARAMS.containmentKeys)).split(',').map(Number);
  console.log(
    'LSH    c-keys  sketch  length-ratio guard  threshold  precision  recall   F1      false-merges  SemEval-merged  band-miss  band-hits/article',
  );
  const [range = '', stepText = '0.025'] = values.thresholds.split('/');
  const [from = 0.7, to = 0.95] = range.split('-').map(Number);
  const step = Number(stepText);
  for (const [bands, rows] of lshSettings)
    for (const containmentKeys of containment)
      for (const sketchSize of sketches)
        for (const minLengthRatio of ratios)
          for (let t = from; t <= to + step / 2; t += step) {
            const params = {
              ...DEDUP_PARAMS,
              bands,
              rows,
              hashes: bands * rows,
              sketchSize,
              containmentKeys,
              minLengthRatio,
              threshold: Math.round(t * 1000) / 1000,
            };
            const lsh = lshStats(params);
            let truePairs = 0;
            let predicted = 0;
            let gold = 0;
            let falseMerges = 0;
            for (const { stream } of streams) {
              const decisions = await run(stream, params);
              const s = scorePairs(stream, new Map([...decisions].map(([id, d]) => [id, d.duplicateOf])));
              truePairs += s.truePairs;
              predicted += s.predictedPairs;
              gold += s.goldPairs;
              falseMerges += s.falseMerges;
            }
            const p = predicted === 0 ? 1 : truePairs / predicted;
            const r = truePairs / gold;
            const mark =
              params.threshold === DEDUP_PARAMS.threshold &&
              minLengthRatio === DEDUP_PARAMS.minLengthRatio &&
              bands === DEDUP_PARAMS.bands &&
              rows === DEDUP_PARAMS.rows &&
              sketchSize === DEDUP_PARAMS.sketchSize &&
              containmentKeys === DEDUP_PARAMS.containmentKeys
                ? '  <- DEDUP_PARAMS'
                : '';
            console.log(
              `${`${bands}x${rows}`.padEnd(6)} ${String(containmentKeys).padEnd(7)} ${String(sketchSize).padEnd(7)} ${minLengthRatio.toFixed(2).padEnd(19)} ${params.threshold.toFixed(3).padEnd(10)} ${p.toFixed(4).padEnd(10)} ${r.toFixed(4).padEnd(8)} ${((2 * p * r) / (p + r)).toFixed(4).padEnd(7)} ${String(falseMerges).padEnd(13)} ${String(semevalMerged(params)).padEnd(15)} ${String(lsh.missed).padEnd(10)} ${lsh.hits.toFixed(1)}${mark}`,
            );
          }
}

/**
 * `--path cli`: the CLI's own function (publication order through one in-memory index); `--path arrival`: the
 * pipeline's, articles checked in arrival order, batches of 256.
 */
async function run(stream: readonly StreamItem[], params: DedupParams): Promise<Map<string, Decision>> {
  const index = createSqliteDedupIndex({ path: ':memory:', params: { ...params, maxPublishedGapMs: windowMs } });
  const fingerprintOf = fingerprinterFor(params);
  const fps = stream.map((s) => fingerprintOf(s.article));
  try {
    let out: Decision[] = [];
    if (values.path === 'cli')
      out = await dedupInPublicationOrder(
        index,
        fps,
        stream.map((s) => hasTrackingParams(s.article.url)),
      );
    else for (let i = 0; i < fps.length; i += 256) out.push(...(await index.checkAndInsertMany(fps.slice(i, i + 256))));
    return new Map(fps.map((fp, i) => [fp.articleId, out[i] as Decision]));
  } finally {
    await index.close();
  }
}

/** The stream in the asked delivery order (the generator makes it in time order). */
function ordered(stream: StreamItem[], seed: number): StreamItem[] {
  if (values.order === 'reversed') return [...stream].reverse();
  if (values.order === 'time') return stream;
  const rng = mulberry32(seed ^ 0x5eed);
  const out = [...stream];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as StreamItem, out[i] as StreamItem];
  }
  return out;
}

/**
 * What the LSH setting costs and loses, all seeds pooled: gold copy pairs (each later member against its group's
 * first) that share no band key, and the mean number of (earlier article, band key) hits per article: the rows the
 * index's band lookups read (it confirms at most MAX_BAND_CANDIDATES of the articles).
 */
function lshStats(params: DedupParams): { missed: number; hits: number } {
  const fingerprintOf = fingerprinterFor(params);
  let missed = 0;
  let pairs = 0;
  let articles = 0;
  for (const { stream } of streams) {
    const first = new Map<string, Fingerprint>();
    const byKey = new Map<number, number>();
    for (const item of stream) {
      const fp = fingerprintOf(item.article);
      const head = first.get(item.group);
      if (head === undefined) first.set(item.group, fp);
      else if (!sharesBand(fp, head)) missed++;
      for (const k of new Set(fp.bandKeys)) {
        pairs += byKey.get(k) ?? 0;
        byKey.set(k, (byKey.get(k) ?? 0) + 1);
      }
      articles++;
    }
  }
  return { missed, hits: pairs / articles };
}

/** SemEval-2022 Task 8 pairs are different outlets' reports, not copies: none should merge, whatever the rating. */
function semevalCheck(): void {
  if (sameStoryPairs.length === 0) return;
  const sims = semevalSims();
  const merged = (xs: typeof sims): number => xs.filter((s) => s.sim >= DEDUP_PARAMS.threshold).length;
  console.log(
    `semeval: ${sims.length} human-scored pairs; merged ${merged(sims)} (rated same story <= 1.5: ${merged(sims.filter((s) => s.overall <= 1.5))}, rated different > 2.5: ${merged(sims.filter((s) => s.overall > 2.5))}); ` +
      `max similarity ${Math.max(...sims.map((s) => s.sim)).toFixed(3)}, among pairs rated > 2.5: ${Math.max(0, ...sims.filter((s) => s.overall > 2.5).map((s) => s.sim)).toFixed(3)}`,
  );
}

function semevalSims(params: DedupParams = DEDUP_PARAMS): Array<{ overall: number; sim: number }> {
  const at = '2022-01-01T00:00:00Z';
  const fingerprintOf = fingerprinterFor(params);
  return sameStoryPairs.map((r) => ({
    overall: r.overall,
    sim: similarity(
      fingerprintOf({ id: `${r.pairId}/1`, url: '', published_at: at, text: r.text1 }),
      fingerprintOf({ id: `${r.pairId}/2`, url: '', published_at: at, text: r.text2 }),
      params.minLengthRatio,
    ),
  }));
}
function semevalMerged(params: DedupParams): number {
  return semevalSims(params).filter((s) => s.sim >= params.threshold).length;
}

function sharesBand(a: Fingerprint, b: Fingerprint): boolean {
  const keys = new Set(a.bandKeys);
  return b.bandKeys.some((k) => keys.has(k));
}

function memoFingerprint(fp: (a: { id: string; url: string; published_at: string; text: string }) => Fingerprint) {
  const cache = new Map<string, Fingerprint>();
  return (a: { id: string; url: string; published_at: string; text: string }): Fingerprint => {
    const key = `${a.id}\u0000${a.url}\u0000${a.published_at}\u0000${a.text}`;
    let f = cache.get(key);
    if (f === undefined) {
      f = fp(a);
      cache.set(key, f);
    }
    return f;
  };
}

function parseSeeds(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const [lo, hi] = part.split('-').map(Number);
    if (lo === undefined || !Number.isInteger(lo)) throw new Error(`--seeds: not a seed list: ${spec}`);
    for (let s = lo; s <= (hi ?? lo); s++) out.push(s);
  }
  return out;
}
