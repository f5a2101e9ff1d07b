// `npm run bench:pipeline [-- --articles N --rate R --batch B --workers W --keep-topics]`: N generated articles through the
// whole pipeline (Kafka raw topic → dispatcher → processArticle → series tallies → tallies topic) on the local
// stack, then the same dedup + extract + fold loop in process, and the ratio between them. `--workers 2` adds a
// `claimwatch worker` child process on the same task queue (the bench process runs the first worker and the
// dispatcher); DEDUP_STORE=postgres runs the dedup index on the local Postgres, in a fresh database of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import proto from '@temporalio/proto';
import { repoRoot } from '../../services/platform/config.ts';
import { ensureDatabase } from '../../tools/stack/postgres-server.ts';
import { generateArticles } from './generate-articles.ts';
import { foldInProcess } from '../support/in-process.ts';
import { defaultTaxonomy } from '../../domain/extract/index.ts';
import { createStack } from '../../tools/stack/stack.ts';
import { createKafkaBus } from '../../services/platform/kafka.ts';
import { startPipeline } from '../support/pipeline.ts';
import { testContext, uniqueName, waitFor } from '../support/harness.ts';
import { topicNames, type TallyPublished } from '../../schemas/topics.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('--articles', 6000);
// Offered load in articles/s: above capacity it measures sustained throughput (latency is then
// queueing); below it, latency at that rate.
const rate = arg('--rate', 120);
// Micro-batched dispatch (DISPATCH_BATCH_MAX, default 200 as in the config); `--batch 1` measures one processArticle
// workflow per article. DISPATCH_BATCH_WAIT_MS in the environment sets the dispatcher's fetch wait.
const batchMax = arg('--batch', 200);
// Worker processes: the bench process's own worker plus `workers - 1` `claimwatch worker` children.
const workers = arg('--workers', 1);
const { config, log } = testContext();
await createStack(config, log).up();
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const loadAtStart = load();
const store = config.dedup?.store ?? 'sqlite';
// A Postgres index outlives the run: each run gets a database of its own (dropped at the end), as each SQLite run a
// fresh data folder, so no article of an earlier run is taken for a copy.
const dedupEnv: Record<string, string> = {};
let dropDatabase = async () => {};
if (store === 'postgres' && config.dedup !== undefined) {
  const url = new URL(config.dedup.databaseUrl);
  url.pathname = `/cw_bench_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url.toString());
  Object.assign(dedupEnv, { DEDUP_STORE: 'postgres', DEDUP_DATABASE_URL: url.toString() });
  dropDatabase = async () => {
    const { default: pg } = await import('pg');
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${url.pathname.slice(1)} WITH (FORCE)`).finally(() => client.end());
  };
}

