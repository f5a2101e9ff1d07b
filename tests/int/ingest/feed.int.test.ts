import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import { ArticleReceivedSchema, topicNames } from '../../../schemas/topics.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { createFeedPoller } from '../../../services/pipeline/ingest/feeds/poller.ts';
import { createArticlePublisher, type ArticlePublisher } from '../../../services/pipeline/ingest/publisher.ts';
import { createKafkaBus } from '../../../services/platform/kafka.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';
import { messageCount, readTopic } from './topic-reader.ts';

const page = readFileSync(new URL('../../fixtures/ingest/page.html', import.meta.url), 'utf8');

// A local news site: an RSS feed with ETag support, article pages, and sub-resources that must
// never be requested (jsdom must neither run scripts nor load resources).
function newsSite() {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/feed.xml') {
      if (req.headers['if-none-match'] === '"feed-v1"') return res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-v1"' });
      return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>
        <item><title>Kursk 1,263</title><link>${base}/a/1</link><guid>local-1</guid><pubDate>Tue, 20 Aug 2024 14:05:00 GMT</pubDate><description>Short.</description></item>
        <item><title>Redirected</title><link>${base}/moved/2</link><guid>local-2</guid><description>Short too.</description></item>
        </channel></rss>`);
    }
    if (req.url === '/moved/2') return res.writeHead(301, { location: '/a/2' }).end();
    if (req.url?.startsWith('/a/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        page
          .replace(
            '</head>',
            `<script src="${base}/tracker.js"></script><link rel="stylesheet" href="${base}/style.css"></head>`,
          )
          .replace('<footer>', `<img src="${base}/pixel.png"><iframe src="${base}/frame"></iframe><footer>`),
      );
    }
    res.writeHead(404).end();
  });
  return { server, requests };
}

describe('feed poller against a local site and the real broker', () => {
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: uniqueName('t') });
  const topics = topicNames(config.kafka.topicPrefix);
  const bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'ingest-feed-test', log });
  const site = newsSite();
  let feedUrl = '';
  let publisher: ArticlePublisher;
  beforeAll(async () => {
    await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}/feed.xml`;
    await ensurePipelineTopics(bus, config.kafka.topicPrefix, []);
    publisher = createArticlePublisher({ producer: await bus.createProducer(), topics, log });
  });
  afterAll(async () => {
    await new Promise((resolve) => site.server.close(resolve));
    await bus.deleteTopics([topics.rawArticles, topics.tallies, topics.deadLetters]).catch(() => undefined);
    await bus.close();
  });

  it('refuses the loopback feed unless private feeds are allowed, without sending a request', async () => {
    // The refusal is logged as a warning; keep the test output quiet.
    const poller = createFeedPoller({
      feeds: [{ url: feedUrl, every: 60_000 }],
      publisher,
      log: log.child({}, { level: 'silent' }),
    });
    const [result] = await poller.pollOnce();
    expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(/127\.0\.0\.1 \(loopback\)/) });
    expect(site.requests).toEqual([]);
    expect(await messageCount(bus, topics.rawArticles)).toBe(0);
  });

  it('polls once onto the raw topic with page text, then a 304 publishes nothing', async () => {
    const poller = createFeedPoller({ feeds: [{ url: feedUrl, every: 60_000 }], publisher, log, allowPrivate: true });
    expect(await poller.pollOnce()).toEqual([{ url: feedUrl, status: 'fetched', published: 2, deadLettered: 0 }]);
    const raw = await readTopic(bus, topics.rawArticles, 2);
    const articles = raw.map((m) => ({ key: m.key, ...ArticleReceivedSchema.parse(JSON.parse(m.value ?? '')).data }));
    expect(articles.map((a) => a.article.id).sort()).toEqual(['local-1', 'local-2']);
    for (const a of articles) {
      expect(a.channel).toBe('feed');
      expect(a.key).toBe(canonicalArticleId(a.article));
      expect(a.article.source).toBe('Local Wire');
      expect(a.article.text).toMatch(/^Ukraine's commander-in-chief Oleksandr Syrskyi/);
    }
    expect(articles.find((a) => a.article.id === 'local-1')?.article.published_at).toBe('2024-08-20T14:05:00.000Z');
    expect(site.requests.filter((r) => /tracker|style|pixel|frame/.test(r))).toEqual([]);

    const before = site.requests.length;
    expect(await poller.pollOnce()).toEqual([{ url: feedUrl, status: 'not-modified', published: 0, deadLettered: 0 }]);
    expect(site.requests.slice(before)).toEqual(['/feed.xml']);
    expect(await messageCount(bus, topics.rawArticles)).toBe(2);
  });

  it('runs as a service: start polls at once, stop ends cleanly', async () => {
    const poller = createFeedPoller({ feeds: [{ url: feedUrl, every: 1000 }], publisher, log, allowPrivate: true });
    await poller.start();
    // A fresh poller has no memory, so it re-publishes both items (downstream dedups by canonical id).
    await waitFor(async () => ((await messageCount(bus, topics.rawArticles)) === 4 ? true : undefined), {
      what: 'first scheduled poll',
    });
    await poller.stop();
    const after = site.requests.length;
    await new Promise((r) => setTimeout(r, 1500)); // longer than `every`: a stopped poller polls no more
    expect(site.requests.length).toBe(after);
  });
});
