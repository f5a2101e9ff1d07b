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
  HTTP_ALLOW_OPEN: z
    .preprocess((v) => (v === '' || v === undefined ? 'false' : v), z.enum(['true', 'false', '1', '0']))
    .describe('Allow an API without API_TOKEN on a non-loopback HTTP_HOST (e.g. behind your own auth proxy)'),
  TEMPORAL_CODEC_PUBLIC: z
    .preprocess((v) => (v === '' || v === undefined ? 'false' : v), z.enum(['true', 'false', '1', '0']))
    .describe(
      "Serve the API's Temporal codec routes without the token on a non-loopback HTTP_HOST (a remote Temporal UI cannot send it)",
    ),
  AUTH_FAILURES_PER_MINUTE: z
    .preprocess((v) => (v === '' || v === undefined ? 20 : v), z.coerce.number().int().min(1).max(100_000))
    .describe(
      'Failed authentications per client IP and minute before every request from it gets 429 for the rest of the minute',
    ),
  WEBHOOK_SECRET_KEY: optionalString.describe(
    '32 bytes in base64: the AES-256-GCM key sealing webhook secrets in the registry topic (default: a key file in the data dir)',
  ),
  WEBHOOK_SECRET_PREVIOUS_KEYS: optionalString.describe(
    'Comma-separated earlier WEBHOOK_SECRET_KEYs, still accepted to open secrets sealed with them (rotation)',
  ),
  HTTP_WRITE_RATE_LIMIT: withDefault('120/minute')
    .pipe(z.string().regex(/^\d+\/(second|minute|hour)$/, 'expected N/second, N/minute or N/hour'))
    .describe('POST/PUT/PATCH/DELETE requests per client IP and window'),
  DISPATCH_BATCH_MAX: z
    .preprocess((v) => (v === '' || v === undefined ? 200 : v), z.coerce.number().int().min(1).max(500))
    .describe(
      'Most articles the dispatcher puts in one processArticleBatch workflow (busy fetches); 1 = always one processArticle workflow per article',
    ),
  DISPATCH_BATCH_MIN: z
    .preprocess((v) => (v === '' || v === undefined ? 4 : v), z.coerce.number().int().min(2))
    .describe('A fetch with fewer articles than this is dispatched one workflow per article even when batching is on'),
  DISPATCH_BATCH_WAIT_MS: z
    .preprocess((v) => (v === '' || v === undefined ? 400 : v), z.coerce.number().int().min(0).max(10_000))
    .describe('With batching on, how long a dispatcher fetch may wait for articles to gather (ms)'),
  CLAIMS_PER_ARTICLE_MAX: z
    .preprocess((v) => (v === '' || v === undefined ? 250 : v), z.coerce.number().int().min(1).max(100_000))
    .describe(
      'Claims kept per article; above it the article is flagged (a dead-letter record says so) and its first claims kept',
    ),
  TEMPORAL_UI_URL: optionalString
    .pipe(z.url().optional())
    .describe(
      "Temporal Web UI of the cluster (printed by `npm start`; the API's codec routes allow its origin); default the local stack's",
    ),
  TEMPORAL_METRICS_ADDRESS: optionalString.describe(
    'host:port where the Temporal worker runtime serves its own Prometheus metrics; unset = off',
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (v === '' || v === undefined ? 'info' : v),
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  ),
  LOG_FORMAT: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(['pretty', 'json']).optional())
    .describe(
      'pretty: one human line per event; json: one JSON object per line; unset: pretty when stderr is a terminal',
    ),
  CLAIMWATCH_CACHE_DIR: withDefault(path.join(repoRoot, '.cache')),
  CLAIMWATCH_DATA_DIR: optionalString,
  CLAIMWATCH_TAXONOMY: optionalString,
  KAFKA_PORT: port(9092),
  KAFKA_CONTROLLER_PORT: port(9093),
  KAFKA_LOCAL_BROKERS: z
    .preprocess((v) => (v === '' || v === undefined ? 1 : v), z.coerce.number().int().min(1).max(5))
    .describe(
      'Brokers of the local Kafka (`stack up --brokers N` for one run); broker i on KAFKA_PORT + 10·(i−1), and the default KAFKA_BROKERS lists them all',
    ),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  POSTGRES_PORT: port(5432),
  DEDUP_STORE: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(['sqlite', 'postgres']).optional())
    .describe(
      'sqlite: one dedup index file per host (default); postgres: one index shared by every host (DEDUP_DATABASE_URL or the local stack)',
    ),
  DEDUP_DATABASE_URL: optionalString
    .pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
        .optional(),
    )
    .describe(
      'Postgres server of the shared dedup index; setting it selects DEDUP_STORE=postgres and the local Postgres is not started',
    ),
});
export type Env = z.infer<typeof EnvSchema>;

