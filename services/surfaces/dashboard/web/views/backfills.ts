import { getJson, postJson } from '../api.ts';
import { humanDateTime } from '../dates.ts';
import { h, replace } from '../dom.ts';
import type { View } from './view.ts';
// The contract of `GET /api/backfills`; a type-only import, so nothing of zod reaches the bundle.
import type { BackfillStatus } from '../../../../../schemas/backfill.ts';

const ACTIONS: Partial<Record<BackfillStatus['state'], Array<'pause' | 'resume' | 'cancel'>>> = {
  running: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
};

function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  return s < 60
    ? `${s} s`
    : s < 3600
      ? `${Math.floor(s / 60)} min ${s % 60} s`
      : `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

function row(b: BackfillStatus, act: (id: string, action: string) => void): HTMLElement {
  const pct = b.total > 0 ? Math.min(100, (100 * b.done) / b.total) : b.state === 'completed' ? 100 : 0;
  const what = [
    b.request.from,
    '→',
    b.request.to,
    b.request.source && `source ${b.request.source}`,
    b.request.topic && `topic ${b.request.topic}`,
  ]
    .filter(Boolean)
    .join(' ');
  return h(
    'li',
    { class: `backfill state-${b.state}`, 'data-backfill': b.id },
    h(
      'div',
      {},
      h('strong', {}, what),
      ' ',
      h('span', { class: `badge state-${b.state}` }, b.state),
      h('span', { class: 'muted' }, ` · ${b.id} · extractor ${b.extractorVersion}`),
    ),
    h('progress', { max: 100, value: pct.toFixed(1), 'aria-label': `progress of ${b.id}` }),
    h(
      'div',
      { class: 'muted' },
      `${b.done} / ${b.total} articles · batch ${b.batchesDone} / ${b.batchesTotal} · ${b.ratePerSec.toFixed(1)}/s · ETA ${b.state === 'running' ? duration(b.etaSeconds) : '—'} · started ${humanDateTime(b.startedAt)}${b.finishedAt ? ` · finished ${humanDateTime(b.finishedAt)}` : ''}`,
    ),
    b.error ? h('div', { class: 'error' }, b.error) : '',
    h(
      'div',
      { class: 'actions' },
      ...(ACTIONS[b.state] ?? []).map((a) =>
        h('button', { type: 'button', 'data-action': a, onclick: () => act(b.id, a) }, a),
      ),
    ),
  );
}

/** Backfills (`#/backfills`): a form to start one, progress of every backfill polled each second, pause/resume/cancel. */
export const backfillsView: View = async (root) => {
  const list = h('ul', { class: 'backfills', id: 'backfill-list' });
  const message = h('p', { class: 'muted', id: 'backfill-message', role: 'status' });
  const field = (label: string, input: HTMLElement) => h('label', {}, label, input);
  const today = new Date().toISOString().slice(0, 10);
  const form = h(
    'form',
    { class: 'backfill-form', id: 'backfill-form' },
    field('from', h('input', { name: 'from', type: 'date', required: true })),
    field('to', h('input', { name: 'to', type: 'date', required: true, value: today })),
    field('source (optional)', h('input', { name: 'source', type: 'text', placeholder: 'e.g. Kyiv Wire' })),
    field('topic (optional)', h('input', { name: 'topic', type: 'text', placeholder: 'e.g. territory-area' })),
    field('input (optional)', h('input', { name: 'input', type: 'text', placeholder: 'archive file on the server' })),
    h('button', { type: 'submit' }, 'Start backfill'),
  );
  replace(root, h('h1', {}, 'Backfills'), form, message, list);

  let timer: number | undefined;
  let stopped = false;
  const refresh = async () => {
    try {
      const { backfills } = await getJson<{ backfills: BackfillStatus[] }>('/api/backfills');
      const sorted = backfills.slice().sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      list.replaceChildren(
        ...(sorted.length ? sorted.map((b) => row(b, act)) : [h('li', { class: 'muted' }, 'No backfills yet.')]),
      );
    } catch (err) {
      message.textContent = `Could not read backfills: ${(err as Error).message}`;
    }
    if (!stopped) timer = window.setTimeout(() => void refresh(), 1000);
  };
  const act = (id: string, action: string) => {
    postJson(`/api/backfills/${encodeURIComponent(id)}/${action}`)
      .then(() => (message.textContent = `${action} requested for ${id}`))
      .catch((err: Error) => (message.textContent = `${action} failed: ${err.message}`));
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const body: Record<string, string> = {};
    for (const [k, v] of data.entries()) if (typeof v === 'string' && v.trim() !== '') body[k] = v.trim();
    postJson<{ id: string; status: string }>('/api/backfills', body)
      .then((r) => (message.textContent = `Backfill ${r.id} started`))
      .catch((err: Error) => (message.textContent = `Could not start: ${err.message}`));
  });
  await refresh();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
};
