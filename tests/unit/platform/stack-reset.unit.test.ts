import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../services/platform/config.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import { stackLayout } from '../../../tools/stack/layout.ts';
import { createStack, StackRunningError } from '../../../tools/stack/stack.ts';
import { isOurProcess } from '../../../tools/stack/processes.ts';
import { waitFor } from '../../support/harness.ts';

// Files only: no Kafka or Temporal runs here (the cache folder is a temporary one).
describe('local stack data: sizes and reset', () => {
  const dirs: string[] = [];
  const children: Array<{ kill: () => void }> = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function cache() {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-stack-'));
    // Run as root, Postgres' account must reach the cache to keep its data there (else it goes to the temp dir).
    chmodSync(dir, 0o755);
    dirs.push(dir);
    const config = loadConfig({ CLAIMWATCH_CACHE_DIR: dir });
    const layout = stackLayout(dir);
    mkdirSync(path.join(layout.kafkaDataDir, 'old-topic-0'), { recursive: true });
    writeFileSync(path.join(layout.kafkaDataDir, 'old-topic-0', '00000.log'), Buffer.alloc(3000));
    writeFileSync(layout.kafkaClusterIdFile, 'abc');
    mkdirSync(layout.temporalDataDir, { recursive: true });
    writeFileSync(layout.temporalDb, Buffer.alloc(2000));
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path.join(config.dataDir, 'read-model.sqlite'), Buffer.alloc(1000));
    mkdirSync(layout.postgresDataDir, { recursive: true });
    writeFileSync(path.join(layout.postgresDataDir, 'PG_VERSION'), Buffer.alloc(500));
    mkdirSync(layout.logsDir, { recursive: true });
    writeFileSync(layout.logFile('kafka'), 'a log line\n');
    return { config, layout, stack: createStack(config, createRootLogger('silent')) };
  }

  it('measures what Kafka, Temporal and claimwatch keep, and reset removes exactly that', async () => {
    const { config, layout, stack } = cache();
    expect(await stack.dataSizes()).toEqual({ kafka: 3000, temporal: 2000, claimwatch: 1000, postgres: 500 });
    const removed = await stack.reset();
    expect(removed.sort()).toEqual(
      [
        layout.kafkaDataDir,
        layout.kafkaClusterIdFile,
        layout.temporalDataDir,
        config.dataDir,
        layout.postgresDataDir,
      ].sort(),
    );
    for (const r of removed) expect(existsSync(r)).toBe(false);
    expect(existsSync(layout.logFile('kafka'))).toBe(true);
    expect(await stack.dataSizes()).toEqual({ kafka: 0, temporal: 0, claimwatch: 0, postgres: 0 });
  });

  it('refuses while a service of the stack runs, and deletes nothing', async () => {
    const { layout, stack } = cache();
    // A live process whose command line carries the PID file's marker, as a started Kafka's does.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', layout.kafkaDataDir], {
      stdio: 'ignore',
    });
    children.push(child);
    mkdirSync(layout.runDir, { recursive: true });
    writeFileSync(layout.pidFile('kafka'), JSON.stringify({ pid: child.pid, marker: layout.kafkaDataDir }));
    await waitFor(() => (isOurProcess({ pid: child.pid as number, marker: layout.kafkaDataDir }) ? true : undefined), {
      what: 'the child to exec',
    });
    await expect(stack.reset()).rejects.toThrow(StackRunningError);
    await expect(stack.reset()).rejects.toThrow(/kafka still running/);
    expect(existsSync(layout.temporalDb)).toBe(true);
    expect(existsSync(layout.kafkaDataDir)).toBe(true);
  });
});
