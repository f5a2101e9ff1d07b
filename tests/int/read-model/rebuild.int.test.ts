import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicNames } from '../../../schemas/topics.ts';
import { publishDeadLetters } from '../../../services/platform/bus/dead-letters.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { createKafkaBus, type EventProducer, type KafkaBus } from '../../../services/platform/kafka.ts';
import { createProjector, type AppliedBatch } from '../../../services/pipeline/projector/projector.ts';
import { rebuildReadModel } from '../../../services/pipeline/projector/rebuild.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import {
  CLAIM_TOPICS,
  STANDING_CLAIMS,
  firstWave,
  pureTallies,
  secondWave,
  type Published,
} from '../../fixtures/read-model/events.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';

// Live projector and rebuild against the real broker: the rebuilt read model must equal the live one
// exactly, and both must equal a pure fold of the same events with domain/tally.
describe('projector and rebuild', () => {
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: uniqueName('t') });
  const prefix = config.kafka.topicPrefix;
  const names = topicNames(prefix);
  const dir = mkdtempSync(path.join(tmpdir(), 'claimwatch-readmodel-'));
  let bus: KafkaBus;
  let producer: EventProducer;

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'test-readmodel', log });
    await ensurePipelineTopics(bus, prefix, CLAIM_TOPICS);
    producer = await bus.createProducer();
  });
  afterAll(async () => {
    await producer.disconnect();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = async (events: readonly Published[]) => {
    for (const e of events)
      await producer.send(names.claims(e.topic), [{ key: e.key, value: JSON.stringify(e.envelope) }]);
  };
  /** Waits until the read model has applied everything now on the topics. */
  const caughtUp = async (rm: ReadModel) => {
    const topics = [...CLAIM_TOPICS.map(names.claims), names.deadLetters];
    const targets = (
      await Promise.all(
        topics.map(async (t) =>
          (await bus.topicOffsets(t)).map((p) => ({ key: `${t}/${p.partition}`, high: BigInt(p.high) })),
        ),
      )
    ).flat();
    await waitFor(
      () => {
        const at = new Map(rm.positions().map((p) => [`${p.topic}/${p.partition}`, BigInt(p.nextOffset)]));
        return targets.every((t) => t.high === 0n || (at.get(t.key) ?? 0n) >= t.high) ? true : undefined;
      },
      { what: 'the projector to reach the high watermarks' },
    );
  };

  it('rebuilds from offset 0 exactly the tallies the live projector built, equal to the pure fold', async () => {
    const live = openSqliteReadModel({ path: path.join(dir, 'live.sqlite') });
    const projector = createProjector({
      bus,
      readModel: live,
      prefix,
      claimTopics: CLAIM_TOPICS,
      groupId: uniqueName('projector'),
      log,
    });
    const batches: AppliedBatch[] = [];
    projector.onApplied((b) => batches.push(b));
    await projector.start();

    // Two waves so the live projector folds in other batches than the rebuild will.
    await send(firstWave());
    await caughtUp(live);
    await send(secondWave());
    await producer.send(names.claims('territory-area'), [
      { key: 'territory-area:-:-:-:-', value: '{"not": "an envelope"}' },
    ]);
    await publishDeadLetters(producer, names.deadLetters, [
      {
        reason: 'invalid article',
        problems: ['url: Invalid URL'],
        source: 'ingest:http',
        location: null,
        payload: '{"url": 3}',
      },
    ]);
    await caughtUp(live);
    await projector.stop();

    const events = [...firstWave(), ...secondWave()];
    const liveTallies = live.listTallies();
    expect(liveTallies.map((t) => t.summary)).toEqual(pureTallies(events));
    expect(
      live
        .listClaims({ limit: 100 })
        .claims.map((c) => c.claim.id)
        .sort(),
    ).toEqual(STANDING_CLAIMS);
    expect(projector.stats()).toMatchObject({ applied: 12, skipped: 1, unreadable: 1, deadLetters: 2 });
    expect(batches.flatMap((b) => b.changedSeries).length).toBeGreaterThan(0);

    const target = path.join(dir, 'read-model.sqlite');
    const result = await rebuildReadModel({ bus, prefix, claimTopics: CLAIM_TOPICS, targetPath: target, log });
    expect(result).toMatchObject({ events: 12, series: 3, deadLetters: 2, path: target });
    expect(existsSync(`${target}-wal`)).toBe(false);

    const rebuilt = openSqliteReadModel({ path: target });
    expect(rebuilt.listTallies()).toEqual(liveTallies);
    expect(JSON.stringify(rebuilt.listTallies())).toBe(JSON.stringify(liveTallies)); // byte-equal, not just deep-equal
    expect(rebuilt.listTopics()).toEqual(live.listTopics());
    expect(rebuilt.listClaims({ limit: 100 })).toEqual(live.listClaims({ limit: 100 }));
    expect(rebuilt.deadLetterStats().total).toBe(2);
    expect(rebuilt.positions()).toEqual(live.positions());
    rebuilt.close();
    live.close();
  });

  it('resumes from committed offsets after a restart and absorbs a re-delivery', async () => {
    const rm = openSqliteReadModel({ path: path.join(dir, 'restart.sqlite') });
    const groupId = uniqueName('projector');
    const first = createProjector({ bus, readModel: rm, prefix, claimTopics: CLAIM_TOPICS, groupId, log });
    await first.start();
    await caughtUp(rm);
    await first.stop();
    const before = rm.listTallies();

    const second = createProjector({ bus, readModel: rm, prefix, claimTopics: CLAIM_TOPICS, groupId, log });
    await second.start();
    await send(firstWave().slice(0, 3)); // re-published: same envelope ids
    await caughtUp(rm);
    await second.stop();
    expect(second.stats()).toMatchObject({ applied: 0, skipped: 3 }); // only the re-published three: it resumed at the commits
    expect(rm.listTallies()).toEqual(before);
    rm.close();
  });
});
