import type { Claim } from '../../schemas/claim.ts';
import type { ArticleEntry, ArticleRef, CopyEntry, TallyReport, TallyState } from '../../schemas/tally.ts';
import { compareText, findSorted } from './sorted.ts';
import { compareVersions } from './versions.ts';

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
function canonicalOf(articleId: string, copies: readonly CopyEntry[]): string {
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

/** The member whose claims speak for a group of copies: newest extraction, then the canonical, then smallest id. */
function representative(canonical: string, members: readonly ArticleEntry[]): ArticleEntry | undefined {
  return [...members].sort(
    (a, b) =>
      compareVersions(b.extractorVersion, a.extractorVersion) ||
      Number(b.articleId === canonical) - Number(a.articleId === canonical) ||
      compareText(a.articleId, b.articleId),
  )[0];
}

/**
 * Every report of the series, syndicated copies folded into one report each, sorted by asOf then claim id.
 * Called by `summarise`.
 */
export function reportsOf(state: TallyState): TallyReport[] {
  const groups = new Map<string, { entries: ArticleEntry[]; refs: Map<string, ArticleRef> }>();
  const groupOf = (articleId: string) => {
    const canonical = canonicalOf(articleId, state.copies);
    const group = groups.get(canonical) ?? { entries: [], refs: new Map<string, ArticleRef>() };
    groups.set(canonical, group);
    return group;
  };
  for (const entry of state.articles) {
    const group = groupOf(entry.articleId);
    group.entries.push(entry);
    group.refs.set(entry.articleId, { articleId: entry.articleId, source: entry.source, url: entry.url });
  }
  for (const copy of state.copies) {
    const { refs } = groupOf(copy.articleId);
    if (!refs.has(copy.articleId)) refs.set(copy.articleId, { articleId: copy.articleId, source: copy.source, url: copy.url });
  }

  const reports: TallyReport[] = [];
  for (const [canonical, group] of groups) {
    const rep = representative(canonical, group.entries);
    if (!rep) continue;
    const copies = [...group.refs.values()]
      .filter((ref) => ref.articleId !== rep.articleId)
      .sort((a, b) => compareText(a.articleId, b.articleId));
    for (const claim of rep.claims) {
      reports.push({
        claimId: claim.id,
        articleId: rep.articleId,
        url: rep.url,
        source: rep.source,
        copies,
        origin: originOf(claim, rep.source),
        kind: claim.kind,
        quantity: claim.quantity,
        period: claim.period,
        asOf: claim.asOf,
        attribution: claim.attribution,
        hedge: claim.hedge,
        evidence: claim.evidence,
        extractor: claim.extractor,
      });
    }
  }
  return reports.sort((a, b) => compareText(a.asOf, b.asOf) || compareText(a.claimId, b.claimId));
}