/** Resolved configuration used by every process; built once by the composition root. */
export interface Config {
  kafka: { brokers: string[]; clientId: string; topicPrefix: string; external: boolean };
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    external: boolean;
    uiUrl: string;
    metricsAddress?: string | undefined;
  };
  http: {
    host: string;
    port: number;
    token: string | undefined;
    /** HTTP_ALLOW_OPEN: listen without a token on a non-loopback host (refused otherwise). */
    allowOpen?: boolean;
    /** HTTP_WRITE_RATE_LIMIT: write requests per client IP per window. */
    writeRateLimit?: { max: number; windowMs: number };
    /** TEMPORAL_CODEC_PUBLIC: codec routes without the token on a non-loopback host. */
    codecPublic?: boolean;
    /** AUTH_FAILURES_PER_MINUTE: failed authentications per client IP before 429. */
    authFailuresPerMinute?: number;
  };
  /** DISPATCH_BATCH_*: how the dispatcher groups busy fetches into batch workflows (absent = one workflow per article). */
  dispatch?: {
    maxArticles: number;
    minArticles: number;
    maxBytes: number;
    fetchMinBytes: number;
    fetchMaxWaitMs: number;
  };
  /** WEBHOOK_SECRET_KEY and WEBHOOK_SECRET_PREVIOUS_KEYS: sealing webhook secrets at rest. */
  alerts?: { secretKey?: string | undefined; previousSecretKeys?: string[] };
  /** CLAIMS_PER_ARTICLE_MAX: claims kept per article (the rest dropped, the article flagged). */
  maxClaimsPerArticle?: number;
  logLevel: Env['LOG_LEVEL'];
  /** LOG_FORMAT; undefined = decided by the process (pretty on a terminal). */
  logFormat?: Env['LOG_FORMAT'];
  cacheDir: string;
  dataDir: string;
  taxonomyFile: string | undefined;
  /** DEDUP_STORE / DEDUP_DATABASE_URL: where the dedup index lives; `external` = not the local stack's Postgres. */
  dedup?: { store: 'sqlite' | 'postgres'; databaseUrl: string; external: boolean };
  /** Ports of the local stack; `kafkaBrokers` (KAFKA_LOCAL_BROKERS) = how many brokers its Kafka runs (default 1). */
  stack: {
    kafkaPort: number;
    controllerPort: number;
    temporalPort: number;
    temporalUiPort: number;
    postgresPort?: number;
    kafkaBrokers?: number;
  };
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

const WINDOW_MS = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;
/** `120/minute` → { max: 120, windowMs: 60000 } (the schema has checked the shape). */
function parseRate(text: string): { max: number; windowMs: number } {
  const [max, unit] = text.split('/') as [string, keyof typeof WINDOW_MS];
  return { max: Number(max), windowMs: WINDOW_MS[unit] };
}

/** The local stack's brokers as bootstrap servers: broker i listens on KAFKA_PORT + 10·(i−1) (tools/stack/kafka-server.ts). */
function localBrokers(kafkaPort: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `127.0.0.1:${kafkaPort + 10 * i}`).join(',');
}

/** Parses the environment once at start-up (composition root only); throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  const e = parsed.data;
  const cacheDir = path.resolve(e.CLAIMWATCH_CACHE_DIR);
  return {
    kafka: {
      brokers: (e.KAFKA_BROKERS ?? localBrokers(e.KAFKA_PORT, e.KAFKA_LOCAL_BROKERS))
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      clientId: e.KAFKA_CLIENT_ID,
      topicPrefix: e.KAFKA_TOPIC_PREFIX,
      external: e.KAFKA_BROKERS !== undefined,
    },
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${e.TEMPORAL_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      external: e.TEMPORAL_ADDRESS !== undefined,
      uiUrl: e.TEMPORAL_UI_URL ?? `http://127.0.0.1:${e.TEMPORAL_UI_PORT}`,
      metricsAddress: e.TEMPORAL_METRICS_ADDRESS,
    },
    http: {
      host: e.HTTP_HOST,
      port: e.HTTP_PORT,
      token: e.API_TOKEN,
      allowOpen: e.HTTP_ALLOW_OPEN === 'true' || e.HTTP_ALLOW_OPEN === '1',
      writeRateLimit: parseRate(e.HTTP_WRITE_RATE_LIMIT),
      codecPublic: e.TEMPORAL_CODEC_PUBLIC === 'true' || e.TEMPORAL_CODEC_PUBLIC === '1',
      authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE,
    },
    dispatch: {
      maxArticles: e.DISPATCH_BATCH_MAX,
      minArticles: e.DISPATCH_BATCH_MIN,
      maxBytes: 512 * 1024,
      fetchMinBytes: 256 * 1024,
      fetchMaxWaitMs: e.DISPATCH_BATCH_WAIT_MS,
    },
    maxClaimsPerArticle: e.CLAIMS_PER_ARTICLE_MAX,
    alerts: {
      secretKey: e.WEBHOOK_SECRET_KEY,
      previousSecretKeys: (e.WEBHOOK_SECRET_PREVIOUS_KEYS ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    cacheDir,
    dataDir: path.resolve(e.CLAIMWATCH_DATA_DIR ?? path.join(cacheDir, 'data')),
    taxonomyFile: e.CLAIMWATCH_TAXONOMY,
    dedup: {
      store: e.DEDUP_STORE ?? (e.DEDUP_DATABASE_URL !== undefined ? 'postgres' : 'sqlite'),
      databaseUrl: e.DEDUP_DATABASE_URL ?? `postgres://postgres@127.0.0.1:${e.POSTGRES_PORT}/claimwatch`,
      external: e.DEDUP_DATABASE_URL !== undefined,
    },
    stack: {
      kafkaPort: e.KAFKA_PORT,
      controllerPort: e.KAFKA_CONTROLLER_PORT,
      kafkaBrokers: e.KAFKA_LOCAL_BROKERS,
      temporalPort: e.TEMPORAL_PORT,
      temporalUiPort: e.TEMPORAL_UI_PORT,
      postgresPort: e.POSTGRES_PORT,
    },
  };
}
