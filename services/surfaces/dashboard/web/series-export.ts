import type { TallySummary } from '../../../../schemas/tally.ts';
import { renderCsv } from '../../../platform/io/csv.ts';
import { scopeOfReport } from './chart-data.ts';

// A series as a file the reader takes away: every report as one CSV row (the same RFC 4180 writer as the CLI's
// `--format csv`), and a file name from the series id. Pure; the series view turns the text into a download.

const COLUMNS = [
  'series_id',
  'topic',
  'claim_id',
  'as_of',
  'scope',
  'qualifier',
  'value',
  'low',
  'high',
  'unit',
  'period_start',
  'period_end',
  'source',
  'origin',
  'attribution',
  'hedge',
  'copies',
  'url',
  'evidence',
].map((header) => ({ header }));

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/** Every report of the series, oldest first, one CSV row each (header included). */
export function seriesCsv(s: TallySummary): string {
  const rows = s.reports
    .slice()
    .sort(
      (a, b) => a.asOf.localeCompare(b.asOf) || a.source.localeCompare(b.source) || a.claimId.localeCompare(b.claimId),
    )
    .map((r) => [
      s.seriesId,
      s.key.topic,
      r.claimId,
      r.asOf,
      scopeOfReport(r),
      r.quantity.qualifier,
      text(r.quantity.value),
      text(r.quantity.low),
      text(r.quantity.high),
      r.quantity.unit,
      text(r.period?.start),
      text(r.period?.end),
      r.source,
      r.origin,
      r.attribution.join('; '),
      text(r.hedge),
      [...new Set(r.copies.map((c) => c.source))].join('; '),
      r.url,
      r.evidence.quote.replace(/\s+/g, ' ').trim(),
    ]);
  return `${renderCsv(COLUMNS, rows)}\r\n`;
}

/** `territory-area_ukraine_russia_-_kursk-oblast.csv`: the series id made safe as a file name. */
export function exportFileName(seriesId: string, extension: 'csv' | 'png'): string {
  const base = seriesId.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'series';
  return `${base}.${extension}`;
}
