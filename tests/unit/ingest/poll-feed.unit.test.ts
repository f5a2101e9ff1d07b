import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pollFeed, type FeedState, type PollDeps } from '../../../services/pipeline/ingest/feeds/poll-feed.ts';
import { createSeenIds } from '../../../services/pipeline/ingest/feeds/seen-ids.ts';
import { quietLog, recordingPublisher } from './fakes.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');
const FEED = 'https://kyiv-wire.example/feed.xml';

// A fake web: the feed honours If-None-Match; the first item's page is a full article, the
// second item's page is 500 (falls back to content:encoded); the third item has no link.
function fakeWeb() {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    requests.push({ url, headers });
    if (url === FEED) {
      if (headers['if-none-match'] === '"v1"') return new Response(null, { status: 304 });
      return new Response(fixture('rss.xml'), {
        headers: {
          'content-type': 'application/rss+xml',
          etag: '"v1"',
          'last-modified': 'Tue, 20 Aug 2024 12:00:00 GMT',
        },
      });
    }
    if (url === 'https://kyiv-wire.example/2024/08/20/kursk-1263')
      return new Response(fixture('page.html'), { headers: { 'content-type': 'text/html; charset=utf-8' } });
    return new Response('boom', { status: 500 });
  }) as typeof fetch;
  return { impl, requests };
}

function deps(
  impl: typeof fetch,
  publisher = recordingPublisher(),
): PollDeps & { publisher: ReturnType<typeof recordingPublisher> } {
  return {
    publisher,
    log: quietLog,
    policy: { allowPrivate: false, fetchImpl: impl, lookup: async () => ['93.184.216.34'] },
    limits: {
      feedTimeoutMs: 1000,
      pageTimeoutMs: 1000,
      maxFeedBytes: 1_000_000,
      maxPageBytes: 1_000_000,
      pageConcurrency: 2,
    },
    now: () => new Date('2024-09-01T00:00:00Z'),
    signal: new AbortController().signal,
  };
}

describe('pollFeed', () => {
  it('publishes new items with page text or the feed text, then sends validators and publishes nothing on 304', async () => {
    const web = fakeWeb();
    const d = deps(web.impl);
    const state: FeedState = { seen: createSeenIds() };
    const first = await pollFeed(FEED, state, d);
    expect(first).toEqual({ url: FEED, status: 'fetched', published: 3, deadLettered: 0 });
    const [batch] = d.publisher.published;
    expect(batch?.channel).toBe('feed');
    const [page, fallback, noLink] = batch?.articles ?? [];
    expect(page).toMatchObject({
      id: '12345',
      source: 'Kyiv Wire & Friends',
      published_at: '2024-08-20T11:05:00.000Z',
    });
    expect(page?.text).toMatch(/^Ukraine's commander-in-chief Oleksandr Syrskyi/);
    expect(fallback?.text).toBe(
      'Longer encoded content: Ukraine said its forces held 93 settlements in the Kursk region.',
    );
    expect(noLink).toMatchObject({ url: '', text: 'Only a description.', published_at: '2024-09-01T00:00:00.000Z' });
    expect(state).toMatchObject({ etag: '"v1"', lastModified: 'Tue, 20 Aug 2024 12:00:00 GMT' });

    const second = await pollFeed(FEED, state, d);
    expect(second).toEqual({ url: FEED, status: 'not-modified', published: 0, deadLettered: 0 });
    expect(web.requests.at(-1)?.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Tue, 20 Aug 2024 12:00:00 GMT',
    });
    expect(d.publisher.published).toHaveLength(1);
  });

  it('does not re-publish items it has seen when the feed changes', async () => {
    const web = fakeWeb();
    const d = deps(web.impl);
    const state: FeedState = { seen: createSeenIds() };
    await pollFeed(FEED, state, d);
    state.etag = undefined; // the server no longer matches: a full fetch of the same items
    expect(await pollFeed(FEED, state, d)).toMatchObject({ status: 'fetched', published: 0 });
  });

  it('dead-letters items without any text, with the reason', async () => {
    const xml =
      '<rss><channel><title>T</title><item><guid>g1</guid><title>Empty</title><link>https://kyiv-wire.example/gone</link></item></channel></rss>';
    const impl = (async (input: string | URL | Request) =>
      String(input) === FEED ? new Response(xml) : new Response('gone', { status: 410 })) as typeof fetch;
    const d = deps(impl);
    expect(await pollFeed(FEED, { seen: createSeenIds() }, d)).toMatchObject({ published: 0, deadLettered: 1 });
    expect(d.publisher.letters[0]).toMatchObject({
      source: 'ingest:feed',
      location: `${FEED}#g1`,
      problems: ['item has no text', 'page answered HTTP 410'],
    });
  });

  it('throws on a feed error and remembers nothing, so the next poll retries', async () => {
    const impl = (async () => new Response('down', { status: 503 })) as typeof fetch;
    const state: FeedState = { seen: createSeenIds() };
    await expect(pollFeed(FEED, state, deps(impl))).rejects.toThrow(/HTTP 503/);
    expect(state.seen.size).toBe(0);
  });
});
