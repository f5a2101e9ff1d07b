/**
 * Counts failed authentications per client IP in fixed one-window buckets: past `max` failures an IP is refused (429)
 * until its window ends, whatever it sends, so guessing the token is throttled to `max` tries per window. At most
 * `maxClients` IPs are remembered (the oldest bucket is forgotten first). Used by the API's onRequest hook.
 */
export interface AuthThrottle {
  /** Milliseconds until the IP may try again, or 0 when it may now. */
  blockedFor(ip: string, now?: number): number;
  /** Records a failed attempt. */
  fail(ip: string, now?: number): void;
}

export function createAuthThrottle(options: { max: number; windowMs?: number; maxClients?: number }): AuthThrottle {
  const windowMs = options.windowMs ?? 60_000;
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, { failures: number; resetAt: number }>();
  const current = (ip: string, now: number) => {
    const b = buckets.get(ip);
    if (b && b.resetAt > now) return b;
    if (b) buckets.delete(ip);
    return undefined;
  };
  return {
    blockedFor(ip, now = Date.now()) {
      const b = current(ip, now);
      return b && b.failures >= options.max ? b.resetAt - now : 0;
    },
    fail(ip, now = Date.now()) {
      const b = current(ip, now);
      if (b) {
        b.failures += 1;
        return;
      }
      if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value as string);
      buckets.set(ip, { failures: 1, resetAt: now + windowMs });
    },
  };
}
