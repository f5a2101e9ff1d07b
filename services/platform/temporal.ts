import { Connection, Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel, type LogEntry } from '@temporalio/worker';
import type { Logger } from './logger.ts';
import { dataConverter } from './payload-codec.ts';
import { causeChain } from './errors.ts';

export { dataConverter };

let runtimeInstalled = false;

const pinoLevel: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Routes the Temporal SDK's runtime logger (worker, activities, workflow logs) into pino; once per process.
 * With `metricsAddress` (TEMPORAL_METRICS_ADDRESS, e.g. 127.0.0.1:9464) Temporal Core also serves the worker's own
 * metrics (task slots, poll and schedule-to-start latencies, execution counts) in Prometheus format on
 * `http://<metricsAddress>/metrics`, a second scrape target beside the API's /metrics; one port per process.
 */
export function installTemporalRuntime(log: Logger, options: { metricsAddress?: string | undefined } = {}): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const temporalLog = log.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry: LogEntry) => {
      const { message, meta } = entry;
      // Workflow/activity metadata (ids, types) is small and ours; never spread payloads.
      temporalLog[pinoLevel[entry.level]]({ ...(meta ?? {}) }, message);
    }),
    telemetryOptions: {
      // Core's own log lines go through the logger above too (not to the console, ANSI-coloured, past LOG_FORMAT).
      logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } },
      ...(options.metricsAddress !== undefined && {
        metrics: {
          metricPrefix: 'temporal_',
          prometheus: { bindAddress: options.metricsAddress, countersTotalSuffix: true, useSecondsForDurations: true },
        },
      }),
    },
  });
  if (options.metricsAddress !== undefined)
    temporalLog.info({ url: `http://${options.metricsAddress}/metrics` }, 'Temporal worker metrics served');
}

/**
 * A client whose connection dials on first use (gRPC reconnects by itself): what a composition root shares among its
 * services (`services/platform/clients.ts`), so a process holds one client connection however many services it runs.
 */
export function lazyClient(options: { address: string; namespace: string }): {
  client: Client;
  close: () => Promise<void>;
} {
  const connection = Connection.lazy({ address: options.address });
  const client = new Client({ connection, namespace: options.namespace, dataConverter });
  return { client, close: () => connection.close() };
}

/** Opens a client connection and checks the server answers (a short CLI command's own client). */
export async function connectClient(options: {
  address: string;
  namespace: string;
}): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: options.address });
  const client = new Client({ connection, namespace: options.namespace, dataConverter });
  return { client, close: () => connection.close() };
}

/** Opens the native connection a Worker polls with. */
export function connectWorker(options: { address: string }): Promise<NativeConnection> {
  return NativeConnection.connect({ address: options.address });
}

// gRPC status codes that no retry of the same request can fix (INVALID_ARGUMENT, OUT_OF_RANGE).
const PERMANENT_GRPC_CODES = new Set([3, 11]);

/**
 * True when Temporal refused a request for good: a payload over the blob size limit, a workflow id over the length
 * limit, a request over gRPC's message size (RESOURCE_EXHAUSTED naming the size; otherwise that code is throttling).
 * The dispatcher dead-letters such an article; everything else (unavailable, deadline, throttled) is retried.
 */
export function isPermanentTemporalError(err: unknown): boolean {
  for (const e of causeChain(err)) {
    if (typeof e !== 'object' || e === null) continue;
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'number') continue;
    if (PERMANENT_GRPC_CODES.has(code)) return true;
    if (
      code === 8 &&
      /larger than max|message length|size/i.test(
        String((e as { details?: unknown; message?: unknown }).details ?? (e as { message?: unknown }).message),
      )
    )
      return true;
  }
  return false;
}
