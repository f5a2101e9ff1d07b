import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { feedArticle, feedSource, itemId, itemUrl } from '../../../services/pipeline/ingest/feeds/feed-article.ts';
import { htmlToText, pageText } from '../../../services/pipeline/ingest/feeds/page-text.ts';
import { parseFeed } from '../../../services/pipeline/ingest/feeds/parse-feed.ts';
import { createSeenIds } from '../../../services/pipeline/ingest/feeds/seen-ids.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');
const FEED = 'https://kyiv-wire.example/feed.xml';

describe('parseFeed', () => {
  it('reads RSS 2.0: guid as a string, CDATA, relative links, pubDate with offset, dc:date, content:encoded', () => {
    const doc = parseFeed(fixture('rss.xml'));
    expect(doc.format).toBe('rss');
    expect(doc.title).toBe('Kyiv Wire & Friends');
    expect(doc.items).toHaveLength(3);
    const [first, second, third] = doc.items;
    expect(first).toMatchObject({
      guid: '12345',
      link: 'https://kyiv-wire.example/2024/08/20/kursk-1263',
      publishedAt: '2024-08-20T11:05:00.000Z',
    });
    expect(first?.body).toContain('<b>1,263</b>');
    expect(second).toMatchObject({
      guid: undefined,
      link: '/2024/08/21/relative',
      publishedAt: '2024-08-21T08:00:00.000Z',
    });
    expect(second?.body).toContain('Longer encoded content'); // the longer of description and content:encoded
    expect(third).toMatchObject({
      guid: undefined,
      link: undefined,
      publishedAt: undefined,
      body: 'Only a description.',
    });
  });

  it('reads Atom: alternate link, published before updated, html and xhtml content', () => {
    const doc = parseFeed(fixture('atom.xml'));
    expect(doc.format).toBe('atom');
    expect(doc.title).toBe('Maple Ledger');
    const [first, second] = doc.items;
    expect(first).toMatchObject({
      guid: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
      link: 'https://maple-ledger.example/2024/08/22/shells',
      publishedAt: '2024-08-22T08:00:00.000Z',
    });
    expect(first?.body).toBe('<p>North Korea has sent nearly 5 million shells, officials said.</p>');
    expect(second).toMatchObject({
      link: 'https://maple-ledger.example/2024/08/23/updated',
      publishedAt: '2024-08-23T09:00:00.000Z',
    });
    expect(second?.body).toContain('More than 6 million shells');
  });

  it('reads a single item as a list', () => {
    const doc = parseFeed(
      '<rss><channel><title>T</title><item><guid>007</guid><title>One</title></item></channel></rss>',
    );
    expect(doc.items).toEqual([{ guid: '007', link: undefined, title: 'One', publishedAt: undefined, body: '' }]);
  });

  it('refuses documents that are not feeds, and malformed XML', () => {
    expect(() => parseFeed('<html><body>hi</body></html>')).toThrow(/not a feed/);
    expect(() => parseFeed('<rss><channel><title>x</title></item></rss>')).toThrow(/XML/);
  });
});

describe('feed items to articles', () => {
  const rss = parseFeed(fixture('rss.xml'));
  const now = new Date('2024-09-01T00:00:00Z');

  it('ids from guid, else the resolved link, else a stable hash', () => {
    const [a, b, c] = rss.items;
    expect(itemId(a!, FEED)).toBe('12345');
    expect(itemUrl(b!, FEED)).toBe('https://kyiv-wire.example/2024/08/21/relative');
    expect(itemId(b!, FEED)).toBe('https://kyiv-wire.example/2024/08/21/relative');
    expect(itemId(c!, FEED)).toMatch(/^feed-/);
    expect(itemId(c!, FEED)).toBe(itemId(c!, FEED));
  });

  it('source is the feed title, else the host', () => {
    expect(feedSource({ title: ' Kyiv Wire ' }, FEED)).toBe('Kyiv Wire');
    expect(feedSource({ title: '' }, FEED)).toBe('kyiv-wire.example');
  });

  it('builds a valid Article; published_at falls back to now; html titles become text', () => {
    const [, , noDate] = rss.items;
    const built = feedArticle({ item: noDate!, feedUrl: FEED, source: 'Kyiv Wire', text: 'Only a description.', now });
    expect(built).toEqual({
      ok: true,
      article: expect.objectContaining({
        url: '',
        published_at: '2024-09-01T00:00:00.000Z',
        title: 'No date, no link',
      }),
    });
    const atom = parseFeed(fixture('atom.xml'));
    const shells = feedArticle({ item: atom.items[0]!, feedUrl: FEED, source: 'Maple Ledger', text: 'x', now });
    expect(shells.ok && shells.article.title).toBe('Shells: nearly 5 million');
  });

  it('reports every problem when an article cannot be built', () => {
    const built = feedArticle({ item: rss.items[0]!, feedUrl: FEED, source: '', text: 'x', now });
    expect(built).toEqual({ ok: false, problems: [expect.stringMatching(/^source:/)] });
  });
});

describe('page text', () => {
  it('extracts the article body with Readability, paragraphs separated, without running scripts', () => {
    const page = pageText(fixture('page.html'), 'https://kyiv-wire.example/2024/08/20/kursk-1263');
    expect(page?.title).toBe('Kursk: 1,263 km² under control');
    expect(page?.title).not.toContain('script ran');
    const paragraphs = page?.text.split('\n\n') ?? [];
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^Ukraine's commander-in-chief/);
    expect(page?.text).not.toContain('Home');
    expect(page?.text).not.toContain('© Kyiv Wire');
  });

  it('returns undefined when a page has no article', () => {
    expect(pageText('<html><body></body></html>', 'https://x.example/')).toBeUndefined();
  });

  it('turns description HTML into text and leaves plain text alone', () => {
    expect(htmlToText('<p>a &amp; b</p><p>c<br>d</p>')).toBe('a & b\n\nc\nd');
    expect(htmlToText('  plain  ')).toBe('plain');
  });
});

describe('seen ids', () => {
  it('forgets the least recently touched id beyond its limit', () => {
    const seen = createSeenIds(2);
    seen.touch('a');
    seen.touch('b');
    seen.touch('a'); // a is fresh again
    seen.touch('c');
    expect([seen.has('a'), seen.has('b'), seen.has('c'), seen.size]).toEqual([true, false, true, 2]);
  });
});
