import type { Article } from '../../../../schemas/article.ts';
import type { Logger } from '../../../platform/logger.ts';
import { ClaimwatchError, UnavailableError } from '../../../platform/errors.ts';
import type { ArticlePublisher, DeadLetterInput } from '../publisher.ts';
import { articleProblems } from '../article-checks.ts';
import { feedArticle, feedSource, itemId, itemUrl } from './feed-article.ts';
import { parseFeed, type FeedItem } from './parse-feed.ts';
import { htmlToText, pageText } from './page-text.ts';
import { guardedGet, readCapped, type FetchPolicy } from '../../../platform/net/safe-fetch.ts';
import type { SeenIds } from './seen-ids.ts';

/** What the poller remembers per feed between polls. */
export interface FeedState {
  etag?: string;
  lastModified?: string;
  seen: SeenIds;
}

/** The outcome of one poll of one feed. */
export interface PollResult {
  url: string;
  status: 'not-modified' | 'fetched';
  published: number;
  deadLettered: number;
}

/** Fetch limits of the poller: per request timeouts and body caps. */
export interface FeedLimits {
  feedTimeoutMs: number;
  pageTimeoutMs: number;
  maxFeedBytes: number;
  maxPageBytes: number;
  pageConcurrency: number;
}

export interface PollDeps {
  publisher: ArticlePublisher;
  log: Logger;
  policy: Omit<FetchPolicy, 'timeoutMs' | 'maxBytes'>;
  limits: FeedLimits;
  now: () => Date;
  /** Aborted when the poller stops: in-flight requests end at once. */
  signal: AbortSignal;
}

type Built = { id: string; item: FeedItem; article: Article } | { id: string; item: FeedItem; problems: string[] };

const USER_AGENT = 'claimwatch-feed-poller/0.1';

async function fetchPageText(
  url: string,
  deps: PollDeps,
): Promise<{ title: string; text: string } | { error: string }> {
  try {
    const signal = AbortSignal.any([deps.signal, AbortSignal.timeout(deps.limits.pageTimeoutMs)]);
    const { response, url: finalUrl } = await guardedGet(
      url,
      { ...deps.policy, timeoutMs: deps.limits.pageTimeoutMs, maxBytes: deps.limits.maxPageBytes },
      { signal, headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml' } },
    );
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { error: `page answered HTTP ${response.status}` };
    }
    const type = response.headers.get('content-type') ?? 'text/html';
    if (!/html/i.test(type)) {
      await response.body?.cancel().catch(() => undefined);
      return { error: `page is ${type}, not HTML` };
    }
    return (
      pageText(await readCapped(response, deps.limits.maxPageBytes), finalUrl) ?? {
        error: 'readability found no article text',
      }
    );
  } catch (err) {
    return { error: `page fetch failed: ${(err as Error).message}` };
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return out;
}

/**
 * Polls one feed once: conditional GET, parse, fetch each new item's page (falling back to the
 * feed's own text), publish new articles and dead-letter items without text. Remembers seen ids
 * and validators only after Kafka took everything, so a failed poll is retried whole. Throws
 * on HTTP errors, unparseable feeds, refused URLs and Kafka failures; the poller logs them.
 */
export async function pollFeed(url: string, state: FeedState, deps: PollDeps): Promise<PollResult> {
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (state.etag) headers['if-none-match'] = state.etag;
  if (state.lastModified) headers['if-modified-since'] = state.lastModified;
  const signal = AbortSignal.any([deps.signal, AbortSignal.timeout(deps.limits.feedTimeoutMs)]);
  const { response } = await guardedGet(
    url,
    { ...deps.policy, timeoutMs: deps.limits.feedTimeoutMs, maxBytes: deps.limits.maxFeedBytes },
    { signal, headers },
  );
  if (response.status === 304) {
    await response.body?.cancel().catch(() => undefined);
    return { url, status: 'not-modified', published: 0, deadLettered: 0 };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const message = `feed answered HTTP ${response.status}`;
    throw response.status >= 500 || response.status === 429
      ? new UnavailableError(message)
      : new ClaimwatchError('FEED_HTTP', message, { retriable: false });
  }
  const doc = parseFeed(await readCapped(response, deps.limits.maxFeedBytes));
  const source = feedSource(doc, url);
  const fresh: Array<{ id: string; item: FeedItem }> = [];
  const taken = new Set<string>();
  for (const item of doc.items) {
    const id = itemId(item, url);
    if (state.seen.has(id)) state.seen.touch(id);
    else if (!taken.has(id)) {
      taken.add(id);
      fresh.push({ id, item });
    }
  }

  const now = deps.now();
  const built = await mapLimit(fresh, deps.limits.pageConcurrency, async ({ id, item }): Promise<Built> => {
    const link = itemUrl(item, url);
    const page = link ? await fetchPageText(link, deps) : { error: 'item has no http(s) link' };
    if ('error' in page) deps.log.debug({ feed: url, item: id, reason: page.error }, 'using the feed text for an item');
    // The page wins unless Readability found less than the feed itself carries.
    const fallback = htmlToText(item.body);
    const text = 'text' in page && page.text.length >= fallback.length ? page.text : fallback;
    if (text === '')
      return { id, item, problems: ['item has no text', 'error' in page ? page.error : 'page text is empty'] };
    const result = feedArticle({
      item,
      feedUrl: url,
      source,
      text,
      pageTitle: 'title' in page ? page.title : undefined,
      now,
    });
    if (!result.ok) return { id, item, problems: result.problems };
    const problems = articleProblems(result.article);
    return problems.length === 0 ? { id, item, article: result.article } : { id, item, problems };
  });
  const articles: Article[] = built.flatMap((b) => ('article' in b ? [b.article] : []));
  const letters: DeadLetterInput[] = built.flatMap((b) =>
    'problems' in b
      ? [
          {
            reason: `feed item unusable: ${b.problems.join('; ')}`,
            problems: b.problems,
            source: 'ingest:feed',
            location: `${url}#${b.id}`,
            payload: JSON.stringify(b.item),
          },
        ]
      : [],
  );

  if (articles.length > 0) await deps.publisher.publish(articles, 'feed');
  await deps.publisher.deadLetter(letters);
  for (const { id } of fresh) state.seen.touch(id);
  state.etag = response.headers.get('etag') ?? undefined;
  state.lastModified = response.headers.get('last-modified') ?? undefined;
  return { url, status: 'fetched', published: articles.length, deadLettered: letters.length };
}
