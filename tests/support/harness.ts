import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
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

/** Polls `check` until it returns a non-undefined value; never a fixed sleep. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
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
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
