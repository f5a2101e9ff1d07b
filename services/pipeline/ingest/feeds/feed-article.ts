import { ArticleSchema, type Article } from '../../../../schemas/article.ts';
import { describeIssues } from '../../../../schemas/problems.ts';
import { stableId } from '../../../platform/bus/envelopes.ts';
import type { FeedDocument, FeedItem } from './parse-feed.ts';
import { htmlToText } from './page-text.ts';

/** The item's link resolved against the feed URL when it is http(s), else undefined. Pure. */
export function itemUrl(item: FeedItem, feedUrl: string): string | undefined {
  if (item.link === undefined) return undefined;
  try {
    const url = new URL(item.link, feedUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The id an item is remembered and published by: guid, else link, else a hash of title and date. Pure. */
export function itemId(item: FeedItem, feedUrl: string): string {
  const id =
    item.guid ??
    itemUrl(item, feedUrl) ??
    `feed-${stableId(feedUrl, item.title, item.publishedAt ?? '', item.body.slice(0, 500))}`;
  // Article ids are at most 512 characters; a longer guid keeps a recognisable head.
  return id.length <= 512 ? id : `${id.slice(0, 480)}#${stableId(id)}`;
}

/** The article source for a feed: its title, else the feed's host name. Pure. */
export function feedSource(doc: Pick<FeedDocument, 'title'>, feedUrl: string): string {
  const title = doc.title.trim();
  return (title !== '' ? title : new URL(feedUrl).hostname).slice(0, 256);
}

/** Builds the Article of a feed item with its extracted text; `published_at` falls back to `now`. Pure; returns every problem on failure. */
export function feedArticle(input: {
  item: FeedItem;
  feedUrl: string;
  source: string;
  text: string;
  pageTitle?: string;
  now: Date;
}): { ok: true; article: Article } | { ok: false; problems: string[] } {
  const { item, feedUrl } = input;
  const parsed = ArticleSchema.safeParse({
    id: itemId(item, feedUrl),
    url: itemUrl(item, feedUrl) ?? '',
    source: input.source,
    published_at: item.publishedAt ?? input.now.toISOString(),
    // Atom titles may be type="html"; RSS titles often carry entities.
    title: (htmlToText(item.title) || input.pageTitle || '').slice(0, 4096),
    text: input.text,
  });
  return parsed.success ? { ok: true, article: parsed.data } : { ok: false, problems: describeIssues(parsed.error) };
}
