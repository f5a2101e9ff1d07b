import type { Claim } from '../../schemas/claim.ts';
import { seriesId } from './series.ts';
import type { ArticleEntry, CopyEntry, SeriesKey, TallyEvent, TallyState } from '../../schemas/tally.ts';
import { compareText, findSorted, identity, lowerBound, upsertSorted } from './sorted.ts';
import { compareVersions } from './versions.ts';

/*
 * The fold is a join-semilattice, which is what makes live (workflow) and rebuilt (projector) tallies equal:
 * - `seen` is a grow-only set of fact keys (a claim at an extractor version, a re-extraction, a copy);
 *   an event whose facts are all seen returns the very same state object (idempotence), and
 *   `version = seen.length` counts distinct facts, not deliveries, so it is independent of order and retries;
 * - per article: the newest extractor version seen wins; at that version the claims are the union reported;
 * - copies: a set keyed by the copy's article id;
 * - every array is kept sorted by code-unit order and text fields merge by a commutative rule, so the same
 *   set of events gives deep-equal state in any order. Claims are stored as given, so for byte-equal JSON
 *   parse events with `TallyEventSchema` at the boundary (zod emits keys in schema order).
 * - Contract violations (one claim id at one version with two contents) keep the first seen: order-dependent.
 * Size: O(distinct facts) — every standing claim in full (§5 keeps every report and its evidence), plus one
 * key per claim×version and per copy ever seen. Superseded claims are dropped; only their keys stay.
 * Evolve never throws: a throw inside workflow code would fail the task forever. Claims that do not belong
 * to this series or article, or whose version disagrees with their re-extraction, are ignored here (the
 * series workflow's signal path folds every delivered event with this function; nothing rejects them earlier).
 */

/** Empty tally of one series. Called by the entity workflow on first start and by the projector for a new series. */
export function initialTally(id: string, key: SeriesKey): TallyState {
  return { seriesId: id, key, version: 0, seen: [], articles: [], copies: [] };
}

/** The fact key of a claim at an extractor version (an entry of `TallyState.seen`). */
export const claimFact = (claimId: string, version: string): string => JSON.stringify(['claim', claimId, version]);
/** The fact key of a re-extraction of an article at an extractor version. */
export const replacedFact = (articleId: string, version: string): string =>
  JSON.stringify(['replaced', articleId, version]);
/** The fact key of a copy link. */
export const copyFact = (articleId: string, canonical: string): string =>
  JSON.stringify(['copy', articleId, canonical]);

const byArticle = (a: { articleId: string }): string => a.articleId;
const byId = (c: Claim): string => c.id;

/** Commutative choice between two values of one field: a non-empty value over an empty one, else the smaller. */
function merged(a: string, b: string): string {
  if (a === '' || b === '') return a === '' ? b : a;
  return compareText(a, b) <= 0 ? a : b;
}

/** True when a claim is of this series and of `articleId`: the fold ignores any other. */
export function belongs(state: TallyState, claim: Claim, articleId: string): boolean {
  const { topic, actor, counterpart, item, place } = claim;
  return claim.articleId === articleId && seriesId({ topic, actor, counterpart, item, place }) === state.seriesId;
}

/** The earlier of two publication times, either possibly unknown: commutative, so arrival order never matters. */
function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return Date.parse(a) < Date.parse(b) || (Date.parse(a) === Date.parse(b) && compareText(a, b) <= 0) ? a : b;
}

/** `{ publishedAt }` when known, else nothing: a key holding undefined would make equal states unequal JSON. */
const publishedAtOf = (at: string | undefined): { publishedAt?: string } =>
  at === undefined ? {} : { publishedAt: at };
/** `{ receivedAt }` when known, else nothing (as publishedAtOf). */
const receivedAtOf = (at: string | undefined): { receivedAt?: string } => (at === undefined ? {} : { receivedAt: at });

function withClaims(entry: ArticleEntry | undefined, ref: Omit<ArticleEntry, 'claims'>, claims: Claim[]): ArticleEntry {
  const base: ArticleEntry = {
    articleId: ref.articleId,
    source: entry ? merged(entry.source, ref.source) : ref.source,
    url: entry ? merged(entry.url, ref.url) : ref.url,
    ...publishedAtOf(earliest(entry?.publishedAt, ref.publishedAt)),
    ...receivedAtOf(earliest(entry?.receivedAt, ref.receivedAt)),
    extractorVersion: entry ? entry.extractorVersion : ref.extractorVersion,
    claims: entry ? entry.claims : [],
  };
  const order = compareVersions(ref.extractorVersion, base.extractorVersion);
  if (order < 0) return base;
  let standing = order > 0 ? [] : base.claims;
  for (const claim of claims) if (!findSorted(standing, claim.id, byId)) standing = upsertSorted(standing, claim, byId);
  return { ...base, extractorVersion: order > 0 ? ref.extractorVersion : base.extractorVersion, claims: standing };
}

