import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../services/platform/config.ts';
import type { Logger } from '../../services/platform/logger.ts';
import { stackLayout, STACK_VERSIONS, type StackService } from './layout.ts';
import { installKafka, installTemporal } from './install.ts';
import { prepareKafka, startKafka } from './kafka-server.ts';
import { startTemporal } from './temporal-server.ts';
import { isOurProcess, readPidFile, stopByPidFile, tailFile } from './processes.ts';
import { probeKafka, probeTemporal, waitUntilHealthy, type Health } from '../../services/platform/probes.ts';
import { ensureDatabase, postgresDataDir, probePostgres, startPostgres } from './postgres-server.ts';

export interface ServiceStatus {
  service: StackService;
  managed: boolean;
  pid: number | null;
  health: Health;
  address: string;
}

/** Raised when a service of the local stack does not come up; carries its log tail. */
export class StackStartError extends Error {
  constructor(service: StackService, detail: string, logTail: string, logFile: string) {
    super(`${service} did not become healthy: ${detail}\n--- last lines of ${logFile} ---\n${logTail}`);
    this.name = 'StackStartError';
  }
}

/** Bytes on disk under a file or folder, as `du` counts them (0 when missing). Kafka preallocates 10 MB index files
 * that stay sparse, so apparent sizes would overstate its log several times. */
async function sizeOf(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return Math.min(info.size, info.blocks * 512);
  const entries = await readdir(target).catch(() => []);
  let total = 0;
  for (const e of entries) total += await sizeOf(path.join(target, e));
  return total;
}

/** Raised by `reset` while a service of the stack still runs. */
export class StackRunningError extends Error {
  override name = 'StackRunningError';
}

