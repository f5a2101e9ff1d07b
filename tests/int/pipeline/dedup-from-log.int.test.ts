import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evolve, initialTally, summarise } from '../../../domain/tally/index.ts';
import { seriesKeyFromId } from '../../../domain/tally/series.ts';
import { ClaimsTopicMessageSchema, topicNames } from '../../../schemas/topics.ts';
import type { TallyState } from '../../../schemas/tally.ts';
import { rebuildDedupIndex } from '../../../services/app/cli/commands/rebuild-dedup-index.ts';
import { createKafkaBus, type KafkaBus } from '../../../services/platform/kafka.ts';
import { sampleCorpus, startPipeline, type RunningPipeline } from '../../support/pipeline.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';
import { messageCount } from '../ingest/topic-reader.ts';

// Issue 17, "dedup state from the log": delete the dedup index, rebuild it from the log, replay the raw log (here in
// the reverse order, where an empty index would take copies for originals) → the same tallies.
const { config, log } = testContext();

/** Every series' summary, folded from the claims topics from offset 0 (as `claimwatch rebuild` does). */
async function foldedTallies(bus: KafkaBus, prefix: string, claimTopics: readonly string[]) {
  const states = new Map<string, TallyState>();
  for (const t of claimTopics) {
    const topic = topicNames(prefix).claims(t);
    for (const { partition, low, high } of await bus.topicOffsets(topic)) {
      for (const m of await bus.readPartitionRange(topic, partition, low, high)) {
        const key = m.key as string;
        const event = ClaimsTopicMessageSchema.parse(JSON.parse(m.value ?? 'null')).event;
        states.set(key, evolve(states.get(key) ?? initialTally(key, seriesKeyFromId(key)!), event));
      }
    }
  }
  return new Map([...states].map(([id, s]) => [id, summarise(s)]));
}

async function quiet(p: RunningPipeline) {
  await p.waitDispatched();
  let last = -1;
  // Visibility (the Running count) is written apart from the history and may lag a started workflow by a moment: the
  // pipeline is quiet when nothing runs and the claims topics stand still for three polls in a row, not one.
  let quietPolls = 0;
  await waitFor(
    async () => {
      let running = 0;
      for await (const _ of p.client.workflow.list({
        query: `TaskQueue = '${p.taskQueue}' AND WorkflowType IN ('processArticle', 'processArticleBatch') AND ExecutionStatus = 'Running'`,
      }))
        running += 1;
      let n = 0;
      for (const t of p.ctx.claimTopics) n += await messageCount(p.ctx.bus, topicNames(p.scope).claims(t));
      quietPolls = running === 0 && n === last ? quietPolls + 1 : 0;
      last = n;
      return quietPolls >= 3 ? true : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 1_000, what: 'the pipeline to go quiet' },
  );
}

describe('the dedup index rebuilt from the log', () => {
  it('gives identical tallies when the raw log is replayed after the index was deleted and rebuilt', async () => {
    const prefix = uniqueName('t');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cw-dedup-log-'));
    const corpus = await sampleCorpus();
    const options = { prefix, dataDir, dispatchBatchMax: 200, dispatchBatchMin: 2 };

    let p = await startPipeline(options);
    const claimTopics = p.ctx.claimTopics;
    await p.publish(corpus);
    await quiet(p);
    const before = await foldedTallies(p.ctx.bus, prefix, claimTopics);
    expect(before.size).toBeGreaterThan(10);
    await p.stop();

    // Delete the index (and the delivery ledger, so the replay really goes through the index), rebuild from the log.
    for (const f of ['dedup-index.sqlite', 'deliveries.sqlite'])
      for (const s of ['', '-wal', '-shm']) await rm(path.join(dataDir, f + s), { force: true });
    const bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'test-dedup-rebuild', log });
    try {
      const r = await rebuildDedupIndex({ bus, prefix, targetPath: path.join(dataDir, 'dedup-index.sqlite'), log });
      expect(r).toMatchObject({
        verdicts: corpus.length,
        indexed: corpus.length,
        missing: 0,
        mismatches: 0,
        unreadable: 0,
      });
    } finally {
      await bus.close();
    }

    p = await startPipeline(options);
    try {
      await p.publish([...corpus].reverse());
      await quiet(p);
      const replayed = (await messageCount(p.ctx.bus, topicNames(prefix).rawArticles)) - corpus.length;
      expect(replayed).toBe(corpus.length);
      const after = await foldedTallies(p.ctx.bus, prefix, claimTopics);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [id, summary] of before) expect(after.get(id), id).toEqual(summary);
    } finally {
      await p.stop();
    }
  });
});