function withCopy(copies: CopyEntry[], copy: CopyEntry): CopyEntry[] {
  const existing = findSorted(copies, copy.articleId, byArticle);
  // Built field by field so the key order (and so the JSON bytes) never depends on which event came first.
  const next: CopyEntry = {
    articleId: copy.articleId,
    canonicalArticleId: existing
      ? merged(existing.canonicalArticleId, copy.canonicalArticleId)
      : copy.canonicalArticleId,
    source: existing ? merged(existing.source, copy.source) : copy.source,
    url: existing ? merged(existing.url, copy.url) : copy.url,
    ...publishedAtOf(earliest(existing?.publishedAt, copy.publishedAt)),
    ...receivedAtOf(earliest(existing?.receivedAt, copy.receivedAt)),
  };
  return upsertSorted(copies, next, byArticle);
}

function withSeen(seen: string[], facts: string[]): string[] {
  let next = seen;
  for (const fact of facts)
    if (findSorted(next, fact, identity) === undefined) next = upsertSorted(next, fact, identity);
  return next;
}

/** Facts an event asserts, and how to apply it when at least one of them is new. */
function plan(state: TallyState, event: TallyEvent): { facts: string[]; apply: (s: TallyState) => TallyState } {
  switch (event.type) {
    case 'ClaimReported': {
      const { claim, source, url, copyOf, publishedAt, receivedAt } = event.data;
      if (!belongs(state, claim, claim.articleId)) return { facts: [], apply: (s) => s };
      const copy = copyOf !== null && copyOf !== claim.articleId ? copyOf : null;
      const times = { ...publishedAtOf(publishedAt), ...receivedAtOf(receivedAt) };
      const ref = { articleId: claim.articleId, source, url, ...times, extractorVersion: claim.extractor.version };
      return {
        facts: [claimFact(claim.id, claim.extractor.version), ...(copy ? [copyFact(claim.articleId, copy)] : [])],
        apply: (s) => ({
          ...s,
          articles: upsertSorted(
            s.articles,
            withClaims(findSorted(s.articles, ref.articleId, byArticle), ref, [claim]),
            byArticle,
          ),
          copies: copy
            ? withCopy(s.copies, { articleId: claim.articleId, canonicalArticleId: copy, source, url, ...times })
            : s.copies,
        }),
      };
    }
    case 'ArticleCopyRecorded': {
      const copy = event.data;
      if (copy.articleId === copy.canonicalArticleId) return { facts: [], apply: (s) => s };
      return {
        facts: [copyFact(copy.articleId, copy.canonicalArticleId)],
        apply: (s) => ({ ...s, copies: withCopy(s.copies, copy) }),
      };
    }
    case 'ArticleClaimsReplaced': {
      const { articleId, source, url, extractorVersion, publishedAt, receivedAt } = event.data;
      const claims = event.data.claims.filter(
        (c) => belongs(state, c, articleId) && c.extractor.version === extractorVersion,
      );
      const ref = {
        articleId,
        source,
        url,
        ...publishedAtOf(publishedAt),
        ...receivedAtOf(receivedAt),
        extractorVersion,
      };
      return {
        facts: [replacedFact(articleId, extractorVersion), ...claims.map((c) => claimFact(c.id, extractorVersion))],
        apply: (s) => ({
          ...s,
          articles: upsertSorted(
            s.articles,
            withClaims(findSorted(s.articles, articleId, byArticle), ref, claims),
            byArticle,
          ),
        }),
      };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/**
 * Folds one event into a series tally. Pure, total, idempotent and order-insensitive (see above).
 * Called by the tally entity workflow for each delivered event and by the projector when rebuilding. Never throws.
 */
export function evolve(state: TallyState, event: TallyEvent): TallyState {
  const { facts, apply } = plan(state, event);
  const fresh = facts.filter((f) => state.seen[lowerBound(state.seen, f, identity)] !== f);
  if (fresh.length === 0) return state;
  const seen = withSeen(state.seen, fresh);
  return { ...apply(state), seen, version: seen.length };
}
