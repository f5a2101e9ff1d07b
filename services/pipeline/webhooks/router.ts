import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { topicNames } from '../../../schemas/topics.ts';
import type { Subscription } from '../../../schemas/webhook.ts';
import { matches } from '../../../domain/webhooks/match.ts';
import { alertId } from '../../../domain/webhooks/ids.ts';
import type { BatchContext, GroupConsumer, IncomingMessage, KafkaBus } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Service } from '../../platform/service.ts';
import type { subscriptionWorkflow } from '../../../workflows/webhooks/workflow.ts';
import {
  alertCandidatesSignal,
  type AlertCandidate,
  type DeliveryPolicy,
} from '../../../workflows/webhooks/messages.ts';
import type { RegistryFollower } from './registry.ts';
import { observe } from './observe.ts';
import { isNewerTally } from '../../platform/bus/tally-view.ts';
import { workflowStartOptions } from './subscriptions.ts';
import { locationOf } from '../../platform/edge.ts';

/** Candidates per signal: keeps one signal's payload far below Temporal's 2 MB limit. */
const CANDIDATES_PER_SIGNAL = 200;

export interface AlertRouterOptions {
  bus: KafkaBus;
  client: () => Client;
  registry: RegistryFollower;
  prefix: string;
  claimTopics: readonly string[];
  /** The pipeline task queue (subscriptions run on its `.alerts` queue). */
  taskQueue: string;
  /** Default `${prefix}.alerts`. */
  groupId?: string;
  delivery?: DeliveryPolicy;
  maxPending?: number;
  log: Logger;
}

export interface AlertRouterStats {
  batches: number;
  signalled: number;
  unreadable: number;
  /** Tally messages skipped because a newer version of their series had been read. */
  staleTallies: number;
}

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/**
 * The alert router Service: a consumer group over the claims topics and the tallies topic that matches each
 * message against the subscriptions in memory and signals (with start) each matched subscription's workflow
 * with its candidates, committing offsets only after Temporal accepted every signal of the batch. The
 * pipeline never waits on it: it is a separate consumer group, and deliveries happen in the workflows.
 */
export function createAlertRouter(options: AlertRouterOptions): Service & { stats(): AlertRouterStats } {
  const names = topicNames(options.prefix);
  const topics = [...options.claimTopics.map(names.claims), names.tallies];
  const log = options.log.child({ component: 'alert-router' });
  const stats: AlertRouterStats = { batches: 0, signalled: 0, unreadable: 0, staleTallies: 0 };
  let consumer: GroupConsumer | undefined;
  // The registry has been read up to its end as of this time (ms); later messages may need a newer registry.
  let registryFreshAt = 0;
  // The newest tally version seen per series: a late or republished older version is not routed (the reader rule).
  const tallyVersions = new Map<string, number>();

  async function signal(sub: Subscription, candidates: AlertCandidate[]): Promise<void> {
    for (let i = 0; i < candidates.length; i += CANDIDATES_PER_SIGNAL) {
      try {
        await options
          .client()
          .workflow.signalWithStart<typeof subscriptionWorkflow, [AlertCandidate[]]>('subscriptionWorkflow', {
            ...workflowStartOptions(sub, options),
            signal: alertCandidatesSignal,
            signalArgs: [candidates.slice(i, i + CANDIDATES_PER_SIGNAL)],
          });
        stats.signalled += 1;
      } catch (err) {
        // The workflow completed: the subscription was removed after this process read the registry.
        if (err instanceof WorkflowExecutionAlreadyStartedError) return;
        throw err;
      }
    }
  }

  async function handle(messages: IncomingMessage[], ctx: BatchContext): Promise<void> {
    const last = messages[messages.length - 1];
    if (!last || !ctx.isRunning() || ctx.isStale()) return;
    // A subscription registered just before these messages were produced must be known before routing them.
    const newest = messages.reduce((n, m) => Math.max(n, Number(m.timestamp)), 0);
    if (newest >= registryFreshAt) {
      const asOf = Date.now();
      await options.registry.waitCaughtUp();
      registryFreshAt = asOf;
    }
    const subscriptions = options.registry.list().map((s) => ({ s, from: Date.parse(s.createdAt) }));
    const bySubscription = new Map<string, { sub: Subscription; candidates: AlertCandidate[] }>();
    // Kept apart until Temporal took the batch's signals: a batch that fails is re-delivered and must be routed again.
    const seenVersions = new Map<string, number>();
    for (const m of messages) {
      const seen = observe(m, names.tallies);
      if (!seen.ok) {
        stats.unreadable += 1;
        log.warn({ location: locationOf(m), problems: seen.problems.slice(0, 3) }, 'unreadable message skipped');
        continue;
      }
      if ('ignored' in seen) continue;
      const { observation, triggerId, occurredAt, producedAt } = seen.observed;
      if (observation.type === 'tally') {
        if (
          !isNewerTally(
            seenVersions.get(observation.seriesId) ?? tallyVersions.get(observation.seriesId),
            observation.version,
          )
        ) {
          stats.staleTallies += 1;
          continue;
        }
        seenVersions.set(observation.seriesId, observation.version);
      }
      for (const { s, from } of subscriptions) {
        if (producedAt < from || !matches(s.condition, observation)) continue;
        const entry = bySubscription.get(s.id) ?? { sub: s, candidates: [] };
        entry.candidates.push({ alertId: alertId(s.id, triggerId), occurredAt, observation });
        bySubscription.set(s.id, entry);
      }
    }
    await forEachLimit([...bySubscription.values()], 16, ({ sub, candidates }) => signal(sub, candidates));
    for (const [series, version] of seenVersions) tallyVersions.set(series, version);
    if (!ctx.isRunning() || ctx.isStale()) return; // uncommitted: re-delivered, absorbed by the alert ids
    ctx.resolveOffset(last.offset);
    await ctx.heartbeat();
    await ctx.commit();
    stats.batches += 1;
    log.debug(
      { topic: last.topic, partition: last.partition, offset: last.offset, subscriptions: bySubscription.size },
      'batch routed',
    );
  }

  return {
    name: 'alert-router',
    async start() {
      consumer = await options.bus.createConsumer({
        groupId: options.groupId ?? `${options.prefix}.alerts`,
        topics,
        fromBeginning: true,
        maxWaitTimeInMs: 250,
      });
      await consumer.run(handle);
    },
    async stop() {
      const c = consumer;
      consumer = undefined;
      await c?.stop();
      await c?.disconnect();
    },
    stats: () => ({ ...stats }),
  };
}
