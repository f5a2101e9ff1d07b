import type { Claim } from '../../schemas/claim.ts';
import type { ArticleEntry, ArticleRef, CopyEntry, TallyReport, TallyState } from '../../schemas/tally.ts';
import { compareText, findSorted } from './sorted.ts';
import { compareVersions } from './versions.ts';
import { scopeOf } from './scope.ts';
import type { SeriesRules } from './series-rules.ts';

const byArticle = (a: { articleId: string }): string => a.articleId;

/**
 * Who a report independently comes from: the original claimant (first, innermost attribution: two outlets
 * both "according to C4ADS" are one source), else the outlet that published the article. Names are compared
 * case- and space-insensitively, without a leading "the".
 */
export function originOf(claim: Claim, source: string): string {
  const name = claim.attribution[0] ?? source;
  const normalised = name.toLowerCase().replace(/\s+/g, ' ').trim().replace(/^the /, '');
  return normalised === '' ? `article:${claim.articleId}` : normalised;
}

/** The canonical article of an article, following copy links; a cycle resolves to its smallest id. */
export function canonicalOf(articleId: string, copies: readonly CopyEntry[]): string {
  const path: string[] = [];
  let id = articleId;
  for (;;) {
    const seenAt = path.indexOf(id);
    if (seenAt >= 0) return path.slice(seenAt).reduce((a, b) => (compareText(a, b) <= 0 ? a : b));
    path.push(id);
    const link = findSorted(copies, id, byArticle);
    if (!link) return id;
    id = link.canonicalArticleId;
  }
}

/** Earlier time first; a known time before an unknown one; 0 when neither is known or they are equal. */
function byTime(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return Number(a === undefined) - Number(b === undefined);
  return Math.sign(Date.parse(a) - Date.parse(b));
}

/** Earlier publication first, equal publication times by the earlier receipt (issue 16); 0 when nothing tells them apart. */
function byPublication(
  a: { publishedAt?: string; receivedAt?: string },
  b: { publishedAt?: string; receivedAt?: string },
): number {
  return (
    byTime(a.publishedAt, b.publishedAt) ||
    (a.publishedAt !== undefined && b.publishedAt !== undefined ? byTime(a.receivedAt, b.receivedAt) : 0)
  );
}

/**
 * The member whose claims speak for a group of copies: newest extraction, then the earliest published, then the
 * canonical (the first processed), then smallest id.
 */
function representative(canonical: string, members: readonly ArticleEntry[]): ArticleEntry | undefined {
  return [...members].sort(
    (a, b) =>
      compareVersions(b.extractorVersion, a.extractorVersion) ||
      byPublication(a, b) ||
      Number(b.articleId === canonical) - Number(a.articleId === canonical) ||
      compareText(a.articleId, b.articleId),
  )[0];
}

/**
 * What `reportsOf` keeps between calls on successive versions of one series (the tally workflow keeps one per run):
 * the reports of each group of copies, reused while the group's entries are the very same objects (the fold never
 * mutates a state: `evolve` replaces what changes and keeps the rest), and the previous result's order. Only affects
 * speed: the result equals a call without it. Not JSON: never part of the workflow's state.
 */
export interface ReportsMemo {
  groups: Map<string, { members: readonly ArticleEntry[]; copies: readonly CopyEntry[]; reports: TallyReport[] }>;
  sorted: TallyReport[];
  /** `reportFingerprint` of reports already seen (reused reports are the same objects): used by `publishedTallyOf`. */
  fingerprints: WeakMap<TallyReport, string>;
  /** The rules the memo's reports were built with (their scopes depend on them); other rules start afresh. */
  rules: string;
}

export function createReportsMemo(): ReportsMemo {
  return { groups: new Map(), sorted: [], fingerprints: new WeakMap(), rules: '' };
}

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const byDateThenId = (a: TallyReport, b: TallyReport): number =>
  compareText(a.asOf, b.asOf) || compareText(a.claimId, b.claimId);

/**
 * The article a group's reports credit as the original: the earliest published (ties: the earlier received, then the
 * smaller id), whichever was processed first and whatever the copy links say; the representative when no member's
 * publication time is known.
 */
function creditedOf(rep: ArticleRef, refs: Iterable<ArticleRef>): ArticleRef {
  let best = rep;
  for (const ref of refs) {
    const order = byPublication(ref, best);
    if (order < 0 || (order === 0 && ref.publishedAt !== undefined && compareText(ref.articleId, best.articleId) < 0))
      best = ref;
  }
  return best;
}

