// `npx tsx tests/bench/series-state.bench.ts [-- --reports N]`: how big a series workflow's continue-as-new state is
// per report (JSON and zlib, as the payload codec sends it), as it is and without evidence text: the arithmetic of
// issue 20's bounded series state. Synthetic reports of one series modelled on a sample-corpus claim.
import { deflateSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { defaultTaxonomy, extractClaims } from '../../domain/extract/index.ts';
import { evolve, initialTally, publishedTallyOf } from '../../domain/tally/index.ts';
import { seriesId, seriesKeyOf } from '../../domain/tally/series.ts';
import type { TallyEvent, TallyState } from '../../schemas/tally.ts';
import { sampleCorpus } from '../support/pipeline.ts';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '10000' } } });
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
    data: { claim, source: `outlet-${i % 60}`, url: `https://outlet-${i % 60}.example/2024/news/${articleId}`, copyOf: null, publishedAt: `${claim.asOf}T08:00:00Z` },
  };
});
let state: TallyState = initialTally(seriesId(key), key);
for (const e of events) state = evolve(state, e);
const { published } = publishedTallyOf(state, {});
const size = (x: unknown) => {
  const json = Buffer.from(JSON.stringify(x));
  return { json: json.length / n, zlib: deflateSync(json).length / n };
};
const noEvidence: TallyState = { ...state, articles: state.articles.map((a) => ({ ...a, claims: a.claims.map((c) => ({ ...c, evidence: { ...c.evidence, quote: '' } })) })) };
const row = (name: string, s: { json: number; zlib: number }) =>
  console.log(`${name.padEnd(44)} ${s.json.toFixed(0).padStart(5)} B/report JSON  ${s.zlib.toFixed(0).padStart(4)} B/report zlib  → ${Math.floor((2 * 1024 * 1024) / s.zlib)} reports in 2 MiB`);
console.log(`${n} reports of ${state.seriesId}`);
row('state (seen + articles + copies)', size(state));
row('  of which seen keys', size(state.seen));
row('publishedReports fingerprints', size(published));
row('state + publishedReports (continue-as-new)', size({ state, published }));
row('without evidence quotes', size({ state: noEvidence, published }));
