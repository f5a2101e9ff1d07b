import type { TallyReport, TallySummary } from '../../../../schemas/tally.ts';
import { formatFigure, formatSeriesKey } from '../../../read-model/format.ts';
import { getJson } from '../api.ts';
import { timelineOf } from '../chart-data.ts';
import { timeline } from '../charts.ts';
import { colourOf, h, replace } from '../dom.ts';
import { evidenceLink, highlightFigure } from '../evidence.ts';
import { describePlace, fetchPlaces } from '../places.ts';
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
      r.kind === 'increment' ? h('span', { class: 'badge' }, 'increment') : '',
      ' ',
      h('span', { class: 'source' }, r.source),
      ' · ',
      h('time', { datetime: r.asOf }, r.asOf),
      r.attribution.length ? h('span', { class: 'attribution' }, ` · according to ${r.attribution.slice().reverse().join(', via ')}`) : '',
      r.hedge ? h('span', { class: 'badge hedge', title: 'the text hedges this figure' }, r.hedge) : '',
      r.copies.length ? h('span', { class: 'muted', title: 'syndicated copies count once' }, ` · also published by ${[...new Set(r.copies.map((c) => c.source))].join(', ')}`) : '',
      disputedWith.length ? h('span', { class: 'badge disputed', title: `conflicts with ${disputedWith.join(', ')}` }, 'conflict') : '',
    ),
    h(
      'blockquote',
      {},
      quote.before,
      quote.match ? h('mark', {}, quote.match) : '',
      quote.after,
      ' ',
      h('a', { href: evidenceLink(r.url, r.evidence.quote), target: '_blank', rel: 'noopener noreferrer', title: `characters ${r.evidence.start}–${r.evidence.end} of the article` }, 'article ↗'),
    ),
  );
}

/** Series detail (`#/series/<id>`): the timeline of every report by source, then each report with its evidence. */
export const seriesView: View = async (root, [id = '']) => {
  const { summary: s, updatedAt } = await getJson<SeriesResponse>(`/api/series/${encodeURIComponent(id)}`);
  const place = s.key.place === null ? null : s.key.place;
  const placeFacts = place === null ? [] : [h('dt', {}, 'place'), h('dd', { class: 'place' }, describePlace(place, (await fetchPlaces([place])).get(place)))];
  const data = timelineOf(s.reports, s.disputes, s.unit);
  const chartBox = h('div', { class: 'chart' });
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
      h('dt', {}, 'latest'),
      h('dd', { class: 'figure' }, s.latest ? `${formatFigure(s.latest)} (${s.latest.source}, ${s.latest.asOf})` : '—'),
      h('dt', {}, 'conservative'),
      h('dd', {}, s.conservative ? formatFigure(s.conservative) : '—'),
      h('dt', {}, 'highest'),
      h('dd', {}, s.highest ? formatFigure(s.highest) : '—'),
      h('dt', {}, 'sources'),
      h('dd', {}, `${s.independentSources} independent, ${s.sourcesAgreeingWithLatest} agree with the latest`),
      h('dt', {}, 'status'),
      h('dd', {}, s.disputed ? h('span', { class: 'badge disputed' }, `disputed (${s.disputes.length})`) : 'consistent'),
      h('dt', {}, 'updated'),
      h('dd', {}, updatedAt),
    ),
    data.marks.length ? chartBox : h('p', { class: 'muted' }, 'No standing figures to plot.'),
    h('p', { class: 'legend muted' }, 'dot: exact · dashed bar: approximate · bar: range · arrow up: more than / at least · arrow down: fewer than / up to · red: conflicting reports'),
    h('h2', {}, `Reports (${s.reports.length})`),
    h('ul', { class: 'reports' }, ...reports.map((r) => reportItem(r, data.sources.includes(r.source) ? colourOf(data.sources.indexOf(r.source)) : undefined, conflicts.get(r.claimId) ?? []))),
  );
  // Swatches are coloured through the CSSOM: the CSP forbids style attributes.
  for (const el of root.querySelectorAll<HTMLElement>('.swatch')) el.style.background = el.dataset.colour || 'transparent';
  const chart = data.marks.length ? timeline(chartBox, data, Math.max(320, Math.min(1100, root.clientWidth - 10))) : undefined;
  return () => chart?.destroy();
};
