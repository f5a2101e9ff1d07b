import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicNames } from '../../../schemas/topics.ts';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { createPipelineMetrics, type PipelineMetrics } from '../../../services/platform/metrics.ts';
import { createReadiness, registerOpsRoutes } from '../../../services/surfaces/ops/routes.ts';
import { createKafkaBus, type KafkaBus } from '../../../services/platform/kafka.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { prepareKafka, startKafka } from '../../../tools/stack/kafka-server.ts';
import { stackLayout } from '../../../tools/stack/layout.ts';
import { stopByPidFile } from '../../../tools/stack/processes.ts';
import { parsePromText, sampleValue } from '../../unit/ops/prom-text.ts';
import { freePorts, testContext, uniqueName, waitFor } from '../../support/harness.ts';

/** The API app with the ops routes, as the HTTP service would mount them through extraRoutes. */
async function opsApp(deps: {
  bus: KafkaBus;
  temporalAddress: string;
  readModel: ReadModel;
  metrics: PipelineMetrics;
}): Promise<FastifyInstance> {
  const readiness = createReadiness({
    bus: deps.bus,
    temporalAddress: deps.temporalAddress,
    readModel: deps.readModel,
  });
  return buildApiApp({
    readModel: deps.readModel,
    log: testContext().log,
    config: { http: { host: '127.0.0.1', port: 0, token: undefined } },
    extraRoutes: [(app) => registerOpsRoutes(app, { metrics: deps.metrics, readiness })],
  });
}

