import { topicNames } from '../../../schemas/topics.ts';
import type { BatchContext, GroupConsumer, IncomingMessage, KafkaBus } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ReadModel } from '../../stores/read-model/read-model.ts';
import type { Service } from '../../platform/service.ts';
import { parseBatch } from './parse.ts';

/** What one applied batch changed; the API streams it to dashboards (SSE). */
export interface AppliedBatch {
  changedSeries: string[];
  applied: number;
  skipped: number;
  deadLetters: number;
}

export interface ProjectorStats {
  batches: number;
  applied: number;
  skipped: number;
  deadLetters: number;
  /** Messages that could not be parsed (also recorded as dead letters of source `projector`). */
  unreadable: number;
}

export interface Projector extends Service {
  /** Calls `listener` after each committed batch; returns the unsubscribe function. Listener errors are logged, not thrown. */
  onApplied(listener: (batch: AppliedBatch) => void): () => void;
  stats(): ProjectorStats;
}

export interface ProjectorOptions {
  bus: KafkaBus;
  readModel: ReadModel;
  prefix: string;
  /** Claim topics (taxonomy ids) whose claims topics to follow. */
  claimTopics: readonly string[];
  /** Default `${prefix}.projector`; `rebuildReadModel` passes a fresh one to replay from offset 0. */
  groupId?: string;
  log: Logger;
  /** Called with seconds from ingest (the `received-at` header) to projection, per applied message; live projector only. */
  onLatency?: (seconds: number) => void;
}

/**
 * The projector Service: one consumer group over every claims topic and the dead-letter topic, folding each
 * fetched batch into the read model in one transaction and committing only the offsets of applied batches.
 * A re-delivered batch is absorbed by the read model's envelope-id check and by `evolve`'s idempotence.
 * Topics must exist (ensurePipelineTopics); `start` throws when the broker is unreachable.
 */
export function createProjector(options: ProjectorOptions): Projector {
  const names = topicNames(options.prefix);
  const topics = [...options.claimTopics.map(names.claims), names.deadLetters];
  const groupId = options.groupId ?? `${options.prefix}.projector`;
  const log = options.log.child({ component: 'projector', groupId });
  const listeners = new Set<(batch: AppliedBatch) => void>();
  const stats: ProjectorStats = { batches: 0, applied: 0, skipped: 0, deadLetters: 0, unreadable: 0 };
  let consumer: GroupConsumer | undefined;

  async function handle(messages: IncomingMessage[], ctx: BatchContext): Promise<void> {
    const last = messages[messages.length - 1];
    if (!last || !ctx.isRunning() || ctx.isStale()) return;
    const parsed = parseBatch(messages, names.deadLetters);
    for (const bad of parsed.bad)
      log.warn(
        { location: bad.location, problems: bad.problems.slice(0, 5) },
        'unreadable message kept as a dead letter',
      );
    // A crash between the two transactions re-delivers the batch; both writes are idempotent by id.
    const deadLetters = parsed.deadLetters.length > 0 ? options.readModel.recordDeadLetters(parsed.deadLetters) : 0;
    const position = { topic: last.topic, partition: last.partition, offset: last.offset };
    const result = options.readModel.applyClaimsEvents(parsed.events, { positions: [position] });
    ctx.resolveOffset(last.offset);
    await ctx.commit();
    if (options.onLatency && result.applied > 0) {
      const now = Date.now();
      for (const m of messages) {
        const received = Date.parse(m.headers['received-at'] ?? '');
        if (Number.isFinite(received)) options.onLatency((now - received) / 1000);
      }
    }
    await ctx.heartbeat();

    stats.batches++;
    stats.applied += result.applied;
    stats.skipped += result.skipped;
    stats.deadLetters += deadLetters;
    stats.unreadable += parsed.bad.length;
    log.debug(
      {
        topic: last.topic,
        partition: last.partition,
        offset: last.offset,
        ...result,
        changedSeries: result.changedSeries.length,
      },
      'batch applied',
    );
    const applied: AppliedBatch = {
      changedSeries: result.changedSeries,
      applied: result.applied,
      skipped: result.skipped,
      deadLetters,
    };
    for (const listener of listeners) {
      try {
        listener(applied);
      } catch (err) {
        log.error({ err }, 'onApplied listener failed');
      }
    }
  }

  return {
    name: 'projector',
    async start() {
      consumer = await options.bus.createConsumer({ groupId, topics, fromBeginning: true, maxWaitTimeInMs: 250 });
      await consumer.run(handle);
      log.info({ topics: topics.length }, 'projector following the claims topics');
    },
    async stop() {
      const c = consumer;
      consumer = undefined;
      if (!c) return;
      await c.stop();
      await c.disconnect();
    },
    onApplied(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats: () => ({ ...stats }),
  };
}
