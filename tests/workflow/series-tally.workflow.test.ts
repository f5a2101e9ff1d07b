import { describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { createKafkaBus } from '../../services/platform/kafka.ts';
import { createSeriesTallyActivities } from '../../workflows/series-tally/activities.ts';
import { seriesWorkflowId, tallyEventsSignal, type TallyDelivery } from '../../workflows/series-tally/messages.ts';
import type { seriesTally } from '../../workflows/series-tally/workflow.ts';
import { evolve, initialTally, summarise } from '../../domain/tally/index.ts';
import { extractClaims, defaultTaxonomy } from '../../domain/extract/index.ts';
import { ensurePipelineTopics } from '../../services/bus/topics.ts';
import { topicNames } from '../../schemas/topics.ts';
import { seriesId, seriesKeyOf, type TallySnapshot, type TallyEvent } from '../../schemas/tally.ts';
import { sampleCorpus } from '../support/pipeline.ts';
import { SERIES_TASK_TIMEOUT } from '../../workflows/process-article/activities.ts';
import { testContext, uniqueName, waitFor } from '../support/harness.ts';
import { withWorker } from '../support/temporal.ts';

const scope = uniqueName('t');
const ctx = testContext({ KAFKA_TOPIC_PREFIX: scope });

/** Claims of the sample corpus grouped by series, the busiest series first. */
async function busiestSeries() {
  const bySeries = new Map<string, TallyEvent[]>();
  for (const article of await sampleCorpus()) {
    for (const claim of extractClaims(article, defaultTaxonomy())) {
      const id = seriesId(seriesKeyOf(claim));
      const list = bySeries.get(id) ?? [];
      list.push({ type: 'ClaimReported', data: { claim, source: article.source, url: article.url, copyOf: null } });
      bySeries.set(id, list);
    }
  }
  return [...bySeries.entries()].sort((a, b) => b[1].length - a[1].length);
}

async function withTallyWorker<T>(body: (client: Client, taskQueue: string) => Promise<T>): Promise<T> {
  const bus = createKafkaBus({ brokers: ctx.config.kafka.brokers, clientId: 'test', log: ctx.log });
  await ensurePipelineTopics(bus, scope, []);
  const producer = await bus.createProducer();
  const taskQueue = uniqueName('tally-q');
  try {
    return await withWorker(ctx, { taskQueue, activities: createSeriesTallyActivities({ producer, talliesTopic: topicNames(scope).tallies }) }, (client) =>
      body(client, taskQueue),
    );
  } finally {
    await producer.disconnect();
    await bus.close();
  }
}

function deliver(client: Client, taskQueue: string, series: string, delivery: TallyDelivery, extra: { continueAsNewEvery?: number } = {}) {
  const key = seriesKeyOf((delivery.events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data.claim);
  return client.workflow.signalWithStart<typeof seriesTally, [TallyDelivery]>('seriesTally', {
    workflowId: seriesWorkflowId(scope, series),
    taskQueue,
    workflowTaskTimeout: SERIES_TASK_TIMEOUT, // as the pipeline starts them
    args: [{ seriesId: series, key, ...extra }],
    signal: tallyEventsSignal,
    signalArgs: [delivery],
  });
}

describe('series tally entity workflow', () => {
  it('applies the same signal three times once', async () => {
    const [[series, events]] = (await busiestSeries()) as [[string, TallyEvent[]]];
    await withTallyWorker(async (client, taskQueue) => {
      const delivery = { deliveryId: 'd1', events: events.slice(0, 2) };
      for (let i = 0; i < 3; i++) await deliver(client, taskQueue, series, delivery);
      const handle = client.workflow.getHandle(seriesWorkflowId(scope, series));
      const expected = summarise(delivery.events.reduce(evolve, initialTally(series, seriesKeyOf((events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data.claim))));
      const snap = await waitFor(async () => {
        const s = await handle.query<TallySnapshot>('tallySnapshot');
        return s.version === expected.version ? s : undefined;
      });
      expect(snap.summary).toEqual(expected);
      await handle.terminate('test done');
    });
  });

  it('gives the same tally when it continues as new every two deliveries', async () => {
    const [[series, events]] = (await busiestSeries()) as [[string, TallyEvent[]]];
    expect(events.length).toBeGreaterThanOrEqual(3);
    await withTallyWorker(async (client, taskQueue) => {
      // Each event delivered twice, in separate deliveries, with continue-as-new every 2.
      const deliveries = events.flatMap((e, i) => [
        { deliveryId: `d${i}`, events: [e] },
        { deliveryId: `d${i}`, events: [e] },
      ]);
      for (const d of deliveries) await deliver(client, taskQueue, series, d, { continueAsNewEvery: 2 });
      const key = seriesKeyOf((events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data.claim);
      const expected = summarise(events.reduce(evolve, initialTally(series, key)));
      const handle = client.workflow.getHandle(seriesWorkflowId(scope, series));
      const snap = await waitFor(async () => {
        const s = await handle.query<TallySnapshot>('tallySnapshot');
        return s.version === expected.version ? s : undefined;
      });
      expect(snap.summary).toEqual(expected);
      let runs = 0;
      for await (const _ of client.workflow.list({ query: `WorkflowId = '${seriesWorkflowId(scope, series)}'` })) runs += 1;
      expect(runs).toBeGreaterThan(2);
      // Every run keeps the task timeout the first one was started with.
      const config = (await handle.describe()).raw.executionConfig;
      expect(Number(config?.defaultWorkflowTaskTimeout?.seconds)).toBe(20);
      await handle.terminate('test done');
    });
  });
});
