import type { SecretBox } from './secret-box.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type {
  PublicSubscription,
  Subscription,
  SubscriptionRequest,
  SubscriptionStatus,
} from '../../../schemas/webhook.ts';
import { topicNames } from '../../../schemas/topics.ts';
import { envelope } from '../../platform/bus/envelopes.ts';
import type { EventProducer } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import type { subscriptionWorkflow } from '../../../workflows/webhooks/workflow.ts';
import {
  alertsTaskQueue,
  removeSubscriptionSignal,
  subscriptionStatusQuery,
  subscriptionWorkflowId,
  type DeliveryPolicy,
  type SubscriptionWorkflowInput,
} from '../../../workflows/webhooks/messages.ts';

/** What is needed to write the registry and reach the subscription workflows. */
export interface SubscriptionAdminDeps {
  producer: EventProducer;
  client: Client;
  prefix: string;
  /** The pipeline task queue; subscriptions run on `alertsTaskQueue(taskQueue)`. */
  taskQueue: string;
  /** Delivery policy passed to new workflows (tests shorten the retry intervals). */
  delivery?: DeliveryPolicy;
  maxPending?: number;
  now?: () => Date;
  log?: Logger;
  /** Seals the secret before it goes to the registry topic (see secretBoxFor). */
  secrets: SecretBox;
}

/** A subscription without its secret: what listings and workflow inputs carry. */
export function publicView(s: Subscription): PublicSubscription {
  const { secret: _secret, ...rest } = s;
  return rest;
}

/** The input the workflow of a subscription starts with (also used by the router's signal-with-start). */
export function workflowInputOf(
  s: Subscription,
  deps: Pick<SubscriptionAdminDeps, 'delivery' | 'maxPending'>,
): SubscriptionWorkflowInput {
  return {
    subscription: publicView(s),
    ...(deps.delivery && { delivery: deps.delivery }),
    ...(deps.maxPending !== undefined && { maxPending: deps.maxPending }),
  };
}

/** Workflow start options shared by registration and the router: a removed (completed) subscription is never restarted. */
export function workflowStartOptions(
  s: Subscription,
  deps: Pick<SubscriptionAdminDeps, 'prefix' | 'taskQueue' | 'delivery' | 'maxPending'>,
) {
  return {
    workflowId: subscriptionWorkflowId(deps.prefix, s.id),
    taskQueue: alertsTaskQueue(deps.taskQueue),
    args: [workflowInputOf(s, deps)] as [SubscriptionWorkflowInput],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' as const,
  };
}

/**
 * Registers and removes subscriptions: the registry topic first (the source of truth the routers read),
 * then the workflow (started at once so its status is visible; the router would start it anyway). Used
 * by the CLI and the HTTP routes.
 */
export function createSubscriptionAdmin(deps: SubscriptionAdminDeps) {
  const topic = topicNames(deps.prefix).subscriptions;
  const now = () => deps.now?.() ?? new Date();
  return {
    /** Writes the subscription (its secret sealed) and starts its workflow; returns it with its secret in clear (generated unless given). */
    async register(request: SubscriptionRequest): Promise<Subscription> {
      const subscription: Subscription = {
        id: `sub_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
        url: request.url,
        condition: request.condition,
        secret: request.secret ?? `whsec_${randomBytes(24).toString('base64url')}`,
        description: request.description ?? null,
        createdAt: now().toISOString(),
      };
      // The topic (and its segment files) only ever hold the sealed secret; the caller gets it in clear, once.
      const env = envelope(
        'SubscriptionRegistered',
        { ...subscription, secret: deps.secrets.seal(subscription.secret) },
        { now: now() },
      );
      await deps.producer.send(topic, [
        { key: subscription.id, value: JSON.stringify(env), headers: { type: env.type } },
      ]);
      // Best effort: the registry entry stands, and the router starts the workflow with its first signal.
      try {
        await deps.client.workflow.start<typeof subscriptionWorkflow>(
          'subscriptionWorkflow',
          workflowStartOptions(subscription, deps),
        );
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError))
          deps.log?.warn({ err, subscriptionId: subscription.id }, 'could not start the subscription workflow yet');
      }
      return subscription;
    },

    /** Writes the removal and ends the workflow (pending alerts are dropped); the router also signals it when it reads the removal. */
    async remove(id: string): Promise<void> {
      const env = envelope('SubscriptionRemoved', { id, removedAt: now().toISOString() }, { now: now() });
      await deps.producer.send(topic, [{ key: id, value: JSON.stringify(env), headers: { type: env.type } }]);
      await signalRemoval(deps.client, deps.prefix, id, 'removed by the user');
    },

    /** The workflow's delivery counters, or null when it has not started or no alerts worker answers. */
    async status(id: string): Promise<SubscriptionStatus | null> {
      return statusOf(deps.client, deps.prefix, id);
    },
  };
}
export type SubscriptionAdmin = ReturnType<typeof createSubscriptionAdmin>;

/** Signals the removal; a workflow that never started or already ended needs nothing. */
export async function signalRemoval(client: Client, prefix: string, id: string, reason: string): Promise<void> {
  try {
    const handle = client.workflow.getHandle(subscriptionWorkflowId(prefix, id));
    const d = await handle.describe();
    if (d.status.name === 'RUNNING') await handle.signal(removeSubscriptionSignal, { reason });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/**
 * Queries (running) or reads the result of (ended) a subscription workflow; null when there is none or no
 * alerts worker answers within `timeoutMs` (a query needs a worker).
 */
export async function statusOf(
  client: Client,
  prefix: string,
  id: string,
  timeoutMs = 5_000,
): Promise<SubscriptionStatus | null> {
  const handle = client.workflow.getHandle<typeof subscriptionWorkflow>(subscriptionWorkflowId(prefix, id));
  const ask = async (): Promise<SubscriptionStatus | null> => {
    const d = await handle.describe();
    if (d.status.name === 'COMPLETED') return handle.result();
    if (d.status.name !== 'RUNNING') return null;
    return handle.query(subscriptionStatusQuery);
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([ask().catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
