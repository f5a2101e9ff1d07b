import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PublicSubscription, SubscriptionStatus } from '../../schemas/webhook.ts';
import type { AlertCandidate, SubscriptionCarry } from '../../domain/webhooks/queue.ts';

export type { AlertCandidate, SubscriptionCarry };

/** Delivery retry policy; tests shorten it. Defaults in the workflow: 1 s, ×2, at most 10 min apart, for 24 h, 10 s per attempt. */
export interface DeliveryPolicy {
  initialIntervalMs?: number;
  maximumIntervalMs?: number;
  scheduleToCloseMs?: number;
  attemptTimeoutMs?: number;
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
