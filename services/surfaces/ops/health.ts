import { topicNames } from '../../../schemas/topics.ts';
import { groupLag } from '../../platform/bus/lag.ts';
import type { KafkaBus } from '../../platform/kafka.ts';
import type { DeadLetterStats, ReadModel } from '../../stores/read-model/read-model.ts';
import { lagTargets, type CounterTotals, type PipelineMetrics } from '../../platform/metrics.ts';
import { createRateWindow } from './rates.ts';
import type { ClusterCounters } from './process-counters.ts';

/** What the dashboard's pipeline-health view shows; `GET /api/pipeline/health`. Null = not known (yet). */
export interface PipelineHealth {
  at: string;
  /** Cluster-wide, from the log end offsets of the raw topic: every article any ingest channel accepted. */
  ingest: { total: number | null; perMinute: number | null };
  /** Cluster-wide, from the log end offsets of the claims topics (tally events: claims, copies, replacements). */
  claims: { total: number | null; perMinute: number | null };
  /**
   * Duplicates recognised (dispatcher re-deliveries, dedup copies), with their rate: every process's, from the
   * process-counters topic, when the service follows it (`scope: 'cluster'`), else this process's.
   */
  duplicates: { redelivery: number; copy: number; perMinute: number | null; scope: 'cluster' | 'process' };
  /** This process's counters since it started. */
  process: CounterTotals;
  /** Every process's counters added up (each process instance's latest record), and the processes; null: not followed. */
  cluster: ClusterCounters | null;
  lag: { ok: boolean; error?: string; byGroup: Array<{ group: string; topic: string; lag: number }> };
  /**
   * `failed`: this pipeline's failed workflows; `stuck`: article workflows (single or batch) still running a minute
   * after they started, i.e. retrying (both cluster-wide, from Temporal's visibility); `startFailures`: refused
   * workflow starts, every process's when `duplicates.scope` is `cluster`.
   */
  workflows: {
    failed: number | null;
    failedError?: string;
    stuck: number | null;
    stuckError?: string;
    startFailures: number;
  };
  deadLetters: DeadLetterStats;
  links: { temporalUi: string; failedWorkflows: string; runningWorkflows: string };
}

export interface PipelineHealthDeps {
  bus: Pick<KafkaBus, 'topicOffsets' | 'groupOffsets'>;
  prefix: string;
  claimTopics: readonly string[];
  metrics: Pick<PipelineMetrics, 'counters'>;
  /** Every process's counters (see followProcessCounters); omitted: this process's counters stand for the pipeline. */
  cluster?: () => ClusterCounters;
  readModel: Pick<ReadModel, 'deadLetterStats'>;
  temporal: { uiUrl: string; namespace: string };
  /** Failed workflows of this pipeline (e.g. Temporal's count API); omitted = not reported. */
  countFailedWorkflows?: () => Promise<number>;
  /** Article workflows of this pipeline running longer than STUCK_AFTER_MS (see stuckWorkflowQuery); omitted = not reported. */
  countStuckWorkflows?: () => Promise<number>;
  /** Upper bound of each Kafka/Temporal read; default 3000 ms. */
  timeoutMs?: number;
  now?: () => number;
}

