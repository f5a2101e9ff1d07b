import type { PipelineHealth } from '../../../ops/health.ts';
import { formatNumber } from '../../../../stores/read-model/format.ts';
import { getJson } from '../api.ts';
import { ago, h, replace } from '../dom.ts';
import type { View } from './view.ts';

const rate = (n: number | null): string => (n === null ? '…' : `${formatNumber(Math.round(n * 10) / 10)}/min`);

function tile(label: string, value: string, detail: string, id: string): HTMLElement {
  return h(
    'div',
    { class: 'tile', id },
    h('div', { class: 'tile-value' }, value),
    h('div', { class: 'tile-label' }, label),
    h('div', { class: 'muted' }, detail),
  );
}

function render(root: HTMLElement, p: PipelineHealth): void {
  const lagTotal = p.lag.byGroup.reduce((n, l) => n + l.lag, 0);
  replace(
    root,
    h('h1', {}, 'Pipeline health ', h('small', { class: 'muted' }, `as of ${p.at.slice(11, 19)} UTC`)),
    h(
      'div',
      { class: 'tiles' },
      tile('ingest', rate(p.ingest.perMinute), `${p.ingest.total ?? '?'} articles on the raw topic`, 'tile-ingest'),
      tile(
        'duplicates',
        rate(p.duplicates.perMinute),
        `${p.duplicates.redelivery} re-deliveries, ${p.duplicates.copy} copies (this process)`,
        'tile-duplicates',
      ),
      tile('claims', rate(p.claims.perMinute), `${p.claims.total ?? '?'} events on the claims topics`, 'tile-claims'),
      tile(
        'consumer lag',
        p.lag.ok ? String(lagTotal) : 'unknown',
        p.lag.ok ? 'messages not yet committed' : (p.lag.error ?? ''),
        'tile-lag',
      ),
      tile(
        'workflow failures',
        p.workflows.failed === null ? '?' : String(p.workflows.failed),
        `${p.workflows.startFailures} refused starts · ${p.workflows.stuck ?? '?'} retrying > 1 min${p.workflows.failedError ? ` · ${p.workflows.failedError}` : ''}`,
        'tile-failures',
      ),
      tile(
        'dead letters',
        String(p.deadLetters.total),
        p.deadLetters.recent[0] ? `latest ${ago(p.deadLetters.recent[0].occurredAt)}` : 'none',
        'tile-dead-letters',
      ),
    ),
    h(
      'p',
      {},
      'Temporal UI: ',
      h('a', { href: p.links.temporalUi, target: '_blank', rel: 'noopener' }, 'home'),
      ' · ',
      h(
        'a',
        { href: p.links.failedWorkflows, target: '_blank', rel: 'noopener', id: 'link-failed' },
        'failed workflows',
      ),
      ' · ',
      h('a', { href: p.links.runningWorkflows, target: '_blank', rel: 'noopener' }, 'running workflows'),
    ),
    h('h2', {}, 'Consumer lag'),
    h(
      'table',
      { id: 'lag-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'group'), h('th', {}, 'topic'), h('th', { class: 'num' }, 'lag'))),
      h(
        'tbody',
        {},
        ...p.lag.byGroup.map((l) =>
          h('tr', {}, h('td', {}, l.group), h('td', {}, l.topic), h('td', { class: 'num' }, l.lag)),
        ),
      ),
    ),
    h('h2', {}, `Dead letters (${p.deadLetters.total})`),
    h(
      'table',
      { id: 'dead-letter-reasons' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'source'),
          h('th', {}, 'reason'),
          h('th', { class: 'num' }, 'count'),
          h('th', {}, 'last'),
        ),
      ),
      h(
        'tbody',
        {},
        ...p.deadLetters.bySourceAndReason.map((d) =>
          h(
            'tr',
            {},
            h('td', {}, d.source),
            h('td', {}, d.reason),
            h('td', { class: 'num' }, d.count),
            h('td', {}, ago(d.lastAt)),
          ),
        ),
      ),
    ),
    h('h3', {}, 'Latest'),
    h(
      'ul',
      { class: 'dead-letters' },
      ...p.deadLetters.recent.map((d) =>
        h(
          'li',
          {},
          h('strong', {}, d.reason),
          h('span', { class: 'muted' }, ` · ${d.source} · ${d.location ?? ''} · ${ago(d.occurredAt)}`),
          d.problems.length ? h('div', {}, d.problems.slice(0, 3).join('; ')) : '',
        ),
      ),
    ),
  );
}

/** Pipeline health (`#/health`): rates, lag, workflow failures and dead letters, refreshed every 2 s. */
export const healthView: View = async (root) => {
  let timer: number | undefined;
  let stopped = false;
  const refresh = async () => {
    try {
      render(root, await getJson<PipelineHealth>('/api/pipeline/health'));
    } catch (err) {
      // Keep the last good reading on screen, with one line saying it is stale.
      root.querySelector('p.health-error')?.remove();
      root.prepend(h('p', { class: 'error health-error' }, `Could not read health: ${(err as Error).message}`));
    }
    if (!stopped) timer = window.setTimeout(() => void refresh(), 2000);
  };
  await refresh();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
};
