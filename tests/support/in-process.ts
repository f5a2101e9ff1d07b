import type { Article } from '../../schemas/article.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import type { TallyState } from '../../schemas/tally.ts';
import { fingerprint } from '../../domain/dedup/fingerprint.ts';
import { extractClaims } from '../../domain/extract/index.ts';
import { evolve, initialTally } from '../../domain/tally/index.ts';
import { createSqliteDedupIndex } from '../../services/stores/dedup-index/sqlite-dedup-index.ts';
import { planTallyEvents } from '../../domain/tally/plan.ts';
import { canonicalArticleId } from '../../domain/ingest/canonical-id.ts';

/**
 * The pipeline's domain loop with no Kafka and no Temporal: dedup → extract → plan → fold, in
 * arrival order. Tests compare the live tallies with it; benchmarks use it as the in-process limit.
 */
export async function foldInProcess(
  articles: Iterable<Article>,
  taxonomy: Taxonomy,
  options: { indexPath?: string } = {},
) {
  const index = createSqliteDedupIndex({ path: options.indexPath ?? ':memory:' });
  const tallies = new Map<string, TallyState>();
  let duplicates = 0;
  let claims = 0;
  let redeliveries = 0;
  // The live pipeline starts one workflow per canonical id, so a re-delivery is never processed.
  const started = new Set<string>();
  try {
    for (const article of articles) {
      const canonicalId = canonicalArticleId(article);
      if (started.has(canonicalId)) {
        redeliveries += 1;
        continue;
      }
      started.add(canonicalId);
      const decision = await index.checkAndInsert(fingerprint(article));
      const extracted = extractClaims(article, taxonomy);
      if (decision.duplicateOf !== null) duplicates += 1;
      else claims += extracted.length;
      for (const series of planTallyEvents(article, extracted, decision.duplicateOf, true, undefined, decision)) {
        let state = tallies.get(series.seriesId) ?? initialTally(series.seriesId, series.key);
        for (const event of series.events) state = evolve(state, event);
        tallies.set(series.seriesId, state);
      }
    }
  } finally {
    await index.close();
  }
  return { tallies, duplicates, claims, redeliveries };
}
