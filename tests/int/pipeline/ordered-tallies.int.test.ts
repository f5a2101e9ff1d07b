import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../schemas/article.ts';
import { PublishedTallySchema, type TallySnapshot } from '../../../schemas/tally.ts';
import { topicNames } from '../../../schemas/topics.ts';
import { applyTallyMessage, type TallyView } from '../../../services/platform/bus/tally-view.ts';
import { createStack } from '../../../tools/stack/stack.ts';
import { isOurProcess, readPidFile } from '../../../tools/stack/processes.ts';
import { generateArticles } from '../../bench/generate-articles.ts';
import { startPipeline, type RunningPipeline } from '../../support/pipeline.ts';
import { testContext, waitFor } from '../../support/harness.ts';

// Issue 17, "ordered tallies": the broker is killed (SIGKILL) while series versions are being published; once it is
// back and the pipeline settled, the last tallies-topic record of every series is the version its workflow holds.
const { config, log } = testContext();
const managed = !config.kafka.external;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!managed)('tallies topic across a broker kill', () => {
  let p: RunningPipeline;
  const stack = createStack(config, log);
  beforeAll(async () => {
    await stack.up();
    p = await startPipeline({ dispatchBatchMax: 20, dispatchBatchMin: 2 });
  });
  afterAll(async () => {
    await stack.up(); // whatever happened, leave the broker running for the next test
    await p?.stop();
  });

  /** Publishes in small groups, retrying a group while the broker is away. */
  async function publishSlowly(articles: Article[], group = 20) {
    for (let i = 0; i < articles.length; i += group) {
      const part = articles.slice(i, i + group);
      for (;;) {
        try {
          await p.publish(part);
          break;
        } catch {
          await sleep(500);
        }
      }
      await sleep(250);
    }
  }

  /** The last record per key of the tallies topic as a reader sees it: in partition order, and with the reader rule. */
  async function readTallies(): Promise<{ last: Map<string, number>; views: Map<string, TallyView> }> {
    const last = new Map<string, number>();
    const views = new Map<string, TallyView>();
    const topic = topicNames(p.scope).tallies;
    const high = await p.ctx.bus.topicOffsets(topic);
    for (const { partition, high: end } of high) {
      for (const m of await p.ctx.bus.readPartitionRange(topic, partition, '0', end)) {
        const tally = PublishedTallySchema.parse((JSON.parse(m.value ?? 'null') as { data: unknown }).data);
        last.set(tally.seriesId, tally.version);
        views.set(tally.seriesId, applyTallyMessage(views.get(tally.seriesId), tally));
      }
    }
    return { last, views };
  }

  async function workflowVersions(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for await (const wf of p.client.workflow.list({
      query: `TaskQueue = '${p.taskQueue}' AND WorkflowType = 'seriesTally' AND ExecutionStatus = 'Running'`,
    })) {
      const snap = await p.client.workflow.getHandle(wf.workflowId).query<TallySnapshot>('tallySnapshot');
      out.set(snap.summary.seriesId, snap.version);
    }
    return out;
  }

  it('ends with the workflow version as the last record of every series', async () => {
    const articles = generateArticles(1500, 17);
    const publishing = publishSlowly(articles);
    // Kill the broker once versions are flowing, keep it down past kafkajs' quick retries, start it again.
    await waitFor(async () => ((await readTallies()).last.size >= 5 ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 2_000,
      what: 'first tallies',
    });
    const pidFile = stack.layout.pidFile('kafka');
    const record = await readPidFile(pidFile);
    expect(record && isOurProcess(record)).toBe(true);
    process.kill(record!.pid, 'SIGKILL');
    await waitFor(() => (isOurProcess(record!) ? undefined : true), { timeoutMs: 10_000, what: 'the broker to die' });
    await sleep(12_000);
    await stack.up();
    await publishing;

    const { last, wanted } = await waitFor(
      async () => {
        const [workflows, topic] = await Promise.all([workflowVersions(), readTallies()]);
        if (workflows.size === 0) return undefined;
        const settled = [...workflows].every(([id, v]) => topic.last.get(id) === v);
        return settled ? { last: topic.last, wanted: workflows, views: topic.views } : undefined;
      },
      { timeoutMs: 170_000, intervalMs: 3_000, what: 'every series to publish its workflow version last' },
    ).catch(async (err: unknown) => {
      const [workflows, topic] = await Promise.all([workflowVersions(), readTallies()]);
      const off = [...workflows]
        .filter(([id, v]) => topic.last.get(id) !== v)
        .map(
          ([id, v]) =>
            `${id}: workflow v${v}, topic last v${topic.last.get(id)}, reader v${topic.views.get(id)?.version}`,
        );
      throw new Error(`${(err as Error).message}\n${off.join('\n')}`);
    });
    process.stdout.write(
      `ordered tallies: ${wanted.size} series, ${[...wanted.values()].reduce((a, b) => a + b, 0)} versions, last record = workflow version for all\n`,
    );
    expect(wanted.size).toBeGreaterThanOrEqual(10);
    for (const [id, v] of wanted) expect(last.get(id), id).toBe(v);
  }, 400_000);
});
