import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../services/platform/config.ts';
import type { Logger } from '../../services/platform/logger.ts';
import { stackLayout, STACK_VERSIONS, type StackService } from './layout.ts';
import { installTemporal } from './install.ts';
import { kafkaCluster, MAX_LOCAL_BROKERS, type KafkaCluster } from './kafka-server.ts';
import { downKafkaCluster, kafkaNodePid, upKafkaCluster } from './kafka-cluster.ts';
import { StackStartError } from './errors.ts';
import { startTemporal } from './temporal-server.ts';
import { isOurProcess, readPidFile, stopByPidFile, tailFile } from './processes.ts';
import { probeKafka, probeTemporal, waitUntilHealthy, type Health } from '../../services/platform/probes.ts';
import { anyReachable } from '../../services/platform/reachable.ts';
import { ensureDatabase, postgresDataDir, probePostgres, startPostgres } from './postgres-server.ts';

export { StackStartError };

export interface ServiceStatus {
  /** `kafka` is the cluster (and its broker 1); `kafka-2` … the other brokers of a local cluster of several. */
  service: StackService | `kafka-${number}`;
  managed: boolean;
  pid: number | null;
  health: Health;
  address: string;
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

  /** The local Kafka of `count` brokers (default KAFKA_LOCAL_BROKERS, else 1). */
  const clusterOf = (count = config.stack.kafkaBrokers ?? 1): KafkaCluster => kafkaCluster(layout, config.stack, count);
  /** Every local cluster size whose files may exist: what `down`, `status`, `reset` and `dataSizes` look at. */
  const allClusters = (): KafkaCluster[] => Array.from({ length: MAX_LOCAL_BROKERS }, (_, i) => clusterOf(i + 1));
  /** The local cluster of this stack that runs now (any broker of it alive), if any. */
  const runningCluster = async (): Promise<KafkaCluster | undefined> => {
    for (const c of allClusters()) if ((await Promise.all(c.nodes.map(kafkaNodePid))).some((p) => p !== null)) return c;
    return undefined;
  };

  async function upKafka(count?: number): Promise<'started' | 'running' | 'external'> {
    if (config.kafka.external) return 'external';
    const running = await runningCluster();
    // Asked for no size: the cluster of this stack that runs, whatever its size (`stack up --brokers 3`, then `npm start`).
    const cluster = count === undefined && running !== undefined ? running : clusterOf(count);
    if (running !== undefined && running.nodes.length !== cluster.nodes.length) {
      throw new StackStartError(
        'kafka',
        `a ${running.nodes.length}-broker Kafka of this stack runs; stop it first (claimwatch stack down) to start ${cluster.nodes.length}`,
        '',
        running.nodes[0]!.logFile,
      );
    }
    // Something else serves the port (a broker started by another tool): use it as before.
    if (running === undefined && cluster.nodes.length === 1 && (await probeKafka([cluster.brokers[0]!], log)).ok)
      return 'running';
    return upKafkaCluster(layout, cluster, log);
  }

  async function upTemporal(): Promise<'started' | 'running' | 'external'> {
    if (config.temporal.external) return 'external';
    if ((await probeTemporal(config.temporal.address)).ok) return 'running';
    await installTemporal(layout, log);
    const pid = await startTemporal(
      layout,
      config.stack,
      config.temporal.namespace,
      `http://127.0.0.1:${config.http.port}/api/temporal-codec`,
    );
    log.info({ pid, address: config.temporal.address }, 'Temporal starting');
    const health = await waitUntilHealthy(() => probeTemporal(config.temporal.address), {
      timeoutMs: 90_000,
      stillAlive: () => isOurProcess({ pid, marker: layout.temporalDb }),
    });
    if (!health.ok)
      throw new StackStartError(
        'temporal',
        health.detail,
        await tailFile(layout.logFile('temporal')),
        layout.logFile('temporal'),
      );
    return 'started';
  }