/** The local stack manager behind `claimwatch stack up|down|status|logs` and `npm test`. */
export function createStack(config: Config, log: Logger) {
  const layout = stackLayout(config.cacheDir);
  const pidAlive = async (s: StackService) => {
    const rec = await readPidFile(layout.pidFile(s));
    return rec && isOurProcess(rec) ? rec.pid : null;
  };

  async function upKafka(): Promise<'started' | 'running' | 'external'> {
    if (config.kafka.external) return 'external';
    if ((await probeKafka(config.kafka.brokers, log)).ok) return 'running';
    await installKafka(layout, log);
    const props = await prepareKafka(layout, config.stack);
    const pid = await startKafka(layout, props);
    log.info({ pid, brokers: config.kafka.brokers }, 'Kafka starting');
    const health = await waitUntilHealthy(() => probeKafka(config.kafka.brokers, log), {
      timeoutMs: 90_000,
      stillAlive: () => isOurProcess({ pid, marker: props }),
    });
    if (!health.ok) throw new StackStartError('kafka', health.detail, await tailFile(layout.logFile('kafka')), layout.logFile('kafka'));
    return 'started';
  }

  async function upTemporal(): Promise<'started' | 'running' | 'external'> {
    if (config.temporal.external) return 'external';
    if ((await probeTemporal(config.temporal.address)).ok) return 'running';
    await installTemporal(layout, log);
    const pid = await startTemporal(layout, config.stack, config.temporal.namespace, `http://127.0.0.1:${config.http.port}/api/temporal-codec`);
    log.info({ pid, address: config.temporal.address }, 'Temporal starting');
    const health = await waitUntilHealthy(() => probeTemporal(config.temporal.address), {
      timeoutMs: 90_000,
      stillAlive: () => isOurProcess({ pid, marker: layout.temporalDb }),
    });
    if (!health.ok)
      throw new StackStartError('temporal', health.detail, await tailFile(layout.logFile('temporal')), layout.logFile('temporal'));
    return 'started';
  }

  const dedup = config.dedup ?? { store: 'sqlite', databaseUrl: `postgres://postgres@127.0.0.1:${config.stack.postgresPort ?? 5432}/claimwatch`, external: false };
  const postgresAddress = (): string => {
    const u = new URL(dedup.databaseUrl);
    return `${u.hostname}:${u.port || '5432'}`;
  };

  async function upPostgres(): Promise<'started' | 'running' | 'external'> {
    if (dedup.external) return 'external';
    let result: 'started' | 'running' = 'running';
    if (!(await probePostgres(dedup.databaseUrl)).ok) {
      const { pid, marker } = await startPostgres(layout, config.stack.postgresPort ?? 5432);
      log.info({ pid, address: postgresAddress() }, 'Postgres starting');
      const health = await waitUntilHealthy(() => probePostgres(dedup.databaseUrl), { timeoutMs: 60_000, stillAlive: () => isOurProcess({ pid, marker }) });
      if (!health.ok) throw new StackStartError('postgres', health.detail, await tailFile(layout.logFile('postgres')), layout.logFile('postgres'));
      result = 'started';
    }
    await ensureDatabase(dedup.databaseUrl);
    return result;
  }

  return {
    layout,
    versions: STACK_VERSIONS,
    /**
     * Installs (first use) and starts what is not running; idempotent. Returns what each service did. Postgres (the
     * shared dedup index) is part of it with `postgres: true` or DEDUP_STORE=postgres.
     */
    async up(options: { postgres?: boolean } = {}) {
      const withPostgres = options.postgres ?? dedup.store === 'postgres';
      const [kafka, temporal, postgres] = await Promise.all([upKafka(), upTemporal(), withPostgres ? upPostgres() : undefined]);
      return postgres === undefined ? { kafka, temporal } : { kafka, temporal, postgres };
    },
    /** Stops only the processes this stack started, by their recorded PIDs (all services by default). */
    async down(services: StackService[] = ['kafka', 'temporal', 'postgres']) {
      // Postgres' SIGTERM waits for every client to leave; SIGINT is its fast shutdown (open transactions roll back).
      const results = await Promise.all(services.map(async (s) => [s, await stopByPidFile(layout.pidFile(s), 20_000, s === 'postgres' ? 'SIGINT' : 'SIGTERM')] as const));
      return Object.fromEntries(results) as Partial<Record<StackService, 'stopped' | 'not-running'>>;
    },
    /** Kafka and Temporal, and Postgres when the dedup index lives there or the local one runs. */
    async status(): Promise<ServiceStatus[]> {
      const [kh, th, kp, tp, pp] = await Promise.all([
        probeKafka(config.kafka.brokers, log),
        probeTemporal(config.temporal.address),
        pidAlive('kafka'),
        pidAlive('temporal'),
        pidAlive('postgres'),
      ]);
      const out: ServiceStatus[] = [
        { service: 'kafka', managed: !config.kafka.external, pid: kp, health: kh, address: config.kafka.brokers.join(',') },
        { service: 'temporal', managed: !config.temporal.external, pid: tp, health: th, address: config.temporal.address },
      ];
      if (dedup.store === 'postgres' || pp !== null) {
        out.push({ service: 'postgres', managed: !dedup.external, pid: pp, health: await probePostgres(dedup.databaseUrl), address: postgresAddress() });
      }
      return out;
    },
    /**
     * What the local stack and the pipeline keep on disk, in bytes: Kafka's log, Temporal's SQLite database, and
     * claimwatch's own data (dedup index, read model). Old topics and histories make a local broker slow to start.
     */
    async dataSizes(): Promise<{ kafka: number; temporal: number; claimwatch: number; postgres: number }> {
      const [kafka, temporal, claimwatch, postgres] = await Promise.all([
        sizeOf(layout.kafkaDataDir),
        sizeOf(layout.temporalDataDir),
        sizeOf(config.dataDir),
        postgresDataDir(layout).then(sizeOf),
      ]);
      return { kafka, temporal, claimwatch, postgres };
    },
    /**
     * Deletes everything the local stack and the pipeline stored — Kafka's log and cluster id, Temporal's database, the
     * local Postgres cluster (the shared dedup index), the dedup index and read model (they describe the log, so they go with it) — keeping installs and logs. Refuses while
     * Kafka or Temporal of this stack runs. Returns the paths removed.
     */
    async reset(): Promise<string[]> {
      const running: StackService[] = [];
      for (const s of ['kafka', 'temporal', 'postgres'] as const) if ((await pidAlive(s)) !== null) running.push(s);
      if (running.length > 0) throw new StackRunningError(`stop the stack first (claimwatch stack down): ${running.join(' and ')} still running`);
      const targets = [layout.kafkaDataDir, layout.kafkaClusterIdFile, layout.temporalDataDir, config.dataDir, await postgresDataDir(layout)].filter((t) => existsSync(t));
      for (const t of targets) await rm(t, { recursive: true, force: true });
      return targets;
    },
    async logs(service: StackService, lines: number): Promise<string> {
      const file = layout.logFile(service);
      return existsSync(file) ? tailFile(file, lines) : `(no log yet at ${file})`;
    },
  };
}

export type Stack = ReturnType<typeof createStack>;
