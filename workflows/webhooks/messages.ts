import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Alert, Observation, PublicSubscription, SubscriptionStatus } from '../../schemas/webhook.ts';
import type { SeriesMemory } from '../../domain/webhooks/evaluate.ts';

/** An observation the router matched to a subscription; `alertId` is what it becomes if it is an edge. */
export interface AlertCandidate {
  alertId: string;
  /** The triggering message's `occurredAt`: the alert's `occurredAt`. */
  occurredAt: string;
  observation: Observation;
}

/** Delivery retry policy; tests shorten it. Defaults in the workflow: 1 s, ×2, at most 10 min apart, for 24 h, 10 s per attempt. */
export interface DeliveryPolicy {
  initialIntervalMs?: number;
  maximumIntervalMs?: number;
  scheduleToCloseMs?: number;
  attemptTimeoutMs?: number;
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

/** Input of the subscription workflow; the secret stays out of it (and out of Temporal's history). */
export interface SubscriptionWorkflowInput {
  subscription: PublicSubscription;
  delivery?: DeliveryPolicy;
  /** Alerts waiting beyond this are dropped oldest first, counted in `dropped`. Default 100. */
  maxPending?: number;
  /** Continue as new after this many deliveries even if Temporal does not suggest it (tests use small values). */
  continueAsNewEvery?: number;
  carry?: SubscriptionCarry;
}

export const alertCandidatesSignal = defineSignal<[AlertCandidate[]]>('alertCandidates');
export const removeSubscriptionSignal = defineSignal<[{ reason: string }]>('removeSubscription');
export const subscriptionStatusQuery = defineQuery<SubscriptionStatus>('subscriptionStatus');

/** Workflow id of a subscription's delivery workflow, scoped by the topic prefix like the other entities. */
export function subscriptionWorkflowId(scope: string, subscriptionId: string): string {
  return `${scope}/subscription:${subscriptionId}`;
}

/**
 * The task queue of subscription workflows and webhook deliveries: its own, served by the alerts service,
 * so slow endpoints never take the pipeline worker's activity slots.
 */
export function alertsTaskQueue(taskQueue: string): string {
  return `${taskQueue}.alerts`;
}
