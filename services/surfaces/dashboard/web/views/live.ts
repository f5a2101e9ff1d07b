import type { Claim } from '../../../../../schemas/claim.ts';
import type { TallySummary } from '../../../../../schemas/tally.ts';
import type { DashboardOverview } from '../../overview.ts';
import { formatFigure, formatSeriesKey } from '../../../../stores/read-model/format.ts';
import { getJson } from '../api.ts';
import { humanDate, humanDateTime } from '../dates.ts';
import { h, replace } from '../dom.ts';
import { openLiveStream, type StreamState } from '../live-stream.ts';
import type { View } from './view.ts';

interface ClaimEvent {
  seriesId: string;
  source: string;
  url: string;
  reportedAt: string;
  claim: Claim;
}
interface TallyEvent {
  summary: TallySummary;
  updatedAt: string;
}

const STATE_TEXT: Record<StreamState, string> = {
  connecting: 'connecting…',
  open: 'live',
  reconnecting: 'reconnecting…',
  closed: 'closed',
};
const MAX_ROWS = 200;

/** Shows the stream's state in the header badge (and on the view). */
export function showConnection(state: StreamState): void {
  const badge = document.getElementById('conn');
  if (!badge) return;
  badge.textContent = STATE_TEXT[state];
  badge.dataset.state = state;
}

/** Live (`#/live`): claims and tally changes as they are projected, without reloading. */
export const liveView: View = async (root) => {
  const { topics } = await getJson<DashboardOverview>('/api/dashboard/overview');
  const names = topics.map((t) => t.topic);
  const state = h('span', { class: 'conn', id: 'live-state', 'data-state': 'connecting' }, STATE_TEXT.connecting);
  const claims = h('ul', { class: 'feed', id: 'live-claims' });
  const tallies = h('ul', { class: 'feed', id: 'live-tallies' });
  const notes = h('p', { class: 'muted' });
  replace(
    root,
    h('h1', {}, 'Live ', state),
    h('p', { class: 'muted' }, names.length ? `Following ${names.join(', ')}.` : 'No topics yet: nothing to follow.'),
    notes,
    h(
      'div',
      { class: 'columns' },
      h('section', {}, h('h2', {}, 'New claims'), claims),
      h('section', {}, h('h2', {}, 'Tally changes'), tallies),
    ),
  );
  const prepend = (list: HTMLElement, item: HTMLElement) => {
    list.prepend(item);
    while (list.children.length > MAX_ROWS) list.lastElementChild?.remove();
  };
  if (names.length === 0) return () => undefined;
  return openLiveStream(names, {
    claim(data) {
      const c = data as ClaimEvent;
      prepend(
        claims,
        h(
          'li',
          { class: 'fresh', 'data-claim': c.claim.id },
          h('strong', { class: 'figure' }, formatFigure(c.claim.quantity)),
          ' ',
          h(
            'a',
            { href: `#/series/${encodeURIComponent(c.seriesId)}` },
            `${c.claim.topic} · ${formatSeriesKey(c.claim)}`,
          ),
          h('span', { class: 'muted' }, ` — ${c.source}, ${humanDate(c.claim.asOf)}`),
          h('div', { class: 'quote' }, c.claim.evidence.quote),
        ),
      );
    },
    tally(data) {
      const t = data as TallyEvent;
      prepend(
        tallies,
        h(
          'li',
          { class: 'fresh', 'data-series': t.summary.seriesId },
          h(
            'a',
            { href: `#/series/${encodeURIComponent(t.summary.seriesId)}` },
            `${t.summary.key.topic} · ${formatSeriesKey(t.summary.key)}`,
          ),
          ' → ',
          h('strong', { class: 'figure' }, t.summary.latest ? formatFigure(t.summary.latest) : '—'),
          h(
            'span',
            { class: 'muted' },
            ` · ${t.summary.independentSources} sources${t.summary.disputed ? ' · disputed' : ''} · ${humanDateTime(t.updatedAt)}`,
          ),
        ),
      );
    },
    reset() {
      notes.textContent = 'The stream restarted from the current state (the server could not replay what was missed).';
    },
    error(message) {
      notes.textContent = `Stream error: ${message}`;
    },
    state(s) {
      state.textContent = STATE_TEXT[s];
      state.dataset.state = s;
      showConnection(s);
    },
  });
};
