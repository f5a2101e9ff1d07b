import type { DashboardOverview, OverviewSeries } from '../../overview.ts';
import { formatFigure, formatSeriesKey } from '../../../read-model/format.ts';
import { getJson } from '../api.ts';
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

/** Topics overview (`#/`): every topic with its series, latest figure, sources, disputes, last update and a sparkline. */
export const overviewView: View = async (root) => {
  const data = await getJson<DashboardOverview>('/api/dashboard/overview');
  const charts: Array<{ destroy(): void }> = [];
  if (data.topics.length === 0) {
    replace(root, h('h1', {}, 'Topics'), h('p', { class: 'muted' }, 'No claims yet. Ingest articles (POST /api/articles or `claimwatch ingest`) and they appear here.'));
    return () => undefined;
  }
  replace(
    root,
    h('h1', {}, 'Topics'),
    ...data.topics.map((t) =>
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
          h('tbody', {}, ...t.tallies.map((s) => seriesRow(s, charts))),
        ),
      ),
    ),
  );
  return () => charts.forEach((c) => c.destroy());
};
