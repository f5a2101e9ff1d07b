import type { BoundedTally, TallyEvent, TallyReport, TallyState } from '../../schemas/tally.ts';
import type { TallyRules } from '../../schemas/taxonomy.ts';
import {
  archivedVersionOf,
  createArchiveIndex,
  emptyArchive,
  withArchivedArticles,
  withArchivedReports,
  type ArchiveIndex,
} from './archive.ts';
import { dayNumber } from './dates.ts';
import { belongs, claimFact, copyFact, evolve, replacedFact } from './evolve.ts';
import { groupReports, groupsOf } from './reports.ts';
import { standsAsOf } from './scope.ts';
import { rulesFor } from './series-rules.ts';
import { findSorted, identity, upsertSorted } from './sorted.ts';
import { scopeOfReport } from './summarise.ts';
import { compareVersions } from './versions.ts';

/*
 * A series' bounded state (issue 20): `kept` is the fold's own state (evolve.ts) for the reports that can still change
 * the headline; `archive` aggregates the rest (archive.ts). `compactTally` moves a group of copies to the archive once
 * each of its reports is more than the topic's window older than the latest report of its unit and scope: such a report
 * can no longer be the latest, fall in the latest figure's window (conservative, highest, agreeing, disputes) or be the
 * latest period count, because those latest dates only grow. Headline views (bounded-headline.ts) equal `summarise`
 * over every event, in any arrival order and with redeliveries, with these documented exceptions, all about articles
 * already archived (the read model folds everything and has the exact reports):
 * - an archived article is final: a re-extraction or a new claim of it counts its new facts in `version` but changes no
 *   report, and a further copy of an archived group joins it without being recounted (its claims are assumed to be the
 *   original's, as syndicated copies are) — so an earlier-published copy arriving after the group was archived does not
 *   move the credit of a report whose origin is its outlet (no attribution);
 * - an article's claims at one extractor version arrive together (process-article delivers an article's claims of a
 *   series in one delivery): a claim of an archived article at its archived version is taken for a redelivery;
 * - a re-extraction that removes the latest report of a unit and scope can leave older archived figures unseen.
 * Articles are remembered by a 48-bit hash: a new article is taken for an archived one with probability n / 2^48.
 */

/** A bounded state holding `state` in full (nothing archived): how a run started with the old, whole state carries on. */
export function boundedOf(state: TallyState): BoundedTally {
  return { kept: state, archive: emptyArchive() };
}

/** The version of a bounded state: distinct facts kept plus those folded into the archive. */
export const boundedVersion = (tally: BoundedTally): number => tally.kept.version + tally.archive.facts;

const inKept = (state: TallyState, articleId: string): boolean =>
  findSorted(state.articles, articleId, (a) => a.articleId) !== undefined ||
  findSorted(state.copies, articleId, (a) => a.articleId) !== undefined;

const keep = (tally: BoundedTally, event: TallyEvent): BoundedTally => {
  const kept = evolve(tally.kept, event);
  return kept === tally.kept ? tally : { ...tally, kept };
};

/**
 * Facts about archived articles that arrive after they were archived are kept in `kept.seen` (never folded out, so
 * redeliveries stay no-ops), and the article is recorded as joined: its archive key is `+` and its extractor version.
 */
const JOINED = '+';

function joined(
  tally: BoundedTally,
  articleId: string,
  version: string,
  facts: readonly string[],
  index: ArchiveIndex,
): BoundedTally {
  let seen = tally.kept.seen;
  for (const fact of facts)
    if (findSorted(seen, fact, identity) === undefined) seen = upsertSorted(seen, fact, identity);
  const kept = seen === tally.kept.seen ? tally.kept : { ...tally.kept, seen, version: seen.length };
  const key = `${JOINED}${version}`;
  const archive =
    archivedVersionOf(tally.archive, articleId, index) === key
      ? tally.archive
      : withArchivedArticles(tally.archive, new Map([[articleId, key]]), 0, index);
  return kept === tally.kept && archive === tally.archive ? tally : { kept, archive };
}

/** The newer of two extractor versions ('' for none). */
const newer = (a: string, b: string): string => (a === '' ? b : b === '' ? a : compareVersions(a, b) >= 0 ? a : b);

/**
 * Folds one event into a bounded state: `evolve` on the kept state, unless it is about an archived article (see above).
 * Pure, idempotent, never throws. `index` only caches the archive's unpacked hashes (the series workflow keeps one).
 */
