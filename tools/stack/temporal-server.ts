import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startDetached } from './processes.ts';
import type { StackLayout } from './layout.ts';

export interface TemporalPorts {
  temporalPort: number;
  temporalUiPort: number;
}

/**
 * Starts the Temporal dev server (SQLite in the cache, Web UI on its port) and returns its PID. `codecEndpoint` is the
 * API's codec server, which the Web UI calls to show compressed payloads (see services/surfaces/api/temporal-codec-routes.ts).
 */
export async function startTemporal(
  layout: StackLayout,
  ports: TemporalPorts,
  namespace: string,
  codecEndpoint?: string,
): Promise<number> {
  await mkdir(path.dirname(layout.temporalDb), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(ports.temporalPort),
    '--ui-port',
    String(ports.temporalUiPort),
    '--db-filename',
    layout.temporalDb,
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    '--log-level',
    'warn',
    // More parallel history I/O: the dev server has one shard, and WAL lets it write concurrently.
    '--dynamic-config-value',
    'history.shardIOConcurrency=8',
    // Large entity workflows: let Temporal suggest continue-as-new early so histories stay small.
    '--dynamic-config-value',
    'limit.historyCount.suggestContinueAsNew=2000',
    // One node, one history shard: task queue partitions only add forwarding between them.
    '--dynamic-config-value',
    'matching.numTaskqueueReadPartitions=1',
    '--dynamic-config-value',
    'matching.numTaskqueueWritePartitions=1',
  ];
  if (namespace !== 'default') args.push('--namespace', namespace);
  if (codecEndpoint !== undefined) args.push('--ui-codec-endpoint', codecEndpoint);
  return startDetached({
    cmd: layout.temporalBinary,
    args,
    logFile: layout.logFile('temporal'),
    pidFile: layout.pidFile('temporal'),
    marker: layout.temporalDb,
  });
}
