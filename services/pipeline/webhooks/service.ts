import { secretBoxFor } from './secret-box.ts';
import os from 'node:os';
import { Worker } from '@temporalio/worker';
import type { TopicNames } from '../../../schemas/topics.ts';
import type { Config } from '../../platform/config.ts';
import type { KafkaBus } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import { dataConverter, installTemporalRuntime } from '../../platform/temporal.ts';
import type { SharedClients } from '../../platform/clients.ts';
import type { Service } from '../../platform/service.ts';
import { workflowBundle } from '../../../workflows/bundle.ts';
import { createSubscriptionActivities } from '../../../workflows/webhooks/activities.ts';
import { alertsTaskQueue, type DeliveryPolicy } from '../../../workflows/webhooks/messages.ts';
import { createRegistryFollower, type RegistryView } from './registry.ts';
import { createAlertRouter, type AlertRouterStats } from './router.ts';
import { signalRemoval } from './subscriptions.ts';

export interface AlertsServiceOptions {
  bus: KafkaBus;
  /** The process's Temporal client and worker connection, owned by its composition root. */
  clients: Pick<SharedClients, 'temporal' | 'workerConnection'>;
  topics: Pick<TopicNames, 'subscriptions'>;
  config: Config;
  log: Logger;
  claimTopics: readonly string[];
  /** Overrides config.temporal.taskQueue (tests); subscriptions run on its `.alerts` queue. */
  taskQueue?: string;
  /** Router consumer group; default `${prefix}.alerts`. */
  groupId?: string;
  /** Deliver to loopback/private addresses (refused by default: SSRF). */
  allowPrivate?: boolean;
  delivery?: DeliveryPolicy;
  maxPending?: number;
  /** Concurrent deliveries of this process (I/O-bound, each bounded by the attempt timeout). Default 32. */
  maxConcurrentDeliveries?: number;
}

/**
 * The alerts process (`claimwatch alerts`, part of `npm start`): follows the subscription registry, serves
 * the subscription workflows and webhook deliveries on their own task queue (a slow endpoint never takes
 * the pipeline worker's slots), and runs the alert router. Scale out by running more of it.
 */
export function createAlertsService(
  options: AlertsServiceOptions,
): Service & { registry: RegistryView; stats(): AlertRouterStats } {
  const prefix = options.config.kafka.topicPrefix;
  const taskQueue = options.taskQueue ?? options.config.temporal.taskQueue;
  const log = options.log.child({ component: 'alerts' });
  const registry = createRegistryFollower({ bus: options.bus, topic: options.topics.subscriptions, log });
  const client = options.clients.temporal;
  const router = createAlertRouter({
    bus: options.bus,
    client: () => client,
    registry,
    prefix,
    claimTopics: options.claimTopics,
    taskQueue,
    groupId: options.groupId,
    delivery: options.delivery,
    maxPending: options.maxPending,
    log,
  });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let release: Array<() => Promise<void>> = [];

  // A removal read from the registry (also when replayed at start) ends the workflow even if the remover
  // crashed before signalling it; an ended workflow needs nothing.
  let started = false;
  registry.onMessage((m) => {
    if (m.type !== 'SubscriptionRemoved' || !started) return;
    signalRemoval(client, prefix, m.data.id, 'removed from the registry').catch((err: unknown) =>
      log.warn({ err, subscriptionId: m.data.id }, 'could not signal a removal'),
    );
  });

  return {
    name: 'alerts',
    registry,
    stats: () => router.stats(),
    async start() {
      installTemporalRuntime(options.log);
      await client.connection.ensureConnected(); // the router signals workflows: fail at start when Temporal does not answer
      const connection = await options.clients.workerConnection(alertsTaskQueue(taskQueue));
      started = true;
      release = [];
      const box = secretBoxFor(options.config);
      const openSecret = (stored: string | undefined) => (stored === undefined ? undefined : box.open(stored));
      await registry.start();
      release.unshift(() => registry.stop());
      await registry.waitCaughtUp();
      worker = await Worker.create({
        connection,
        namespace: options.config.temporal.namespace,
        taskQueue: alertsTaskQueue(taskQueue),
        identity: `claimwatch-alerts@${os.hostname()}:${process.pid}`,
        workflowBundle: await workflowBundle(options.log),
        dataConverter,
        activities: createSubscriptionActivities({
          secretOf: (id) => openSecret(registry.get(id)?.secret),
          allowPrivate: options.allowPrivate,
        }),
        maxConcurrentActivityTaskExecutions: options.maxConcurrentDeliveries ?? 32,
      });
      running = worker.run();
      running.catch((err: unknown) => log.error({ err }, 'alerts worker stopped with an error'));
      await router.start();
    },
    async stop() {
      await router.stop();
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running?.catch(() => undefined);
      for (const r of release.splice(0)) await r().catch(() => undefined);
    },
  };
}

/** The alerts service of a pipeline process (`claimwatch alerts`, `npm start`), on the process's shared clients. */
export function alertsService(
  ctx: {
    bus: KafkaBus;
    clients: SharedClients;
    topics: TopicNames;
    config: Config;
    log: Logger;
    claimTopics: readonly string[];
  },
  options: { allowPrivate?: boolean } = {},
) {
  return createAlertsService({
    bus: ctx.bus,
    clients: ctx.clients,
    topics: ctx.topics,
    config: ctx.config,
    log: ctx.log,
    claimTopics: ctx.claimTopics,
    allowPrivate: options.allowPrivate,
  });
}
