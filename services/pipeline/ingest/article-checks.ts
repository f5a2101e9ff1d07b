import type { Article } from '../../../schemas/article.ts';
import { MAX_ARTICLE_TEXT_BYTES } from '../../../workflows/process-article/messages.ts';

/** A UTF-16 surrogate without its pair: JSON can carry it, UTF-8 cannot (SQLite would store invalid UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const FIELDS = ['id', 'url', 'source', 'title', 'text'] as const;

/**
 * Pure: what stops a schema-valid article from entering the pipeline, each problem a sentence naming the field and
 * the limit: a text over MAX_ARTICLE_TEXT_BYTES of UTF-8 (the limit is in bytes, so ~333 k CJK characters), a lone
 * surrogate in any field. Empty when the article may go. Every ingest channel calls it before publishing.
 */
export function articleProblems(article: Article): string[] {
  const problems: string[] = [];
  // Cheap bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
  if (article.text.length * 3 > MAX_ARTICLE_TEXT_BYTES) {
    const bytes = Buffer.byteLength(article.text, 'utf8');
    if (bytes > MAX_ARTICLE_TEXT_BYTES)
      problems.push(
        `text: ${bytes} UTF-8 bytes, at most ${MAX_ARTICLE_TEXT_BYTES} (${article.text.length} characters)`,
      );
  }
  for (const field of FIELDS) {
    const match = LONE_SURROGATE.exec(article[field]);
    if (match)
      problems.push(
        `${field}: lone UTF-16 surrogate U+${match[0].charCodeAt(0).toString(16).toUpperCase()} at character ${match.index}`,
      );
  }
  return problems;
}
