import type { Alert, Condition, Observation, SubscriptionStatus } from '../../schemas/webhook.ts';
import { evaluate, type SeriesMemory } from './evaluate.ts';

/** An observation the router matched to a subscription; `alertId` is what it becomes if it is an edge. */
export interface AlertCandidate {
  alertId: string;
  /** The triggering message's `occurredAt`: the alert's `occurredAt`. */
  occurredAt: string;
  observation: Observation;
}

/** What a subscription's workflow carries over continue-as-new (plain JSON). */
export interface SubscriptionCarry {
  series: Record<string, SeriesMemory>;
  pending: Alert[];
  /** The last candidate ids seen (bounded), so a re-delivered signal is a no-op. */
  recentIds: string[];
  delivered: number;
  failed: number;
  dropped: number;
  lastError: SubscriptionStatus['lastError'];
  lastDropReason: string | null;
  lastDeliveryAt: string | null;
}

/** A subscription's carry before its first candidate. */
export const emptyCarry = (): SubscriptionCarry => ({
  series: {},
  pending: [],
  recentIds: [],
  delivered: 0,
  failed: 0,
  dropped: 0,
  lastError: null,
  lastDropReason: null,
  lastDeliveryAt: null,
});

/** The subscription a queue serves and its bounds. */
export interface QueueRules {
  subscriptionId: string;
  condition: Condition;
  /** Alerts waiting beyond this are dropped, oldest first, and counted. */
  maxPending: number;
  /** How many candidate ids are remembered to ignore a re-delivered one. */
  recentIds: number;
}

/** A subscription's alert queue over its carry, which it changes in place (the workflow carries it on). */
export interface AlertQueue {
  /** Evaluates new candidates in order (a remembered id is skipped) and queues the alerts they fire. */
  accept(candidates: readonly AlertCandidate[]): void;
  /** Drops every pending alert (the subscription was removed), counted, with `why` in the drop reason. */
  dropAll(why: string): void;
  /** The oldest pending alert, taken off the queue. */
  take(): Alert | undefined;
}

/**
 * Pure: the webhook workflow's queue. Dedupe: a candidate whose id is among the last `rules.recentIds` seen is a
 * no-op (a re-delivered signal). Evaluate: the pure, edge-triggered `evaluate` decides whether it fires, with the
 * series' memory kept in the carry. Drop: past `rules.maxPending` the oldest pending alert is dropped and counted.
 */
export function alertQueue(carry: SubscriptionCarry, rules: QueueRules): AlertQueue {
  const recent = new Set(carry.recentIds);

  const enqueue = (alert: Alert) => {
    carry.pending.push(alert);
    while (carry.pending.length > rules.maxPending) {
      const oldest = carry.pending.shift() as Alert;
      carry.dropped += 1;
      carry.lastDropReason = `pending queue full (${rules.maxPending}): dropped the oldest alert ${oldest.alertId}`;
    }
  };

  return {
    accept(candidates) {
      for (const c of candidates) {
        if (recent.has(c.alertId)) continue;
        recent.add(c.alertId);
        carry.recentIds.push(c.alertId);
        while (carry.recentIds.length > rules.recentIds) recent.delete(carry.recentIds.shift() as string);
        const { memory, event } = evaluate(rules.condition, carry.series[c.observation.seriesId], c.observation);
        if (memory) carry.series[c.observation.seriesId] = memory;
        if (event)
          enqueue({
            alertId: c.alertId,
            subscriptionId: rules.subscriptionId,
            condition: rules.condition,
            event,
            occurredAt: c.occurredAt,
          });
      }
    },
    dropAll(why) {
      if (carry.pending.length === 0) return;
      carry.dropped += carry.pending.length;
      carry.lastDropReason = `subscription removed (${why}): dropped ${carry.pending.length} pending alert(s)`;
      carry.pending = [];
    },
    take: () => carry.pending.shift(),
  };
}