/** The reports of one group of copies: the representative's claims, each naming the group's other members as copies. */
export function groupReports(
  canonical: string,
  members: readonly ArticleEntry[],
  copyEntries: readonly CopyEntry[],
  rules: SeriesRules,
): TallyReport[] {
  const rep = members.length === 1 ? members[0] : representative(canonical, members);
  if (!rep) return [];
  const refs = new Map<string, ArticleRef>();
  // Reports name articles without receivedAt: it only ranks them (and would change every published report).
  const refOf = (a: ArticleRef): ArticleRef => ({
    articleId: a.articleId,
    source: a.source,
    url: a.url,
    ...(a.publishedAt === undefined ? {} : { publishedAt: a.publishedAt }),
  });
  const ranked = new Map<string, ArticleRef>();
  for (const entry of members) ranked.set(entry.articleId, entry);
  for (const copy of copyEntries) if (!ranked.has(copy.articleId)) ranked.set(copy.articleId, copy);
  for (const [id, ref] of ranked) refs.set(id, refOf(ref));
  const credited = refOf(creditedOf(ranked.get(rep.articleId) ?? rep, ranked.values()));
  const copies = [...refs.values()]
    .filter((ref) => ref.articleId !== credited.articleId)
    .sort((a, b) => compareText(a.articleId, b.articleId));
  return rep.claims.map((claim) => ({
    claimId: claim.id,
    articleId: credited.articleId,
    url: credited.url,
    source: credited.source,
    copies,
    origin: originOf(claim, credited.source),
    kind: claim.kind,
    quantity: claim.quantity,
    period: claim.period,
    asOf: claim.asOf,
    attribution: claim.attribution,
    hedge: claim.hedge,
    evidence: claim.evidence,
    extractor: claim.extractor,
    scope: scopeOf(claim, rules),
  }));
}

/**
 * The state's articles and copy links by canonical article (the groups of copies reports are built from). Called by
 * `reportsOf` and by the bounded state's compaction.
 */
export function groupsOf(state: TallyState): {
  members: Map<string, ArticleEntry[]>;
  copyEntries: Map<string, CopyEntry[]>;
} {
  const members = new Map<string, ArticleEntry[]>();
  const copyEntries = new Map<string, CopyEntry[]>();
  for (const entry of state.articles) {
    const canonical = state.copies.length === 0 ? entry.articleId : canonicalOf(entry.articleId, state.copies);
    const list = members.get(canonical);
    if (list) list.push(entry);
    else members.set(canonical, [entry]);
  }
  for (const copy of state.copies) {
    const canonical = canonicalOf(copy.articleId, state.copies);
    const list = copyEntries.get(canonical);
    if (list) list.push(copy);
    else copyEntries.set(canonical, [copy]);
  }
  return { members, copyEntries };
}

/**
 * Every report of the series, syndicated copies folded into one report each, sorted by asOf then claim id.
 * Called by `summarise`. With a memo (see `ReportsMemo`) a new version costs what changed plus a linear merge.
 */
export function reportsOf(state: TallyState, rules: SeriesRules, memo?: ReportsMemo): TallyReport[] {
  const { members, copyEntries } = groupsOf(state);

  if (!memo) {
    const reports: TallyReport[] = [];
    for (const [canonical, group] of members)
      reports.push(...groupReports(canonical, group, copyEntries.get(canonical) ?? [], rules));
    return reports.sort(byDateThenId);
  }

  const rulesKey = JSON.stringify(rules);
  if (memo.rules !== rulesKey) {
    memo.groups = new Map();
    memo.sorted = [];
    memo.rules = rulesKey;
  }
  const kept = new Set<TallyReport>();
  const fresh: TallyReport[] = [];
  const groups: ReportsMemo['groups'] = new Map();
  for (const [canonical, group] of members) {
    const copies = copyEntries.get(canonical) ?? [];
    const before = memo.groups.get(canonical);
    if (before && sameItems(before.members, group) && sameItems(before.copies, copies)) {
      for (const r of before.reports) kept.add(r);
      groups.set(canonical, before);
    } else {
      const reports = groupReports(canonical, group, copies, rules);
      fresh.push(...reports);
      groups.set(canonical, { members: group, copies, reports });
    }
  }
  // The previous order of what is kept, merged with the new reports in order: linear plus the change's own sort.
  const stay = memo.sorted.filter((r) => kept.has(r));
  fresh.sort(byDateThenId);
  const sorted: TallyReport[] = [];
  let i = 0;
  let j = 0;
  while (i < stay.length || j < fresh.length) {
    const a = stay[i];
    const b = fresh[j];
    if (b === undefined || (a !== undefined && byDateThenId(a, b) <= 0)) {
      sorted.push(a as TallyReport);
      i += 1;
    } else {
      sorted.push(b);
      j += 1;
    }
  }
  memo.groups = groups;
  memo.sorted = sorted;
  return [...sorted];
}
