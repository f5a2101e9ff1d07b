import type { Article } from '../../schemas/article.ts';
import type { Claim } from '../../schemas/claim.ts';
import type { SeriesKey, TallyEvent } from '../../schemas/tally.ts';
import { isSameUrlReason, type Decision } from '../dedup/types.ts';
import { seriesId, seriesKeyOf } from './series.ts';

// How a claim becomes tally events: an analysed article's claims grouped by series, as the events each series'
// fold receives. Used by processArticle (in its workflow sandbox: no Node here), by backfill and by the in-process
// oracle. The events' message ids are in event-id.ts.

/** Tally events for one series, ready to publish and deliver. */
export interface SeriesEvents {
  seriesId: string;
  key: SeriesKey;
  events: TallyEvent[];
}

/** Pure: claims grouped by their series id (in the claims' order within a series; series in first-seen order). */
export function claimsBySeries(claims: readonly Claim[]): Map<string, { key: SeriesKey; claims: Claim[] }> {
  const bySeries = new Map<string, { key: SeriesKey; claims: Claim[] }>();
  for (const claim of claims) {
    const key = seriesKeyOf(claim);
    const id = seriesId(key);
    const entry = bySeries.get(id) ?? { key, claims: [] };
    entry.claims.push(claim);
    bySeries.set(id, entry);
  }
  return bySeries;
}

/** The group's former original an earlier publication took over from (`Decision.supersedes`), with its outlet and URL. */
export type Superseded = Pick<Decision, 'supersedes' | 'supersedesRef'>;

/**
 * Pure: the tally events an article produces, grouped by series. An original reports its claims;
 * a syndicated copy reports none and is recorded as a further copy of its canonical article in
 * each series its text speaks to. An original that `supersedes` its group's former original (published earlier,
 * arrived later) also records the former one as its copy there, with the outlet and URL the index kept for it, so the
 * copy links agree with the fold's original.
 */
export function planTallyEvents(
  article: Article,
  claims: readonly Claim[],
  duplicateOf: string | null,
  withPublishedAt = true,
  receivedAt?: string,
  superseded: Superseded = {},
): SeriesEvents[] {
  const { supersedes, supersedesRef } = superseded;
  const bySeries = claimsBySeries(claims);
  // When the article says it was published, the fold credits the earliest-published outlet of a copy group as the
  // original, whatever order the copies were processed in (issue #16).
  const ref = {
    source: article.source,
    url: article.url,
    ...(withPublishedAt && article.published_at !== '' && { publishedAt: article.published_at }),
    ...(receivedAt !== undefined && { receivedAt }),
  };
  return [...bySeries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, { key, claims: seriesClaims }]) => {
      const events: TallyEvent[] =
        duplicateOf === null
          ? seriesClaims.map((claim) => ({ type: 'ClaimReported', data: { claim, ...ref, copyOf: null } }))
          : [{ type: 'ArticleCopyRecorded', data: { articleId: article.id, ...ref, canonicalArticleId: duplicateOf } }];
      // The former original, now a copy of this one; its outlet and URL as the index kept them (empty strings from an
      // index built before it kept them: the fold's merge then keeps what its own reports said).
      if (duplicateOf === null && supersedes !== undefined && supersedes !== article.id) {
        const former = { source: supersedesRef?.source ?? '', url: supersedesRef?.url ?? '' };
        events.push({
          type: 'ArticleCopyRecorded',
          data: { articleId: supersedes, ...former, canonicalArticleId: article.id },
        });
      }
      return { seriesId: id, key, events };
    });
}

/**
 * Pure: the plans of a micro-batch's articles as one plan with one entry per series (events in article order),
 * so a batch signals each series' tally workflow once instead of once per article.
 */
export function mergePlans(plans: readonly SeriesEvents[][]): SeriesEvents[] {
  const bySeries = new Map<string, SeriesEvents>();
  for (const plan of plans) {
    for (const series of plan) {
      const entry = bySeries.get(series.seriesId);
      if (entry) entry.events.push(...series.events);
      else bySeries.set(series.seriesId, { seriesId: series.seriesId, key: series.key, events: [...series.events] });
    }
  }
  return [...bySeries.values()].sort((a, b) => (a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : 0));
}

/**
 * Pure: the tally events of an analysed article. Same canonical URL means same canonical id: a re-delivery,
 * which changes nothing. One workflow per canonical id absorbs most of them by workflow id; the index catches
 * the rest (reason 'same-url'; 'url' in analyses recorded before issue 16, which replays still read) — a batch beside a per-article workflow, or a re-delivery after workflow retention.
 */
export function planAnalysed(
  article: Article,
  analysis: { decision: Decision; claims: readonly Claim[] },
  withPublishedAt = true,
  receivedAt?: string,
): SeriesEvents[] {
  if (isSameUrlReason(analysis.decision.reason)) return [];
  const { duplicateOf } = analysis.decision;
  return planTallyEvents(article, analysis.claims, duplicateOf, withPublishedAt, receivedAt, analysis.decision);
}
