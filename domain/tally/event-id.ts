import { createHash } from 'node:crypto';
import type { TallyEvent } from '../../schemas/tally.ts';

/** sha256 of the parts, 22 base64url characters (the envelopes' `stableId`, kept here so the domain owns the id). */
const hashId = (...parts: string[]): string =>
  createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

/**
 * The idempotency key of a tally event in one series: the same fact always yields the same
 * message id. Copies and replacements go to every series an article feeds, so the series is part of it.
 * Apart from plan.ts because hashing needs node:crypto, which the workflow sandbox that plans may not load.
 */
export function tallyEventId(seriesId: string, event: TallyEvent): string {
  switch (event.type) {
    case 'ClaimReported':
      return hashId('claim', event.data.claim.id);
    case 'ArticleCopyRecorded':
      return hashId('copy', seriesId, event.data.articleId, event.data.canonicalArticleId);
    case 'ArticleClaimsReplaced':
      return hashId(
        'replace',
        seriesId,
        event.data.articleId,
        event.data.extractorVersion,
        ...event.data.claims.map((c) => c.id),
      );
    default: {
      const never: never = event;
      return never;
    }
  }
}
