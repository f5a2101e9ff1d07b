import { describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { createKafkaBus } from '../../services/platform/kafka.ts';
import { createSeriesTallyActivities } from '../../workflows/series-tally/activities.ts';
import { seriesWorkflowId, tallyEventsSignal, type TallyDelivery } from '../../workflows/series-tally/messages.ts';
import type { seriesTally } from '../../workflows/series-tally/workflow.ts';
import { evolve, initialTally, summarise } from '../../domain/tally/index.ts';
import { extractClaims, defaultTaxonomy } from '../../domain/extract/index.ts';
import { ensurePipelineTopics } from '../../services/platform/bus/topics.ts';
import { topicNames } from '../../schemas/topics.ts';
import {
  PublishedTallySchema,
  type PublishedTally,
  type TallyEvent,
  type TallyHeadline,
  type TallyHeadlineView,
  type TallySnapshot,
  type TallyState,
  type TallySummary,
} from '../../schemas/tally.ts';
import { seriesId, seriesKeyOf } from '../../domain/tally/series.ts';
import { sampleCorpus } from '../support/pipeline.ts';
import { SERIES_TASK_TIMEOUT } from '../../workflows/process-article/activities.ts';
import { testContext, uniqueName, waitFor } from '../support/harness.ts';
import { withWorker } from '../support/temporal.ts';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../workflows/bundle.ts';

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

async function withTallyWorker<T>(
  body: (client: Client, taskQueue: string) => Promise<T>,
  workerOptions: { maxCachedWorkflows?: number } = {},
): Promise<T> {
  const bus = createKafkaBus({ brokers: ctx.config.kafka.brokers, clientId: 'test', log: ctx.log });
  await ensurePipelineTopics(bus, scope, []);
  const producer = await bus.createProducer();
  const taskQueue = uniqueName('tally-q');
  try {
    return await withWorker(
      ctx,
      {
        taskQueue,
        activities: createSeriesTallyActivities({ producer, talliesTopic: topicNames(scope).tallies }),
        workerOptions,
      },
      (client) => body(client, taskQueue),
    );
  } finally {
    await producer.disconnect();
    await bus.close();
  }
}

/**
 * Delivers to the series' workflow as processArticle does. `test` names the test: each test has a workflow of its own,
 * so one test's run (left running when it failed, or listed by visibility) never meets another's.
 */
function deliver(
  client: Client,
  taskQueue: string,
  series: string,
  test: string,
  delivery: TallyDelivery,
  extra: { continueAsNewEvery?: number } = {},
) {
  const key = seriesKeyOf((delivery.events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data.claim);
  return client.workflow.signalWithStart<typeof seriesTally, [TallyDelivery]>('seriesTally', {
    workflowId: seriesWorkflowId(scope, `${series}:${test}`),
    taskQueue,
    workflowTaskTimeout: SERIES_TASK_TIMEOUT, // as the pipeline starts them
    args: [{ seriesId: series, key, ...extra }],
    signal: tallyEventsSignal,
    signalArgs: [delivery],
  });
}

/** The headline of a whole summary: what the tallies topic and the workflow's `tallyHeadline` query carry. */
const headlineOf = ({ reports, increments, periodCounts, ...figures }: TallySummary): TallyHeadline => ({
  ...figures,
  reportCount: reports.length,
  incrementCount: increments.length,
  periodReportCount: periodCounts.length,
});

describe('series tally entity workflow', () => {
  it('applies the same signal three times once', async () => {
    const [[series, events]] = (await busiestSeries()) as [[string, TallyEvent[]]];
    await withTallyWorker(async (client, taskQueue) => {
      const delivery = { deliveryId: 'd1', events: events.slice(0, 2) };
      for (let i = 0; i < 3; i++) await deliver(client, taskQueue, series, 'thrice', delivery);
      const handle = client.workflow.getHandle(seriesWorkflowId(scope, `${series}:thrice`));
      const expected = summarise(
        delivery.events.reduce(
          evolve,
          initialTally(series, seriesKeyOf((events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data.claim)),
        ),
      );
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
      for (const d of deliveries) await deliver(client, taskQueue, series, 'every-two', d, { continueAsNewEvery: 2 });
      const key = seriesKeyOf((events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data.claim);
      const expected = summarise(events.reduce(evolve, initialTally(series, key)));
      const workflowId = seriesWorkflowId(scope, `${series}:every-two`);
      const handle = client.workflow.getHandle(workflowId);
      const view = await waitFor(async () => {
        const s = await handle.query<TallyHeadlineView>('tallyHeadline');
        return s.version === expected.version ? s : undefined;
      });
      // Reports older than the window may be archived at each continue-as-new: the headline still equals the whole fold.
      expect(view.summary).toEqual(headlineOf(expected));
      // The most recent reports the workflow keeps, newest first (older ones: the read model).
      expect(view.recentReports.length).toBeGreaterThan(0);
      expect(view.recentReports.map((r) => r.claimId)).toEqual(
        expected.reports
          .slice(-view.recentReports.length)
          .reverse()
          .map((r) => r.claimId),
      );
      // Visibility is updated apart from the history (it may lag a run behind): count the runs until there are enough.
      const runs = await waitFor(
        async () => {
          let n = 0;
          for await (const _ of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) n += 1;
          return n > 2 ? n : undefined;
        },
        { what: 'more than two runs in visibility' },
      );
      expect(runs).toBeGreaterThan(2);
      // The task that continues as new publishes nothing (the next run does): no local-activity marker in it.
      for await (const run of client.workflow.list({
        query: `WorkflowId = '${workflowId}' AND ExecutionStatus = 'ContinuedAsNew'`,
      })) {
        const events = (await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory()).events ?? [];
        const lastCompleted = events.findLastIndex((e) => e.workflowTaskCompletedEventAttributes);
        const inTask = events.slice(lastCompleted + 1);
        expect(inTask.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeDefined();
        expect(inTask.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toEqual([]);
      }
      // Every run keeps the task timeout the first one was started with.
      const config = (await handle.describe()).raw.executionConfig;
      expect(Number(config?.defaultWorkflowTaskTimeout?.seconds)).toBe(20);
      await handle.terminate('test done');
    });
  });

  it('carries a series of 3,000 reports through continue-as-new, compressed, its headline equal to the whole fold', async () => {
    const [[series, events]] = (await busiestSeries()) as [[string, TallyEvent[]]];
    const model = (events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data;
    const places = ['Avdiivka', 'Pokrovsk', 'Kupiansk', 'Vovchansk', 'Chasiv Yar', 'Toretsk', 'Kurakhove', 'Lyman'];
    // 3,000 reports of one series from as many articles, each with its own figure, date and evidence sentence.
    const reported: TallyEvent[] = Array.from({ length: 3000 }, (_, i) => {
      const place = places[i % places.length] as string;
      const quote = `Officials in ${place} said on day ${i} that about ${1000 + i * 7} people had left since the shelling began, report ${i}.`;
      const claim = {
        ...model.claim,
        id: `big-${i.toString().padStart(5, '0')}`,
        articleId: `big-article-${i}`,
        quantity: { ...model.claim.quantity, value: 1000 + i * 7 },
        asOf: new Date(Date.UTC(2024, 0, 1) + (i % 400) * 86_400_000).toISOString().slice(0, 10),
        evidence: { quote, start: 0, end: quote.length },
      };
      return {
        type: 'ClaimReported',
        data: { claim, source: `Outlet ${i % 40}`, url: `https://news.example/${i}`, copyOf: null },
      };
    });
    const key = seriesKeyOf(model.claim);
    const expected = summarise(reported.reduce(evolve, initialTally(series, key)));
    const deliveries = Array.from({ length: 15 }, (_, i) => ({
      deliveryId: `big-${i}`,
      events: reported.slice(i * 200, (i + 1) * 200),
    }));
    await withTallyWorker(async (client, taskQueue) => {
      // The run that took the first delivery takes all of them and continues as new after the last: read its id from
      // the first signal, not from a describe after the last (by then that run may already have continued as new).
      let first = '';
      for (const [i, d] of deliveries.entries()) {
        const signaled = await deliver(client, taskQueue, series, '3000', d, { continueAsNewEvery: deliveries.length });
        if (i === 0) first = signaled.signaledRunId;
      }
      const workflowId = seriesWorkflowId(scope, `${series}:3000`);
      const handle = client.workflow.getHandle(workflowId);
      const view = await waitFor(
        async () => {
          const s = await handle.query<TallyHeadlineView>('tallyHeadline');
          return s.version === expected.version && (await handle.describe()).runId !== first ? s : undefined;
        },
        { timeoutMs: 60_000 },
      );
      expect(view.summary).toEqual(headlineOf(expected));
      // The continue-as-new input on the wire: compressed, well under the server's limit; the state itself is not.
      const history = await client.workflow.getHandle(workflowId, first).fetchHistory();
      const last = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes;
      const payload = last?.input?.payloads?.[0];
      expect(new TextDecoder().decode(payload?.metadata?.encoding ?? new Uint8Array())).toBe('binary/zlib');
      expect(payload?.data?.length).toBeLessThan(1024 * 1024);
      expect(JSON.stringify(reported.reduce(evolve, initialTally(series, key))).length).toBeGreaterThan(
        2 * 1024 * 1024,
      );
      await handle.terminate('test done');
    });
  });

  it('continues a series fed 100,000 reports as new within the payload limits, its headline equal to the whole fold', async () => {
    const [[, events]] = (await busiestSeries()) as [[string, TallyEvent[]]];
    // The busy series: nightly drone attacks told by dozens of outlets (the topic's window: 2 days).
    const model = {
      ...(events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data.claim,
      topic: 'aerial-attacks',
    };
    const key = seriesKeyOf(model);
    const series = seriesId(key);
    const claimants = ['Kyiv city administration', 'the air force', 'a regional governor', 'the general staff', ''];
    // 100,000 reports from as many articles over ~3 years (90 a day), each with its own figure and evidence sentence;
    // one claimant tells a far lower figure (disputes), every tenth is a nightly count of its own.
    const reports: Extract<TallyEvent, { type: 'ClaimReported' }>[] = Array.from({ length: 100_000 }, (_, i) => {
      const asOf = new Date(Date.UTC(2023, 0, 1) + Math.floor(i / 90) * 86_400_000).toISOString().slice(0, 10);
      const value = i % 5 === 2 ? 500 + Math.floor(i / 90) : 1000 + Math.floor(i / 9);
      const quote = `Officials said on day ${Math.floor(i / 90)} that ${value} had been counted so far, report ${i}.`;
      const nightly = i % 10 === 9;
      const figure = nightly ? 10 + (Math.floor(i / 90) % 13) : value;
      const claim = {
        ...model,
        id: `x-${i.toString().padStart(6, '0')}`,
        articleId: `x-article-${i}`,
        kind: 'total' as const,
        period: nightly
          ? { start: new Date(Date.parse(asOf) - 86_400_000).toISOString().slice(0, 10), end: asOf }
          : null,
        quantity: { value: figure, unit: model.quantity.unit, qualifier: 'exact' as const, low: figure, high: figure },
        asOf,
        attribution: claimants[i % claimants.length] ? [claimants[i % claimants.length] as string] : [],
        evidence: { quote, start: 0, end: quote.length },
      };
      return {
        type: 'ClaimReported',
        data: {
          claim,
          source: `Outlet ${i % 60}`,
          url: `https://news.example/x/${i}`,
          copyOf: null,
          publishedAt: `${asOf}T06:00:00Z`,
        },
      };
    });
    // The whole fold's state of distinct articles without copies is their entries and claim facts, sorted: built directly
    // (folding 100,000 events one by one copies the sorted arrays each time), and checked against evolve on a prefix.
    const direct = (events: typeof reports): TallyState => {
      const sorted = [...events].sort((a, b) => (a.data.claim.articleId < b.data.claim.articleId ? -1 : 1));
      const seen = events
        .map((e) => JSON.stringify(['claim', e.data.claim.id, e.data.claim.extractor.version]))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return {
        ...initialTally(series, key),
        version: seen.length,
        seen,
        articles: sorted.map(({ data }) => ({
          articleId: data.claim.articleId,
          source: data.source,
          url: data.url,
          publishedAt: data.publishedAt as string,
          extractorVersion: data.claim.extractor.version,
          claims: [data.claim],
        })),
      };
    };
    expect(direct(reports.slice(0, 1500))).toStrictEqual(
      reports.slice(0, 1500).reduce<TallyState>(evolve, initialTally(series, key)),
    );
    const expected = headlineOf(summarise(direct(reports)));
    expect(expected.disputed).toBe(true);
    expect(expected.periodSum).not.toBeNull();

    const perDelivery = 250; // ~250 KB of JSON per signal, as process-article's MAX_SIGNAL_BYTES allows
    const deliveries: TallyDelivery[] = Array.from({ length: reports.length / perDelivery }, (_, i) => ({
      deliveryId: `x-${i}`,
      events: reports.slice(i * perDelivery, (i + 1) * perDelivery),
    }));
    // At the end, an early delivery again: its articles are archived by then, and a redelivery changes nothing.
    deliveries.push(deliveries[3] as TallyDelivery);
    await withTallyWorker(async (client, taskQueue) => {
      const workflowId = seriesWorkflowId(scope, `${series}:100k`);
      const started = Date.now();
      for (const [i, d] of deliveries.entries()) {
        // Paced: one delivery per workflow task. The workflow sandbox folds ~150 reports/s on this loaded machine, and an
        // activation over the SDK's 5 s isolate timeout kills the worker thread (seen with 10 deliveries in one task).
        if (i > 0 && i < reports.length / perDelivery) {
          await waitFor(
            async () =>
              (await client.workflow.getHandle(workflowId).query<TallyHeadlineView>('tallyHeadline')).version >=
              i * perDelivery
                ? true
                : undefined,
            {
              timeoutMs: 120_000,
              intervalMs: 50,
              what: `delivery ${i}`,
            },
          );
        }
        await client.workflow.signalWithStart<typeof seriesTally, [TallyDelivery]>('seriesTally', {
          workflowId,
          taskQueue,
          workflowTaskTimeout: SERIES_TASK_TIMEOUT,
          args: [{ seriesId: series, key, continueAsNewEvery: 5 }],
          signal: tallyEventsSignal,
          signalArgs: [d],
        });
      }
      const handle = client.workflow.getHandle(workflowId);
      const view = await waitFor(
        async () => {
          const s = await handle.query<TallyHeadlineView>('tallyHeadline');
          return s.version === expected.version ? s : undefined;
        },
        { timeoutMs: 240_000, intervalMs: 1_000, what: 'the 100,000th report' },
      );
      expect(view.summary).toEqual(expected);
      expect(view.recentReports).toHaveLength(50);
      // Every continue-as-new input on the wire, compressed: well under the server's 2 MB.
      // Visibility is updated apart from the histories: wait (bounded) until it lists the runs, then read them.
      const continuedRuns = async () => {
        const ids: string[] = [];
        for await (const run of client.workflow.list({
          query: `WorkflowId = '${workflowId}' AND ExecutionStatus = 'ContinuedAsNew'`,
        }))
          ids.push(run.runId);
        return ids;
      };
      const runIds = await waitFor(
        async () => {
          const ids = await continuedRuns();
          return ids.length >= reports.length / perDelivery / 5 - 1 ? ids : undefined;
        },
        { what: 'the continued runs in visibility' },
      ).catch(() => continuedRuns());
      const sizes: number[] = [];
      for (const runId of runIds) {
        const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
        const input = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.input?.payloads?.[0];
        sizes.push(input?.data?.length ?? Infinity);
      }
      console.log(
        `100,000 reports in ${((Date.now() - started) / 1000).toFixed(0)} s; ${sizes.length} continue-as-new inputs, largest ${Math.max(...sizes)} bytes`,
      );
      expect(sizes.length).toBeGreaterThanOrEqual(reports.length / perDelivery / 5 - 1);
      expect(Math.max(...sizes)).toBeLessThan(1024 * 1024);
      await handle.terminate('test done');
    });
  }, 600_000);

  it('publishes the same tally when every task replays the run from its start (no workflow cache)', async () => {
    const [, [series, events]] = (await busiestSeries()) as [unknown, [string, TallyEvent[]]];
    const key = seriesKeyOf((events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data.claim);
    const expected = summarise(events.reduce(evolve, initialTally(series, key)));
    // What a reader of the tallies topic holds: the latest headline, and reports upserted by claim id.
    const reports = new Map<string, { claimId: string }>();
    let headline: PublishedTally['summary'] | undefined;
    const bus = createKafkaBus({ brokers: ctx.config.kafka.brokers, clientId: 'test-replay', log: ctx.log });
    await ensurePipelineTopics(bus, scope, []);
    const consumer = await bus.createConsumer({
      groupId: uniqueName('replay-reader'),
      topics: [topicNames(scope).tallies],
      fromBeginning: true,
      maxWaitTimeInMs: 50,
    });
    await consumer.run(async (messages, c) => {
      for (const m of messages) {
        const tally = PublishedTallySchema.parse((JSON.parse(m.value ?? 'null') as { data: unknown }).data);
        if (tally.seriesId === series) {
          for (const r of tally.reports) reports.set(r.claimId, r);
          for (const id of tally.removedReports) reports.delete(id);
          headline = tally.summary;
        }
        c.resolveOffset(m.offset);
      }
    });
    try {
      await withTallyWorker(
        async (client, taskQueue) => {
          // One event per delivery: every delivery is a new version, and each task replays all the earlier ones.
          for (const [i, e] of events.entries())
            await deliver(client, taskQueue, series, 'no-cache', { deliveryId: `r${i}`, events: [e] });
          const handle = client.workflow.getHandle(seriesWorkflowId(scope, `${series}:no-cache`));
          const snap = await waitFor(async () => {
            const s = await handle.query<TallySnapshot>('tallySnapshot');
            return s.version === expected.version ? s : undefined;
          });
          expect(snap.summary).toEqual(expected);
          await handle.terminate('test done');
        },
        { maxCachedWorkflows: 0 },
      );
      await waitFor(() => (headline?.version === expected.version ? true : undefined), {
        what: 'the last tally message',
      });
      const { reports: all, increments, periodCounts, ...figures } = expected;
      expect(headline).toEqual({
        ...figures,
        reportCount: all.length,
        incrementCount: increments.length,
        periodReportCount: periodCounts.length,
      });
      const byClaim = (a: { claimId: string }, b: { claimId: string }) =>
        a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0;
      expect([...reports.values()].sort(byClaim)).toEqual([...all].sort(byClaim));
    } finally {
      await consumer.stop();
      await consumer.disconnect();
      await bus.close();
    }
  });

  it.each(['2s', SERIES_TASK_TIMEOUT])(
    'publishes its latest version again once a slow publish (an attempt that may have left a produce behind) is fenced (task timeout %s)',
    async (taskTimeout) => {
      const [[series, events]] = (await busiestSeries()) as [[string, TallyEvent[]]];
      const key = seriesKeyOf((events[0] as Extract<TallyEvent, { type: 'ClaimReported' }>).data.claim);
      // A publish that takes 11 s (as across a broker outage) and then quick ones; every call recorded with its time.
      const calls: Array<{ version: number; at: number }> = [];
      const publishTallySnapshot = async (tally: PublishedTally | null) => {
        if (tally === null) return undefined;
        const startedAt = Date.now();
        if (calls.length === 0) await new Promise((r) => setTimeout(r, 11_000));
        calls.push({ version: tally.version, at: Date.now() });
        return { startedAt, endedAt: Date.now() };
      };
      const taskQueue = uniqueName('fence-q');
      await withWorker(ctx, { taskQueue, activities: { publishTallySnapshot } }, async (client) => {
        const handle = await client.workflow.signalWithStart<typeof seriesTally, [TallyDelivery]>('seriesTally', {
          workflowId: seriesWorkflowId(scope, `${series}:fence:${taskTimeout}`),
          taskQueue,
          // 2 s: the local activity spans workflow tasks, so workflow time moves as it would over 30 s; the series' own
          // timeout: the activity ends inside the task that scheduled it.
          workflowTaskTimeout: taskTimeout,
          args: [{ seriesId: series, key, fenceAfterMs: 2_000 }],
          signal: tallyEventsSignal,
          signalArgs: [{ deliveryId: 'f1', events: events.slice(0, 1) }],
        });
        await waitFor(() => (calls.length >= 2 ? true : undefined), {
          timeoutMs: 40_000,
          what: 'the fence to republish',
        });
        expect(calls.map((c) => c.version)).toEqual([1, 1]); // the one version, published and then fenced
        expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_500);
        // Fenced once: nothing more is published until something changes.
        await new Promise((r) => setTimeout(r, 4_000));
        expect(calls).toHaveLength(2);
        await handle.terminate('test done');
        // A worker that lost its cache replays this history: the fence must come out the same (issue 17's chaos test met
        // a nondeterminism error here when the fence was worked out from workflow time around the slow local activity).
        await Worker.runReplayHistory(
          { workflowBundle: await workflowBundle() },
          await handle.fetchHistory(),
          handle.workflowId,
        );
      });
    },
  );
});
