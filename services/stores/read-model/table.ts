import type { ClaimView, TallyListing } from './read-model.ts';
import { formatFigure, formatSeriesKey } from './format.ts';

// Plain-text tables for the CLI (and the start-up summary of `npm start`). Pure: rows in, text out.

/** Columns padded to their widest cell, two spaces apart, no trailing spaces. */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...c].length)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

const short = (text: string, max: number): string =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;

/** One line per series: who/what/where, latest figure with its qualifier, sources, disputed mark, last update. */
export function talliesTable(listings: readonly TallyListing[]): string {
  const rows = listings.map(({ summary, updatedAt }) => [
    summary.key.topic,
    short(formatSeriesKey(summary.key), 48),
    summary.latest ? formatFigure(summary.latest) : '—',
    summary.latest?.asOf ?? '—',
    String(summary.independentSources),
    summary.disputed ? '⚠ disputed' : '',
    updatedAt.slice(0, 16).replace('T', ' '),
  ]);
  return renderTable(['TOPIC', 'SERIES', 'LATEST', 'AS OF', 'SOURCES', 'DISPUTED', 'UPDATED'], rows);
}

/** One line per claim: date, figure, series, outlet and the start of its evidence. */
export function claimsTable(claims: readonly ClaimView[]): string {
  const rows = claims.map(({ claim, source }) => [
    claim.asOf,
    formatFigure(claim.quantity) + (claim.kind === 'increment' ? ' (+)' : ''),
    claim.topic,
    short(formatSeriesKey(claim), 36),
    short(source, 20),
    short(claim.evidence.quote.replace(/\s+/g, ' '), 60),
  ]);
  return renderTable(['AS OF', 'FIGURE', 'TOPIC', 'SERIES', 'SOURCE', 'EVIDENCE'], rows);
}
