// Issue 17, the chaos test: each service its own process (`claimwatch worker`, `dispatcher`, `projector`, `api`, with
// API_TOKEN set) on the real local stack, a stream with syndicated copies and re-deliveries fed phase by phase, and in
// each phase one fault of the matrix, mid-run: kill -9 of the worker, the dispatcher, the broker, Temporal, the
// projector+API, then all of them at once; each is started again. After the last phase settles, the series workflows,
// the API, the read model (and a rebuild of it from the log) and the last tallies-topic record of every series must
// equal the in-process fold of the same stream: nothing lost, nothing counted twice.
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import type { Article } from '../../../schemas/article.ts';
import { PublishedTallySchema, type TallySnapshot, type TallySummary } from '../../../schemas/tally.ts';
import { topicNames, type ArticleReceived } from '../../../schemas/topics.ts';
import { defaultTaxonomy } from '../../../domain/extract/index.ts';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import { publishedTallyOf, summarise } from '../../../domain/tally/index.ts';
import { envelope } from '../../../services/platform/bus/envelopes.ts';
import { groupLag } from '../../../services/platform/bus/lag.ts';
import { applyTallyMessage, type TallyView } from '../../../services/platform/bus/tally-view.ts';
import { repoRoot } from '../../../services/platform/config.ts';
import { createKafkaBus, type EventProducer, type KafkaBus } from '../../../services/platform/kafka.ts';
import { connectClient } from '../../../services/platform/temporal.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import { claimTopicIds, taxonomyFromFile } from '../../../services/app/taxonomy.ts';
import { rebuildReadModel } from '../../../services/pipeline/projector/rebuild.ts';
import { defaultReadModelPath, openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { createStack } from '../../../tools/stack/stack.ts';
import { isOurProcess, readPidFile } from '../../../tools/stack/processes.ts';
import { seriesWorkflowId } from '../../../workflows/series-tally/messages.ts';
import { chaosStream, type ChaosStream } from '../../support/chaos-stream.ts';
import { cliProcess, type CliProcess } from '../../support/cli-process.ts';
import { foldInProcess } from '../../support/in-process.ts';
import { sampleCorpus } from '../../support/pipeline.ts';
import { canonicalJson, freePort, testContext, uniqueName, waitFor } from '../../support/harness.ts';
import { terminateRunning } from '../../support/temporal.ts';

const { config, log } = testContext();
const managed = !config.kafka.external && !config.temporal.external;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Generated originals in the stream (the sample corpus comes on top). CHAOS_ARTICLES overrides it for longer runs. */
const ORIGINALS = Number(process.env.CHAOS_ARTICLES ?? 240);

type Fault = 'worker' | 'dispatcher' | 'broker' | 'temporal' | 'projector+api' | 'everything';
const FAULTS: Fault[] = ['worker', 'dispatcher', 'broker', 'temporal', 'projector+api', 'everything'];
/** How long each fault keeps its victim down before starting it again. */
const DOWN_MS: Record<Fault, number> = {
  worker: 3_000,
  dispatcher: 3_000,
  broker: 8_000,
  temporal: 5_000,
  'projector+api': 3_000,
  everything: 5_000,
};

interface FaultFigures {
  fault: Fault;
  /** ms from the restart until the victims serve again (process logged `started`, stack probe healthy). */
  readyMs: number;
  /** ms from the restart until the read model (through the API) moved past where it stood at the kill; null: no work was left. */
  flowingMs: number | null;
  /** ms from the restart until the phase settled (everything dispatched, processed and projected). */
  settledMs: number;
}

describe.skipIf(!managed)('the fault matrix, one process per service, on the real stack', () => {
  const stack = createStack(config, log);
  const prefix = uniqueName('chaos');
  const taskQueue = `${prefix}-q`;
  const token = 'chaos-token-0123456789';
  const names = topicNames(prefix);
  let dataDir: string;
  let apiUrl: string;
  let bus: KafkaBus;
  let producer: EventProducer;
  let temporal: { client: Client; close: () => Promise<void> };
  let procs: Record<'worker' | 'dispatcher' | 'projector' | 'api', CliProcess>;
  let stream: ChaosStream;
  const claimTopics = claimTopicIds(taxonomyFromFile(config.taxonomyFile));

  beforeAll(async () => {
    await stack.up();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'cw-chaos-'));
    const httpPort = await freePort();
    apiUrl = `http://127.0.0.1:${httpPort}`;
    stream = await chaosStream({ originals: ORIGINALS, sample: await sampleCorpus(), phases: FAULTS.length, seed: 17 });
    // Compile the CLI once, before four processes would each find dist/ stale at the same moment.
    execFileSync(process.execPath, [path.join(repoRoot, 'bin', 'claimwatch.mjs'), '--version'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    const env = {
      KAFKA_TOPIC_PREFIX: prefix,
      TEMPORAL_TASK_QUEUE: taskQueue,
      CLAIMWATCH_DATA_DIR: dataDir,
      HTTP_PORT: String(httpPort),
      API_TOKEN: token,
    };
    procs = {
      worker: cliProcess('worker', ['worker'], env, ['worker']),
      dispatcher: cliProcess('dispatcher', ['dispatcher'], env, ['dispatcher']),
      projector: cliProcess('projector', ['projector'], env, ['projector']),
      api: cliProcess('api', ['api'], env, ['api']),
    };
    // The worker creates the topics (createPipelineContext) before the others subscribe.
    await procs.worker.start();
    await Promise.all([procs.dispatcher.start(), procs.projector.start(), procs.api.start()]);
    // The test's own client: quiet, it meets the broker's absence on purpose.
    bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'chaos-test', log: createRootLogger('fatal') });
    producer = await bus.createProducer();
    temporal = await connectClient(config.temporal);
  }, 300_000);

  afterAll(async () => {
    await stack.up(); // whatever happened, leave the stack running for the next test
    await Promise.all(Object.values(procs ?? {}).map((p) => p.stop()));
    if (temporal) {
      await terminateRunning(temporal.client, taskQueue);
      await temporal.close();
    }
    await producer?.disconnect();
    await bus?.close();
  }, 180_000);

  /** Publishes articles to the raw topic as ingest does, in slices, retrying a slice while the broker is away. */
  async function publish(articles: Article[]): Promise<void> {
    for (let i = 0; i < articles.length; i += 15) {
      const messages = articles.slice(i, i + 15).map((article) => {
        const canonicalId = canonicalArticleId(article);
        const env: ArticleReceived = envelope('ArticleReceived', {
          article,
          canonicalId,
          channel: 'sample',
          receivedAt: new Date().toISOString(),
        });
        return { key: canonicalId, value: JSON.stringify(env) };
      });
      for (;;) {
        try {
          await producer.send(names.rawArticles, messages);
          break;
        } catch {
          await sleep(500);
        }
      }
      await sleep(150);
    }
  }

  async function api<T>(route: string): Promise<T> {
    const res = await fetch(`${apiUrl}${route}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(`${route}: ${res.status}`);
    return (await res.json()) as T;
  }

  /** The read model's progress as the API shows it: the sum of every series' version (each applied event adds one). */
  const apiProgress = async (): Promise<number> =>
    (await api<{ tallies: Array<{ summary: TallySummary }> }>('/api/tallies')).tallies.reduce(
      (n, t) => n + t.summary.version,
      0,
    );

  async function runningArticleWorkflows(): Promise<number> {
    const query = `TaskQueue = '${taskQueue}' AND WorkflowType IN ('processArticle', 'processArticleBatch') AND ExecutionStatus = 'Running'`;
    return (await temporal.client.workflow.count(query)).count;
  }

  /** Everything published is dispatched, processed and projected; twice in a row, a second apart. */
  async function settle(timeoutMs: number): Promise<void> {
    let quiet = 0;
    await waitFor(
      async () => {
        const [raw, running, projected] = await Promise.all([
          groupLag(bus, `${prefix}.dispatcher`, [names.rawArticles]),
          runningArticleWorkflows(),
          groupLag(bus, `${prefix}.projector`, claimTopics.map(names.claims)),
        ]);
        quiet = raw === 0 && running === 0 && projected === 0 ? quiet + 1 : 0;
        return quiet >= 2 ? true : undefined;
      },
      { timeoutMs, intervalMs: 1_000, what: 'the phase to settle' },
    );
  }

  async function killStackService(service: 'kafka' | 'temporal'): Promise<void> {
    const record = await readPidFile(stack.layout.pidFile(service));
    expect(record && isOurProcess(record), `${service} of this stack runs`).toBe(true);
    process.kill(record!.pid, 'SIGKILL');
    await waitFor(() => (isOurProcess(record!) ? undefined : true), { timeoutMs: 10_000, what: `${service} to die` });
  }

  /** kill -9 of the fault's victims; returns how to start them again. */
  async function inject(fault: Fault): Promise<() => Promise<void>> {
    const all = Object.values(procs);
    switch (fault) {
      case 'worker':
      case 'dispatcher': {
        const p = procs[fault];
        await p.kill();
        return () => p.start();
      }
      case 'projector+api':
        await Promise.all([procs.projector.kill(), procs.api.kill()]);
        return async () => void (await Promise.all([procs.projector.start(), procs.api.start()]));
      case 'broker':
        await killStackService('kafka');
        return async () => void (await stack.up());
      case 'temporal':
        await killStackService('temporal');
        return async () => void (await stack.up());
      case 'everything':
        await Promise.all([...all.map((p) => p.kill()), killStackService('kafka'), killStackService('temporal')]);
        return async () => {
          await stack.up();
          await procs.worker.start();
          await Promise.all([procs.dispatcher.start(), procs.projector.start(), procs.api.start()]);
        };
    }
  }

  async function runFault(fault: Fault, articles: Article[]): Promise<FaultFigures> {
    const before = await apiProgress();
    const publishing = publish(articles);
    // Mid-run: the read model has started to move with this phase's articles.
    await waitFor(async () => ((await apiProgress()) > before ? true : undefined), {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: `phase of ${fault} to get going`,
    });
    const atKill = await apiProgress();
    const restart = await inject(fault);
    await sleep(DOWN_MS[fault]);
    const restarted = Date.now();
    await restart();
    const readyMs = Date.now() - restarted;
    await publishing;
    // First movement of the read model past where it stood at the kill, seen through the (restarted) API.
    let flowingMs: number | null = null;
    const watch = (async () => {
      while (flowingMs === null && Date.now() - restarted < 150_000) {
        if ((await apiProgress().catch(() => atKill)) > atKill) flowingMs = Date.now() - restarted;
        else await sleep(250);
      }
    })();
    await settle(150_000);
    const settledMs = Date.now() - restarted;
    if (flowingMs === null) flowingMs = (await apiProgress()) > atKill ? settledMs : null;
    await watch.catch(() => undefined);
    return { fault, readyMs, flowingMs, settledMs };
  }

  /** The last record of every series on the tallies topic, and the view a reader (skipping older versions) holds. */
  async function readTalliesTopic(): Promise<{
    last: Map<string, ReturnType<typeof PublishedTallySchema.parse>>;
    views: Map<string, TallyView>;
    records: number;
  }> {
    const last = new Map<string, ReturnType<typeof PublishedTallySchema.parse>>();
    const views = new Map<string, TallyView>();
    let records = 0;
    for (const { partition, high } of await bus.topicOffsets(names.tallies)) {
      for (const m of await bus.readPartitionRange(names.tallies, partition, '0', high)) {
        const tally = PublishedTallySchema.parse((JSON.parse(m.value ?? 'null') as { data: unknown }).data);
        records += 1;
        last.set(tally.seriesId, tally);
        views.set(tally.seriesId, applyTallyMessage(views.get(tally.seriesId), tally));
      }
    }
    return { last, views, records };
  }

  it('ends every fault with the tallies, API, read model and last tallies-topic records of the in-process fold', async () => {
    const started = Date.now();
    const ref = await foldInProcess(stream.all, defaultTaxonomy());
    const ids = [...ref.tallies.keys()].sort();
    const want = new Map(ids.map((id) => [id, summarise(ref.tallies.get(id)!)]));
    const wantHeadline = new Map(ids.map((id) => [id, publishedTallyOf(ref.tallies.get(id)!, {}).tally.summary]));
    expect(ids.length).toBeGreaterThan(30);
    expect(ref.duplicates).toBeGreaterThanOrEqual(stream.counts.copies);
    expect(ref.redeliveries).toBeGreaterThanOrEqual(stream.counts.redeliveries + stream.counts.trackingRedeliveries);

    const figures: FaultFigures[] = [];
    for (const [k, fault] of FAULTS.entries()) {
      figures.push(await runFault(fault, stream.phases[k]!));
      process.stdout.write(`chaos: ${JSON.stringify(figures.at(-1))}\n`);
    }
    // The last phase: the repeats of the phase before it, with nothing killed.
    await publish(stream.phases[FAULTS.length]!);
    await settle(120_000);

    // 1. The series workflows: every series of the fold and no other, each with the fold's summary.
    const liveSummaries = async () => {
      const out = new Map<string, TallySummary>();
      for await (const wf of temporal.client.workflow.list({
        query: `TaskQueue = '${taskQueue}' AND WorkflowType = 'seriesTally' AND ExecutionStatus = 'Running'`,
      })) {
        const handle = temporal.client.workflow.getHandle(wf.workflowId);
        const snap = await handle.query<TallySnapshot>('tallySnapshot').catch(async (err: unknown) => {
          // A workflow task that keeps failing: say why, from the history.
          const history = await handle.fetchHistory();
          if (process.env.CHAOS_DUMP_DIR) {
            const { writeFile } = await import('node:fs/promises');
            await writeFile(
              path.join(process.env.CHAOS_DUMP_DIR, `${wf.workflowId.replace(/\W+/g, '_')}.json`),
              JSON.stringify(history),
            );
          }
          const failed = history.events
            ?.filter((e) => e.workflowTaskFailedEventAttributes)
            .at(-1)?.workflowTaskFailedEventAttributes;
          const workerSaid = procs.worker
            .tail(300)
            .split('\n')
            .filter((l) => /"level":(40|50)/.test(l))
            .slice(-5)
            .join('\n');
          throw new Error(
            `${wf.workflowId}: ${String(err)}; last workflow task failure: ${failed?.failure?.message ?? '-'} ${failed?.failure?.stackTrace?.slice(0, 600) ?? ''}\nworker warnings:\n${workerSaid}`,
          );
        });
        out.set(snap.summary.seriesId, snap.summary);
      }
      return out;
    };
    // Equal as toEqual sees it: the workflow's snapshot and the fold build their objects in other key orders.
    const same = (got: Map<string, unknown>) =>
      got.size === want.size && ids.every((id) => canonicalJson(got.get(id)) === canonicalJson(want.get(id)));
    const live = await waitFor(
      async () => {
        const s = await liveSummaries();
        return same(s) ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 2_000, what: 'the series workflows to hold the fold' },
    ).catch(() => liveSummaries());
    expect([...live.keys()].sort()).toEqual(ids);
    for (const id of ids) expect(live.get(id), `workflow ${seriesWorkflowId(prefix, id)}`).toEqual(want.get(id));

    // 2. The API (the read model the projector keeps, served by the API process). The projector applies the claims
    // topics on its own clock: a settled phase says its lag was 0 then, and a series workflow holding the fold says
    // nothing about the projector, so wait for it (bounded) before the exact comparison.
    const apiTallies = async () =>
      new Map(
        (await api<{ tallies: Array<{ summary: TallySummary }> }>('/api/tallies')).tallies.map((t) => [
          t.summary.seriesId,
          t.summary,
        ]),
      );
    const fromApi = await waitFor(
      async () => {
        const got = await apiTallies();
        return same(got) ? got : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: 'the API to serve the fold' },
    ).catch(() => apiTallies());
    expect([...fromApi.keys()].sort()).toEqual(ids);
    for (const id of ids) expect(fromApi.get(id), `API ${id}`).toEqual(want.get(id));
    const series = ids[0]!;
    expect((await api<{ summary: TallySummary }>(`/api/series/${encodeURIComponent(series)}`)).summary).toEqual(
      want.get(series),
    );

    // 3. The read model file itself, and a rebuild of it from the claims topics (offset 0).
    const readModel = openSqliteReadModel({ path: defaultReadModelPath(dataDir) });
    const rebuiltPath = path.join(dataDir, 'rebuilt.sqlite');
    await rebuildReadModel({ bus, prefix, claimTopics, targetPath: rebuiltPath, log });
    const rebuilt = openSqliteReadModel({ path: rebuiltPath });
    try {
      for (const [what, model] of [
        ['read model', readModel],
        ['rebuilt read model', rebuilt],
      ] as const) {
        const listed = new Map(model.listTallies({}).map((t) => [t.summary.seriesId, t.summary]));
        expect([...listed.keys()].sort(), what).toEqual(ids);
        for (const id of ids) expect(listed.get(id), `${what} ${id}`).toEqual(want.get(id));
      }
      expect(readModel.deadLetterStats().total, 'no fault turned into a dead letter').toBe(0);
    } finally {
      readModel.close();
      rebuilt.close();
    }

    // 4. The tallies topic: the last record of every series is the final version with the fold's headline. A series
    // workflow answers queries with a version before the local activity publishing it has finished: wait (bounded)
    // until the topic has caught up with the workflows before the exact comparison.
    const topic = await waitFor(
      async () => {
        const t = await readTalliesTopic();
        return ids.every((id) => t.last.get(id)?.version === want.get(id)!.version) ? t : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 2_000, what: 'the tallies topic to end with every final version' },
    ).catch(() => readTalliesTopic());
    expect([...topic.last.keys()].sort()).toEqual(ids);
    for (const id of ids) {
      expect(topic.last.get(id)?.version, `last tallies record of ${id}`).toBe(want.get(id)!.version);
      expect(topic.last.get(id)?.summary, `last tallies headline of ${id}`).toEqual(wantHeadline.get(id));
      expect(topic.views.get(id)?.summary, `reader view of ${id}`).toEqual(wantHeadline.get(id));
    }

    // 5. Nothing left running or failed, and no process died without being killed.
    expect(await runningArticleWorkflows()).toBe(0);
    expect(
      (await temporal.client.workflow.count(`TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Failed'`)).count,
    ).toBe(0);
    const unexpected = Object.values(procs).flatMap((p) =>
      p.unexpectedExits().map((e) => `${p.name}: ${JSON.stringify(e)}`),
    );
    process.stdout.write(
      `chaos: ${stream.all.length} messages (${JSON.stringify(stream.counts)}), ${ids.length} series, ${topic.records} tallies records, ` +
        `${unexpected.length} unplanned exits, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
    expect(unexpected).toEqual([]);
  }, 900_000);
});
