import type { TallyFigure, TallyReport, TallySummary } from '../../../../../schemas/tally.ts';
import {
  formatFigure,
  formatNumber,
  formatPeriod,
  formatSeriesKey,
  formatUnit,
} from '../../../../stores/read-model/format.ts';
import { getJson } from '../api.ts';
import { axisUnitLabel, scopeOfReport, timelineOf } from '../chart-data.ts';
import { timeline } from '../charts.ts';
import { humanDate, humanDateTime } from '../dates.ts';
import { colourOf, h, replace } from '../dom.ts';
import { evidenceLink, highlightFigure } from '../evidence.ts';
import { describePlace, fetchPlaces } from '../places.ts';
import { exportFileName, seriesCsv } from '../series-export.ts';
import type { View } from './view.ts';

interface SeriesResponse {
  summary: TallySummary;
  updatedAt: string;
}

function reportItem(r: TallyReport, colour: string | undefined, disputedWith: string[]): HTMLLIElement {
  const quote = highlightFigure(r.evidence.quote, r.quantity);
  return h(
    'li',
    { class: `report${disputedWith.length ? ' conflict' : ''}`, 'data-claim': r.claimId },
    h(
      'div',
      { class: 'report-head' },
      h('span', { class: 'swatch', 'data-colour': colour ?? '' }),
      h('strong', { class: 'figure' }, formatFigure(r.quantity)),
      ' · ',
      scopeOfReport(r) === 'increment'
        ? h(
            'span',
            { class: 'badge', title: 'an increment is listed, never added to or put in place of a total' },
            'increment',
          )
        : '',
      scopeOfReport(r) === 'period'
        ? h(
            'span',
            {
              class: 'badge period-count',
              title: 'a count over a stated span: shown as a bar, never as the standing total',
            },
            'period count',
          )
        : '',
      ' ',
      h('span', { class: 'source' }, r.source),
      ' · ',
      h('time', { datetime: r.asOf }, humanDate(r.asOf)),
      r.period ? h('span', { class: 'covers muted' }, ` · covers ${formatPeriod(r.period)}`) : '',
      r.attribution.length
        ? h('span', { class: 'attribution' }, ` · according to ${r.attribution.slice().reverse().join(', via ')}`)
        : '',
      r.hedge ? h('span', { class: 'badge hedge', title: 'the text hedges this figure' }, r.hedge) : '',
      r.copies.length
        ? h(
            'span',
            { class: 'muted', title: 'syndicated copies count once' },
            ` · also published by ${[...new Set(r.copies.map((c) => c.source))].join(', ')}`,
          )
        : '',
      disputedWith.length
        ? h('span', { class: 'badge disputed', title: `conflicts with ${disputedWith.join(', ')}` }, 'conflict')
        : '',
    ),
    h(
      'blockquote',
      {},
      quote.before,
      quote.match ? h('mark', {}, quote.match) : '',
      quote.after,
      ' ',
      h(
        'a',
        {
          href: evidenceLink(r.url, r.evidence.quote),
          target: '_blank',
          rel: 'noopener noreferrer',
          title: `characters ${r.evidence.start}–${r.evidence.end} of the article`,
        },
        'article ↗',
      ),
    ),
  );
}

const INDEPENDENT =
  'Independent sources are distinct claimants: the original claimant a report cites (two outlets quoting one ministry are one source), else the outlet that published it; syndicated copies count once.';

/** "12 (23 Aug – 28 Aug 2024, Kyiv Wire)": a period count with what it covers. */
const periodFigure = (f: TallyFigure): string =>
  `${formatFigure(f)} (${f.period ? formatPeriod(f.period) : humanDate(f.asOf)}, ${f.source})`;

/** The period counts of a series: each period with its figure, and their sum when the periods do not overlap. */
function periodCountsView(s: TallySummary): HTMLElement | string {
  const counts = s.periodCounts ?? [];
  if (counts.length === 0) return '';
  const sum = s.periodSum;
  return h(
    'section',
    { class: 'period-counts' },
    h('h2', {}, `Period counts (${counts.length})`),
    h(
      'p',
      { class: 'muted' },
      'Counts over a stated span ("since Friday", "overnight", "in March"). They are not the standing total above; several reports of one period are alternatives, not added up.',
    ),
    h('ul', {}, ...counts.map((f) => h('li', { 'data-claim': f.claimId }, periodFigure(f)))),
    sum
      ? h(
          'p',
          { class: 'period-sum' },
          `Sum of ${sum.periods} periods that do not overlap (${formatPeriod(sum)}): ${sum.qualifier === 'at-least' ? 'at least ' : ''}${formatNumber(sum.value)} ${formatUnit(sum.unit)}`.trim(),
        )
      : h(
          'p',
          { class: 'muted period-sum' },
          counts.length > 1 ? 'No sum: some periods overlap or are told with different figures.' : '',
        ),
  );
}

/** The width inside an element's padding: what a chart may take without pushing the page sideways. */
function contentWidth(el: HTMLElement): number {
  const style = getComputedStyle(el);
  return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
}

