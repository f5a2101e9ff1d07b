import type { Claim } from '../../../schemas/claim.ts';
import type { ArticleRef, TallySummary } from '../../../schemas/tally.ts';
import type { ClaimView, DeadLetterRecord, TallyListing } from './read-model.ts';

// Rows as SQLite returns them, and the pure mappings between them and the read model's types.
// JSON columns are only ever written by this module, so reading them back trusts their shape.

export interface ClaimRow {
  id: string;
  topic: string;
  series_id: string;
  article_id: string;
  source: string;
  url: string;
  as_of: string;
  reported_at: string;
  value: number;
  unit: string;
  qualifier: string;
  kind: string;
  json: string;
}

export interface SeriesRow {
  series_id: string;
  topic: string;
  state_json: string;
  summary_json: string;
  version: number;
  updated_at: string;
}

export interface DeadLetterRow {
  id: string;
  occurred_at: string;
  source: string;
  reason: string;
  problems_json: string;
  location: string | null;
  payload_preview: string;
}

/** The row of one standing claim of an article. Called by the SQLite read model after each fold. */
export function claimRowOf(
  claim: Claim,
  seriesIdOfClaim: string,
  article: Pick<ArticleRef, 'source' | 'url'>,
  reportedAt: string,
): ClaimRow {
  return {
    id: claim.id,
    topic: claim.topic,
    series_id: seriesIdOfClaim,
    article_id: claim.articleId,
    source: article.source,
    url: article.url,
    as_of: claim.asOf,
    reported_at: reportedAt,
    value: claim.quantity.value,
    unit: claim.quantity.unit,
    qualifier: claim.quantity.qualifier,
    kind: claim.kind,
    json: JSON.stringify(claim),
  };
}

/** What `listClaims` returns for a row. */
export function claimViewOf(row: ClaimRow): ClaimView {
  return {
    seriesId: row.series_id,
    source: row.source,
    url: row.url,
    reportedAt: row.reported_at,
    claim: JSON.parse(row.json) as Claim,
  };
}

/** What `listTallies` and `getSeries` return for a row. */
export function tallyListingOf(row: Pick<SeriesRow, 'summary_json' | 'updated_at'>): TallyListing {
  return { summary: JSON.parse(row.summary_json) as TallySummary, updatedAt: row.updated_at };
}

/** A stored dead letter back in the read model's shape. */
export function deadLetterOf(row: DeadLetterRow): DeadLetterRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    source: row.source,
    reason: row.reason,
    problems: JSON.parse(row.problems_json) as string[],
    location: row.location,
    payloadPreview: row.payload_preview,
  };
}

/** The later of two ISO timestamps (offsets allowed); either may be undefined. */
export function laterOf(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
