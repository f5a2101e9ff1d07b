// Issue 20, "a replicated Kafka": the pipeline runs against a three-broker KRaft cluster of its own (started here by
// the stack's scripts, on KAFKA_PORT + 500 …, next to the stack's own Kafka), topics with replication factor 3 and
// min.insync.replicas=2, producers with acks=all and idempotence. Mid-run the leader of a raw-topic partition is
// killed (SIGKILL), then, once it is back in sync, the leader of a claims-topic partition. Every acknowledged article
// must be on the raw topic, and the series tallies must equal the in-process fold (nothing lost, nothing counted twice).
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../schemas/article.ts';
import { PublishedTallySchema, type TallySnapshot, type TallySummary } from '../../../schemas/tally.ts';
import { topicNames } from '../../../schemas/topics.ts';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import { defaultTaxonomy } from '../../../domain/extract/index.ts';
import { summarise } from '../../../domain/tally/index.ts';
import { seriesWorkflowId } from '../../../workflows/series-tally/messages.ts';
import { anyReachable } from '../../../services/platform/reachable.ts';
import type { KafkaBus } from '../../../services/platform/kafka.ts';
import { createStack } from '../../../tools/stack/stack.ts';
import { kafkaCluster, type KafkaCluster, type KafkaNode } from '../../../tools/stack/kafka-server.ts';
import { downKafkaCluster, kafkaNodePid, upKafkaCluster } from '../../../tools/stack/kafka-cluster.ts';
import { isOurProcess } from '../../../tools/stack/processes.ts';
import { generateArticles } from '../../bench/generate-articles.ts';
import { foldInProcess } from '../../support/in-process.ts';
import { startPipeline, type RunningPipeline } from '../../support/pipeline.ts';
import { canonicalJson, testContext, waitFor } from '../../support/harness.ts';

const { config, log } = testContext();
const managed = !config.kafka.external;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** This test's cluster sits 500 ports above the stack's Kafka (KAFKA_PORT + 500, + 510, + 520; controllers likewise). */
const PORT_OFFSET = 500;

interface Recovery {
  what: string;
  broker: number;
  /** Kill → the partition has a live leader again. */
  leaderMs: number;
  /** Kill → the partition's high watermark moves again (writes acknowledged by the new leader). */
  writesMs: number;
  newLeader: number;
}

