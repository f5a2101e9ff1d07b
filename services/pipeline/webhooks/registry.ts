import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RegistryMessageSchema, type RegistryMessage, type Subscription } from '../../../schemas/webhook.ts';
import type { GroupConsumer, IncomingMessage, KafkaBus } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import { UnavailableError } from '../../platform/errors.ts';
import { decodeMessage, locationOf } from '../../platform/edge.ts';

/** The subscriptions standing now, as read from the registry topic. */
export interface RegistryView {
  list(): Subscription[];
  get(id: string): Subscription | undefined;
}

export interface RegistryFollower extends RegistryView {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once everything on the registry topic as of now has been read; throws UnavailableError after `timeoutMs`. */
  waitCaughtUp(timeoutMs?: number): Promise<void>;
  /** Called for each registry message applied (the router signals removals). */
  onMessage(listener: (message: RegistryMessage) => void): void;
}

/** Folds one registry message into the map of standing subscriptions (the latest message per id wins). */
export function applyRegistryMessage(map: Map<string, Subscription>, message: RegistryMessage): void {
  if (message.type === 'SubscriptionRegistered') map.set(message.data.id, message.data);
  else map.delete(message.data.id);
}

/**
 * Reads the whole registry topic into memory and follows it. Every process that needs the registry (each
 * alert router, each API) reads all of it, so it uses a consumer group of its own that never commits:
 * each start replays the (compacted, small) topic from offset 0.
 */
export function createRegistryFollower(options: { bus: KafkaBus; topic: string; log: Logger }): RegistryFollower {
  const log = options.log.child({ component: 'subscription-registry' });
  const subscriptions = new Map<string, Subscription>();
  const next = new Map<number, bigint>();
  const listeners: Array<(m: RegistryMessage) => void> = [];
  let consumer: GroupConsumer | undefined;

  const apply = (m: IncomingMessage) => {
    next.set(m.partition, BigInt(m.offset) + 1n);
    const parsed = decodeMessage(RegistryMessageSchema, m);
    if (!parsed.ok) {
      log.warn({ location: locationOf(m) }, 'unreadable registry message skipped');
      return;
    }
    applyRegistryMessage(subscriptions, parsed.data);
    for (const l of listeners) {
      try {
        l(parsed.data);
      } catch (err) {
        log.error({ err }, 'registry listener failed');
      }
    }
  };

  return {
    async start() {
      consumer = await options.bus.createConsumer({
        groupId: `${options.topic}.reader.${randomUUID()}`,
        topics: [options.topic],
        fromBeginning: true,
        autoCommit: false,
        maxWaitTimeInMs: 100,
      });
      await consumer.run(async (messages, ctx) => {
        for (const m of messages) {
          apply(m);
          ctx.resolveOffset(m.offset);
        }
        await ctx.heartbeat();
      });
    },
    async stop() {
      const c = consumer;
      consumer = undefined;
      await c?.stop();
      await c?.disconnect();
    },
    async waitCaughtUp(timeoutMs = 30_000) {
      const targets = (await options.bus.topicOffsets(options.topic)).map((p) => ({
        partition: p.partition,
        high: BigInt(p.high),
        low: BigInt(p.low),
      }));
      const deadline = Date.now() + timeoutMs;
      while (!targets.every((t) => t.high <= t.low || (next.get(t.partition) ?? 0n) >= t.high)) {
        if (Date.now() > deadline)
          throw new UnavailableError(
            `the subscription registry ${options.topic} did not catch up within ${timeoutMs} ms`,
          );
        await sleep(25);
      }
    },
    onMessage(listener) {
      listeners.push(listener);
    },
    list: () =>
      [...subscriptions.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    get: (id) => subscriptions.get(id),
  };
}
