import type { KafkaBus } from '../../platform/kafka.ts';
import type { ReadModel } from '../../stores/read-model/read-model.ts';
import { probeTemporal, type Health } from '../../platform/probes.ts';

export type ReadinessCheckName = 'kafka' | 'temporal' | 'readModel';

export interface CheckResult {
  ok: boolean;
  /** What was found: cluster id and broker count, the Temporal address, or why the check failed. */
  detail: string;
  ms: number;
}

export interface ReadinessReport {
  ok: boolean;
  checks: Record<ReadinessCheckName, CheckResult>;
}

/** Answers "can this process do its work right now?": one report per call, every check run in parallel with its own timeout. */
export interface Readiness {
  check(): Promise<ReadinessReport>;
}

export interface ReadinessOptions {
  /**
   * Kafka: one `describeCluster()` per check. A bus with few client retries (e.g. `retries: 0`) fails fast;
   * the process's shared bus works too (its retries run on in the background after the timeout).
   */
  bus: Pick<KafkaBus, 'describeCluster'>;
  /** The Temporal frontend, probed with its gRPC health check (a fresh connection per check). */
  temporalAddress: string;
  readModel: Pick<ReadModel, 'ping'>;
  /** Per check; default 2000 ms. */
  timeoutMs?: number;
  /** Replaces the Temporal probe (tests). */
  probeTemporal?: (address: string) => Promise<Health>;
}

async function timed(run: () => Promise<string> | string, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      Promise.resolve().then(run),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, detail, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      ok: false,
      detail: err instanceof Error ? err.message : String(err),
      ms: Math.round(performance.now() - started),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The readiness of a pipeline process: Kafka reachable, Temporal frontend serving, read model answering. */
export function createReadiness(options: ReadinessOptions): Readiness {
  const timeoutMs = options.timeoutMs ?? 2000;
  const probe = options.probeTemporal ?? probeTemporal;
  // Concurrent callers (several probes, a dashboard) share one round of checks.
  let inflight: Promise<ReadinessReport> | undefined;
  const run = async (): Promise<ReadinessReport> => {
    const [kafka, temporal, readModel] = await Promise.all([
      timed(async () => {
        const d = await options.bus.describeCluster();
        return `cluster ${d.clusterId}, ${d.brokers} broker(s)`;
      }, timeoutMs),
      timed(async () => {
        const h = await probe(options.temporalAddress);
        if (!h.ok) throw new Error(h.detail);
        return h.detail;
      }, timeoutMs),
      timed(() => {
        options.readModel.ping();
        return 'ok';
      }, timeoutMs),
    ]);
    return { ok: kafka.ok && temporal.ok && readModel.ok, checks: { kafka, temporal, readModel } };
  };
  return {
    check() {
      inflight ??= run().finally(() => (inflight = undefined));
      return inflight;
    },
  };
}