describe('/readyz and /metrics against the real stack', () => {
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: uniqueName('t') });
  const prefix = config.kafka.topicPrefix;
  const readModel = openSqliteReadModel({ path: ':memory:' });
  let bus: KafkaBus;
  let metrics: PipelineMetrics;
  let app: FastifyInstance;

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'test-ops', log });
    await ensurePipelineTopics(bus, prefix, ['aid']);
    metrics = createPipelineMetrics({ bus, prefix, claimTopics: ['aid'] });
    app = await opsApp({ bus, temporalAddress: config.temporal.address, readModel, metrics });
  });
  afterAll(async () => {
    await app.close();
    metrics.close();
    const names = topicNames(prefix);
    await bus
      .deleteTopics([names.rawArticles, names.claims('aid'), names.deadLetters, names.tallies])
      .catch(() => undefined);
    await bus.close();
    readModel.close();
  });

  it('is ready with the running stack and reports consumer lag read from Kafka', async () => {
    // Each check has 2 s; the first ones also connect this test's fresh clients, which a loaded machine may not do in
    // time: poll (the stack is up, so /readyz must say so soon), then check what it said.
    const res = await waitFor(
      async () => {
        const r = await app.inject('/readyz');
        return r.statusCode === 200 ? r : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: '/readyz to be ready' },
    ).catch(() => app.inject('/readyz'));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      ok: true,
      checks: { kafka: { ok: true }, temporal: { ok: true }, readModel: { ok: true } },
    });

    const producer = await bus.createProducer();
    await producer.send(topicNames(prefix).rawArticles, [
      { key: 'a', value: '{}' },
      { key: 'b', value: '{}' },
    ]);
    await producer.disconnect();
    metrics.articlesDispatched.inc(2);
    // On a fresh broker the first group-offset lookups wait for __consumer_offsets to be created
    // (COORDINATOR_NOT_AVAILABLE for a few seconds): until then a scrape reports lag_up 0.
    const exp = await waitFor(
      async () => {
        const scrape = await app.inject('/metrics');
        expect(scrape.statusCode).toBe(200);
        const parsed = parsePromText(scrape.body);
        return sampleValue(parsed, 'claimwatch_consumer_lag_up') === 1 ? parsed : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'consumer lag to be readable' },
    );
    expect(
      sampleValue(exp, 'claimwatch_consumer_lag', {
        group: `${prefix}.dispatcher`,
        topic: topicNames(prefix).rawArticles,
      }),
    ).toBe(2);
    expect(
      sampleValue(exp, 'claimwatch_consumer_lag', {
        group: `${prefix}.projector`,
        topic: topicNames(prefix).claims('aid'),
      }),
    ).toBe(0);
    expect(sampleValue(exp, 'claimwatch_articles_dispatched_total')).toBe(2);
  });

  describe('with a Kafka broker of its own that it stops and starts', () => {
    // A second single-node KRaft broker from the project's stack code: its own cache folder (config, data,
    // log, PID file), the jars of the installed stack.
    const dir = mkdtempSync(path.join(tmpdir(), 'claimwatch-ops-kafka-'));
    const layout = { ...stackLayout(dir), kafkaLibs: stackLayout(config.cacheDir).kafkaLibs };
    const timings: Record<string, number> = {};
    let propsFile: string;
    let ownBus: KafkaBus;
    let ownApp: FastifyInstance;
    let ownMetrics: PipelineMetrics;

    const readyz = async () => {
      const res = await ownApp.inject('/readyz');
      return {
        status: res.statusCode,
        body: res.json() as {
          ok: boolean;
          failing?: string[];
          checks: Record<string, { ok: boolean; detail: string }>;
        },
      };
    };
    const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const started = Date.now();
      try {
        return await run();
      } finally {
        timings[name] = Date.now() - started;
      }
    };

    beforeAll(async () => {
      // Two distinct ports (two separate lookups may hand out the same released port twice).
      const [kafkaPort, controllerPort] = (await freePorts(2)) as [number, number];
      const ports = { kafkaPort, controllerPort };
      propsFile = await timed('format storage', () => prepareKafka(layout, ports));
      await timed('first start until ready', async () => {
        await startKafka(layout, propsFile);
        // The shared-bus shape of production (client retries on), not a one-shot probe.
        ownBus = createKafkaBus({
          brokers: [`127.0.0.1:${ports.kafkaPort}`],
          clientId: 'test-ops-own',
          log: log.child({}, { level: 'fatal' }),
        });
        ownMetrics = createPipelineMetrics({ bus: ownBus, prefix, claimTopics: [], defaultMetrics: false });
        ownApp = await opsApp({
          bus: ownBus,
          temporalAddress: config.temporal.address,
          readModel,
          metrics: ownMetrics,
        });
        await waitFor(async () => ((await readyz()).status === 200 ? true : undefined), {
          timeoutMs: 90_000,
          intervalMs: 250,
          what: 'the own broker to be ready',
        });
      });
    });
    afterAll(async () => {
      await ownApp?.close();
      ownMetrics?.close();
      await ownBus?.close();
      await stopByPidFile(layout.pidFile('kafka'), 5000);
      rmSync(dir, { recursive: true, force: true });
      console.info(`readyz kafka outage timings (ms): ${JSON.stringify(timings)}`);
    });

    it('turns 503 naming kafka when the broker stops, and 200 again when it is back', async () => {
      // Each check has 2 s, which a loaded machine may miss now and then: poll for the state a step expects, then check it.
      const ready = () =>
        waitFor(async () => ((await readyz()).status === 200 ? true : undefined), {
          timeoutMs: 60_000,
          intervalMs: 250,
          what: '/readyz to be ready',
        });
      await ready();

      expect(await timed('stop broker', () => stopByPidFile(layout.pidFile('kafka'), 10_000))).toBe('stopped');
      const down = await timed('until 503', () =>
        waitFor(
          async () => {
            const r = await readyz();
            return r.status === 503 && r.body.failing?.join() === 'kafka' ? r : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 250, what: '/readyz to fail on kafka alone' },
        ).catch(() => readyz()),
      );
      expect(down.status).toBe(503);
      expect(down.body.ok).toBe(false);
      expect(down.body.failing).toEqual(['kafka']);
      expect(down.body.checks.temporal?.ok).toBe(true);
      expect(down.body.checks.readModel?.ok).toBe(true);
      // A scrape still answers while Kafka is away: lag unknown, counters intact.
      const scrape = parsePromText((await ownApp.inject('/metrics')).body);
      expect(sampleValue(scrape, 'claimwatch_consumer_lag_up')).toBe(0);

      await timed('restart until 200', async () => {
        await startKafka(layout, propsFile);
        await waitFor(async () => ((await readyz()).status === 200 ? true : undefined), {
          timeoutMs: 90_000,
          intervalMs: 250,
          what: '/readyz to recover',
        });
      });
      expect((await readyz()).body.checks.kafka?.ok).toBe(true);
    });
  });
});