export function evolveBounded(
  tally: BoundedTally,
  event: TallyEvent,
  index: ArchiveIndex = createArchiveIndex(),
): BoundedTally {
  const known = (articleId: string) =>
    inKept(tally.kept, articleId) ? undefined : archivedVersionOf(tally.archive, articleId, index);
  switch (event.type) {
    case 'ClaimReported': {
      const { claim, copyOf } = event.data;
      const at = known(claim.articleId);
      const copy = copyOf !== null && copyOf !== claim.articleId ? copyOf : null;
      const group = at === undefined && copy !== null && !inKept(tally.kept, claim.articleId) ? known(copy) : undefined;
      if (at === undefined && group === undefined) return keep(tally, event);
      if (!belongs(tally.kept, claim, claim.articleId)) return tally;
      const version = claim.extractor.version;
      // Folded out with its claims at this version or a newer one: a redelivery (or an older extraction, superseded).
      if (at !== undefined && !at.startsWith(JOINED) && at !== '' && compareVersions(version, at) <= 0) return tally;
      const facts = [claimFact(claim.id, version), ...(copy ? [copyFact(claim.articleId, copy)] : [])];
      return joined(tally, claim.articleId, newer(at?.replace(JOINED, '') ?? '', version), facts, index);
    }
    case 'ArticleCopyRecorded': {
      const { articleId, canonicalArticleId } = event.data;
      if (articleId === canonicalArticleId || inKept(tally.kept, articleId)) return keep(tally, event);
      const at = known(articleId);
      if (at !== undefined && !at.startsWith(JOINED)) return tally; // folded out with its copy link
      if (at === undefined && known(canonicalArticleId) === undefined) return keep(tally, event);
      return joined(tally, articleId, at?.replace(JOINED, '') ?? '', [copyFact(articleId, canonicalArticleId)], index);
    }
    case 'ArticleClaimsReplaced': {
      const { articleId, extractorVersion } = event.data;
      const at = known(articleId);
      if (at === undefined) return keep(tally, event);
      if (!at.startsWith(JOINED) && at !== '' && compareVersions(extractorVersion, at) <= 0) return tally;
      const claims = event.data.claims.filter(
        (c) => belongs(tally.kept, c, articleId) && c.extractor.version === extractorVersion,
      );
      const facts = [
        replacedFact(articleId, extractorVersion),
        ...claims.map((c) => claimFact(c.id, extractorVersion)),
      ];
      return joined(tally, articleId, newer(at.replace(JOINED, ''), extractorVersion), facts, index);
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The day a report is ranked by among its unit and scope: its period's end for a period count, else `standsAsOf`. */
function rankDay(r: TallyReport): number {
  return dayNumber(scopeOfReport(r) === 'period' ? (r.period?.end ?? r.asOf) : standsAsOf(r));
}

const partition = (r: TallyReport): string => `${r.quantity.unit}\u0000${scopeOfReport(r)}`;

/** The fact's kind and first field (an article id for `replaced` and `copy` facts), or undefined for a foreign key. */
function factArticle(fact: string): [string, string] | undefined {
  try {
    const parsed: unknown = JSON.parse(fact);
    return Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string'
      ? [parsed[0], parsed[1]]
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Moves every group of copies whose reports can no longer change the headline from `kept` into the archive, and drops
 * the evidence text of the claims kept (it lives on the claims topics and in the read model). Returns the new state and
 * the claim ids of the reports archived. Called by the series workflow before it continues as new. Pure; never throws.
 */
export function compactTally(
  tally: BoundedTally,
  rules?: TallyRules,
  index: ArchiveIndex = createArchiveIndex(),
): { tally: BoundedTally; archivedClaims: string[] } {
  const state = tally.kept;
  const seriesRules = rulesFor(state.key, rules);
  const { members, copyEntries } = groupsOf(state);
  const groups = [...members].map(([canonical, entries]) => ({
    canonical,
    entries,
    copies: copyEntries.get(canonical) ?? [],
    reports: groupReports(canonical, entries, copyEntries.get(canonical) ?? [], seriesRules),
  }));
  const latestDay = new Map<string, number>();
  for (const g of groups)
    for (const r of g.reports)
      latestDay.set(partition(r), Math.max(latestDay.get(partition(r)) ?? -Infinity, rankDay(r)));
  const old = (r: TallyReport) => rankDay(r) < (latestDay.get(partition(r)) ?? -Infinity) - seriesRules.windowDays;
  const leaving = groups.filter((g) => g.reports.every(old));

  const moves = new Map<string, string>();
  const drop = new Set<string>();
  const reports: TallyReport[] = [];
  for (const g of leaving) {
    reports.push(...g.reports);
    for (const entry of g.entries) {
      moves.set(entry.articleId, entry.extractorVersion);
      for (const c of entry.claims) drop.add(claimFact(c.id, entry.extractorVersion));
    }
    // Copies and canonical ids with no claims of their own: a late claim of theirs must find the group archived.
    for (const id of [g.canonical, ...g.copies.flatMap((c) => [c.articleId, c.canonicalArticleId])])
      if (!moves.has(id)) moves.set(id, '');
  }
  if (leaving.length === 0 && !state.articles.some((a) => a.claims.some((c) => c.evidence.quote !== '')))
    return { tally, archivedClaims: [] };
  for (const fact of state.seen) {
    if (!fact.startsWith('["replaced"') && !fact.startsWith('["copy"')) continue;
    const parsed = factArticle(fact);
    if (parsed && (parsed[0] === 'replaced' || parsed[0] === 'copy') && moves.has(parsed[1])) drop.add(fact);
  }
  const seen = state.seen.filter((f) => !drop.has(f));
  const kept: TallyState = {
    ...state,
    version: seen.length,
    seen,
    articles: state.articles
      .filter((a) => !moves.has(a.articleId))
      .map((a) =>
        a.claims.some((c) => c.evidence.quote !== '')
          ? { ...a, claims: a.claims.map((c) => ({ ...c, evidence: { ...c.evidence, quote: '' } })) }
          : a,
      ),
    copies: state.copies.filter((c) => !moves.has(c.articleId)),
  };
  const archive = withArchivedArticles(
    withArchivedReports(tally.archive, reports),
    moves,
    state.seen.length - seen.length,
    index,
  );
  return { tally: { kept, archive }, archivedClaims: reports.map((r) => r.claimId).sort() };
}
