import type { Claim } from '../../schemas/claim.ts';
import { seriesId, seriesKeyOf } from './series.ts';
import type { ArticleClaimsReplaced, ArticleCopyRecorded, ClaimReported, TallyEvent, TallyState } from '../../schemas/tally.ts';
import { evolve } from './evolve.ts';

/** A command the tally cannot accept; `name` is stable so callers compare it across the workflow sandbox. */
export class TallyCommandError extends Error {
  override name = 'TallyCommandError';
}

/** Keeps the events that would change the state; the dropped ones are exact no-ops, so live and rebuilt folds stay equal. */
function effective<E extends TallyEvent>(state: TallyState, events: E[]): E[] {
  const kept: E[] = [];
  let current = state;
  for (const event of events) {
    const next = evolve(current, event);
    if (next !== current) kept.push(event);
    current = next;
  }
  return kept;
}

function assertInSeries(state: TallyState, claims: readonly Claim[], articleId?: string): void {
  for (const claim of claims) {
    if (seriesId(seriesKeyOf(claim)) !== state.seriesId) {
      throw new TallyCommandError(`claim ${claim.id} belongs to ${seriesId(seriesKeyOf(claim))}, not ${state.seriesId}`);
    }
    if (articleId !== undefined && claim.articleId !== articleId) {
      throw new TallyCommandError(`claim ${claim.id} is from article ${claim.articleId}, not ${articleId}`);
    }
  }
}

/**
 * Events for newly reported claims of one article, leaving out any already folded (signals arrive at least once).
 * Called by the tally workflow's signal handler. Throws TallyCommandError for a claim of another series.
 */
export function reportClaims(
  state: TallyState,
  claims: readonly Claim[],
  article: { source: string; url: string; copyOf: string | null },
): ClaimReported[] {
  assertInSeries(state, claims);
  return effective(state, claims.map((claim): ClaimReported => ({ type: 'ClaimReported', data: { claim, ...article } })));
}

/** The event recording a syndicated copy, or none if already recorded. Called by the tally workflow. */
export function recordCopy(state: TallyState, copy: ArticleCopyRecorded['data']): ArticleCopyRecorded[] {
  return effective(state, [{ type: 'ArticleCopyRecorded', data: copy }]);
}

/**
 * The event replacing an article's claims after re-extraction, or none if already applied.
 * Throws TallyCommandError when a claim is of another series or article, or of another extractor version.
 */
export function replaceArticleClaims(state: TallyState, data: ArticleClaimsReplaced['data']): ArticleClaimsReplaced[] {
  assertInSeries(state, data.claims, data.articleId);
  const wrong = data.claims.find((c) => c.extractor.version !== data.extractorVersion);
  if (wrong) throw new TallyCommandError(`claim ${wrong.id} is from extractor ${wrong.extractor.version}, not ${data.extractorVersion}`);
  return effective(state, [{ type: 'ArticleClaimsReplaced', data }]);
}
