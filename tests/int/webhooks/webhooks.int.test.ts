import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { seriesId } from '../../../domain/tally/series.ts';
import { topicNames } from '../../../schemas/topics.ts';
import type { Condition, Subscription, SubscriptionStatus } from '../../../schemas/webhook.ts';
import { verifyWebhook } from '../../../domain/webhooks/signature.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { createKafkaBus, type EventProducer, type KafkaBus } from '../../../services/platform/kafka.ts';
import { connectClient } from '../../../services/platform/temporal.ts';
import { openProcessClients, type ProcessClients } from '../../../services/platform/clients.ts';
import { createAlertsService } from '../../../services/pipeline/webhooks/service.ts';
import { createSubscriptionAdmin, type SubscriptionAdmin } from '../../../services/pipeline/webhooks/subscriptions.ts';
import { secretBoxFor } from '../../../services/pipeline/webhooks/secret-box.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';
import {
  AREA,
  CLAIM_TOPICS,
  SETTLEMENTS,
  claimMessage,
  releaseAlertsTest,
  startEndpoint,
  tallyMessage,
} from './support.ts';

// Webhook alerts end to end on the real stack: registry topic → alert router (consumer group) →
// subscription workflows → signed POSTs to a local endpoint, driven by claims and tally messages
// shaped as the pipeline publishes them, on a unique topic prefix and task queue.
describe('webhook subscriptions and alerts', () => {
  const prefix = uniqueName('t');
  const taskQueue = uniqueName('alerts-q');
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: prefix, TEMPORAL_TASK_QUEUE: taskQueue });
  const names = topicNames(prefix);
  // Quick retries; an attempt's own timeout as in production: a local POST that outlives a short one on a loaded machine
  // is sent again, and the endpoint would count a second request for an alert it already answered.
  const delivery = { initialIntervalMs: 100, maximumIntervalMs: 400, attemptTimeoutMs: 10_000 };
  let bus: KafkaBus;
  let producer: EventProducer;
  let client: Client;
  let closeClient: () => Promise<void>;
  let admin: SubscriptionAdmin;
  let service: ReturnType<typeof createAlertsService>;
  let clients: ProcessClients;
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'alerts-test', log });
    await ensurePipelineTopics(bus, prefix, CLAIM_TOPICS);
    producer = await bus.createProducer();
    ({ client, close: closeClient } = await connectClient(config.temporal));
    admin = createSubscriptionAdmin({ producer, client, prefix, taskQueue, delivery, secrets: secretBoxFor(config) });
    clients = openProcessClients({ bus, temporal: config.temporal });
    service = createAlertsService({
      bus,
      clients,
      topics: topicNames(prefix),
      config,
      log,
      claimTopics: CLAIM_TOPICS,
      allowPrivate: true,
      delivery,
    });
    await service.start();
    endpoint = await startEndpoint(3);
  });
  afterAll(async () => {
    await releaseAlertsTest({ service, client, taskQueue, closeClient, clients, producer, bus, prefix });
    await endpoint?.close();
  });

  const register = (condition: Condition, url: string): Promise<Subscription> => admin.register({ url, condition });
  const sendClaims = async (...items: Array<ReturnType<typeof claimMessage>>) => {
    for (const { topic, message } of items) await producer.send(names.claims(topic), [message]);
  };
  /** The router's consumer group has committed everything now on its topics. */
  const routerCaughtUp = async () => {
    const topics = [...CLAIM_TOPICS.map(names.claims), names.tallies];
    const targets = await Promise.all(
      topics.map(async (t) => ({ t, high: (await bus.topicOffsets(t)).reduce((n, p) => n + Number(p.high), 0) })),
    );
    await waitFor(
      async () => {
        for (const { t, high } of targets) {
          const committed = (await bus.groupOffsets(`${prefix}.alerts`, t)).reduce(
            (n, p) => n + Math.max(0, Number(p.offset)),
            0,
          );
          if (committed < high) return undefined;
        }
        return true;
      },
      { timeoutMs: 60_000, what: 'the alert router to commit every message' },
    );
  };
  const statusWhen = (id: string, ok: (s: SubscriptionStatus) => boolean, what: string) =>
    waitFor(
      async () => {
        const s = await admin.status(id);
        return s && ok(s) ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what },
    );
  const deliveredTo = (path: string) => endpoint.received.filter((r) => r.path === path);

  it('fires each condition when it should and not otherwise; a flaky endpoint gets each alert exactly once, signed', async () => {
    const S = seriesId(SETTLEMENTS);
    const subs = {
      newClaim: await register({ kind: 'new-claim', topic: 'settlements-captured' }, endpoint.url('/flaky/new-claim')),
      newFigure: await register({ kind: 'new-figure', series: S }, endpoint.url('/flaky/new-figure')),
      disputed: await register({ kind: 'disputed', topic: 'settlements-captured' }, endpoint.url('/flaky/disputed')),
      threshold: await register({ kind: 'threshold', series: S, above: 100 }, endpoint.url('/flaky/threshold')),
    };
    const original = claimMessage(SETTLEMENTS, 'c-first', 60);
    await sendClaims(
      original,
      original,
      claimMessage(SETTLEMENTS, 'c-first', 60, 'art-elsewhere'),
      claimMessage(AREA, 'c-area', 900),
    );
    const tallies = [
      tallyMessage(SETTLEMENTS, 1, 50), // new figure (first seen)
      tallyMessage(SETTLEMENTS, 2, 50), // same figure: nothing
      tallyMessage(SETTLEMENTS, 3, 120, true), // new figure, crosses 100, becomes disputed
      tallyMessage(SETTLEMENTS, 4, 130, true), // new figure only: still above, still disputed
      tallyMessage(SETTLEMENTS, 2, 50), // a republished old version: nothing
      tallyMessage(AREA, 1, 900, true), // disputed, but another topic
    ];
    for (const t of tallies) await producer.send(names.tallies, [t]);
    await routerCaughtUp();

    const expected = { newClaim: 1, newFigure: 3, disputed: 1, threshold: 1 } as const;
    for (const [name, sub] of Object.entries(subs) as Array<[keyof typeof expected, Subscription]>) {
      const status = await statusWhen(
        sub.id,
        (s) => s.delivered >= expected[name] && s.pending === 0,
        `${name} deliveries`,
      );
      expect(status, name).toMatchObject({
        delivered: expected[name],
        failed: 0,
        dropped: 0,
        pending: 0,
        lastError: null,
      });
      const requests = endpoint.received.filter((r) => r.path === new URL(sub.url).pathname);
      const keys = new Set(requests.map((r) => r.key));
      expect(keys.size, name).toBe(expected[name]);
      // Each alert: three 503s, then exactly one success; every attempt signed with this subscription's secret.
      for (const key of keys)
        expect(
          requests.filter((r) => r.key === key).map((r) => r.status),
          `${name} ${key}`,
        ).toEqual([503, 503, 503, 200]);
      for (const r of requests)
        expect(
          verifyWebhook({
            secret: sub.secret,
            timestamp: r.timestamp,
            body: r.body,
            signature: r.signature,
            nowSeconds: Date.now() / 1000,
          }),
        ).toBe(true);
      for (const r of requests)
        expect(JSON.parse(r.body)).toMatchObject({
          alertId: r.key,
          subscriptionId: sub.id,
          condition: sub.condition,
          event: { kind: sub.condition.kind },
        });
    }
    const figures = deliveredTo('/flaky/new-figure')
      .filter((r) => r.status === 200)
      .map((r) => JSON.parse(r.body).event.latest.value);
    expect(figures).toEqual([50, 120, 130]);
    const crossing = JSON.parse(deliveredTo('/flaky/threshold').find((r) => r.status === 200)?.body ?? '{}');
    expect(crossing.event).toMatchObject({ direction: 'above', threshold: 100, previous: 50, version: 3 });
    expect(JSON.parse(deliveredTo('/flaky/new-claim')[0]?.body ?? '{}').event.claim.id).toBe('c-first');
  });

  it('a dead endpoint delays neither another subscription nor the router; remove stops deliveries', async () => {
    const dead = await register({ kind: 'new-claim', topic: 'territory-area' }, 'http://127.0.0.1:9/dead'); // port 9: connection refused
    const live = await register({ kind: 'new-claim', topic: 'territory-area' }, endpoint.url('/ok/live'));
    await sendClaims(claimMessage(AREA, 'c-d1', 910), claimMessage(AREA, 'c-d2', 920), claimMessage(AREA, 'c-d3', 930));
    await routerCaughtUp(); // the router committed although the dead endpoint has delivered nothing
    await statusWhen(live.id, (s) => s.delivered === 3, 'the live subscription to get all three');
    expect(new Set(deliveredTo('/ok/live').map((r) => r.key)).size).toBe(3);
    // Still retrying the first alert (in flight, not counted as pending), the other two waiting.
    const stuck = await statusWhen(dead.id, (s) => s.pending === 2, 'the dead subscription to hold two alerts');
    expect(stuck).toMatchObject({ delivered: 0, failed: 0, dropped: 0 });

    await admin.remove(live.id);
    await admin.remove(dead.id);
    const ended = await statusWhen(dead.id, (s) => s.removed, 'the dead subscription to end');
    expect(ended).toMatchObject({ delivered: 0, removed: true, dropped: 2 });
    expect(ended.lastDropReason).toMatch(/removed/);
    await sendClaims(claimMessage(AREA, 'c-after', 940));
    await routerCaughtUp();
    expect(deliveredTo('/ok/live')).toHaveLength(3);
    // Removal is a signal: the live subscription's workflow ends once it has handled it.
    const handle = client.workflow.getHandle(`${prefix}/subscription:${live.id}`);
    const status = await waitFor(
      async () => ((await handle.describe()).status.name === 'COMPLETED' ? 'COMPLETED' : undefined),
      { what: 'the removed subscription to end' },
    );
    expect(status).toBe('COMPLETED');
    expect(service.registry.get(live.id)).toBeUndefined();
  });
});
