import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describeIssues } from '../../schemas/problems.ts';

/** The repository root, for defaults that live beside the code (cache folder, sample corpus). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Empty strings count as unset, so `FOO= npm start` behaves like leaving FOO out.
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const withDefault = (def: string) => z.preprocess((v) => (v === '' || v === undefined ? def : v), z.string());
const port = (def: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? def : v), z.coerce.number().int().min(1).max(65535));

/** Every environment variable claimwatch reads, with defaults for the embedded local stack. */
export const EnvSchema = z.object({
  KAFKA_BROKERS: optionalString.describe('Comma-separated Kafka bootstrap servers; set it to use an existing cluster'),
  KAFKA_CLIENT_ID: withDefault('claimwatch'),
  KAFKA_TOPIC_PREFIX: withDefault('claimwatch').pipe(z.string().regex(/^[a-zA-Z0-9._-]+$/)),
  TEMPORAL_ADDRESS: optionalString.describe('Temporal frontend host:port; set it to use an existing cluster'),
  TEMPORAL_NAMESPACE: withDefault('default'),
  TEMPORAL_TASK_QUEUE: withDefault('claimwatch'),
  HTTP_HOST: withDefault('127.0.0.1'),
  HTTP_PORT: port(8080),
  API_TOKEN: optionalString,
  LOG_LEVEL: z.preprocess(
    (v) => (v === '' || v === undefined ? 'info' : v),
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  ),
  CLAIMWATCH_CACHE_DIR: withDefault(path.join(repoRoot, '.cache')),
  CLAIMWATCH_DATA_DIR: optionalString,
  CLAIMWATCH_TAXONOMY: optionalString,
  KAFKA_PORT: port(9092),
  KAFKA_CONTROLLER_PORT: port(9093),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
});
export type Env = z.infer<typeof EnvSchema>;

/** Resolved configuration used by every process; built once by the composition root. */
export interface Config {
  kafka: { brokers: string[]; clientId: string; topicPrefix: string; external: boolean };
  temporal: { address: string; namespace: string; taskQueue: string; external: boolean; uiUrl: string };
  http: { host: string; port: number; token: string | undefined };
  logLevel: Env['LOG_LEVEL'];
  cacheDir: string;
  dataDir: string;
  taxonomyFile: string | undefined;
  stack: { kafkaPort: number; controllerPort: number; temporalPort: number; temporalUiPort: number };
}

/** Thrown when the environment is invalid; its message lists every problem at once. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment once at start-up (composition root only); throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  const e = parsed.data;
  const cacheDir = path.resolve(e.CLAIMWATCH_CACHE_DIR);
  return {
    kafka: {
      brokers: (e.KAFKA_BROKERS ?? `127.0.0.1:${e.KAFKA_PORT}`).split(',').map((b) => b.trim()).filter(Boolean),
      clientId: e.KAFKA_CLIENT_ID,
      topicPrefix: e.KAFKA_TOPIC_PREFIX,
      external: e.KAFKA_BROKERS !== undefined,
    },
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${e.TEMPORAL_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      external: e.TEMPORAL_ADDRESS !== undefined,
      uiUrl: `http://127.0.0.1:${e.TEMPORAL_UI_PORT}`,
    },
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT, token: e.API_TOKEN },
    logLevel: e.LOG_LEVEL,
    cacheDir,
    dataDir: path.resolve(e.CLAIMWATCH_DATA_DIR ?? path.join(cacheDir, 'data')),
    taxonomyFile: e.CLAIMWATCH_TAXONOMY,
    stack: {
      kafkaPort: e.KAFKA_PORT,
      controllerPort: e.KAFKA_CONTROLLER_PORT,
      temporalPort: e.TEMPORAL_PORT,
      temporalUiPort: e.TEMPORAL_UI_PORT,
    },
  };
}