/** Saves `blob` as `name` through a temporary object URL (the CSP governs fetches, not downloads). */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart's canvas (axes and marks; uPlot draws its legend as HTML) as a PNG on a white background. */
async function chartPng(box: HTMLElement): Promise<Blob | null> {
  const canvas = box.querySelector('canvas');
  if (!canvas) return null;
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

/** Series detail (`#/series/<id>`): the timeline of every report by source, then each report with its evidence. */
export const seriesView: View = async (root, [id = '']) => {
  const { summary: s, updatedAt } = await getJson<SeriesResponse>(`/api/series/${encodeURIComponent(id)}`);
  const place = s.key.place === null ? null : s.key.place;
  const placeFacts =
    place === null
      ? []
      : [
          h('dt', {}, 'place'),
          h('dd', { class: 'place' }, describePlace(place, (await fetchPlaces([place])).get(place))),
        ];
  const data = timelineOf(s.reports, s.disputes, s.unit);
  // What the chart draws, counted (the canvas itself cannot be read back): reports, period bars, spans.
  const chartBox = h('div', {
    class: 'chart',
    'data-marks': data.marks.length,
    'data-period-bars': data.marks.filter((m) => m.scope === 'period' && m.span !== null).length,
    'data-spans': data.marks.filter((m) => m.span !== null).length,
  });
  const conflicts = new Map<string, string[]>();
  for (const [a, b] of s.disputes) {
    conflicts.set(a, [...(conflicts.get(a) ?? []), s.reports.find((r) => r.claimId === b)?.source ?? b]);
    conflicts.set(b, [...(conflicts.get(b) ?? []), s.reports.find((r) => r.claimId === a)?.source ?? a]);
  }
  const reports = s.reports.slice().sort((a, b) => b.asOf.localeCompare(a.asOf) || a.source.localeCompare(b.source));
  replace(
    root,
    h('p', {}, h('a', { href: '#/' }, '← topics')),
    h('h1', {}, formatSeriesKey(s.key), ' ', h('small', { class: 'muted' }, s.key.topic)),
    h(
      'dl',
      { class: 'facts' },
      ...placeFacts,
      h(
        'dt',
        { title: 'the most recent standing (cumulative) figure; period counts and increments never replace it' },
        'latest standing',
      ),
      h(
        'dd',
        { class: 'figure latest' },
        s.latest ? `${formatFigure(s.latest)} (${s.latest.source}, ${humanDate(s.latest.asOf)})` : '—',
      ),
      h('dt', {}, 'conservative'),
      h(
        'dd',
        {},
        s.conservative ? formatFigure(s.conservative) : '—',
        s.window ? h('small', {}, ` · standing figures ${formatPeriod(s.window)}`) : '',
      ),
      h('dt', {}, 'highest'),
      h('dd', {}, s.highest ? formatFigure(s.highest) : '—'),
      s.latestPeriodCount ? h('dt', {}, 'latest period count') : '',
      s.latestPeriodCount ? h('dd', { class: 'latest-period' }, periodFigure(s.latestPeriodCount)) : '',
      h('dt', {}, 'sources'),
      h(
        'dd',
        { class: 'sources' },
        h(
          'abbr',
          { class: 'independent', title: `${INDEPENDENT}\n\n${(s.origins ?? []).join('\n')}` },
          `${s.independentSources} independent`,
        ),
        `, ${s.sourcesAgreeingWithLatest} agree with the latest`,
        h('div', { class: 'muted definition' }, `${INDEPENDENT} Here: ${(s.origins ?? []).join(', ') || '—'}.`),
      ),
      h('dt', {}, 'status'),
      h(
        'dd',
        {
          title: `standing figures of different claimants are compared when their dates are at most ${s.windowDays ?? 30} days apart`,
        },
        s.disputed ? h('span', { class: 'badge disputed' }, `disputed (${s.disputes.length})`) : 'consistent',
        h('small', {}, ` · figures within ${s.windowDays ?? 30} days compared`),
      ),
      h('dt', {}, 'updated'),
      h('dd', { class: 'updated' }, h('time', { datetime: updatedAt }, humanDateTime(updatedAt))),
    ),
    data.marks.length ? chartBox : h('p', { class: 'muted' }, 'No figures to plot.'),
    h(
      'p',
      { class: 'exports' },
      'Download this series: ',
      h(
        'button',
        {
          type: 'button',
          id: 'export-csv',
          onclick: () =>
            download(new Blob([seriesCsv(s)], { type: 'text/csv;charset=utf-8' }), exportFileName(s.seriesId, 'csv')),
        },
        'CSV',
      ),
      ' ',
      data.marks.length
        ? h(
            'button',
            {
              type: 'button',
              id: 'export-png',
              onclick: () =>
                void chartPng(chartBox).then((png) => png && download(png, exportFileName(s.seriesId, 'png'))),
            },
            'PNG of the chart',
          )
        : '',
    ),
    h(
      'p',
      { class: 'legend muted' },
      'each report at the date it was stated · dot: exact · dashed bar: approximate · bar: range · arrow up: more than / at least · arrow down: fewer than / up to · red: conflicting reports · shaded bar: a period count over its period · horizontal line: the span a figure covers',
    ),
    periodCountsView(s),
    h('h2', {}, `Reports (${s.reports.length})`),
    h(
      'ul',
      { class: 'reports' },
      ...reports.map((r) =>
        reportItem(
          r,
          data.sources.includes(r.source) ? colourOf(data.sources.indexOf(r.source)) : undefined,
          conflicts.get(r.claimId) ?? [],
        ),
      ),
    ),
  );
  // Swatches are coloured through the CSSOM: the CSP forbids style attributes.
  for (const el of root.querySelectorAll<HTMLElement>('.swatch'))
    el.style.background = el.dataset.colour || 'transparent';
  const unit = axisUnitLabel(s.unit, s.unit === null ? '' : formatUnit(s.unit));
  chartBox.dataset.yUnit = unit;
  const chart = data.marks.length
    ? timeline(chartBox, data, Math.max(280, Math.min(1100, contentWidth(root) - 4)), {
        unit,
        onTicks: (labels) => (chartBox.dataset.xTicks = labels.join('|')),
      })
    : undefined;
  return () => chart?.destroy();
};
