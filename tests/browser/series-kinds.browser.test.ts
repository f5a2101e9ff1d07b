import { readFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../schemas/article.ts';
import type { TallySummary } from '../../schemas/tally.ts';
import { repoRoot } from '../../services/platform/config.ts';
import type { ReadModel } from '../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../services/stores/read-model/sqlite-read-model.ts';
import { waitFor } from '../support/harness.ts';
import { sampleCorpus, startPipeline, type RunningPipeline } from '../support/pipeline.ts';
import { launchChromium, readModelCaughtUp, screenshot, serveDashboard, type ServedDashboard } from './support.ts';

// Standing figures vs period counts (issue 15) on the real pipeline fed the sample corpus and the seed article: a
// count "since Friday" arriving after the Kursk settlements total must not become the headline, and must show as a
// period bar; the North Korean shells series plots every report at its asOf and draws each span.

const TOKEN = 'browser-kinds-token';
const SETTLEMENTS = 'settlements-captured';
const SHELLS = 'arms-transferred';

/** The seed article as the pipeline ingests it (read from ../shared at run time, never copied). */
async function seedArticle(): Promise<Article> {
  const text = await readFile(path.resolve(repoRoot, '..', 'shared', 'seed', '000_4399a0416991ba06.txt'), 'utf8');
  return {
    id: 'seed-000',
    url: 'https://seed.example/kim-putin-holy-war',
    source: 'Seed Outlet',
    published_at: '2024-08-15T06:00:00Z',
    title: 'Kim backs Russia',
    text,
  };
}

// The team's own words: a count over a recent span, stated on Wednesday 28 August 2024.
const sinceFriday = (): Article => ({
  id: `browser-since-friday-${Date.now()}`,
  url: `https://lakeside-courier.example/kursk/${Date.now()}`,
  source: 'Lakeside Courier',
  published_at: '2024-08-28T10:00:00Z',
  title: 'Kursk push goes on',
  text:
    "Ukrainian troops have taken control of 12 settlements in Russia's Kursk region since Friday, commander-in-chief Oleksandr Syrskyi said on Wednesday. " +
    'He spoke at a briefing with regional commanders.',
});

const kurskSettlements = (rm: ReadModel) =>
  rm
    .listTallies({ topic: SETTLEMENTS })
    .find((t) => t.summary.key.place === 'kursk-oblast' && t.summary.reports.some((r) => r.quantity.value === 100))
    ?.summary;
const shells = (rm: ReadModel) =>
  rm
    .listTallies({ topic: SHELLS })
    .find((t) => t.summary.key.item === 'artillery-shells' && t.summary.reports.length >= 3)?.summary;

describe('series page: standing figures, period counts and spans', () => {
  let pipeline: RunningPipeline;
  let readModel: ReadModel;
  let served: ServedDashboard;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cw-browser-kinds-'));
    pipeline = await startPipeline({ dataDir });
    readModel = openSqliteReadModel({ path: path.join(dataDir, 'read-model.sqlite') });
    served = await serveDashboard(pipeline.ctx, readModel, { token: TOKEN, taskQueue: pipeline.taskQueue });
    const corpus = [...(await sampleCorpus()), await seedArticle()];
    await pipeline.publish(corpus);
    await pipeline.settle(corpus);
    await readModelCaughtUp(pipeline.ctx, readModel);
    await waitFor(() => (kurskSettlements(readModel)?.latest?.value === 100 ? true : undefined), {
      timeoutMs: 120_000,
      what: 'Kursk settlements at 100',
    });
    await waitFor(() => shells(readModel), { timeoutMs: 60_000, what: 'the shells series' });

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${served.url}/`);
    await page.waitForSelector('#login-form');
    await page.fill('#token', TOKEN);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('section.topic');
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await pipeline?.stop();
    readModel?.close();
  });

  it('keeps the latest standing figure as the Kursk settlements headline when a "since Friday" count arrives, and draws that count as a period bar', async () => {
    const before = kurskSettlements(readModel) as TallySummary;
    const article = sinceFriday();
    const res = await fetch(`${served.url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(article),
    });
    expect(res.status).toBe(202);
    const after = await waitFor(
      () => {
        const s = readModel
          .listTallies({ topic: SETTLEMENTS })
          .find((t) => t.summary.reports.some((r) => r.articleId === article.id))?.summary;
        return s;
      },
      { timeoutMs: 120_000, what: 'the "since Friday" count in a settlements series' },
    );
    const count = after.reports.find((r) => r.articleId === article.id);
    expect(after.seriesId).toBe(before.seriesId);
    expect(count).toMatchObject({
      scope: 'period',
      asOf: '2024-08-28',
      period: { start: '2024-08-23', end: '2024-08-28' },
    });
    expect(after.latest?.value).toBe(100);
    expect({
      conservative: after.conservative?.claimId,
      highest: after.highest?.claimId,
      disputed: after.disputed,
    }).toEqual({
      conservative: before.conservative?.claimId,
      highest: before.highest?.claimId,
      disputed: before.disputed,
    });
    expect(after.latestPeriodCount?.value).toBe(12);

    await page.goto(`${served.url}/dashboard/#/series/${encodeURIComponent(after.seriesId)}`);
    await page.waitForSelector('.chart canvas');
    await expect.poll(() => page.locator('.chart').getAttribute('data-period-bars'), { timeout: 30_000 }).toBe('1');
    expect(await page.locator('dd.latest').textContent()).toContain('100');
    expect(await page.locator('dd.latest-period').textContent()).toContain('12');
    const item = page.locator('ul.reports li.report', { hasText: 'Lakeside Courier' });
    expect(await item.locator('.badge.period-count').count()).toBe(1);
    expect(await item.locator('.covers').textContent()).toContain('covers 23 Aug 2024 – 28 Aug 2024');
    expect(await page.locator('section.period-counts li').allTextContents()).toEqual([expect.stringContaining('12')]);
    // "independent" is defined on the page, and its tooltip lists the claimants.
    expect(await page.locator('.definition').textContent()).toContain('distinct claimants');
    const tooltip = (await page.locator('abbr.independent').getAttribute('title')) ?? '';
    for (const origin of after.origins) expect(tooltip).toContain(origin);
    await screenshot(page, 'series-kursk-settlements');
  });

  it('plots every report of the shells series at its asOf and draws each span', async () => {
    const s = shells(readModel) as TallySummary;
    const plotted = s.reports.filter((r) => r.scope !== 'increment' && r.quantity.unit === s.unit);
    const withPeriod = plotted.filter((r) => r.period !== null);
    // "since August, … told lawmakers on Wednesday": stated on 1 November 2023, covering August to then.
    expect(s.reports.find((r) => r.quantity.value === 1_000_000)).toMatchObject({
      asOf: '2023-11-01',
      period: { start: '2023-08-01', end: '2023-11-01' },
    });
    // "3.5 million this year, … published on Monday": stated on 2 December 2024, a count since 1 January.
    expect(s.reports.find((r) => r.quantity.value === 3_500_000)).toMatchObject({
      asOf: '2024-12-02',
      period: { start: '2024-01-01', end: '2024-12-02' },
    });
    expect(withPeriod.length).toBeGreaterThanOrEqual(2);

    await page.goto(`${served.url}/dashboard/#/series/${encodeURIComponent(s.seriesId)}`);
    await page.waitForSelector('.chart canvas');
    await expect
      .poll(() => page.locator('.chart').getAttribute('data-marks'), { timeout: 30_000 })
      .toBe(String(plotted.length));
    expect(await page.locator('.chart').getAttribute('data-spans')).toBe(String(withPeriod.length));
    const items = page.locator('ul.reports li.report');
    expect(await items.locator('.covers').count()).toBe(s.reports.filter((r) => r.period !== null).length);
    expect((await items.locator('.covers').allTextContents()).join('\n')).toContain('covers 1 Aug 2023 – 1 Nov 2023');
    // Each report shows its date for people ("12 Aug 2024") and keeps the ISO day in the datetime attribute.
    const dates = await items.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    for (const r of s.reports) expect(dates).toContain(r.asOf);
    await screenshot(page, 'series-shells');
  });
});
