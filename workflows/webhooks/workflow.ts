import {
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Alert, SubscriptionStatus } from '../../schemas/webhook.ts';
import { alertQueue, emptyCarry } from '../../domain/webhooks/queue.ts';
import type { SubscriptionActivities } from './activities.ts';
import {
  alertCandidatesSignal,
  removeSubscriptionSignal,
  subscriptionStatusQuery,
  type AlertCandidate,
  type SubscriptionCarry,
  type SubscriptionWorkflowInput,
} from './messages.ts';

const DEFAULT_MAX_PENDING = 100;
const RECENT_IDS = 2000;
/**
 * A `new-claim` alert's id comes from the claim's deterministic envelope id, and every candidate of such a subscription
 * is an alert: remembering the last 20,000 makes "once per claim id" hold across re-publications (the carry stays
 * ~600 KB, compressed by the payload codec). Patched, as it changes which alerts an old history enqueued.
 */
const NEW_CLAIM_IDS = 20_000;
export const NEW_CLAIM_ONCE_PATCH = 'new-claim-once';

/** Why a delivery failed, read by name across the sandbox (ActivityFailure → its cause). */
function failureOf(err: unknown): { message: string; nonRetryable: boolean } {
  const cause = (err as { cause?: { message?: string; nonRetryable?: boolean } }).cause;
  return { message: cause?.message ?? (err as Error).message, nonRetryable: cause?.nonRetryable === true };
}

/**
 * Entity workflow, one per webhook subscription: hands the router's candidates to the pure queue of
 * `domain/webhooks/queue.ts` (dedupe by id, edge-triggered `evaluate` so what has been alerted survives crashes,
 * bounded: the oldest is dropped and counted) and delivers them one at a time, in order, through `deliverAlert` with
 * exponential backoff. Ends on `removeSubscription` (dropping what is pending) with its final status.
 */
export async function subscriptionWorkflow(input: SubscriptionWorkflowInput): Promise<SubscriptionStatus> {
  const { subscription } = input;
  const policy = input.delivery ?? {};
  const attemptTimeoutMs = policy.attemptTimeoutMs ?? 10_000;
  const { deliverAlert } = proxyActivities<SubscriptionActivities>({
    startToCloseTimeout: attemptTimeoutMs + 5_000,
    scheduleToCloseTimeout: policy.scheduleToCloseMs ?? 24 * 3600_000,
    retry: {
      initialInterval: policy.initialIntervalMs ?? 1_000,
      backoffCoefficient: 2,
      maximumInterval: policy.maximumIntervalMs ?? 600_000,
      nonRetryableErrorTypes: ['WebhookRejected'],
    },
  });
  const maxPending = input.maxPending ?? DEFAULT_MAX_PENDING;
  const s: SubscriptionCarry = input.carry ?? emptyCarry();
  const recentLimit =
    subscription.condition.kind === 'new-claim' && patched(NEW_CLAIM_ONCE_PATCH) ? NEW_CLAIM_IDS : RECENT_IDS;
  const queue = alertQueue(s, {
    subscriptionId: subscription.id,
    condition: subscription.condition,
    maxPending,
    recentIds: recentLimit,
  });
  let removed = false;
  let inFlight: CancellationScope | undefined;
  let deliveriesThisRun = 0;

  setHandler(alertCandidatesSignal, (candidates: AlertCandidate[]) => {
    if (!removed) queue.accept(candidates);
  });
  setHandler(removeSubscriptionSignal, ({ reason }) => {
    removed = true;
    queue.dropAll(reason);
    inFlight?.cancel();
  });
  const status = (): SubscriptionStatus => ({
    subscriptionId: subscription.id,
    delivered: s.delivered,
    failed: s.failed,
    dropped: s.dropped,
    pending: s.pending.length,
    lastError: s.lastError,
    lastDropReason: s.lastDropReason,
    lastDeliveryAt: s.lastDeliveryAt,
    removed,
  });
  setHandler(subscriptionStatusQuery, status);

  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.continueAsNewEvery !== undefined && deliveriesThisRun >= input.continueAsNewEvery);

  for (;;) {
    await condition(() => removed || s.pending.length > 0 || shouldContinueAsNew());
    if (removed) break;
    if (shouldContinueAsNew()) {
      await condition(allHandlersFinished);
      if (removed) break;
      await continueAsNew<typeof subscriptionWorkflow>({ ...input, carry: s });
    }
    const alert = queue.take() as Alert;
    const scope = new CancellationScope();
    inFlight = scope;
    try {
      await scope.run(() => deliverAlert({ alert, url: subscription.url, timeoutMs: attemptTimeoutMs }));
      s.delivered += 1;
      s.lastDeliveryAt = new Date().toISOString();
    } catch (err) {
      if (removed && isCancellation(err)) break;
      const failure = failureOf(err);
      s.failed += 1;
      s.lastError = {
        alertId: alert.alertId,
        message: failure.message,
        at: new Date().toISOString(),
        nonRetryable: failure.nonRetryable,
      };
    } finally {
      inFlight = undefined;
    }
    deliveriesThisRun += 1;
  }
  await condition(allHandlersFinished);
  return status();
}
