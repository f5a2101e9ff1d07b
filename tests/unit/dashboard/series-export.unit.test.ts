import { describe, expect, it } from 'vitest';
import type { TallyReport, TallySummary } from '../../../schemas/tally.ts';
import { exportFileName, seriesCsv } from '../../../services/surfaces/dashboard/web/series-export.ts';

const report = (claimId: string, asOf: string, value: number, extra: Partial<TallyReport> = {}): TallyReport => ({
  claimId,
  articleId: `a-${claimId}`,
  url: `https://x.example/${claimId}`,
  source: 'Harbour Post',
  origin: 'Harbour Post',
  copies: [],
  kind: 'total',
  quantity: { value, unit: 'km2', qualifier: 'exact', low: value, high: value },
  period: null,
  asOf,
  attribution: [],
  hedge: null,
  evidence: { quote: `Troops hold ${value} square kilometres.`, start: 0, end: 10 },
  extractor: { name: 't', version: '1' },
  scope: 'standing',
  ...extra,
});

const summary = (reports: TallyReport[]): TallySummary =>
  ({
    seriesId: 'territory-area:ukraine:russia:-:kursk-oblast',
    key: { topic: 'territory-area', actor: 'ukraine', counterpart: 'russia', item: null, place: 'kursk-oblast' },
    reports,
  }) as unknown as TallySummary;

describe('series export', () => {
  it('writes every report as a CSV row, oldest first, quoting commas, quotes and line breaks', () => {
    const csv = seriesCsv(
      summary([
        report('c2', '2024-08-20', 1294, {
          attribution: ['general staff', 'Syrskyi'],
          evidence: { quote: 'He said "1,294"\nsquare km.', start: 0, end: 5 },
        }),
        report('c1', '2024-08-12', 1000, {
          quantity: { value: 1000, unit: 'km2', qualifier: 'approx', low: 900, high: 1100 },
          period: { start: '2024-08-06', end: null },
          hedge: 'reported',
        }),
      ]),
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'series_id,topic,claim_id,as_of,scope,qualifier,value,low,high,unit,period_start,period_end,source,origin,attribution,hedge,copies,url,evidence',
    );
    expect(lines[1]).toBe(
      'territory-area:ukraine:russia:-:kursk-oblast,territory-area,c1,2024-08-12,standing,approx,1000,900,1100,km2,2024-08-06,,Harbour Post,Harbour Post,,reported,,https://x.example/c1,Troops hold 1000 square kilometres.',
    );
    expect(lines[2]).toBe(
      'territory-area:ukraine:russia:-:kursk-oblast,territory-area,c2,2024-08-20,standing,exact,1294,1294,1294,km2,,,Harbour Post,Harbour Post,general staff; Syrskyi,,,https://x.example/c2,"He said ""1,294"" square km."',
    );
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('names the file after the series id, safe on every file system', () => {
    expect(exportFileName('territory-area:ukraine:russia:-:kursk-oblast', 'csv')).toBe(
      'territory-area_ukraine_russia_-_kursk-oblast.csv',
    );
    expect(exportFileName('::', 'png')).toBe('series.png');
  });
});