const articles = generateArticles(n, Date.now() % 1000);
// Which articles reach a tally, worked out before the pipeline starts: the fold is synchronous (45 s for 60,000
// articles), and run while the pipeline waits it starved the consumers' heartbeats into a rebalance at the start.
const expected = new Set(
  [...(await foldInProcess(articles, defaultTaxonomy())).tallies.values()].flatMap((s) =>
    s.articles.map((a) => a.articleId),
  ),
);
const prefix = uniqueName('bench');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cw-bench-'));
const p = await startPipeline({
  prefix,
  dataDir,
  dispatchBatchMax: batchMax,
  env: {
    ...dedupEnv,
    ...(process.env.DISPATCH_BATCH_WAIT_MS ? { DISPATCH_BATCH_WAIT_MS: process.env.DISPATCH_BATCH_WAIT_MS } : {}),
  },
});
// More worker processes on the same task queue, data folder (the SQLite index is shared by a host's workers) and store.
const children: ChildProcess[] = [];
for (let i = 1; i < workers; i++) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'claimwatch.mjs'), 'worker'], {
    env: {
      ...process.env,
      ...dedupEnv,
      KAFKA_TOPIC_PREFIX: prefix,
      TEMPORAL_TASK_QUEUE: p.taskQueue,
      CLAIMWATCH_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
}
// A child worker has polled its task queue once Temporal lists it as a poller.
if (children.length > 0) {
  await waitFor(
    async () => {
      const d = await p.client.workflowService.describeTaskQueue({
        namespace: config.temporal.namespace,
        taskQueue: { name: p.taskQueue },
        taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      });
      return new Set(d.pollers.map((x) => x.identity)).size >= workers ? true : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 500, what: `${workers} workers polling ${p.taskQueue}` },
  );
}

// Latency: publish time of each article → first tally snapshot that carries its report.
const publishedAt = new Map<string, number>();
const tallyAt = new Map<string, number>();
const consumer = await p.ctx.bus.createConsumer({
  groupId: `${prefix}.bench`,
  topics: [topicNames(prefix).tallies],
  fromBeginning: true,
  maxWaitTimeInMs: 50,
});
await consumer.run(async (messages, ctx) => {
  const now = Date.now();
  for (const m of messages) {
    // The pipeline's own process: read only what latency needs (schema validation of every snapshot is the tests' job).
    const env = JSON.parse(m.value ?? 'null') as TallyPublished;
    for (const r of env.data.reports) if (!tallyAt.has(r.articleId)) tallyAt.set(r.articleId, now);
    ctx.resolveOffset(m.offset);
  }
});

const started = Date.now();
const batch = Math.max(1, Math.min(200, Math.round(rate / 5)));
for (let i = 0; i < articles.length; i += batch) {
  const chunk = articles.slice(i, i + batch);
  const t = Date.now();
  for (const a of chunk) publishedAt.set(a.id, t);
  await p.publish(chunk);
  // Offer load at a steady pace rather than all at once, so latency reflects sustained flow.
  const due = started + ((i + batch) / rate) * 1000;
  if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
}
await waitFor(() => ([...expected].every((id) => tallyAt.has(id)) ? true : undefined), {
  timeoutMs: 600_000,
  intervalMs: 200,
  what: 'all tallies',
});
const elapsed = (Math.max(...tallyAt.values()) - started) / 1000;
const latencies = [...expected]
  .map((id) => (tallyAt.get(id) as number) - (publishedAt.get(id) as number))
  .sort((a, b) => a - b);
const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
// Latency over the run, by publish time: warm-up (first workflows, JIT) versus steady state.
const windows = new Map<number, number[]>();
for (const id of expected) {
  const w = Math.floor(((publishedAt.get(id) as number) - started) / 5000);
  windows.set(w, [...(windows.get(w) ?? []), (tallyAt.get(id) as number) - (publishedAt.get(id) as number)]);
}
const overTime = [...windows.entries()]
  .sort((a, b) => a[0] - b[0])
  .map(([w, l]) => {
    l.sort((a, b) => a - b);
    return `${w * 5}s p50 ${l[Math.floor(l.length / 2)]} p99 ${l[Math.min(l.length - 1, Math.floor(0.99 * l.length))]}`;
  });
await consumer.stop();
await consumer.disconnect();
const loadAtEnd = load();
for (const child of children) {
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
}
await p.stop();
await dropDatabase();
// The run's topics are gone with it (`--keep-topics` keeps them to inspect): a 30,000-article run leaves ~100 MB, and
// a local broker carrying gigabytes of old bench topics starts and runs measurably slower.
if (!process.argv.includes('--keep-topics')) {
  const bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'bench-cleanup', log });
  await bus.deleteTopics((await bus.listTopics()).filter((t) => t.startsWith(`${prefix}.`)));
  await bus.close();
}

const t0 = performance.now();
const ref = await foldInProcess(articles, defaultTaxonomy());
const inProcessSeconds = (performance.now() - t0) / 1000;
const pipelineRate = n / elapsed;
const inProcessRate = n / inProcessSeconds;
process.stdout.write(
  [
    `articles                 ${n} (offered at ${rate}/s; ${expected.size} with claims, ${ref.tallies.size} series)`,
    `workers                  ${workers} process(es) (${workers > 1 ? `the bench process + ${workers - 1} \`claimwatch worker\`` : 'the bench process'}), dedup store ${store}`,
    `load average             ${loadAtStart} at start, ${loadAtEnd} at the end (1/5/15 min, ${os.cpus().length} cores)`,
    `dispatch                 ${batchMax > 1 ? `micro-batches of up to ${batchMax} articles (DISPATCH_BATCH_MAX=${batchMax})` : 'one processArticle workflow per article'}`,
    `pipeline sustained       ${pipelineRate.toFixed(1)} articles/s (${elapsed.toFixed(1)} s, publish → last tally)`,
    `ingest→tally latency     p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${latencies.at(-1)} ms`,
    `latency by publish time   ${overTime.join(' | ')}`,
    `in-process limit         ${inProcessRate.toFixed(1)} articles/s (dedup + extract + fold, no Kafka/Temporal)`,
    `ratio pipeline/limit     ${(pipelineRate / inProcessRate).toFixed(3)}`,
    `bar (≥ 100/s, p99 ≤ 2 s) ${pipelineRate >= 100 && pct(0.99) <= 2000 ? 'met' : 'not met'}`,
  ].join('\n') + '\n',
);
process.exit(0);
