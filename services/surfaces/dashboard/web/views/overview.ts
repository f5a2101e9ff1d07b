import type { PlaceInfo } from '../../../../../domain/places/roll-up.ts';
import type { DashboardOverview, OverviewSeries, OverviewTopic } from '../../overview.ts';
import { formatFigure, formatSeriesKey } from '../../../../stores/read-model/format.ts';
import { getJson } from '../api.ts';
import { fetchPlaces, groupByRegion } from '../places.ts';
import { sparkline } from '../charts.ts';
import { humanDateTime } from '../dates.ts';
import { ago, h, replace } from '../dom.ts';
import { filterWords, matchesFilter } from '../series-filter.ts';
import type { View } from './view.ts';

function seriesRow(s: OverviewSeries, charts: Array<{ destroy(): void }>): HTMLTableRowElement {
  const spark = h('td', { class: 'spark' });
  const chart = sparkline(spark, s.points);
  if (chart) charts.push(chart);
  const label = formatSeriesKey(s.key);
  const figure = s.latest ? formatFigure(s.latest) : '—';
  return h(
    'tr',
    {
      'data-series': s.seriesId,
      'data-filter': [label, s.seriesId, s.key.topic, figure, s.disputed ? 'disputed' : ''].join('\n'),
    },
    h(
      'td',
      { class: 'c-series' },
      h('a', { href: `#/series/${encodeURIComponent(s.seriesId)}`, title: s.seriesId }, label),
    ),
    h(
      'td',
      { class: 'figure', title: s.latestIsPeriodCount ? 'no standing figure: the latest period count' : null },
      figure,
      s.latestIsPeriodCount ? h('small', {}, ' per period') : '',
    ),
    h('td', { class: 'num c-sources', title: 'independent sources' }, s.independentSources),
    h('td', { class: 'num c-reports', title: 'reports' }, s.reports),
    h(
      'td',
      { class: 'c-flag' },
      s.disputed
        ? h(
            'span',
            { class: 'badge disputed', title: 'sources disagree beyond what their qualifiers allow' },
            'disputed',
          )
        : '',
    ),
    h('td', { class: 'c-updated', title: humanDateTime(s.updatedAt) }, ago(s.updatedAt)),
    spark,
  );
}

/** The rows of one topic: as listed, or under a heading row per region once the places are known. */
function topicRows(
  t: OverviewTopic,
  charts: Array<{ destroy(): void }>,
  places: ReadonlyMap<string, PlaceInfo> | null,
): HTMLTableRowElement[] {
  if (places === null) return t.tallies.map((s) => seriesRow(s, charts));
  return groupByRegion(t.tallies, places).flatMap((g) => [
    h(
      'tr',
      { class: 'region-group', 'data-region': g.region ?? '' },
      h('th', { colspan: 7 }, `${g.label} `, h('small', { class: 'muted' }, `${g.series.length} series`)),
    ),
    ...g.series.map((s) => seriesRow(s, charts)),
  ]);
}

/**
 * Hides the series rows (and then the region headings and topics) the filter words leave out; returns how many
 * series stay visible.
 */
function applyFilter(sections: readonly HTMLElement[], words: readonly string[]): number {
  let shown = 0;
  for (const section of sections) {
    let inSection = 0;
    let heading: HTMLElement | null = null;
    let inGroup = 0;
    const closeGroup = () => heading?.toggleAttribute('hidden', inGroup === 0);
    for (const tr of section.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
      if (tr.classList.contains('region-group')) {
        closeGroup();
        heading = tr;
        inGroup = 0;
        continue;
      }
      const keep = matchesFilter(words, [tr.dataset.filter]);
      tr.toggleAttribute('hidden', !keep);
      if (keep) {
        inGroup++;
        inSection++;
      }
    }
    closeGroup();
    section.toggleAttribute('hidden', inSection === 0);
    shown += inSection;
  }
  return shown;
}

/** Topics overview (`#/`): every topic with its series, latest figure, sources, disputes, last update and a sparkline. */
export const overviewView: View = async (root) => {
  const data = await getJson<DashboardOverview>('/api/dashboard/overview');
  let charts: Array<{ destroy(): void }> = [];
  if (data.topics.length === 0) {
    replace(
      root,
      h('h1', {}, 'Topics'),
      h(
        'p',
        { class: 'muted' },
        'No claims yet. Ingest articles (POST /api/articles or `claimwatch ingest`) and they appear here.',
      ),
    );
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
    refilter();
  };
  const total = data.topics.reduce((n, t) => n + t.tallies.length, 0);
  const count = h('span', { class: 'muted', id: 'filter-count', role: 'status' }, `${total} series`);
  const filter = h('input', {
    type: 'search',
    id: 'series-filter',
    placeholder: 'filter series: kursk, drones, disputed…',
    'aria-label': 'filter series by name, id, topic or figure',
    autocomplete: 'off',
    oninput: () => refilter(),
  });
  const empty = h('p', { class: 'muted', id: 'filter-empty', hidden: true }, 'No series matches the filter.');
  const sections: HTMLElement[] = [];
  const refilter = () => {
    const words = filterWords(filter.value);
    const shown = applyFilter(sections, words);
    count.textContent = words.length === 0 ? `${total} series` : `${shown} of ${total} series`;
    empty.toggleAttribute('hidden', shown > 0);
  };
  replace(
    root,
    h('h1', {}, 'Topics'),
    h(
      'div',
      { class: 'overview-tools' },
      filter,
      count,
      h(
        'label',
        { class: 'group-toggle' },
        h('input', { type: 'checkbox', id: 'group-by-region', onchange: (e: Event) => void regroup(e) }),
        ' group series by region',
      ),
    ),
    ...data.topics.map((t, i) => {
      const section = h(
        'section',
        { class: 'topic', 'data-topic': t.topic },
        h(
          'h2',
          {},
          t.topic,
          ' ',
          h('small', { class: 'muted' }, `${t.series} series · ${t.claims} claims · updated ${ago(t.lastUpdate)}`),
        ),
        h(
          'table',
          { class: 'tallies' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...[
                ['series', 'c-series'],
                ['latest', 'c-latest'],
                ['sources', 'c-num num'],
                ['reports', 'c-num num'],
                ['', 'c-flag'],
                ['updated', 'c-updated'],
                ['over time', 'c-spark'],
              ].map(([c, cls]) => h('th', { class: cls ?? '' }, c ?? '')),
            ),
          ),
          bodies[i],
        ),
      );
      sections.push(section);
      return section;
    }),
    empty,
  );
  return () => charts.forEach((c) => c.destroy());
};
