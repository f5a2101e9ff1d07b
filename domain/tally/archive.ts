import type { ArchivedSpan, ArchivedUnit, TallyArchive, TallyReport } from '../../schemas/tally.ts';
import { hash48, hasHash, packHashes, unpackHashes, withHashes, withoutHashes } from './hash-set.ts';
import { compareText } from './sorted.ts';
import { compareVersions } from './versions.ts';
import { incrementKeyOf, scopeOfReport } from './summarise.ts';

/*
 * The aggregates of a bounded series state (see bounded.ts): what is left of reports that can no longer change the
 * headline. Plain JSON, every list sorted, so equal content is equal JSON.
 */

/** Aggregates of nothing. */
export function emptyArchive(): TallyArchive {
  return { facts: 0, articles: [], units: [], origins: [], extractorVersions: [] };
}

/**
 * The archive's article hashes unpacked, per extractor version: kept between calls by the series workflow (one per run),
 * rebuilt when the archive's `articles` changed. Only speed; not JSON.
 */
export interface ArchiveIndex {
  articles: TallyArchive['articles'] | null;
  byVersion: Map<string, number[]>;
}

export function createArchiveIndex(): ArchiveIndex {
  return { articles: null, byVersion: new Map() };
}

function indexed(archive: TallyArchive, index: ArchiveIndex): Map<string, number[]> {
  if (index.articles !== archive.articles) {
    index.byVersion = new Map(archive.articles.map(([version, packed]) => [version, unpackHashes(packed)]));
    index.articles = archive.articles;
  }
  return index.byVersion;
}

/**
 * The extractor version an article was folded out at ('' for an article known only as a copy or a canonical id), or
 * undefined when the archive does not know it.
 */
export function archivedVersionOf(
  archive: TallyArchive,
  articleId: string,
  index: ArchiveIndex = createArchiveIndex(),
): string | undefined {
  if (archive.articles.length === 0) return undefined;
  const h = hash48(articleId);
  for (const [version, hashes] of indexed(archive, index)) if (hasHash(hashes, h)) return version;
  return undefined;
}

/** The archive with each article in `moves` recorded at its version (and at no other), and `facts` more facts. */
export function withArchivedArticles(
  archive: TallyArchive,
  moves: ReadonlyMap<string, string>,
  facts: number,
  index: ArchiveIndex = createArchiveIndex(),
): TallyArchive {
  if (moves.size === 0) return facts === 0 ? archive : { ...archive, facts: archive.facts + facts };
  const byVersion = new Map(indexed(archive, index));
  const moved = new Set<number>();
  const adds = new Map<string, number[]>();
  for (const [articleId, version] of moves) {
    const h = hash48(articleId);
    moved.add(h);
    const list = adds.get(version);
    if (list) list.push(h);
    else adds.set(version, [h]);
  }
  for (const [version, hashes] of byVersion) byVersion.set(version, withoutHashes(hashes, moved));
  for (const [version, hashes] of adds) byVersion.set(version, withHashes(byVersion.get(version) ?? [], hashes));
  const articles = [...byVersion.entries()]
    .filter(([, hashes]) => hashes.length > 0)
    .sort(([a], [b]) => compareText(a, b))
    .map(([version, hashes]): [string, string] => [version, packHashes(hashes)]);
  return { ...archive, facts: archive.facts + facts, articles };
}

const byStartEnd = (a: ArchivedSpan, b: ArchivedSpan): number =>
  compareText(a.start ?? '', b.start ?? '') || compareText(a.end ?? '', b.end ?? '');

/** The first of a span's reports in the period view's order: the earlier asOf, then the larger claim id. */
const firstOfSpan = (a: { asOf: string; claimId: string }, b: { asOf: string; claimId: string }): boolean =>
  compareText(a.asOf, b.asOf) < 0 || (a.asOf === b.asOf && compareText(a.claimId, b.claimId) > 0);

function withSpan(spans: ArchivedSpan[], r: TallyReport): ArchivedSpan[] {
  const start = r.period?.start ?? null;
  const end = r.period?.end ?? null;
  const { value, qualifier } = r.quantity;
  const at = spans.findIndex((s) => s.start === start && s.end === end);
  const known = spans[at];
  if (known === undefined)
    return [...spans, { start, end, claimId: r.claimId, asOf: r.asOf, value, qualifier, mixed: false }].sort(
      byStartEnd,
    );
  const mixed = known.mixed || known.value !== value || known.qualifier !== qualifier;
  const first = firstOfSpan(r, known) ? { claimId: r.claimId, asOf: r.asOf, value, qualifier } : {};
  return spans.map((s, i) => (i === at ? { ...s, ...first, mixed } : s));
}

function withReport(unit: ArchivedUnit, r: TallyReport): ArchivedUnit {
  const scope = scopeOfReport(r);
  switch (scope) {
    case 'standing':
      return { ...unit, standing: unit.standing + 1 };
    case 'period':
      return { ...unit, period: unit.period + 1, spans: withSpan(unit.spans, r) };
    case 'increment': {
      const keys = unpackHashes(unit.incrementKeys);
      const h = hash48(incrementKeyOf(r));
      if (hasHash(keys, h)) return { ...unit, increment: unit.increment + 1 };
      return {
        ...unit,
        increment: unit.increment + 1,
        incrementKeys: packHashes(withHashes(keys, [h])),
        incrementSum: unit.incrementSum + r.quantity.value,
      };
    }
    default: {
      const unhandled: never = scope;
      return unhandled;
    }
  }
}

const emptyUnit = (unit: string): ArchivedUnit => ({
  unit,
  standing: 0,
  period: 0,
  increment: 0,
  spans: [],
  incrementKeys: '',
  incrementSum: 0,
});

/** The archive with reports folded into its aggregates (counts, spans, increment identities, origins, versions). */
export function withArchivedReports(archive: TallyArchive, reports: readonly TallyReport[]): TallyArchive {
  if (reports.length === 0) return archive;
  const units = new Map(archive.units.map((u) => [u.unit, u]));
  for (const r of reports)
    units.set(r.quantity.unit, withReport(units.get(r.quantity.unit) ?? emptyUnit(r.quantity.unit), r));
  return {
    ...archive,
    units: [...units.values()].sort((a, b) => compareText(a.unit, b.unit)),
    origins: [...new Set([...archive.origins, ...reports.map((r) => r.origin)])].sort(compareText),
    extractorVersions: [...new Set([...archive.extractorVersions, ...reports.map((r) => r.extractor.version)])].sort(
      compareVersions,
    ),
  };
}

/** Reports folded into the archive, all units. */
export const archivedReportCount = (archive: TallyArchive): number =>
  archive.units.reduce((n, u) => n + u.standing + u.period + u.increment, 0);
