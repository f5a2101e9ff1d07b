import { describeIssues } from '../../../schemas/problems.ts';
import { ArticleSchema, type Article } from '../../../schemas/article.ts';

/** Every problem of one article in a pushed body; `index` is its position in the batch (0 for a single article). */
export interface ArticleProblems {
  index: number;
  problems: string[];
}

/** A pushed body after validation: all articles, or every problem of every bad one. */
export type PushedArticles =
  { ok: true; articles: Article[] } | { ok: false; error: string; problems: ArticleProblems[] };

/** Upper bound on articles in one push; a bigger batch should be split by the client. */
export const MAX_BATCH = 10_000;

function items(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (body !== null && typeof body === 'object' && !('id' in body) && 'articles' in body) {
    const { articles } = body as { articles: unknown };
    return Array.isArray(articles) ? articles : undefined;
  }
  return body !== null && typeof body === 'object' ? [body] : undefined;
}

/** Validates a `POST /api/articles` body: one article, an array, or `{articles: [...]}`. Pure; never throws. */
export function parsePushedArticles(body: unknown): PushedArticles {
  const list = items(body);
  if (list === undefined)
    return { ok: false, error: 'body must be an article, an array of articles or {"articles": [...]}', problems: [] };
  if (list.length === 0) return { ok: false, error: 'no articles in the body', problems: [] };
  if (list.length > MAX_BATCH) return { ok: false, error: `at most ${MAX_BATCH} articles per request`, problems: [] };
  const articles: Article[] = [];
  const problems: ArticleProblems[] = [];
  list.forEach((item, index) => {
    const parsed = ArticleSchema.safeParse(item);
    if (parsed.success) articles.push(parsed.data);
    else problems.push({ index, problems: describeIssues(parsed.error) });
  });
  if (problems.length > 0) {
    const n = problems.length;
    return {
      ok: false,
      error: `${n} of ${list.length} article${list.length === 1 ? '' : 's'} invalid; nothing was accepted`,
      problems,
    };
  }
  return { ok: true, articles };
}
