// The only module that imports prom-client: services see the small `PipelineMetrics` interface below.
//
// The Temporal worker's own metrics (task slots, poll latencies, activity/workflow execution counts…) come
// from the Temporal Core runtime, not from this registry. To expose them, install the runtime with a
// Prometheus exporter before any Worker or NativeConnection is created (services/platform/temporal.ts,
// `installTemporalRuntime`):
//
//   Runtime.install({
//     logger: …,
//     telemetryOptions: {
//       metrics: {
//         metricPrefix: 'temporal_',
//         prometheus: { bindAddress: '0.0.0.0:9464', countersTotalSuffix: true, useSecondsForDurations: true },
//       },
//     },
//   });
//
// Core then serves its own `GET /metrics` on that address (a second scrape target per worker process; the
// port must differ per process on one host, e.g. from a TEMPORAL_METRICS_ADDRESS variable).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { topicNames } from '../../schemas/topics.ts';
import { groupLag } from './bus/lag.ts';
import type { KafkaBus } from './kafka.ts';

/** A monotonically increasing count; non-positive or non-finite increments are ignored (metrics never throw). */
export interface CountMetric {
  inc(n?: number): void;
}

/** A count split by one label value. */
export interface LabelledCountMetric<L extends string = string> {
  inc(label: L, n?: number): void;
}

/** How a duplicate was recognised: a re-delivered raw message (dispatcher) or a syndicated copy (dedup index). */
export type DuplicateKind = 'redelivery' | 'copy';

export interface LatencyMetric {
  observe(seconds: number): void;
  /** Observes `now - since` (an ISO timestamp, e.g. an envelope's occurredAt); unparsable input is ignored, clock skew clamps to 0. */
  observeSince(since: string, now?: number): void;
}

/** This process's counter totals since it started (the pipeline-health endpoint turns them into rates). */
export interface CounterTotals {
  articlesDispatched: number;
  duplicates: Record<DuplicateKind, number>;
  claimsPublished: number;
  deadLetters: number;
  workflowStartFailures: number;
}

/** The pipeline's metrics of one process; every method is cheap, synchronous and never throws. */
export interface PipelineMetrics {
  /** processArticle workflows Temporal accepted (dispatcher). */
  readonly articlesDispatched: CountMetric;
  readonly duplicates: LabelledCountMetric<DuplicateKind>;
  /** ClaimReported events published to the claims topics (processArticle's publishTallyEvents activity). */
  readonly claimsPublished: CountMetric;
  /** Dead letters by the component that refused the input (ingest, dispatcher, projector). */
  readonly deadLetters: LabelledCountMetric;
  /** Workflow starts Temporal refused with anything but "already started" (dispatcher). */
  readonly workflowStartFailures: CountMetric;
  /** Articles the extractor did not read, by reason (`unsupported language: Cyrillic script`). */
  readonly articlesSkipped: LabelledCountMetric;
  /** Seconds from a claim's origin timestamp to its projection into the read model (projector). */
  readonly ingestToTally: LatencyMetric;
  /** Adapter for the dispatcher's `onBatch` hook. */
  dispatcherBatch(stats: { started: number; alreadyStarted: number; deadLettered: number }): void;
  /** The Prometheus exposition text; consumer lag is read from Kafka during this call. */
  render(): Promise<string>;
  /** Current counter totals of this process (no Kafka read). */
  counters(): Promise<CounterTotals>;
  /** Content type of `render()`'s text. */
  readonly contentType: string;
  /** Unregisters everything (tests; a process normally keeps its registry for life). */
  close(): void;
}

export interface PipelineMetricsOptions {
  /** For consumer lag: topicOffsets and groupOffsets only. */
  bus: Pick<KafkaBus, 'topicOffsets' | 'groupOffsets'>;
  /** KAFKA_TOPIC_PREFIX: names the groups and topics, and labels every series (`pipeline`). */
  prefix: string;
  /** Taxonomy topic ids whose claims topics the projector follows. */
  claimTopics: readonly string[];
  /** Upper bound of one lag read from Kafka during a scrape; default 3000 ms. */
  lagTimeoutMs?: number;
  /** Node/process default metrics (CPU, memory, event loop, GC); default true. */
  defaultMetrics?: boolean;
}

/** Latency buckets in seconds: sub-second in-process hops up to minutes of backlog. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

const positive = (n: number | undefined): number | undefined => {
  const v = n ?? 1;
  return Number.isFinite(v) && v > 0 ? v : undefined;
};

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

/** The consumer groups whose lag the pipeline reports, with the topics each one follows. */
export function lagTargets(prefix: string, claimTopics: readonly string[]): Array<{ group: string; topic: string }> {
  const names = topicNames(prefix);
  return [
    { group: `${prefix}.dispatcher`, topic: names.rawArticles },
    ...claimTopics.map((t) => ({ group: `${prefix}.projector`, topic: names.claims(t) })),
    { group: `${prefix}.projector`, topic: names.deadLetters },
  ];
}

/**
 * One prom-client Registry with the pipeline's metrics; call once per process and share the result.
 * Consumer lag is not pushed by anyone: it is read from Kafka (groupLag) on each scrape, bounded by
 * `lagTimeoutMs`; when Kafka does not answer, the lag series are dropped and `claimwatch_consumer_lag_up` is 0,
 * so a scrape never fails because of Kafka.
 */
