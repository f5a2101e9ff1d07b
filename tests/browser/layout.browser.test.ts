import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadModel } from '../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../services/stores/read-model/sqlite-read-model.ts';
import { waitFor } from '../support/harness.ts';
import { sampleCorpus, startPipeline, type RunningPipeline } from '../support/pipeline.ts';
import { launchChromium, readModelCaughtUp, screenshot, serveDashboard, type ServedDashboard } from './support.ts';

// The dashboard at desktop (1400 px) and phone (390 px) width against a real pipeline fed the sample corpus: no
// horizontal scroll on the overview, the series filter, labels that keep their direction, human dates with the zone,
// the chart's unit and date ticks, CSV and PNG export of a series, and the favicon.

const TOKEN = 'browser-layout-token';
const TERRITORY = 'territory-area';
const KURSK = 'ukraine → russia · kursk-oblast';

/** How far the page scrolls sideways: 0 when nothing is wider than the viewport. */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('dashboard layout at desktop and phone width', () => {
  let pipeline: RunningPipeline;
  let readModel: ReadModel;
  let served: ServedDashboard;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const signIn = async (width: number, height: number) => {
    await context?.close();
    context = await browser.newContext({
      viewport: { width, height },
      acceptDownloads: true,
      timezoneId: 'Europe/Kyiv',
    });
    page = await context.newPage();
    await page.goto(`${served.url}/`);
    await page.waitForSelector('#login-form');
    await page.fill('#token', TOKEN);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('section.topic');
  };

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cw-browser-layout-'));
    pipeline = await startPipeline({ dataDir });
    readModel = openSqliteReadModel({ path: path.join(dataDir, 'read-model.sqlite') });
    served = await serveDashboard(pipeline.ctx, readModel, { token: TOKEN, taskQueue: pipeline.taskQueue });
    const corpus = await sampleCorpus();
    await pipeline.publish(corpus);
    await pipeline.settle(corpus);
    await readModelCaughtUp(pipeline.ctx, readModel);
    await waitFor(
      () =>
        readModel.listTallies({ topic: TERRITORY }).some((t) => t.summary.latest?.value === 1294) ? true : undefined,
      { timeoutMs: 120_000, what: 'Kursk territory in the read model' },
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.stop();
    await pipeline?.stop();
    readModel?.close();
  });

  it('at 1400 px: the overview in columns, labels with their direction, a favicon', async () => {
    await signIn(1400, 900);
    expect(await sidewaysScroll(page)).toBe(0);
    const row = page.locator(`section[data-topic="${TERRITORY}"] tr`, { hasText: KURSK });
    await row.waitFor();
    expect(await row.locator('td.figure').textContent()).toBe('1,294 km²');
    // A series known only by whom it hit keeps the arrow: "→ russia · …", never a bare "russia · …" that reads as the actor.
    const towards = readModel
      .listTallies()
      .find((t) => t.summary.key.actor === null && t.summary.key.counterpart !== null)?.summary;
    expect(towards, 'the sample corpus has a series with a counterpart and no actor').toBeDefined();
    const label = await page.locator(`tr[data-series="${towards!.seriesId}"] td.c-series`).textContent();
    expect(label).toMatch(new RegExp(`^→ ${towards!.key.counterpart}`));
    // The header columns sit side by side on one line at this width.
    const heads = await page
      .locator(`section[data-topic="${TERRITORY}"] thead th`)
      .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().top));
    expect(new Set(heads).size).toBe(1);
    // The icon the page names is served.
    const icon = await page.locator('link[rel=icon]').getAttribute('href');
    const res = await page.request.get(new URL(icon ?? '', page.url()).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/svg+xml');
    await screenshot(page, 'overview-1400');
  });

  it('filters the series as the reader types, and says how many are left', async () => {
    const all = await page.locator('tr[data-series]:visible').count();
    expect(all).toBeGreaterThan(5);
    await page.fill('#series-filter', 'kursk territory');
    await expect.poll(() => page.locator('#filter-count').textContent()).toMatch(/^\d+ of \d+ series$/);
    const visible = await page.locator('tr[data-series]:visible td.c-series').allTextContents();
    expect(visible.length).toBeGreaterThanOrEqual(1);
    expect(visible.length).toBeLessThan(all);
    expect(visible).toContain(KURSK);
    // Topics left with nothing are hidden, not shown as empty tables.
    expect(
      await page.locator('section.topic:visible').evaluateAll((s) => s.map((e) => e.getAttribute('data-topic'))),
    ).toEqual([TERRITORY]);
    await page.fill('#series-filter', 'no-such-series-anywhere');
    await page.locator('#filter-empty').waitFor({ state: 'visible' });
    expect(await page.locator('tr[data-series]:visible').count()).toBe(0);
    await page.fill('#series-filter', '');
    expect(await page.locator('tr[data-series]:visible').count()).toBe(all);
  });

  it('at 1400 px: the series page with dates, the zone, the unit and date ticks; CSV and PNG export', async () => {
    const kursk = readModel.listTallies({ topic: TERRITORY }).find((t) => t.summary.latest?.value === 1294)!.summary;
    await page.goto(`${served.url}/dashboard/#/series/${encodeURIComponent(kursk.seriesId)}`);
    await page.waitForSelector('.chart canvas');
    // Dates as people write them: "20 Aug 2024", and the update instant with the reader's zone (Kyiv here).
    const times = await page.locator('ul.reports time').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    // The instant is when the tally was last updated (today), so Kyiv's zone is EET in winter and EEST in summer.
    const updatedAt = (await page.locator('dd.updated time').getAttribute('datetime')) ?? '';
    const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Kyiv', timeZoneName: 'shortOffset' })
      .formatToParts(new Date(updatedAt))
      .find((p) => p.type === 'timeZoneName')?.value;
    const zone = offset === 'GMT+3' ? '(EEST|GMT\\+3)' : '(EET|GMT\\+2)';
    expect(await page.locator('dd.updated').textContent()).toMatch(
      new RegExp(`^\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} ${zone}$`),
    );
    const chart = page.locator('.chart');
    expect(await chart.getAttribute('data-y-unit')).toBe('km²');
    const ticks = (await chart.getAttribute('data-x-ticks'))?.split('|') ?? [];
    expect(ticks.length).toBeGreaterThan(1);
    for (const t of ticks) expect(t).toMatch(/^(\d{1,2} [A-Z][a-z]{2}( \d{4})?|[A-Z][a-z]{2} \d{4})$/);
    await screenshot(page, 'series-1400');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(csvDownload.suggestedFilename()).toBe('territory-area_ukraine_russia_-_kursk-oblast.csv');
    const csv = await readFile((await csvDownload.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^series_id,topic,claim_id,as_of,/);
    expect(lines).toHaveLength(kursk.reports.length + 1);
    expect(csv).toContain(',1294,');

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(pngDownload.suggestedFilename()).toBe('territory-area_ukraine_russia_-_kursk-oblast.png');
    const png = await readFile((await pngDownload.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(2000);
  });

  it('at 390 px: the overview fits the phone without horizontal scroll, every series name readable', async () => {
    await signIn(390, 844);
    await page.locator(`section[data-topic="${TERRITORY}"] tr`, { hasText: KURSK }).waitFor();
    expect(await sidewaysScroll(page)).toBe(0);
    // Each series label has room: inside the viewport and not squeezed to nothing.
    const boxes = await page
      .locator('tr[data-series] td.c-series')
      .evaluateAll((tds) =>
        tds.map((td) => td.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, width: r.width })),
      );
    expect(boxes.length).toBeGreaterThan(5);
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(390);
      expect(b.width).toBeGreaterThan(200);
    }
    await screenshot(page, 'overview-390');
    // The filter works at this width too, still without sideways scroll.
    await page.fill('#series-filter', 'kursk');
    await expect.poll(() => page.locator('#filter-count').textContent()).toMatch(/^\d+ of \d+ series$/);
    expect(await sidewaysScroll(page)).toBe(0);
    await screenshot(page, 'overview-390-filtered');
  });

  it('at 390 px: the series page fits too', async () => {
    const kursk = readModel.listTallies({ topic: TERRITORY }).find((t) => t.summary.latest?.value === 1294)!.summary;
    await page.goto(`${served.url}/dashboard/#/series/${encodeURIComponent(kursk.seriesId)}`);
    await page.waitForSelector('.chart canvas');
    expect(await sidewaysScroll(page)).toBe(0);
    await screenshot(page, 'series-390');
  });
});
