import type { Analysis } from './activities.ts';
import type { ArticleDeadLetter, ProcessArticleInput, ProcessArticleResult } from './messages.ts';
import type { SeriesEvents } from '../../domain/tally/plan.ts';

/**
 * Pure: the dead-letter records of a processed batch, in article order: each article refused (by the extractor or by
 * Kafka, from `refusedByPublish` by index) and each article whose claims were cut at the per-article cap.
 */
export function articleDeadLetters(
  items: readonly ProcessArticleInput[],
  analyses: readonly Analysis[],
  refusedByPublish: ReadonlyMap<number, string>,
): ArticleDeadLetter[] {
  const letters: ArticleDeadLetter[] = [];
  items.forEach((item, i) => {
    const analysis = analyses[i] as Analysis;
    const base = {
      articleId: item.article.id,
      canonicalId: item.canonicalId,
      source: item.article.source,
      url: item.article.url,
      ...(item.raw && { raw: item.raw }),
    };
    const refused = analysis.refused ?? refusedByPublish.get(i);
    if (refused !== undefined) letters.push({ kind: 'refused', reason: refused, ...base });
    else if (analysis.claimsFound !== undefined) {
      const reason = `claim cap: the extractor found ${analysis.claimsFound} claims, ${analysis.claims.length} kept (the article is flagged)`;
      letters.push({ kind: 'claim-cap', reason, ...base });
    }
  });
  return letters;
}

/** Pure: what processArticle reports for one article; a dead-lettered one counts no claims and feeds no series. */
export function resultOf(
  item: ProcessArticleInput,
  analysis: Analysis,
  plan: readonly SeriesEvents[],
  publishRefusal: string | undefined,
): ProcessArticleResult {
  const { decision, claims, extractorVersion } = analysis;
  const deadLettered = analysis.refused ?? publishRefusal;
  return {
    articleId: item.article.id,
    duplicateOf: decision.duplicateOf,
    reason: decision.reason,
    similarity: decision.similarity,
    claims: deadLettered === undefined && decision.duplicateOf === null ? claims.length : 0,
    series: plan.map((p) => p.seriesId),
    extractorVersion,
    ...(deadLettered !== undefined && { deadLettered }),
    ...(analysis.claimsFound !== undefined && { claimsFound: analysis.claimsFound }),
  };
}
