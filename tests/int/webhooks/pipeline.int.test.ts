import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { ClaimsTopicMessageSchema, topicNames } from '../../../schemas/topics.ts';
import type { Alert } from '../../../schemas/webhook.ts';
import { createAlertsService } from '../../../services/pipeline/webhooks/service.ts';
import { secretBoxFor } from '../../../services/pipeline/webhooks/secret-box.ts';
import { createSubscriptionAdmin } from '../../../services/pipeline/webhooks/subscriptions.ts';
import { sampleCorpus, startPipeline, type RunningPipeline } from '../../support/pipeline.ts';
import { waitFor } from '../../support/harness.ts';
import { readTopic } from '../ingest/topic-reader.ts';
import { startEndpoint } from './support.ts';
import { terminateRunning } from '../../support/temporal.ts';

// Through the real pipeline: sample articles → dispatcher → processArticle → claims topic → alert router
// → subscription workflow → endpoint. Every original claim report on the topic alerts exactly once.
describe('alerts from the real pipeline', () => {
  let pipeline: RunningPipeline;
  let service: ReturnType<typeof createAlertsService>;
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  beforeAll(async () => {
    pipeline = await startPipeline();
    const { config, log, bus, claimTopics } = pipeline.ctx;
    service = createAlertsService({
      bus,
      clients: pipeline.ctx.clients,
      topics: pipeline.ctx.topics,
      config,
      log,
      claimTopics,
      taskQueue: pipeline.taskQueue,
      allowPrivate: true,
    });
    await service.start();
    endpoint = await startEndpoint(0);
  });
  afterAll(async () => {
    await service?.stop();
    await terminateRunning(pipeline.client, `${pipeline.taskQueue}.alerts`);
    await pipeline?.stop();
    await endpoint?.close();
  });

  it('alerts once per original claim report on the subscribed topic', async () => {
    const articles = (await sampleCorpus()).slice(0, 12);
    const perTopic = new Map<string, number>();
    for (const a of articles)
      for (const c of extractClaims(a, defaultTaxonomy())) perTopic.set(c.topic, (perTopic.get(c.topic) ?? 0) + 1);
    const [topic] = [...perTopic.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    expect(topic).toBeDefined();

    const producer = await pipeline.ctx.bus.createProducer();
    const admin = createSubscriptionAdmin({
      producer,
      client: pipeline.client,
      prefix: pipeline.scope,
      taskQueue: pipeline.taskQueue,
      secrets: secretBoxFor(pipeline.ctx.config),
    });
    const sub = await admin.register({
      url: endpoint.url('/ok/pipeline'),
      condition: { kind: 'new-claim', topic: topic as string },
    });
    await producer.disconnect();
    await pipeline.publish(articles);
    await pipeline.settle(articles);

    const claimsTopic = topicNames(pipeline.scope).claims(topic as string);
    const total = (await pipeline.ctx.bus.topicOffsets(claimsTopic)).reduce((n, p) => n + Number(p.high), 0);
    const originals = (await readTopic(pipeline.ctx.bus, claimsTopic, total))
      .map((m) => ClaimsTopicMessageSchema.parse(JSON.parse(m.value ?? '')).event)
      .flatMap((e) => (e.type === 'ClaimReported' && e.data.copyOf === null ? [e.data.claim.id] : []));
    expect(originals.length).toBeGreaterThan(0);
    const expected = new Set(originals);

    await waitFor(async () => ((await admin.status(sub.id))?.delivered === expected.size ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 300,
      what: `${expected.size} alerts`,
    });
    const alerts = endpoint.received.filter((r) => r.path === '/ok/pipeline').map((r) => JSON.parse(r.body) as Alert);
    const claimIds = alerts.map((a) => (a.event.kind === 'new-claim' ? a.event.claim.id : ''));
    expect(new Set(claimIds)).toEqual(expected);
    expect(claimIds).toHaveLength(expected.size); // once each
  });
});
