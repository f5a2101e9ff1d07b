import { deleteJson, getJson, whenUnauthorised } from './api.ts';
import { h, replace } from './dom.ts';
import { backfillsView } from './views/backfills.ts';
import { healthView } from './views/health.ts';
import { liveView, showConnection } from './views/live.ts';
import { renderLogin } from './views/login.ts';
import { overviewView } from './views/overview.ts';
import { seriesView } from './views/series.ts';
import type { View } from './views/view.ts';

// The dashboard's entry: hash routes (#/, #/series/<id>, #/live, #/backfills, #/health), each view rendering
// into <main id="view"> and cleaned up on the next navigation.

const ROUTES: Array<{ pattern: RegExp; view: View; nav?: string }> = [
  { pattern: /^#?\/?$/, view: overviewView, nav: 'Topics' },
  { pattern: /^#\/series\/(.+)$/, view: seriesView },
  { pattern: /^#\/live$/, view: liveView, nav: 'Live' },
  { pattern: /^#\/backfills$/, view: backfillsView, nav: 'Backfills' },
  { pattern: /^#\/health$/, view: healthView, nav: 'Health' },
];
const NAV: Array<[string, string]> = [
  ['#/', 'Topics'],
  ['#/live', 'Live'],
  ['#/backfills', 'Backfills'],
  ['#/health', 'Health'],
];

const root = document.getElementById('view') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
let cleanup: () => void = () => undefined;
let generation = 0;
let required = false;

function renderNav(): void {
  const here = location.hash || '#/';
  replace(
    nav,
    ...NAV.map(([href, label]) =>
      h('a', { href, class: here === href || (href === '#/' && here.startsWith('#/series/')) ? 'active' : '' }, label),
    ),
    required
      ? h(
          'button',
          {
            type: 'button',
            class: 'link',
            id: 'logout',
            onclick: () => void deleteJson('/api/session').then(() => showLogin()),
          },
          'Sign out',
        )
      : '',
  );
}

async function route(): Promise<void> {
  const mine = ++generation;
  cleanup();
  cleanup = () => undefined;
  showConnection('closed');
  document.getElementById('conn')?.replaceChildren();
  renderNav();
  const hash = location.hash || '#/';
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(hash) })).find((x) => x.m);
  if (!match?.m) {
    replace(root, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the topics')));
    return;
  }
  root.setAttribute('aria-busy', 'true');
  try {
    const params = match.m.slice(1).map((p) => decodeURIComponent(p ?? ''));
    const done = await match.r.view(root, params);
    // A newer navigation happened while this view loaded: drop it.
    if (mine !== generation) done();
    else cleanup = done;
  } catch (err) {
    if (mine === generation)
      replace(root, h('p', { class: 'error' }, `Could not load this view: ${(err as Error).message}`));
  } finally {
    root.removeAttribute('aria-busy');
    root.dataset.ready = hash;
    // Read by `npm run bench:dashboard`: navigation start → the first view rendered with its data.
    if (performance.getEntriesByName('cw:first-view').length === 0) performance.mark('cw:first-view');
  }
}

function showLogin(): void {
  generation++;
  cleanup();
  cleanup = () => undefined;
  replace(nav);
  renderLogin(root, () => void route());
}

async function boot(): Promise<void> {
  whenUnauthorised(showLogin);
  const session = await getJson<{ required: boolean; authenticated: boolean }>('/api/session');
  required = session.required;
  window.addEventListener('hashchange', () => void route());
  if (!session.authenticated) showLogin();
  else await route();
}

void boot();
