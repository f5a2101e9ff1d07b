import { secretBoxFor, type SecretBox } from './secret-box.ts';
import type { FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import { describeIssues } from '../../../schemas/problems.ts';
import { SubscriptionRequestSchema } from '../../../schemas/webhook.ts';
import { topicNames } from '../../../schemas/topics.ts';
import type { Config } from '../../platform/config.ts';
import type { EventProducer, KafkaBus } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import { isRetriable } from '../../platform/errors.ts';
import { createRegistryFollower, type RegistryFollower } from './registry.ts';
import { createSubscriptionAdmin, publicView, type SubscriptionAdmin } from './subscriptions.ts';
import { unknownNamesIn, type KnownNames } from './condition-names.ts';

export interface SubscriptionRoutesDeps {
  bus: KafkaBus;
  producer: EventProducer;
  /** The process's Temporal client (its connection dials on first use, so the API starts without Temporal). */
  client: Client;
  config: Pick<Config, 'kafka' | 'temporal' | 'dataDir' | 'alerts'>;
  log: Logger;
  /** Names a condition may use (topics, series); unknown ones are refused with 400 naming the known ones. */
  known?: KnownNames;
}

/** Memoises an async connect; a failure is forgotten so the next request tries again. */
function lazy<T>(make: () => Promise<T>): { get(): Promise<T>; peek(): Promise<T> | undefined } {
  let p: Promise<T> | undefined;
  return {
    get: () =>
      (p ??= make().catch((err: unknown) => {
        p = undefined;
        throw err;
      })),
    peek: () => p,
  };
}

/**
 * Registers the subscription API on the HTTP service (services/app/http.ts): POST /api/subscriptions
 * (201 `{id, secret, subscription}`, 400 `{error, problems}` naming every problem), GET /api/subscriptions,
 * GET /api/subscriptions/:id (with delivery status), DELETE /api/subscriptions/:id. The registry reader starts
 * on first use and the shared Temporal client dials on first use, so the API starts (and serves everything else)
 * without Temporal.
 */
export function registerSubscriptionRoutes(app: FastifyInstance, deps: SubscriptionRoutesDeps): void {
  const log = deps.log.child({ component: 'subscriptions-http' });
  const prefix = deps.config.kafka.topicPrefix;
  const registry = lazy<RegistryFollower>(async () => {
    const follower = createRegistryFollower({ bus: deps.bus, topic: topicNames(prefix).subscriptions, log });
    await follower.start();
    return follower;
  });
  let box: SecretBox | undefined;
  const secrets = () => (box ??= secretBoxFor(deps.config));
  const admin = async (): Promise<SubscriptionAdmin> =>
    createSubscriptionAdmin({
      producer: deps.producer,
      client: deps.client,
      prefix,
      taskQueue: deps.config.temporal.taskQueue,
      log,
      secrets: secrets(),
    });
  /** The registry as of now: everything written before this request is in it. */
  const current = async () => {
    const follower = await registry.get();
    await follower.waitCaughtUp(10_000);
    return follower;
  };

  app.addHook('onClose', async () => {
    await (await registry.peek()?.catch(() => undefined))?.stop();
  });
  // Unavailable Kafka/Temporal → 503 with Retry-After; anything else is the app's 500.
  const unavailable = (err: unknown, what: string) => {
    log.error({ err }, what);
    return (
      isRetriable(err) ||
      (err as { name?: string }).name === 'ServiceError' ||
      (err as { code?: string }).code === 'ECONNREFUSED'
    );
  };

  app.post('/api/subscriptions', async (request, reply) => {
    const parsed = SubscriptionRequestSchema.safeParse(request.body ?? null);
    if (!parsed.success)
      return reply.code(400).send({ error: 'invalid subscription', problems: describeIssues(parsed.error) });
    const unknown = deps.known ? unknownNamesIn(parsed.data.condition, deps.known) : [];
    if (unknown.length > 0) return reply.code(400).send({ error: 'invalid subscription', problems: unknown });
    try {
      const subscription = await (await admin()).register(parsed.data);
      return reply
        .code(201)
        .send({ id: subscription.id, secret: subscription.secret, subscription: publicView(subscription) });
    } catch (err) {
      if (unavailable(err, 'could not register a subscription'))
        return reply
          .code(503)
          .header('retry-after', '5')
          .send({ error: 'Kafka or Temporal unavailable, retry later', problems: [] });
      throw err;
    }
  });

  app.get('/api/subscriptions', async () => ({ subscriptions: (await current()).list().map(publicView) }));

  app.get<{ Params: { id: string } }>('/api/subscriptions/:id', async (request, reply) => {
    const subscription = (await current()).get(request.params.id);
    if (!subscription) return reply.code(404).send({ error: `unknown subscription ${request.params.id}` });
    return { subscription: publicView(subscription), status: await (await admin()).status(subscription.id) };
  });

  app.delete<{ Params: { id: string } }>('/api/subscriptions/:id', async (request, reply) => {
    if (!(await current()).get(request.params.id))
      return reply.code(404).send({ error: `unknown subscription ${request.params.id}` });
    await (await admin()).remove(request.params.id);
    return { id: request.params.id, removed: true };
  });
}
