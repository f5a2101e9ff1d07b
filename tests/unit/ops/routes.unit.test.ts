import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { bearerMatches } from '../../../services/surfaces/api/auth.ts';
import { createPipelineMetrics, type PipelineMetrics } from '../../../services/platform/metrics.ts';
import {
  createReadiness,
  OPS_PATHS,
  registerOpsRoutes,
  type ReadinessOptions,
} from '../../../services/surfaces/ops/routes.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { parsePromText, sampleValue } from './prom-text.ts';

const log = createRootLogger('silent');
type Mode = 'ok' | 'fail' | 'hang';
const never = () => new Promise<never>(() => undefined);

function readinessOf(state: { kafka: Mode; temporal: Mode; readModel: 'ok' | 'fail' }, timeoutMs = 150) {
  const options: ReadinessOptions = {
    bus: {
      async describeCluster() {
        if (state.kafka === 'fail') throw new Error('Kafka at 127.0.0.1:1 is not reachable');
        if (state.kafka === 'hang') return never();
        return { brokers: 1, controller: 1, clusterId: 'c1' };
      },
    },
    temporalAddress: '127.0.0.1:7233',
    probeTemporal: async (address) => {
      if (state.temporal === 'hang') return never();
      return state.temporal === 'ok'
        ? { ok: true, detail: `frontend serving at ${address}` }
        : { ok: false, detail: 'connection refused' };
    },
    readModel: {
      ping() {
        if (state.readModel === 'fail') throw new Error('database is closed');
      },
    },
    timeoutMs,
  };
  return createReadiness(options);
}

describe('ops routes', () => {
  let app: FastifyInstance | undefined;
  let metrics: PipelineMetrics | undefined;
  afterEach(async () => {
    await app?.close();
    metrics?.close();
  });

  async function api(state: Parameters<typeof readinessOf>[0], token?: string) {
    metrics = createPipelineMetrics({
      bus: { topicOffsets: async () => [], groupOffsets: async () => [] },
      prefix: 'cwtest',
      claimTopics: ['aid'],
    });
    const deps = { metrics, readiness: readinessOf(state) };
    app = await buildApiApp({
      readModel: { ping() {} } as unknown as ReadModel,
      log,
      config: { http: { host: '127.0.0.1', port: 0, token } },
      extraRoutes: [(a) => registerOpsRoutes(a, deps)],
    });
    return { app, metrics };
  }

  it('serves /metrics through extraRoutes as Prometheus text with the registry content type', async () => {
    const { app, metrics } = await api({ kafka: 'ok', temporal: 'ok', readModel: 'ok' });
    metrics.claimsPublished.inc(4);
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(metrics.contentType);
    expect(sampleValue(parsePromText(res.body), 'claimwatch_claims_published_total')).toBe(4);
  });

  it('answers /readyz 200 with every check when all are reachable', async () => {
    const { app } = await api({ kafka: 'ok', temporal: 'ok', readModel: 'ok' });
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(true);
    expect(Object.keys(body.checks).sort()).toEqual(['kafka', 'readModel', 'temporal']);
    expect(body.checks.kafka).toMatchObject({ ok: true, detail: 'cluster c1, 1 broker(s)' });
  });

  it('answers /readyz 503 naming the failing checks, a hanging one within its timeout', async () => {
    const { app } = await api({ kafka: 'hang', temporal: 'fail', readModel: 'fail' });
    const started = Date.now();
    const res = await app.inject('/readyz');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.statusCode).toBe(503);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.failing).toEqual(['kafka', 'temporal', 'readModel']);
    expect(body.checks.kafka.detail).toMatch(/no answer within 150 ms/);
    expect(body.checks.temporal.detail).toBe('connection refused');
    expect(body.checks.readModel.detail).toBe('database is closed');
  });

  it('names only kafka when only Kafka is down', async () => {
    const { app } = await api({ kafka: 'fail', temporal: 'ok', readModel: 'ok' });
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json().failing).toEqual(['kafka']);
  });

  it('shares one round of checks between concurrent callers', async () => {
    let calls = 0;
    const readiness = createReadiness({
      bus: { describeCluster: async () => (calls++, { brokers: 1, controller: 1, clusterId: 'c' }) },
      temporalAddress: 'x',
      probeTemporal: async () => ({ ok: true, detail: 'ok' }),
      readModel: { ping() {} },
    });
    const reports = await Promise.all([readiness.check(), readiness.check(), readiness.check()]);
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(calls).toBe(1);
    await readiness.check();
    expect(calls).toBe(2);
  });

  it('with API_TOKEN set, the routes answer a bearer request (today server.ts asks a token of them too)', async () => {
    const { app } = await api({ kafka: 'ok', temporal: 'ok', readModel: 'ok' }, 's3cret');
    expect((await app.inject({ url: '/readyz', headers: { authorization: 'Bearer s3cret' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics', headers: { authorization: 'Bearer s3cret' } })).statusCode).toBe(200);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  });

  it('marks both routes public, so an auth hook reading routeOptions.config opens exactly them', async () => {
    // The hook server.ts would need (instead of comparing req.url with '/healthz').
    const bare = Fastify();
    app = bare;
    bare.addHook('onRequest', async (req, reply) => {
      if (req.routeOptions.config.public === true || bearerMatches(req.headers.authorization, 't')) return;
      return reply.code(401).send({ error: 'missing or wrong bearer token' });
    });
    metrics = createPipelineMetrics({
      bus: { topicOffsets: async () => [], groupOffsets: async () => [] },
      prefix: 'cwtest',
      claimTopics: [],
      defaultMetrics: false,
    });
    registerOpsRoutes(bare, { metrics, readiness: readinessOf({ kafka: 'ok', temporal: 'ok', readModel: 'ok' }) });
    bare.get('/api/private', async () => ({ secret: true }));
    await bare.ready();
    for (const path of OPS_PATHS) expect((await bare.inject(`${path}?x=1`)).statusCode).toBe(200);
    expect((await bare.inject('/api/private')).statusCode).toBe(401);
    expect((await bare.inject('/nowhere')).statusCode).toBe(401);
  });
});
