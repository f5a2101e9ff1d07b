import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../schemas/article.ts';
import { topicNames } from '../../schemas/topics.ts';
import type { ReadModel } from '../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../services/stores/read-model/sqlite-read-model.ts';
import { waitFor } from '../support/harness.ts';
import { sampleCorpus, startPipeline, type RunningPipeline } from '../support/pipeline.ts';
import { launchChromium, readModelCaughtUp, screenshot, serveDashboard, type ServedDashboard } from './support.ts';

// The dashboard in headless Chromium against a real pipeline (Kafka + Temporal) fed the sample corpus, with
// API_TOKEN set: the reader signs in through the form and the session cookie carries every request and the
// SSE stream.

const TOKEN = 'browser-test-token';
const TERRITORY = 'territory-area';

// A fresh report in the team's own words, ingested while the page is open.
const freshArticle = (): Article => ({
  id: `browser-live-${Date.now()}`,
  url: `https://steppe-courier.example/live/${Date.now()}`,
  source: 'Steppe Courier',
  published_at: '2024-08-29T09:00:00Z',
  title: 'Ukrainian troops widen their hold in Kursk region',
  text:
    "Ukraine's commander-in-chief Oleksandr Syrskyi said on Thursday that Ukrainian forces now control 1,305 square kilometres of Russia's Kursk region. " +
    'He gave the figure during a briefing with commanders in the north-east.',
});

