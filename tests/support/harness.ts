import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, type Config } from '../../services/platform/config.ts';
import { createRootLogger, type Logger } from '../../services/platform/logger.ts';

/** Config and a quiet logger for tests; talks to the stack `npm test` brought up (or the env's clusters). */
export function testContext(overrides: Record<string, string> = {}): { config: Config; log: Logger } {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', ...overrides });
  return { config, log: createRootLogger(config.logLevel) };
}

/** A name no other test or run uses: topics, groups, task queues, workflow ids. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * How long `waitFor` waits when not told: anything that crosses Kafka or Temporal can take tens of seconds on a loaded
 * 2-core CI machine, and a wait that times out early fails a run that would have passed.
 */
export const DEFAULT_WAIT_MS = 60_000;

/** Polls `check` until it returns a non-undefined value; never a fixed sleep. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(options.intervalMs ?? 100);
  }
  throw new Error(`timed out waiting for ${options.what ?? 'condition'}${lastError ? `: ${String(lastError)}` : ''}`);
}

/** A TCP port nobody listens on right now (servers a test starts must not collide with the stack or another run). */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0] as number;
}

/**
 * `count` distinct TCP ports nobody listens on right now: every one is held until all are found, so two calls' worth
 * of ports cannot come out the same (a port released by one lookup may be handed out again by the next).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const srv = createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((srv) => {
      const address = srv.address();
      return typeof address === 'object' && address ? address.port : 0;
    });
  } finally {
    await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))));
  }
}

/**
 * JSON with every object's keys sorted: equal for values `toEqual` calls equal whatever order their keys were built in
 * (undefined fields left out, as toEqual ignores them). For polling until a value equals the expected one.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
