import { createHash } from 'node:crypto';
import { canonicalUrl } from '../dedup/url.ts';

/**
 * The id an article is keyed by on the raw topic and in its workflow id: derived from the
 * canonical URL (so re-deliveries with tracking parameters collapse), else from source + id.
 */
export function canonicalArticleId(article: { id: string; source: string; url: string }): string {
  const url = article.url ? canonicalUrl(article.url) : '';
  const basis = url !== '' ? `url\u0000${url}` : `id\u0000${article.source}\u0000${article.id}`;
  return `a-${createHash('sha256').update(basis).digest('hex').slice(0, 24)}`;
}
