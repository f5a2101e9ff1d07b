import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from '@temporalio/client';
import type { Logger } from './logger.ts';
import { anyReachable, type Reachability } from './reachable.ts';

export type Health = { ok: true; detail: string } | { ok: false; detail: string };

/** One Kafka readiness probe: a real admin call (describeCluster) against the brokers. */
export async function probeKafka(brokers: string[], log: Logger): Promise<Health> {
  // Nothing listening answers in milliseconds: no client (and no client import) for a stopped stack.
  const tcp = await anyReachable(brokers, 2000);
  if (!tcp.ok) return notListening('Kafka', brokers.join(','), tcp);
  const { createKafkaBus } = await import('./kafka.ts');
  // A probe asks once: no client retries (they outlive the timeout) and no error logs for "not up yet".
  const bus = createKafkaBus({
    brokers,
    clientId: 'claimwatch-probe',
    retries: 0,
    log: log.child({ component: 'probe' }, { level: 'fatal' }),
  });
  try {
    const d = await withTimeout(bus.describeCluster(), 5000);
    return { ok: true, detail: `cluster ${d.clusterId}, ${d.brokers} broker(s)` };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  } finally {
    await bus.close();
  }
}

/** One Temporal readiness probe: the frontend's gRPC health check. */
export async function probeTemporal(address: string): Promise<Health> {
  const tcp = await anyReachable([address], 2000);
  if (!tcp.ok) return notListening('Temporal', address, tcp);
  const { Connection } = await import('@temporalio/client');
  let connection: Connection | undefined;
  try {
    connection = await withTimeout(Connection.connect({ address, connectTimeout: 3000 }), 5000);
    const res = await withTimeout(connection.healthService.check({}), 5000);
    const serving = res.status === 1; // grpc.health.v1 SERVING
    return serving
      ? { ok: true, detail: `frontend serving at ${address}` }
      : { ok: false, detail: `status ${res.status}` };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

function notListening(service: string, address: string, tcp: Reachability & { ok: false }): Health {
  return { ok: false, detail: `${service} at ${address} is not reachable (${tcp.reason})` };
}

/** Polls a probe until it succeeds or the deadline passes; `stillAlive` aborts early when the process died. */
export async function waitUntilHealthy(
  probe: () => Promise<Health>,
  options: { timeoutMs: number; stillAlive?: () => boolean },
): Promise<Health> {
  const deadline = Date.now() + options.timeoutMs;
  let last: Health = { ok: false, detail: 'not probed' };
  while (Date.now() < deadline) {
    last = await probe();
    if (last.ok) return last;
    if (options.stillAlive && !options.stillAlive()) return { ok: false, detail: `process exited (${last.detail})` };
    await sleep(500);
  }
  return last;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}