export function createPipelineMetrics(options: PipelineMetricsOptions): PipelineMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ pipeline: options.prefix });
  const registers = [registry];
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const counter = (name: string, help: string, labelNames: readonly string[] = []) =>
    new Counter({ name, help, labelNames, registers });
  const dispatched = counter('claimwatch_articles_dispatched_total', 'processArticle workflows Temporal accepted');
  const duplicates = counter(
    'claimwatch_duplicates_total',
    'Duplicate articles: re-delivered raw messages (kind=redelivery) and syndicated copies found by dedup (kind=copy)',
    ['kind'],
  );
  const claims = counter(
    'claimwatch_claims_published_total',
    'ClaimReported events published to the claims topics (at least once: activity retries count again)',
  );
  const deadLetters = counter(
    'claimwatch_dead_letters_total',
    'Inputs refused into dead letters, by refusing component',
    ['source'],
  );
  const skipped = counter(
    'claimwatch_articles_skipped_total',
    'Articles the extractor skipped (not English …), by reason',
    ['reason'],
  );
  const startFailures = counter(
    'claimwatch_workflow_start_failures_total',
    'processArticle starts Temporal refused (not counting already-started)',
  );
  const latency = new Histogram({
    name: 'claimwatch_ingest_to_tally_seconds',
    help: 'Seconds from a claim event origin timestamp to its projection into the read model',
    buckets: LATENCY_BUCKETS,
    registers,
  });

  const targets = lagTargets(options.prefix, options.claimTopics);
  const lagTimeoutMs = options.lagTimeoutMs ?? 3000;
  type LagSnapshot = { ok: true; lags: Array<{ group: string; topic: string; lag: number }> } | { ok: false };
  // One snapshot per scrape, taken by render(): the registry collects its metrics concurrently and both lag
  // gauges must show the same reading.
  const readLag = (): Promise<LagSnapshot> =>
    withTimeout(
      // groupLag only calls topicOffsets and groupOffsets, the part of the bus this module asks for.
      Promise.all(
        targets.map(async (t) => ({ ...t, lag: await groupLag(options.bus as KafkaBus, t.group, [t.topic]) })),
      ),
      lagTimeoutMs,
      'consumer lag',
    ).then(
      (lags): LagSnapshot => ({ ok: true, lags }),
      (): LagSnapshot => ({ ok: false }),
    );
  let current: Promise<LagSnapshot> | undefined;
  const lagSnapshot = (): Promise<LagSnapshot> => (current ??= readLag());
  new Gauge({
    name: 'claimwatch_consumer_lag',
    help: 'Messages a consumer group has not committed yet, per topic (read from Kafka at scrape time)',
    labelNames: ['group', 'topic'] as const,
    registers,
    async collect() {
      const snap = await lagSnapshot();
      this.reset();
      if (snap.ok) for (const l of snap.lags) this.set({ group: l.group, topic: l.topic }, l.lag);
    },
  });
  new Gauge({
    name: 'claimwatch_consumer_lag_up',
    help: '1 when the last scrape could read consumer lag from Kafka, 0 otherwise',
    registers,
    async collect() {
      this.set((await lagSnapshot()).ok ? 1 : 0);
    },
  });

  const count = (c: Counter): CountMetric => ({
    inc(n) {
      const v = positive(n);
      if (v !== undefined) c.inc(v);
    },
  });
  const labelled = <L extends string>(c: Counter<string>, label: string): LabelledCountMetric<L> => ({
    inc(value, n) {
      const v = positive(n);
      if (v !== undefined) c.inc({ [label]: value }, v);
    },
  });

  const metrics: PipelineMetrics = {
    articlesDispatched: count(dispatched),
    duplicates: labelled<DuplicateKind>(duplicates, 'kind'),
    claimsPublished: count(claims),
    deadLetters: labelled(deadLetters, 'source'),
    workflowStartFailures: count(startFailures),
    articlesSkipped: labelled(skipped, 'reason'),
    ingestToTally: {
      observe(seconds) {
        if (Number.isFinite(seconds)) latency.observe(Math.max(0, seconds));
      },
      observeSince(since, now = Date.now()) {
        const t = Date.parse(since);
        if (Number.isFinite(t)) latency.observe(Math.max(0, (now - t) / 1000));
      },
    },
    dispatcherBatch(stats) {
      metrics.articlesDispatched.inc(stats.started);
      metrics.duplicates.inc('redelivery', stats.alreadyStarted);
      metrics.deadLetters.inc('dispatcher', stats.deadLettered);
    },
    async counters() {
      const total = async (c: Counter<string>, where?: (labels: Record<string, unknown>) => boolean): Promise<number> =>
        (await c.get()).values.filter((v) => !where || where(v.labels)).reduce((n, v) => n + v.value, 0);
      return {
        articlesDispatched: await total(dispatched),
        duplicates: {
          redelivery: await total(duplicates, (l) => l.kind === 'redelivery'),
          copy: await total(duplicates, (l) => l.kind === 'copy'),
        },
        claimsPublished: await total(claims),
        deadLetters: await total(deadLetters),
        workflowStartFailures: await total(startFailures),
      };
    },
    render() {
      current = readLag();
      return registry.metrics();
    },
    get contentType() {
      return registry.contentType;
    },
    close: () => registry.clear(),
  };
  return metrics;
}