  const dedup = config.dedup ?? {
    store: 'sqlite',
    databaseUrl: `postgres://postgres@127.0.0.1:${config.stack.postgresPort ?? 5432}/claimwatch`,
    external: false,
  };
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
      const health = await waitUntilHealthy(() => probePostgres(dedup.databaseUrl), {
        timeoutMs: 60_000,
        stillAlive: () => isOurProcess({ pid, marker }),
      });
      if (!health.ok)
        throw new StackStartError(
          'postgres',
          health.detail,
          await tailFile(layout.logFile('postgres')),
          layout.logFile('postgres'),
        );
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
    async up(options: { postgres?: boolean; brokers?: number } = {}) {
      const withPostgres = options.postgres ?? dedup.store === 'postgres';
      const [kafka, temporal, postgres] = await Promise.all([
        upKafka(options.brokers),
        upTemporal(),
        withPostgres ? upPostgres() : undefined,
      ]);
      return postgres === undefined ? { kafka, temporal } : { kafka, temporal, postgres };
    },
    /** The local Kafka cluster of `brokers` brokers (default KAFKA_LOCAL_BROKERS): ports, files, bootstrap servers. */
    kafkaCluster: clusterOf,
    /** Stops only the processes this stack started, by their recorded PIDs (all services by default; `kafka` = every broker). */
    async down(services: StackService[] = ['kafka', 'temporal', 'postgres']) {
      const stopKafka = async () =>
        (await Promise.all(allClusters().map((c) => downKafkaCluster(c)))).includes('stopped')
          ? 'stopped'
          : 'not-running';
      // Postgres' SIGTERM waits for every client to leave; SIGINT is its fast shutdown (open transactions roll back).
      const results = await Promise.all(
        services.map(
          async (s) =>
            [
              s,
              s === 'kafka'
                ? await stopKafka()
                : await stopByPidFile(layout.pidFile(s), 20_000, s === 'postgres' ? 'SIGINT' : 'SIGTERM'),
            ] as const,
        ),
      );
      return Object.fromEntries(results) as Partial<Record<StackService, 'stopped' | 'not-running'>>;
    },
    /** Kafka and Temporal, and Postgres when the dedup index lives there or the local one runs. */
    async status(): Promise<ServiceStatus[]> {
      const running = config.kafka.external ? undefined : await runningCluster();
      // A local cluster started with `--brokers N` is probed through all its brokers even when the config lists one.
      const kafkaBrokers = running !== undefined && running.nodes.length > 1 ? running.brokers : config.kafka.brokers;
      const [kh, th, kp, tp, pp] = await Promise.all([
        probeKafka(kafkaBrokers, log),
        probeTemporal(config.temporal.address),
        pidAlive('kafka'),
        pidAlive('temporal'),
        pidAlive('postgres'),
      ]);
      const out: ServiceStatus[] = [
        { service: 'kafka', managed: !config.kafka.external, pid: kp, health: kh, address: kafkaBrokers.join(',') },
      ];
      for (const node of running?.nodes.slice(1) ?? []) {
        const [pid, tcp] = await Promise.all([kafkaNodePid(node), anyReachable([`127.0.0.1:${node.port}`], 2000)]);
        const health: Health = tcp.ok
          ? { ok: true, detail: `broker ${node.id} listening (controller ${node.controllerPort})` }
          : { ok: false, detail: `broker ${node.id} at 127.0.0.1:${node.port} is not reachable (${tcp.reason})` };
        out.push({ service: `kafka-${node.id}`, managed: true, pid, health, address: `127.0.0.1:${node.port}` });
      }
      out.push({
        service: 'temporal',
        managed: !config.temporal.external,
        pid: tp,
        health: th,
        address: config.temporal.address,
      });
      if (dedup.store === 'postgres' || pp !== null) {
        out.push({
          service: 'postgres',
          managed: !dedup.external,
          pid: pp,
          health: await probePostgres(dedup.databaseUrl),
          address: postgresAddress(),
        });
      }
      return out;
    },
    /**
     * What the local stack and the pipeline keep on disk, in bytes: Kafka's log, Temporal's SQLite database, and
     * claimwatch's own data (dedup index, read model). Old topics and histories make a local broker slow to start.
     */
    async dataSizes(): Promise<{ kafka: number; temporal: number; claimwatch: number; postgres: number }> {
      const [kafka, temporal, claimwatch, postgres] = await Promise.all([
        Promise.all(allClusters().map((c) => sizeOf(c.dataRoot))).then((sizes) => sizes.reduce((a, b) => a + b, 0)),
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
      // Any broker PID file of this stack whose process still runs (whatever cluster size started it).
      const kafkaPidFiles = [...new Set(allClusters().flatMap((c) => c.nodes.map((n) => n.pidFile)))];
      const kafkaAlive = await Promise.all(
        kafkaPidFiles.map(async (f) => ((r) => r !== undefined && isOurProcess(r))(await readPidFile(f))),
      );
      if (kafkaAlive.includes(true)) running.push('kafka');
      for (const s of ['temporal', 'postgres'] as const) if ((await pidAlive(s)) !== null) running.push(s);
      if (running.length > 0)
        throw new StackRunningError(
          `stop the stack first (claimwatch stack down): ${running.join(' and ')} still running`,
        );
      const kafkaTargets = allClusters().flatMap((c) =>
        c.clusterIdFile.startsWith(c.dataRoot + path.sep) ? [c.dataRoot] : [c.dataRoot, c.clusterIdFile],
      );
      const targets = [...new Set(kafkaTargets)]
        .concat([layout.temporalDataDir, config.dataDir, await postgresDataDir(layout)])
        .filter((t) => existsSync(t));
      for (const t of targets) await rm(t, { recursive: true, force: true });
      return targets;
    },
    /** The tail of a service's log; `kafka-2` … for the other brokers of a local cluster. */
    async logs(service: StackService | `kafka-${number}`, lines: number): Promise<string> {
      const file = path.join(layout.logsDir, `${service}.log`);
      return existsSync(file) ? tailFile(file, lines) : `(no log yet at ${file})`;
    },
  };
}

export type Stack = ReturnType<typeof createStack>;