describe('dashboard in a browser', () => {
  let pipeline: RunningPipeline;
  let readModel: ReadModel;
  let served: ServedDashboard;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cw-browser-'));
    pipeline = await startPipeline({ dataDir });
    readModel = openSqliteReadModel({ path: path.join(dataDir, 'read-model.sqlite') });
    served = await serveDashboard(pipeline.ctx, readModel, { token: TOKEN, taskQueue: pipeline.taskQueue });
    const corpus = await sampleCorpus();
    await pipeline.publish(corpus);
    await pipeline.settle(corpus);
    await readModelCaughtUp(pipeline.ctx, readModel);
    // One unreadable raw message: the dispatcher dead-letters it and the projector records it.
    const producer = await pipeline.ctx.bus.createProducer();
    await producer.send(topicNames(pipeline.scope).rawArticles, [{ key: 'broken', value: 'this is not an envelope' }]);
    await producer.disconnect();
    await waitFor(
      () =>
        readModel.listTallies({ topic: TERRITORY }).some((t) => t.summary.latest?.value === 1294) ? true : undefined,
      { timeoutMs: 120_000, what: 'Kursk territory in the read model' },
    );
    await waitFor(() => (readModel.deadLetterStats().total > 0 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the dead letter',
    });

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await pipeline?.stop();
    readModel?.close();
  });

  it('asks for the token, then keeps only an HttpOnly session cookie', async () => {
    await page.goto(`${served.url}/`);
    await page.waitForSelector('#login-form');
    await page.fill('#token', 'wrong');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-form .error:text("Wrong token.")');
    await page.fill('#token', TOKEN);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('section.topic');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'cw_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(session?.value).not.toContain(TOKEN);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('shows the Kursk territory series with its latest figure, sources and a sparkline', async () => {
    await page.goto(`${served.url}/dashboard/#/`);
    const row = page.locator(`section[data-topic="${TERRITORY}"] tr`, { hasText: 'ukraine → russia · kursk-oblast' });
    await row.waitFor();
    expect(await row.locator('td.figure').textContent()).toBe('1,294 km²');
    expect(Number(await row.locator('td.num').first().textContent())).toBeGreaterThanOrEqual(2);
    expect(await row.locator('td.spark canvas').count()).toBe(1);
    await screenshot(page, 'overview');

    await row.locator('a').click();
    await page.waitForSelector('.chart canvas');
    const reports = page.locator('ul.reports li.report');
    const text = (await reports.allTextContents()).join('\n');
    expect(text).toContain('≈ 1,000 km²');
    expect(text).toContain('1,263 km²');
    // Kyiv Wire and Steppe Courier carry one syndicated story: whichever arrived first is the report, the other its copy.
    expect(text).toContain('Kyiv Wire');
    expect(text).toContain('Steppe Courier');
    expect(text).toContain('Baltic Monitor');
    // The figure is highlighted inside its evidence sentence, with a link to the article.
    const marks = await page.locator('ul.reports mark').allTextContents();
    expect(marks).toContain('1,263 square kilometres');
    expect(await page.locator('ul.reports a', { hasText: 'article' }).first().getAttribute('href')).toMatch(
      /^https:\/\/.*#:~:text=/,
    );
    // One legend entry per source of a plotted (standing, same-unit) report. Which outlet of a syndicated pair is the
    // report depends on arrival order, so the expected sources come from the read model, not from a fixed number.
    const kursk = readModel.listTallies({ topic: TERRITORY }).find((t) => t.summary.latest?.value === 1294)!.summary;
    const plottedSources = new Set(
      kursk.reports.filter((r) => r.kind === 'total' && r.quantity.unit === kursk.unit).map((r) => r.source),
    );
    expect(plottedSources.size).toBeGreaterThanOrEqual(2);
    // The chart is redrawn when a tally update arrives, so poll rather than read once.
    await expect
      .poll(async () => (await page.locator('.u-legend .u-series').allTextContents()).map((t) => t.trim()).sort(), {
        timeout: 30_000,
      })
      .toEqual([...plottedSources].sort());
    await screenshot(page, 'series-kursk-territory');
  });

  it('shows a claim ingested during the test without reloading', async () => {
    await page.goto(`${served.url}/dashboard/#/live`);
    await page.waitForSelector('#live-state[data-state="open"]', { timeout: 30_000 });
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
    const res = await fetch(`${served.url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(freshArticle()),
    });
    expect(res.status).toBe(202);
    const item = page.locator('#live-claims li', { hasText: '1,305 km²' });
    await item.waitFor({ timeout: 120_000 });
    await page.locator('#live-tallies li', { hasText: '1,305 km²' }).waitFor({ timeout: 60_000 });
    // Same page, no reload: the value set before the claim arrived is still there.
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
    await screenshot(page, 'live');
  });

  it('starts a backfill from the form and shows its progress', async () => {
    await page.goto(`${served.url}/dashboard/#/backfills`);
    await page.waitForSelector('#backfill-form');
    // Without an archive a backfill re-reads the raw topic by Kafka timestamp: today's messages.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#backfill-form input[name=from]', day(-1));
    await page.fill('#backfill-form input[name=to]', day(1));
    await page.fill('#backfill-form input[name=topic]', TERRITORY);
    await page.click('#backfill-form button[type=submit]');
    await page.waitForSelector('#backfill-message:text("started")', { timeout: 30_000 });
    const item = page.locator('#backfill-list li.backfill').first();
    await item.waitFor({ timeout: 30_000 });
    expect(await item.locator('progress').count()).toBe(1);
    // Polled every second: the bar moves until the backfill has re-processed what it found.
    await waitFor(async () => (Number(await item.locator('progress').getAttribute('value')) > 0 ? true : undefined), {
      timeoutMs: 120_000,
      what: 'backfill progress',
    });
    await screenshot(page, 'backfills');
  });

  it('shows consumer lag per group and the dead letters with their reasons', async () => {
    await page.goto(`${served.url}/dashboard/#/health`);
    await page.waitForSelector('#lag-table tbody tr');
    const groups = await page.locator('#lag-table tbody td:first-child').allTextContents();
    expect(groups).toContain(`${pipeline.scope}.dispatcher`);
    expect(groups).toContain(`${pipeline.scope}.projector`);
    expect(Number(await page.locator('#tile-dead-letters .tile-value').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#dead-letter-reasons tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#link-failed').getAttribute('href')).toContain(
      encodeURIComponent(`WorkflowId STARTS_WITH '${pipeline.scope}/'`),
    );
    // The second read has a rate: the view polls every 2 s.
    await page.waitForFunction(
      () => !document.querySelector('#tile-ingest .tile-value')?.textContent?.includes('…'),
      undefined,
      { timeout: 30_000 },
    );
    await screenshot(page, 'health');
  });

  it('ran without a single Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
