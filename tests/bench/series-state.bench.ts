// `npm run bench:series-state [-- --reports N]`: how big a series workflow's continue-as-new input is per report (JSON
// and zlib, as the payload codec sends it): before (the whole fold's state) and after (issue 20's bounded state: kept
// reports within the window, the rest aggregated). Synthetic reports of one series modelled on a sample-corpus claim,
// one a day per outlet-slot over 700 days. The whole-state rows fold every report (quadratic: keep N ≤ 20,000 for them;
// `--bounded-only` skips them for 100,000).
import { deflateSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { defaultTaxonomy, extractClaims } from '../../domain/extract/index.ts';
import {
  compactTally,
  createArchiveIndex,
  evolve,
  evolveBounded,
  initialTally,
  publishedBoundedTallyOf,
  publishedTallyOf,
  boundedOf,
} from '../../domain/tally/index.ts';
import { seriesId, seriesKeyOf } from '../../domain/tally/series.ts';
import type { TallyEvent, TallyState } from '../../schemas/tally.ts';
import { sampleCorpus } from '../support/pipeline.ts';

const { values } = parseArgs({
  options: { reports: { type: 'string', default: '10000' }, 'bounded-only': { type: 'boolean', default: false } },
});
const n = Number(values.reports);
const article = (await sampleCorpus()).find((a) => extractClaims(a, defaultTaxonomy()).length > 0)!;
const model = extractClaims(article, defaultTaxonomy())[0]!;
const key = seriesKeyOf(model);
const events: TallyEvent[] = Array.from({ length: n }, (_, i) => {
  const articleId = `${['kw', 'bm', 'efd', 'sd', 'dl'][i % 5]}-2024${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}-report-${i}`;
  const quote = `Officials said on day ${i} that about ${1000 + i * 7} people had left the area since the shelling began.`;
  const claim = {
    ...model,
    id: `${articleId}#${i % 3}`,
    articleId,
    quantity: { ...model.quantity, value: 1000 + i * 7 },
    asOf: new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10),
    evidence: { quote, start: 120 + i, end: 120 + i + quote.length },
  };
  return {
    type: 'ClaimReported',
    data: {
      claim,
      source: `outlet-${i % 60}`,
      url: `https://outlet-${i % 60}.example/2024/news/${articleId}`,
      copyOf: null,
      publishedAt: `${claim.asOf}T08:00:00Z`,
    },
  };
});
const size = (x: unknown) => {
  const json = Buffer.from(JSON.stringify(x));
  return { json: json.length / n, zlib: deflateSync(json).length / n, total: deflateSync(json).length };
};
const row = (name: string, s: { json: number; zlib: number; total?: number }) =>
  console.log(
    `${name.padEnd(44)} ${s.json.toFixed(0).padStart(5)} B/report JSON  ${s.zlib.toFixed(1).padStart(5)} B/report zlib  → ${Math.floor((2 * 1024 * 1024) / s.zlib)} reports in 2 MiB${s.total === undefined ? '' : `  (${(s.total / 1024).toFixed(0)} KiB zlib)`}`,
  );
console.log(`${n} reports of ${seriesId(key)}`);

if (!values['bounded-only']) {
  let state: TallyState = initialTally(seriesId(key), key);
  for (const e of events) state = evolve(state, e);
  const { published } = publishedTallyOf(state, {});
  const noEvidence: TallyState = {
    ...state,
    articles: state.articles.map((a) => ({
      ...a,
      claims: a.claims.map((c) => ({ ...c, evidence: { ...c.evidence, quote: '' } })),
    })),
  };
  console.log("before: the whole fold's state");
  row('state (seen + articles + copies)', size(state));
  row('  of which seen keys', size(state.seen));
  row('publishedReports fingerprints', size(published));
  row('state + publishedReports (continue-as-new)', size({ state, published }));
  row('without evidence quotes', size({ state: noEvidence, published }));
}

// After: as the workflow runs — deliveries of 500 reports, archived at each continue-as-new (every 20 deliveries).
const index = createArchiveIndex();
let tally = boundedOf(initialTally(seriesId(key), key));
let published = {};
const started = performance.now();
for (let i = 0; i < events.length; i++) {
  tally = evolveBounded(tally, events[i] as TallyEvent, index);
  if ((i + 1) % 10_000 === 0 || i === events.length - 1) {
    published = publishedBoundedTallyOf(tally, published).published;
    const { tally: compacted, archivedClaims } = compactTally(tally, undefined, index);
    tally = compacted;
    const gone = new Set(archivedClaims);
    published = Object.fromEntries(Object.entries(published).filter(([id]) => !gone.has(id)));
  }
}
console.log(
  `after: the bounded state (${tally.kept.articles.length} articles kept, ${(performance.now() - started).toFixed(0)} ms to fold)`,
);
row('bounded state (continue-as-new input)', size({ bounded: tally, published }));
row('  of which kept reports', size(tally.kept));
row('  of which archive (hashes + aggregates)', size(tally.archive));
row('  of which publishedReports (kept only)', size(published));
