import type { PlaceInfo } from '../../../../domain/places/roll-up.ts';
import type { DashboardOverview, OverviewSeries, OverviewTopic } from '../../overview.ts';
import { formatFigure, formatSeriesKey } from '../../../read-model/format.ts';
import { getJson } from '../api.ts';
import { fetchPlaces, groupByRegion } from '../places.ts';
import { sparkline } from '../charts.ts';
import { ago, h, replace } from '../dom.ts';
import type { View } from './view.ts';

function seriesRow(s: OverviewSeries, charts: Array<{ destroy(): void }>): HTMLTableRowElement {
  const spark = h('td', { class: 'spark' });
  const chart = sparkline(spark, s.points);
  if (chart) charts.push(chart);
  return h(
    'tr',
    { 'data-series': s.seriesId },
    h('td', {}, h('a', { href: `#/series/${encodeURIComponent(s.seriesId)}` }, formatSeriesKey(s.key))),
    h('td', { class: 'figure', title: s.latestIsPeriodCount ? 'no standing figure: the latest period count' : null }, s.latest ? formatFigure(s.latest) : '—', s.latestIsPeriodCount ? h('small', {}, ' per period') : ''),
    h('td', { class: 'num' }, s.independentSources),
    h('td', { class: 'num' }, s.reports),
    h('td', {}, s.disputed ? h('span', { class: 'badge disputed', title: 'sources disagree beyond what their qualifiers allow' }, 'disputed') : ''),
    h('td', { title: s.updatedAt }, ago(s.updatedAt)),
    spark,
  );
}

/** The rows of one topic: as listed, or under a heading row per region once the places are known. */
function topicRows(t: OverviewTopic, charts: Array<{ destroy(): void }>, places: ReadonlyMap<string, PlaceInfo> | null): HTMLTableRowElement[] {
  if (places === null) return t.tallies.map((s) => seriesRow(s, charts));
  return groupByRegion(t.tallies, places).flatMap((g) => [
    h('tr', { class: 'region-group', 'data-region': g.region ?? '' }, h('th', { colspan: 7 }, `${g.label} `, h('small', { class: 'muted' }, `${g.series.length} series`))),
    ...g.series.map((s) => seriesRow(s, charts)),
  ]);
}

/** Topics overview (`#/`): every topic with its series, latest figure, sources, disputes, last update and a sparkline. */
export const overviewView: View = async (root) => {
  const data = await getJson<DashboardOverview>('/api/dashboard/overview');
  let charts: Array<{ destroy(): void }> = [];
  if (data.topics.length === 0) {
    replace(root, h('h1', {}, 'Topics'), h('p', { class: 'muted' }, 'No claims yet. Ingest articles (POST /api/articles or `claimwatch ingest`) and they appear here.'));
    return () => undefined;
  }
  const bodies = data.topics.map((t) => h('tbody', {}, ...topicRows(t, charts, null)));
  // Grouping by region asks the API for the places of the listed series, only when the reader wants it.
  const regroup = async (event: Event) => {
    const grouped = (event.target as HTMLInputElement).checked;
    const places = grouped ? await fetchPlaces(data.topics.flatMap((t) => t.tallies.map((s) => s.key.place))) : null;
    charts.forEach((c) => c.destroy());
    charts = [];
    data.topics.forEach((t, i) => bodies[i]?.replaceChildren(...topicRows(t, charts, places)));
  };
  replace(
    root,
    h('h1', {}, 'Topics'),
    h('label', { class: 'group-toggle' }, h('input', { type: 'checkbox', id: 'group-by-region', onchange: (e: Event) => void regroup(e) }), ' group series by region'),
    ...data.topics.map((t, i) =>
      h(
        'section',
        { class: 'topic', 'data-topic': t.topic },
        h('h2', {}, t.topic, ' ', h('small', { class: 'muted' }, `${t.series} series · ${t.claims} claims · updated ${ago(t.lastUpdate)}`)),
        h(
          'table',
          { class: 'tallies' },
          h(
            'thead',
            {},
            h('tr', {}, ...[['series', 'c-series'], ['latest', 'c-latest'], ['sources', 'c-num num'], ['reports', 'c-num num'], ['', 'c-flag'], ['updated', 'c-updated'], ['over time', 'c-spark']].map(([c, cls]) => h('th', { class: cls ?? '' }, c ?? ''))),
          ),
          bodies[i],
        ),
      ),
    ),
  );
  return () => charts.forEach((c) => c.destroy());
};