describe.skipIf(!managed)('a three-broker Kafka losing partition leaders mid-run', () => {
  const stack = createStack(config, log);
  const cluster: KafkaCluster = kafkaCluster(
    stack.layout,
    { kafkaPort: config.stack.kafkaPort + PORT_OFFSET, controllerPort: config.stack.controllerPort + PORT_OFFSET },
    3,
    'kafka-failover',
  );
  let p: RunningPipeline | undefined;

  beforeAll(async () => {
    await stack.up();
    // A fresh cluster each run (a leftover of a crashed run is ours: stopped and wiped).
    await downKafkaCluster(cluster, 5000);
    await rm(cluster.dataRoot, { recursive: true, force: true });
    const taken = await anyReachable(
      cluster.nodes.flatMap((n) => [`127.0.0.1:${n.port}`, `127.0.0.1:${n.controllerPort}`]),
      1000,
    );
    if (taken.ok)
      throw new Error(`a port of the test cluster (${cluster.brokers.join(',')}) is taken by another process`);
    const t0 = Date.now();
    await upKafkaCluster(stack.layout, cluster, log);
    process.stdout.write(
      `leader kill: 3-broker cluster ${cluster.brokers.join(',')} up in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    p = await startPipeline({
      dispatchBatchMax: 20,
      dispatchBatchMin: 2,
      env: { KAFKA_BROKERS: cluster.brokers.join(',') },
    });
  });

  afterAll(async () => {
    await p?.stop();
    await downKafkaCluster(cluster, 5000);
    await rm(cluster.dataRoot, { recursive: true, force: true });
  });

  /** Kills the broker leading `topic`'s `partition` and times how long until it has a leader and takes writes again. */
  async function killLeader(bus: KafkaBus, topic: string, partition: number, what: string): Promise<Recovery> {
    const before = (await bus.describePartitions(topic)).find((x) => x.partition === partition)!;
    const node = cluster.nodes.find((n) => n.id === before.leader) as KafkaNode;
    const pid = await kafkaNodePid(node);
    expect(pid, `broker ${before.leader} runs`).not.toBeNull();
    const high = async () => BigInt((await bus.topicOffsets(topic)).find((o) => o.partition === partition)!.high);
    const highAtKill = await high();
    const killedAt = Date.now();
    process.kill(pid!, 'SIGKILL');
    await waitFor(() => (isOurProcess({ pid: pid!, marker: node.propsFile }) ? undefined : true), {
      timeoutMs: 10_000,
      what: `broker ${node.id} to die`,
    });
    let leaderMs = -1;
    let newLeader = -1;
    let writesMs = -1;
    await waitFor(
      async () => {
        if (leaderMs < 0) {
          const now = (await bus.describePartitions(topic)).find((x) => x.partition === partition);
          if (now && now.leader >= 0 && now.leader !== node.id)
            [leaderMs, newLeader] = [Date.now() - killedAt, now.leader];
        }
        if (leaderMs >= 0 && writesMs < 0 && (await high()) > highAtKill) writesMs = Date.now() - killedAt;
        return leaderMs >= 0 && writesMs >= 0 ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 100, what: `${topic}[${partition}] to get a new leader and take writes` },
    );
    return { what, broker: node.id, leaderMs, writesMs, newLeader };
  }

  /** Restarts what was killed and waits until every partition of the topics has all three replicas in sync again. */
  async function restoreCluster(bus: KafkaBus, topics: string[]): Promise<number> {
    const t0 = Date.now();
    await upKafkaCluster(stack.layout, cluster, log);
    await waitFor(
      async () => {
        for (const topic of topics)
          if ((await bus.describePartitions(topic)).some((x) => x.isr.length < 3)) return undefined;
        return true;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'every replica back in sync' },
    );
    return Date.now() - t0;
  }

  it('acknowledged articles all arrive, and the tallies equal the in-process fold', async () => {
    const pipeline = p!;
    const bus = pipeline.ctx.bus;
    const names = topicNames(pipeline.scope);
    const claimTopics = pipeline.ctx.claimTopics.map((t) => names.claims(t));

    // The topics were created for a cluster of three: 3 replicas, 2 of them in sync for an acknowledged write.
    for (const topic of [names.rawArticles, ...claimTopics, names.tallies]) {
      for (const part of await bus.describePartitions(topic))
        expect(part.replicas, `${topic}[${part.partition}]`).toHaveLength(3);
      expect(await bus.topicConfig(topic, ['min.insync.replicas']), topic).toEqual({ 'min.insync.replicas': '2' });
    }

    // Generated articles (distinct figures, so the fold does not depend on arrival order across partitions).
    const articles = generateArticles(540, 20);
    const acked: Article[] = [];
    let failedSends = 0;
    async function publish(part: Article[]) {
      for (let group = 0; group < part.length; group += 12) {
        const chunk = part.slice(group, group + 12);
        for (;;) {
          try {
            await pipeline.publish(chunk);
            acked.push(...chunk);
            break;
          } catch {
            failedSends += 1; // not acknowledged: sent again, as an ingest source does
            await sleep(300);
          }
        }
        await sleep(150);
      }
    }
    const third = Math.ceil(articles.length / 3);
    const ref = await foldInProcess(articles, defaultTaxonomy());
    const t0 = Date.now();

    // First third; then the raw topic's partition 0 loses its leader while the second third is published.
    await publish(articles.slice(0, third));
    const [rawKill] = await Promise.all([
      killLeader(bus, names.rawArticles, 0, `${names.rawArticles}[0]`),
      publish(articles.slice(third, 2 * third)),
    ]);
    const rawRestore = await restoreCluster(bus, [names.rawArticles, ...claimTopics, '__consumer_offsets']);

    // The claims partition with the most records so far loses its leader while the last third is published.
    const busiest = (
      await Promise.all(
        claimTopics.map(async (topic) =>
          (await bus.topicOffsets(topic)).map((o) => ({ topic, partition: o.partition, high: BigInt(o.high) })),
        ),
      )
    )
      .flat()
      .sort((a, b) => (b.high > a.high ? 1 : b.high < a.high ? -1 : 0))[0]!;
    expect(busiest.high).toBeGreaterThan(0n);
    const [claimsKill] = await Promise.all([
      killLeader(bus, busiest.topic, busiest.partition, `${busiest.topic}[${busiest.partition}]`),
      publish(articles.slice(2 * third)),
    ]);
    const claimsRestore = await restoreCluster(bus, [names.rawArticles, ...claimTopics]);
    expect(acked).toHaveLength(articles.length);

    // No acknowledged article lost: every one is on the raw topic (read back from the replicas that survived).
    const onRaw = new Map<string, number>();
    const readCounts: string[] = [];
    for (const { partition, high, low } of await bus.topicOffsets(names.rawArticles)) {
      const messages = await bus.readPartitionRange(names.rawArticles, partition, '0', high);
      readCounts.push(`[${partition}] ${messages.length} read of offsets ${low}..${high}`);
      for (const m of messages) onRaw.set(m.key ?? '', (onRaw.get(m.key ?? '') ?? 0) + 1);
    }
    const missing = acked.filter((a) => !onRaw.has(canonicalArticleId(a)));
    if (missing.length > 0) {
      // A second, independent reader (kcat, when installed) tells a lost write from a reader that stopped early.
      const kcat = spawnSync(
        'kcat',
        [
          '-C',
          '-b',
          cluster.brokers.join(','),
          '-t',
          names.rawArticles,
          '-o',
          'beginning',
          '-e',
          '-q',
          '-f',
          '%p %o %k\n',
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      const lines = (kcat.stdout ?? '').split('\n');
      const seen = missing.map(
        (a) => `${a.id}: kcat ${lines.find((l) => l.endsWith(` ${canonicalArticleId(a)}`)) ?? 'not found'}`,
      );
      throw new Error(
        `acknowledged but not read back: ${seen.join('; ')}\nbus reads: ${readCounts.join(', ')}\nkcat read ${lines.length - 1} records (exit ${kcat.status}, ${kcat.error?.message ?? ''})`,
      );
    }

    // Nothing lost or counted twice downstream: every series' live headline equals the in-process fold's.
    const ids = [...ref.tallies.keys()].sort();
    const expected = new Map(ids.map((id) => [id, summarise(ref.tallies.get(id)!)]));
    const live = async () => {
      const out = new Map<string, TallySummary>();
      for (const id of ids) {
        const snap = await pipeline.client.workflow
          .getHandle(seriesWorkflowId(pipeline.scope, id))
          .query<TallySnapshot>('tallySnapshot')
          .catch(() => undefined);
        if (snap) out.set(id, snap.summary);
      }
      return out;
    };
    // Equal as the final toEqual sees it: regardless of key order (the workflow's headline and the fold build their
    // objects apart) and of undefined fields.
    const equal = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
    const got = await waitFor(
      async () => {
        const now = await live();
        return ids.every((id) => equal(now.get(id), expected.get(id))) ? now : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 3_000, what: 'every series to equal the in-process fold' },
    ).catch(async (err: unknown) => {
      const now = await live();
      const off = ids
        .filter((id) => !equal(now.get(id), expected.get(id)))
        .map(
          (id) =>
            `${id}:\n  live ${JSON.stringify(now.get(id) ?? null).slice(0, 400)}\n  fold ${JSON.stringify(expected.get(id)).slice(0, 400)}`,
        );
      throw new Error(`${(err as Error).message}\n${off.slice(0, 20).join('\n')}`);
    });
    const settledMs = Date.now() - t0;
    for (const id of ids) expect(got.get(id), id).toEqual(expected.get(id));
    expect(ids.length).toBeGreaterThanOrEqual(20);

    // The tallies topic (read through the surviving replicas) ends with each series' headline too.
    const lastOnTopic = new Map<string, number>();
    for (const { partition, high } of await bus.topicOffsets(names.tallies)) {
      for (const m of await bus.readPartitionRange(names.tallies, partition, '0', high)) {
        const tally = PublishedTallySchema.parse((JSON.parse(m.value ?? 'null') as { data: unknown }).data);
        lastOnTopic.set(tally.seriesId, Math.max(lastOnTopic.get(tally.seriesId) ?? 0, tally.version));
      }
    }
    for (const id of ids) expect(lastOnTopic.has(id), id).toBe(true);

    const line = (r: Recovery) =>
      `${r.what}: broker ${r.broker} killed → broker ${r.newLeader} leads after ${(r.leaderMs / 1000).toFixed(1)} s, takes writes after ${(r.writesMs / 1000).toFixed(1)} s`;
    process.stdout.write(
      [
        `leader kill: ${articles.length} articles, ${ids.length} series; ${failedSends} sends refused and sent again; ${[...onRaw.values()].filter((c) => c > 1).length} articles twice on the raw topic (a send that failed in part is sent again whole)`,
        `leader kill: ${line(rawKill)}; killed broker back in sync after ${(rawRestore / 1000).toFixed(1)} s`,
        `leader kill: ${line(claimsKill)}; killed broker back in sync after ${(claimsRestore / 1000).toFixed(1)} s`,
        `leader kill: every series equal to the in-process fold ${(settledMs / 1000).toFixed(1)} s after the first publish`,
        '',
      ].join('\n'),
    );
  }, 420_000);
});
