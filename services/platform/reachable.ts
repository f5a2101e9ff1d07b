import { connect } from 'node:net';

/** What a quick look at a service's address found. */
export type Reachability = { ok: true } | { ok: false; reason: string };

/** Splits `host:port` (IPv6 in brackets allowed); undefined when there is no port. */
export function parseHostPort(address: string): { host: string; port: number } | undefined {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address.trim());
  if (!m?.[1] || !m[2]) return undefined;
  return { host: m[1], port: Number(m[2]) };
}

/**
 * One TCP connect to `host:port`, given up after `timeoutMs`: enough to tell "nothing listens there" (the stack is
 * not running) in milliseconds, without a client's retries or error logs. It does not prove the service is healthy.
 */
export function reachable(address: string, timeoutMs: number): Promise<Reachability> {
  const target = parseHostPort(address);
  if (!target) return Promise.resolve({ ok: false, reason: `${address} is not host:port` });
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const done = (r: Reachability) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done({
        ok: false,
        reason:
          err.code === 'ECONNREFUSED'
            ? 'connection refused'
            : err.code === 'ENOTFOUND'
              ? 'unknown host'
              : (err.code ?? err.message),
      }),
    );
  });
}

/** True when any of the addresses answers (a Kafka client needs one bootstrap broker). */
export async function anyReachable(addresses: readonly string[], timeoutMs: number): Promise<Reachability> {
  const results = await Promise.all(addresses.map((a) => reachable(a, timeoutMs)));
  if (results.some((r) => r.ok)) return { ok: true };
  const reasons = [...new Set(results.map((r) => (r.ok ? '' : r.reason)))];
  return { ok: false, reason: reasons.join('; ') };
}