export interface PipelineHealthSource {
  read(): Promise<PipelineHealth>;
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The Temporal UI's workflow list of this pipeline, filtered by a visibility query. */
export function temporalUiLink(uiUrl: string, namespace: string, query: string): string {
  return `${uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}`;
}

/** Visibility query for this pipeline's workflows (their ids start with the topic prefix, see articleWorkflowId). */
export const pipelineWorkflowQuery = (prefix: string, status: 'Failed' | 'Running'): string =>
  `WorkflowId STARTS_WITH '${prefix}/' AND ExecutionStatus = '${status}'`;

/** An article workflow (one article or a batch) takes seconds; one still running after this is retrying something. */
export const STUCK_AFTER_MS = 60_000;

/** Visibility query for this pipeline's article workflows started before `before` and still running. Pure. */
export const stuckWorkflowQuery = (prefix: string, before: Date): string =>
  `WorkflowId STARTS_WITH '${prefix}/' AND WorkflowType IN ('processArticle', 'processArticleBatch') AND ExecutionStatus = 'Running' AND StartTime < '${before.toISOString()}'`;

/**
 * Reads the pipeline's health from Kafka (end offsets, consumer-group lag), this process's metrics, the read
 * model's dead-letter stats and Temporal (failed workflow count). Each part fails on its own: a slow Kafka
 * makes lag `ok: false`, never the whole answer. Rates come from the samples of successive calls.
 */
export function createPipelineHealth(deps: PipelineHealthDeps): PipelineHealthSource {
  const timeoutMs = deps.timeoutMs ?? 3000;
  const now = deps.now ?? Date.now;
  const names = topicNames(deps.prefix);
  const rates = createRateWindow();
  const endOffsets = async (topics: string[]): Promise<number> => {
    const all = await Promise.all(topics.map((t) => deps.bus.topicOffsets(t)));
    return all.flat().reduce((n, p) => n + Number(p.high), 0);
  };

  return {
    async read() {
      const [ingest, claims, lag, failed, stuck, counters] = await Promise.all([
        within(endOffsets([names.rawArticles]), timeoutMs, 'raw topic offsets').catch(() => null),
        within(endOffsets(deps.claimTopics.map(names.claims)), timeoutMs, 'claims topic offsets').catch(() => null),
        within(
          Promise.all(
            lagTargets(deps.prefix, deps.claimTopics).map(async (t) => ({
              ...t,
              lag: await groupLag(deps.bus as KafkaBus, t.group, [t.topic]),
            })),
          ),
          timeoutMs,
          'consumer lag',
        ).then(
          (byGroup) => ({ ok: true, byGroup }),
          (err: unknown) => ({ ok: false, error: message(err), byGroup: [] }),
        ),
        deps.countFailedWorkflows
          ? within(deps.countFailedWorkflows(), timeoutMs, 'Temporal count').then(
              (n) => ({ failed: n }),
              (err: unknown) => ({ failed: null, failedError: message(err) }),
            )
          : Promise.resolve({ failed: null, failedError: 'not reported by this process' }),
        deps.countStuckWorkflows
          ? within(deps.countStuckWorkflows(), timeoutMs, 'Temporal count').then(
              (n) => ({ stuck: n }),
              (err: unknown) => ({ stuck: null, stuckError: message(err) }),
            )
          : Promise.resolve({ stuck: null, stuckError: 'not reported by this process' }),
        deps.metrics.counters(),
      ]);
      const cluster = deps.cluster?.() ?? null;
      // Until the first record arrives the board knows nothing: this process's own counters are the better answer.
      const pipeline = cluster && cluster.processes.length > 0 ? cluster.totals : counters;
      const scope = pipeline === counters ? ('process' as const) : ('cluster' as const);
      const duplicatesTotal = pipeline.duplicates.redelivery + pipeline.duplicates.copy;
      const perMinute = rates.observe(now(), {
        duplicates: duplicatesTotal,
        ...(ingest !== null && { ingest }),
        ...(claims !== null && { claims }),
      });
      const ui = (status: 'Failed' | 'Running') =>
        temporalUiLink(deps.temporal.uiUrl, deps.temporal.namespace, pipelineWorkflowQuery(deps.prefix, status));
      return {
        at: new Date(now()).toISOString(),
        ingest: { total: ingest, perMinute: perMinute.ingest ?? null },
        claims: { total: claims, perMinute: perMinute.claims ?? null },
        duplicates: { ...pipeline.duplicates, perMinute: perMinute.duplicates ?? null, scope },
        process: counters,
        cluster,
        lag,
        workflows: { ...failed, ...stuck, startFailures: pipeline.workflowStartFailures },
        deadLetters: deps.readModel.deadLetterStats({ recent: 10 }),
        links: { temporalUi: deps.temporal.uiUrl, failedWorkflows: ui('Failed'), runningWorkflows: ui('Running') },
      };
    },
  };
}
