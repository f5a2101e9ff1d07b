// Page-load figures of the dashboard: `npm run bench:dashboard [-- --claims 10000 --loads 20]`.
// Builds a read model of N claims (synthetic articles → the real extractor → ClaimReported events → the
// projector's applyClaimsEvents), serves it with the API and the dashboard on a free loopback port (no Kafka or
// Temporal needed: the overview reads only the read model), and loads the overview in headless Chromium:
// cold (fresh browser context, empty cache) and warm (same context, cached bundle). Prints p50/p95 of navigation
// start → first render of the overview with its data (the page's `cw:first-view` mark), and bytes transferred.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultTaxonomy, extractClaims } from '../../domain/extract/index.ts';
import { seriesId, seriesKeyOf } from '../../domain/tally/series.ts';
import { ClaimsTopicMessageSchema } from '../../schemas/topics.ts';
import { createApiService } from '../../services/surfaces/api/server.ts';
import { envelope, stableId } from '../../services/platform/bus/envelopes.ts';
import { buildDashboardAssets } from '../../services/surfaces/dashboard/bundle.ts';
import { registerDashboardRoutes } from '../../services/surfaces/dashboard/routes.ts';
import { createRootLogger } from '../../services/platform/logger.ts';
import type { ClaimsEventInput } from '../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../services/stores/read-model/sqlite-read-model.ts';
import { launchChromium } from '../browser/support.ts';
import { freePort } from '../support/harness.ts';
import { generateArticles } from './generate-articles.ts';

const { values } = parseArgs({
  options: { claims: { type: 'string', default: '10000' }, loads: { type: 'string', default: '20' } },
});
const wanted = Number(values.claims);
const loads = Number(values.loads);

const dir = await mkdtemp(path.join(os.tmpdir(), 'cw-bench-dashboard-'));
const readModel = openSqliteReadModel({ path: path.join(dir, 'read-model.sqlite') });
const taxonomy = defaultTaxonomy();
const t0 = performance.now();
let claims = 0;
let articles = 0;
let pending: ClaimsEventInput[] = [];
// Batches as the projector applies them (one transaction per fetched batch).
const flush = () => {
  if (pending.length) readModel.applyClaimsEvents(pending);
  pending = [];
};
for (let seed = 1; claims < wanted; seed++) {
  for (const article of generateArticles(2000, seed)) {
    if (claims >= wanted) break;
    articles++;
    const batch: ClaimsEventInput[] = extractClaims(article, taxonomy)
      .slice(0, wanted - claims)
      .map((claim) => {
        const data = { claim, source: article.source, url: article.url, copyOf: null };
        const env = envelope('ClaimReported', data, {
          id: stableId('ClaimReported', claim.id),
          now: new Date(article.published_at),
        });
        return {
          seriesId: seriesId(seriesKeyOf(claim)),
          envelope: ClaimsTopicMessageSchema.parse(JSON.parse(JSON.stringify(env))),
        };
      });
    claims += batch.length;
    pending.push(...batch);
    if (pending.length >= 500) flush();
  }
}
flush();
const series = readModel.listTallies().length;
console.log(
  `read model: ${claims} claims from ${articles} articles in ${series} series, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const port = await freePort();
const assets = buildDashboardAssets();
const api = createApiService({
  readModel,
  log: createRootLogger('warn'),
  config: { http: { host: '127.0.0.1', port, token: undefined } },
  extraRoutes: [(app) => registerDashboardRoutes(app, { assets, readModel })],
});
await api.start();
const url = `${api.url()}/dashboard/#/`;
const timeOverview = async (): Promise<number> => {
  const t = performance.now();
  await (await fetch(`${api.url()}/api/dashboard/overview`)).arrayBuffer();
  return performance.now() - t;
};
const serverMs: number[] = [];
for (let i = 0; i < 10; i++) serverMs.push(await timeOverview());

const browser = await launchChromium();
interface Load {
  ms: number;
  bytes: number;
}
async function load(context: Awaited<ReturnType<typeof browser.newContext>>): Promise<Load> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('cw:first-view').length > 0 &&
      document.querySelector('section.topic tr[data-series]') !== null,
  );
  const result = await page.evaluate(() => {
    const mark = performance.getEntriesByName('cw:first-view')[0] as PerformanceEntry;
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[];
    return { ms: mark.startTime, bytes: entries.reduce((n, e) => n + e.transferSize, 0) };
  });
  await page.close();
  return result;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
};
const report = (label: string, runs: Load[]) => {
  const ms = runs.map((r) => r.ms);
  const kb = runs.map((r) => r.bytes / 1024);
  console.log(
    `${label.padEnd(5)} loads ${runs.length}  first render p50 ${quantile(ms, 0.5).toFixed(0)} ms  p95 ${quantile(ms, 0.95).toFixed(0)} ms  max ${Math.max(...ms).toFixed(0)} ms  transferred p50 ${quantile(kb, 0.5).toFixed(0)} KiB`,
  );
};

// One throw-away load so Chromium's own start-up is not counted.
await load(await browser.newContext());
const cold: Load[] = [];
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext();
  cold.push(await load(context));
  await context.close();
}
const warmContext = await browser.newContext();
await load(warmContext);
const warm: Load[] = [];
for (let i = 0; i < loads; i++) warm.push(await load(warmContext));

const overviewBytes = Buffer.byteLength(await (await fetch(`${api.url()}/api/dashboard/overview`)).text(), 'utf8');
const bundleBytes = [...(await assets).entries()]
  .filter(([k]) => !k.endsWith('.map'))
  .reduce((n, [, a]) => n + a.body.length, 0);
console.log(
  `bundle ${(bundleBytes / 1024).toFixed(0)} KiB (html + js + css, uncompressed)  overview JSON ${(overviewBytes / 1024).toFixed(0)} KiB`,
);
console.log(`GET /api/dashboard/overview alone: p50 ${quantile(serverMs, 0.5).toFixed(0)} ms`);
report('cold', cold);
report('warm', warm);
const p95 = quantile(
  cold.map((r) => r.ms),
  0.95,
);
console.log(
  p95 < 1000
    ? `target < 1 s: met (cold p95 ${p95.toFixed(0)} ms)`
    : `target < 1 s: MISSED (cold p95 ${p95.toFixed(0)} ms)`,
);

await browser.close();
await api.stop();
readModel.close();
await rm(dir, { recursive: true, force: true });
