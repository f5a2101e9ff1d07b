import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { sessionValue } from '../../../services/surfaces/api/auth.ts';
import { buildDashboardAssets } from '../../../services/surfaces/dashboard/bundle.ts';
import { DASHBOARD_CSP, registerDashboardRoutes } from '../../../services/surfaces/dashboard/routes.ts';
import type { DashboardOverview } from '../../../services/surfaces/dashboard/overview.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { asInput, firstWave, secondWave } from '../../fixtures/read-model/events.ts';

const TOKEN = 'dash-token';

describe('dashboard routes', () => {
  let app: FastifyInstance;
  let rm: ReadModel;
  beforeAll(async () => {
    rm = openSqliteReadModel({ path: ':memory:' });
    rm.applyClaimsEvents([...firstWave(), ...secondWave()].map(asInput));
    const assets = buildDashboardAssets();
    app = await buildApiApp({
      readModel: rm,
      log: createRootLogger('silent'),
      config: { http: { host: '127.0.0.1', port: 0, token: TOKEN } },
      extraRoutes: [(a) => registerDashboardRoutes(a, { assets, readModel: rm })],
    });
  });
  afterAll(async () => {
    await app.close();
    rm.close();
  });

  it('redirects / to the dashboard and serves the shell with a strict CSP and no inline script', async () => {
    const root = await app.inject('/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/dashboard/');
    const page = await app.inject('/dashboard/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-(inline|eval)/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).not.toMatch(/<script>|<style|style=/);
  });

  it('serves the hashed bundle (with uPlot and its CSS) immutable, with content types and ETags', async () => {
    const page = (await app.inject('/dashboard/')).body;
    const script = /src="(assets\/main-[^"]+\.js)"/.exec(page)?.[1];
    const style = /href="(assets\/styles-[^"]+\.css)"/.exec(page)?.[1];
    expect(script && style).toBeTruthy();
    const js = await app.inject(`/dashboard/${script}`);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body).toContain('u-legend'); // uPlot's own class names: bundled, not fetched from a CDN
    const css = await app.inject(`/dashboard/${style}`);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('.uplot');
    const again = await app.inject({
      url: `/dashboard/${script}`,
      headers: { 'if-none-match': String(js.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect((await app.inject('/dashboard/assets/nope.js')).statusCode).toBe(404);
  });

  it('names a favicon in the page and serves it (also from /favicon.ico) without the token', async () => {
    const page = (await app.inject('/dashboard/')).body;
    expect(page).toContain('<link rel="icon" type="image/svg+xml" href="assets/favicon.svg">');
    const icon = await app.inject('/dashboard/assets/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.body).toMatch(/^<svg /);
    const ico = await app.inject('/favicon.ico');
    expect(ico.statusCode).toBe(301);
    expect(ico.headers.location).toBe('/dashboard/assets/favicon.svg');
  });

  it('keeps the data behind the token: the overview needs the session or the bearer header', async () => {
    expect((await app.inject('/api/dashboard/overview')).statusCode).toBe(401);
    const res = await app.inject({
      url: '/api/dashboard/overview',
      headers: { cookie: `cw_session=${sessionValue(TOKEN)}` },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<DashboardOverview>();
    expect(body.topics.map((t) => t.topic).sort()).toEqual(['military-aid', 'settlements-captured', 'territory-area']);
    const settlements = body.topics.find((t) => t.topic === 'settlements-captured')?.tallies[0];
    expect(settlements).toMatchObject({ disputed: true, latest: { value: 74, qualifier: 'exact' } });
    expect(settlements?.points.length).toBeGreaterThan(1);
  });

  it('serves the overview again after new claims, not a stale copy', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const before = (await app.inject({ url: '/api/dashboard/overview', headers: auth })).json<DashboardOverview>();
    const claimsOf = (o: DashboardOverview) => o.topics.reduce((n, t) => n + t.claims, 0);
    const fresh = firstWave()[0];
    if (!fresh) throw new Error('fixture');
    const moved = {
      ...fresh,
      envelope: {
        ...fresh.envelope,
        id: 'a-new-envelope',
        data: {
          ...(fresh.envelope.data as object),
          claim: { ...(fresh.envelope.data as { claim: object }).claim, id: 'c-new', articleId: 'art-new' },
        },
      },
    };
    rm.applyClaimsEvents([asInput(moved)]);
    const after = (await app.inject({ url: '/api/dashboard/overview', headers: auth })).json<DashboardOverview>();
    expect(claimsOf(after)).toBe(claimsOf(before) + 1);
  });
});
