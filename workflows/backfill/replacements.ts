import type { Article } from '../../schemas/article.ts';
import type { Claim } from '../../schemas/claim.ts';
import type { SeriesKey, TallyEvent } from '../../schemas/tally.ts';
import { compareVersions } from '../../domain/tally/versions.ts';
import { EXTRACTOR_VERSION } from '../../domain/extract/index.ts';
import { seriesKeyFromId, topicOfSeries } from '../../domain/tally/series.ts';
import type { ArticleSeries } from '../../services/stores/dedup-index/dedup-index.ts';
import { isSameUrlReason, type DedupReason } from '../../domain/dedup/types.ts';
import { claimsBySeries, planTallyEvents, type SeriesEvents, type Superseded } from '../../domain/tally/plan.ts';

/**
 * The version a backfill stamps on the claims it re-extracts: the extractor's code version plus the
 * taxonomy's version. `evolve` lets a re-extraction supersede an article's claims only at a strictly newer
 * version, and a taxonomy edit changes what the same code extracts; so "0.1.0" (the live pipeline) <
 * "0.1.0+2024-1" < "0.1.0+2024-2" < "0.1.1". Bump the taxonomy's `version` when editing it.
 */
export function backfillExtractorVersion(taxonomy: { version: string }): string {
  return `${EXTRACTOR_VERSION}+${taxonomy.version}`;
}

/** One article of a batch after dedup and extraction, with the series it fed before (if recorded). */
export interface AnalysedArticle {
  article: Article;
  duplicateOf: string | null;
  /** Why dedup judged it a copy (null for an original). */
  reason: DedupReason;
  /** Claims as the extractor returned them (stamped with EXTRACTOR_VERSION). */
  claims: Claim[];
  previous: ArticleSeries | undefined;
  /** Set when this original, published earlier, took over its group from a former original (the index's decision). */
  superseded?: Superseded;
}

/** Tally events of a whole batch grouped by series (sorted by id), and the series each original now feeds. */
export interface BatchPlan {
  series: SeriesEvents[];
  records: Array<{ articleId: string } & ArticleSeries>;
  originals: number;
  copies: number;
  /** Re-deliveries (a copy with the same canonical URL, which the live pipeline never processes: one workflow
   * per canonical id) and originals whose claims a newer extractor version already replaced. */
  skipped: number;
}

const restamp = (claim: Claim, version: string): Claim => ({ ...claim, extractor: { ...claim.extractor, version } });

/**
 * Pure: what a backfill batch emits. Each original (not already replaced by a newer version) gets an
 * `ArticleClaimsReplaced` at `version` in every series it feeds now and an empty one in every series it fed
 * before but no longer does; copies are recorded in the series their text speaks to, as processArticle does,
 * except re-deliveries of one URL, which the live pipeline never processes either. An original that superseded its
 * group's former original records that one as its copy in the series it feeds now, as processArticle does.
 * With `topic`, only series of that claim topic are touched and the other recorded series are kept.
 */
export function planBatchEvents(items: readonly AnalysedArticle[], version: string, topic?: string): BatchPlan {
  const bySeries = new Map<string, { key: SeriesKey; events: TallyEvent[] }>();
  const add = (id: string, key: SeriesKey, events: TallyEvent[]) => {
    const entry = bySeries.get(id) ?? { key, events: [] };
    entry.events.push(...events);
    bySeries.set(id, entry);
  };
  const inScope = (id: string) => topic === undefined || topicOfSeries(id) === topic;
  const plan: BatchPlan = { series: [], records: [], originals: 0, copies: 0, skipped: 0 };

  for (const { article, duplicateOf, reason, claims, previous, superseded } of items) {
    const wanted = claims.filter((c) => topic === undefined || c.topic === topic);
    if (duplicateOf !== null && isSameUrlReason(reason)) {
      plan.skipped += 1;
      continue;
    }
    if (duplicateOf !== null) {
      plan.copies += 1;
      for (const s of planTallyEvents(article, wanted, duplicateOf)) add(s.seriesId, s.key, s.events);
      continue;
    }
    if (previous && compareVersions(previous.extractorVersion, version) > 0) {
      plan.skipped += 1;
      continue;
    }
    plan.originals += 1;
    const now = claimsBySeries(wanted.map((claim) => restamp(claim, version)));
    const ref = {
      articleId: article.id,
      source: article.source,
      url: article.url,
      publishedAt: article.published_at,
      extractorVersion: version,
    };
    // The former original of a group this one took over becomes its copy in the series it feeds, as processArticle
    // records it (planTallyEvents), with the outlet and URL the index kept.
    const moved = new Map(
      planTallyEvents(article, wanted, null, true, undefined, superseded).map((s) => [
        s.seriesId,
        s.events.filter((e) => e.type === 'ArticleCopyRecorded'),
      ]),
    );
    for (const [id, { key, claims: standing }] of now)
      add(id, key, [{ type: 'ArticleClaimsReplaced', data: { ...ref, claims: standing } }, ...(moved.get(id) ?? [])]);
    const before = previous?.seriesIds ?? [];
    for (const id of before) {
      const key = seriesKeyFromId(id);
      if (key && inScope(id) && !now.has(id))
        add(id, key, [{ type: 'ArticleClaimsReplaced', data: { ...ref, claims: [] } }]);
    }
    const kept = before.filter((id) => !inScope(id));
    const seriesIds = [...new Set([...kept, ...now.keys()])].sort(compareCodeUnits);
    if (seriesIds.length > 0 || before.length > 0)
      plan.records.push({ articleId: article.id, extractorVersion: version, seriesIds });
  }
  plan.series = [...bySeries.entries()]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([id, { key, events }]) => ({ seriesId: id, key, events }));
  return plan;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
