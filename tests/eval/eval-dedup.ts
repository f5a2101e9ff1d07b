// `npm run eval:dedup [-- --seed N]`: builds a syndication stream at run time from the real
// articles in ../shared/eval/corpus (their text never enters the repo), runs it through the same
// fingerprint + SQLite index path as `claimwatch dedup`, and prints pair precision/recall/F1,
// false merges, re-delivery catch rate and a SemEval-2022 sanity check.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { similarity } from '../../domain/dedup/decide.ts';
import { fingerprint } from '../../domain/dedup/fingerprint.ts';
import { DEDUP_PARAMS } from '../../domain/dedup/params.ts';
import type { Decision, Fingerprint } from '../../domain/dedup/types.ts';
import { createSqliteDedupIndex } from '../../services/dedup-index/sqlite-dedup-index.ts';
import { buildSyndicationStream, loadCorpus, scorePairs, type StreamItem } from './syndication-stream.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    corpus: { type: 'string', default: path.resolve(root, '..', 'shared', 'eval', 'corpus') },
    'window-days': { type: 'string', default: '30' },
    'write-stream': { type: 'string' },
  },
});
const seed = Number(values.seed);
const windowMs = Number(values['window-days']) * 86_400_000;
const pct = (x: number, digits = 2): string => `${(100 * x).toFixed(digits)}%`;

const sources = loadCorpus(values.corpus);
const stream = buildSyndicationStream(sources, { seed });
if (values['write-stream'] !== undefined) {
  // For running the same stream through the CLI: `claimwatch dedup --input FILE`.
  writeFileSync(values['write-stream'], stream.map((s) => JSON.stringify(s.article)).join('\n') + '\n');
}

// Same path as the CLI: batches of 256 through one index, window eviction after each batch.
const index = createSqliteDedupIndex({ path: ':memory:' });
const decisions = new Map<string, Decision>();
const started = performance.now();
let newest = -Infinity;
for (let i = 0; i < stream.length; i += 256) {
  const fps = stream.slice(i, i + 256).map((s) => fingerprint(s.article));
  const out = await index.checkAndInsertMany(fps);
  fps.forEach((fp, j) => {
    decisions.set(fp.articleId, out[j] as Decision);
    newest = Math.max(newest, fp.publishedAt);
  });
  if (windowMs > 0) await index.evict(new Date(newest - windowMs));
}
const seconds = (performance.now() - started) / 1000;
await index.close();

const scores = scorePairs(stream, new Map([...decisions].map(([id, d]) => [id, d.duplicateOf])));
const kinds = (k: StreamItem['kind']): number => stream.filter((s) => s.kind === k).length;
console.log(`dedup eval — seed ${seed}, ${sources.length} corpus articles (exact duplicate rows dropped), params ${JSON.stringify(DEDUP_PARAMS)}`);
console.log(`stream: ${stream.length} deliveries = ${kinds('original')} originals, ${kinds('copy')} edited copies, ${kinds('url-variant')} URL variants, ${kinds('redelivery')} exact re-deliveries; ${(stream.length / seconds).toFixed(0)} articles/s`);
console.log(`pairs: ${scores.goldPairs} same-article, ${scores.distinctPairs} distinct-article; predicted ${scores.predictedPairs}`);
console.log(`precision ${scores.precision.toFixed(4)}  recall ${scores.recall.toFixed(4)}  F1 ${scores.f1.toFixed(4)}`);
console.log(`false merges: ${scores.falseMerges} pairs = ${pct(scores.falseMergeRate, 4)} of distinct-article pairs`);
console.log(`exact re-deliveries caught: ${scores.redeliveriesCaught}/${scores.redeliveries}`);
console.log(`copies pointing at the first-seen article of their group: ${scores.pointsAtFirstSeen}/${scores.copies}`);

const missed = stream.filter((s) => s.kind !== 'original' && decisions.get(s.article.id)?.duplicateOf === null);
for (const m of missed.slice(0, 10)) console.log(`  missed ${m.article.id} (${m.kind}: ${m.edits.join(', ')}) similarity ${decisions.get(m.article.id)?.similarity}`);
const reasons = new Map<string, number>();
for (const d of decisions.values()) reasons.set(String(d.reason), (reasons.get(String(d.reason)) ?? 0) + 1);
console.log(`reasons: ${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')}`);
hardNegatives(stream);
semevalSanity(path.resolve(root, '..', 'shared', 'eval', 'semeval2022-task8-en-en-pairs.jsonl'));

/** Distinct corpus articles published within a day of each other: how close does the closest pair get? */
function hardNegatives(items: readonly StreamItem[]): void {
  const originals = items.filter((s) => s.kind === 'original');
  const fps = originals.map((s) => fingerprint(s.article));
  let pairs = 0;
  const top: Array<[number, string]> = [];
  {
    const group = originals;
    for (let i = 0; i < group.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = group[i] as StreamItem;
        const b = group[j] as StreamItem;
        if (Math.abs(Date.parse(a.article.published_at) - Date.parse(b.article.published_at)) > 86_400_000) continue;
        pairs++;
        const sim = similarity(fps[i] as Fingerprint, fps[j] as Fingerprint);
        top.push([sim, `${a.article.id} ~ ${b.article.id}`]);
      }
    }
  }
  top.sort((x, y) => y[0] - x[0]);
  console.log(`hard negatives: ${pairs} distinct pairs published within 24 h of each other; closest: ${top.slice(0, 3).map(([s, n]) => `${s.toFixed(3)} (${n})`).join(', ')}; threshold ${DEDUP_PARAMS.threshold}`);
}

/** SemEval-2022 Task 8 pairs are different outlets' reports, not copies: none should merge. */
function semevalSanity(file: string): void {
  if (!existsSync(file)) return;
  const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { text_1: string; text_2: string; Overall: number });
  const at = '2022-01-01T00:00:00Z';
  const sims = rows.map((r) => ({
    overall: r.Overall,
    sim: similarity(fingerprint({ id: 'a', url: '', published_at: at, text: r.text_1 }), fingerprint({ id: 'b', url: '', published_at: at, text: r.text_2 })),
  }));
  const same = sims.filter((s) => s.overall <= 1.5);
  const merged = (xs: typeof sims): number => xs.filter((s) => s.sim >= DEDUP_PARAMS.threshold).length;
  console.log(
    `semeval sanity: ${rows.length} human-scored pairs; merged ${merged(sims)} (of ${same.length} rated "same story" <=1.5: ${merged(same)}); ` +
      `max similarity ${Math.max(...sims.map((s) => s.sim)).toFixed(3)} among pairs rated >2.5: ${Math.max(0, ...sims.filter((s) => s.overall > 2.5).map((s) => s.sim)).toFixed(3)}`,
  );
}
