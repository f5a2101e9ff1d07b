import { existsSync } from 'node:fs';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { stackLayout, STACK_VERSIONS, type StackService } from './layout.ts';
import { installKafka, installTemporal } from './install.ts';
import { prepareKafka, startKafka } from './kafka-server.ts';
import { startTemporal } from './temporal-server.ts';
import { isOurProcess, readPidFile, stopByPidFile, tailFile } from './processes.ts';
import { probeKafka, probeTemporal, waitUntilHealthy, type Health } from './health.ts';

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

  return {
    layout,
    versions: STACK_VERSIONS,
    /** Installs (first use) and starts what is not running; idempotent. Returns what each service did. */
    async up() {
      const [kafka, temporal] = await Promise.all([upKafka(), upTemporal()]);
      return { kafka, temporal };
    },
    /** Stops only the processes this stack started, by their recorded PIDs (all services by default). */
    async down(services: StackService[] = ['kafka', 'temporal']) {
      const results = await Promise.all(services.map(async (s) => [s, await stopByPidFile(layout.pidFile(s))] as const));
      return Object.fromEntries(results) as Partial<Record<StackService, 'stopped' | 'not-running'>>;
    },
    async status(): Promise<ServiceStatus[]> {
      const [kh, th, kp, tp] = await Promise.all([
        probeKafka(config.kafka.brokers, log),
        probeTemporal(config.temporal.address),
        pidAlive('kafka'),
        pidAlive('temporal'),
      ]);
      return [
        { service: 'kafka', managed: !config.kafka.external, pid: kp, health: kh, address: config.kafka.brokers.join(',') },
        { service: 'temporal', managed: !config.temporal.external, pid: tp, health: th, address: config.temporal.address },
      ];
    },
    async logs(service: StackService, lines: number): Promise<string> {
      const file = layout.logFile(service);
      return existsSync(file) ? tailFile(file, lines) : `(no log yet at ${file})`;
    },
  };
}

export type Stack = ReturnType<typeof createStack>;
