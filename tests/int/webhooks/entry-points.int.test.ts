import Fastify from 'fastify';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Client } from '@temporalio/client';
import { registerSubscriptionsCommand } from '../../../services/app/cli/commands/subscriptions.ts';
import { registerSubscriptionRoutes } from '../../../services/pipeline/webhooks/http-routes.ts';
import { createAlertsService } from '../../../services/pipeline/webhooks/service.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { createKafkaBus, type EventProducer, type KafkaBus } from '../../../services/platform/kafka.ts';
import { topicNames } from '../../../schemas/topics.ts';
import { connectClient } from '../../../services/platform/temporal.ts';
import { openProcessClients, type ProcessClients } from '../../../services/platform/clients.ts';
import { subscriptionWorkflowId } from '../../../workflows/webhooks/messages.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';
import { CLAIM_TOPICS, releaseAlertsTest } from './support.ts';

// The entry points on the real stack: `claimwatch subscriptions add|list|remove` run in-process (cliContext
// reads process.env, so the unique prefix and task queue go there) and the HTTP routes via inject.
describe('subscriptions CLI and HTTP API', () => {
  const prefix = uniqueName('t');
  const taskQueue = uniqueName('alerts-q');
  const previous = { prefix: process.env.KAFKA_TOPIC_PREFIX, queue: process.env.TEMPORAL_TASK_QUEUE };
  process.env.KAFKA_TOPIC_PREFIX = prefix;
  process.env.TEMPORAL_TASK_QUEUE = taskQueue;
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: prefix, TEMPORAL_TASK_QUEUE: taskQueue });
  let bus: KafkaBus;
  let producer: EventProducer;
  let client: Client;
  let closeClient: () => Promise<void>;
  let service: ReturnType<typeof createAlertsService>;
  let clients: ProcessClients;

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'alerts-entry-test', log });
    await ensurePipelineTopics(bus, prefix, CLAIM_TOPICS);
    producer = await bus.createProducer();
    ({ client, close: closeClient } = await connectClient(config.temporal));
    clients = openProcessClients({ bus, temporal: config.temporal });
    service = createAlertsService({ bus, clients, topics: topicNames(prefix), config, log, claimTopics: CLAIM_TOPICS });
    await service.start();
  });
  afterAll(async () => {
    await releaseAlertsTest({ service, client, taskQueue, closeClient, clients, producer, bus, prefix });
    for (const [k, v] of [
      ['KAFKA_TOPIC_PREFIX', previous.prefix],
      ['TEMPORAL_TASK_QUEUE', previous.queue],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  async function cli(...args: string[]): Promise<{ out: string; err: string; exitCode: number | undefined }> {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const program = new Command().exitOverride();
    registerSubscriptionsCommand(program);
    try {
      await program.parseAsync(['node', 'claimwatch', 'subscriptions', ...args]);
      return {
        out: out.mock.calls.map((c) => String(c[0])).join(''),
        err: err.mock.calls.map((c) => String(c[0])).join(''),
        exitCode: process.exitCode as number | undefined,
      };
    } finally {
      process.exitCode = undefined;
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('add prints the id and secret once, list shows it with its counters, remove ends it', async () => {
    const added = await cli(
      'add',
      '--url',
      'https://hooks.example/cw',
      '--on',
      'threshold',
      '--series',
      'territory-area:ukraine:russia:-:kursk-oblast',
      '--above',
      '1000',
    );
    const id = /^id\s+(sub_\w+)$/m.exec(added.out)?.[1];
    const secret = /^secret\s+(whsec_\S+)$/m.exec(added.out)?.[1];
    expect(id).toBeDefined();
    expect(secret).toBeDefined();

    type Listed = Array<{ subscription: Record<string, unknown>; status: { delivered: number } | null }>;
    // The status is the workflow's answer to a query, which waits for its first workflow task (and `list` gives a
    // worker 5 s to answer): on a loaded machine the first listing may still say null.
    const listed = await waitFor(
      async () => {
        const l = JSON.parse((await cli('list', '--json')).out) as Listed;
        return l.find((r) => r.subscription.id === id)?.status ? l : undefined;
      },
      { what: 'the subscription workflow to answer its status' },
    );
    const mine = listed.find((r) => r.subscription.id === id);
    expect(mine?.subscription).toMatchObject({
      url: 'https://hooks.example/cw',
      condition: { kind: 'threshold', above: 1000 },
    });
    expect(mine?.subscription).not.toHaveProperty('secret');
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(mine?.status).toMatchObject({ delivered: 0, pending: 0, removed: false }); // the alerts worker answers the query
    expect((await cli('list')).out).toMatch(
      new RegExp(`${id}\\s+threshold series=territory-area:ukraine:russia:-:kursk-oblast above=1000`),
    );

    expect((await cli('remove', id as string)).out).toMatch(new RegExp(`^removed ${id}`));
    await waitFor(
      async () =>
        (await client.workflow.getHandle(subscriptionWorkflowId(prefix, id as string)).describe()).status.name ===
        'COMPLETED'
          ? true
          : undefined,
      { what: 'the workflow to end' },
    );
    expect(
      JSON.parse((await cli('list', '--json')).out).some(
        (r: { subscription: { id: string } }) => r.subscription.id === id,
      ),
    ).toBe(false);
  });

  it('test POSTs a signed test alert to the endpoint and prints its answer', async () => {
    const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
    const receiver = Fastify();
    receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    receiver.post('/hook', async (req, reply) => {
      received.push({ headers: req.headers, body: req.body as string });
      return reply.code(204).send();
    });
    const url = `${await receiver.listen({ host: '127.0.0.1', port: 0 })}/hook`;
    try {
      const added = await cli(
        'add',
        '--url',
        url,
        '--on',
        'new-claim',
        '--topic',
        'territory-area',
        '--allow-private-webhooks',
      );
      const id = /^id\s+(sub_\w+)$/m.exec(added.out)?.[1] as string;
      const secret = /^secret\s+(whsec_\S+)$/m.exec(added.out)?.[1] as string;
      await expect(cli('test', id)).rejects.toThrow(
        /not accepted: .*\(pass --allow-private-webhooks for a local endpoint\)/,
      );
      const r = await cli('test', id, '--allow-private-webhooks');
      expect(r.out).toMatch(
        new RegExp(`^test alert test:${id}:\\d+ delivered to ${url.replace(/[.]/g, '\\.')}: HTTP 204 in \\d+ ms\n$`),
      );
      expect(received).toHaveLength(1);
      const [got] = received;
      const alert = JSON.parse(got!.body) as { subscriptionId: string; event: { kind: string } };
      expect(alert).toMatchObject({ subscriptionId: id, event: { kind: 'test' } });
      const { verifyWebhook } = await import('../../../domain/webhooks/signature.ts');
      const header = (name: string) => String(got!.headers[name.toLowerCase()]);
      expect(
        verifyWebhook({
          secret,
          timestamp: header('X-Claimwatch-Timestamp'),
          body: got!.body,
          signature: header('X-Claimwatch-Signature'),
          nowSeconds: Math.floor(Date.now() / 1000),
        }),
      ).toBe(true);
      await expect(cli('test', 'sub_nope')).rejects.toThrow(
        /^unknown subscription "sub_nope"; known subscriptions: .*sub_/,
      );
      await cli('remove', id);
    } finally {
      await receiver.close();
    }
  });

  it('add names every problem and exits 2 without writing anything', async () => {
    const r = await cli('add', '--url', 'mailto:x@example.org', '--on', 'new-claim');
    expect(r.exitCode).toBe(2);
    // Problems name the option to change (issue #18), not the request's field path.
    expect(r.err).toMatch(/--url: /);
    expect(r.err).toMatch(/--topic: /);
  });

  it('POST, GET and DELETE /api/subscriptions', async () => {
    const app = Fastify();
    registerSubscriptionRoutes(app, { bus, producer, client, config, log });
    try {
      const created = await app.inject({
        method: 'POST',
        url: '/api/subscriptions',
        payload: {
          url: 'https://hooks.example/api',
          condition: { kind: 'disputed', topic: 'territory-area' },
          description: 'area disputes',
        },
      });
      expect(created.statusCode).toBe(201);
      const { id, secret } = created.json<{ id: string; secret: string }>();
      expect(secret).toMatch(/^whsec_/);

      const list = await app.inject({ method: 'GET', url: '/api/subscriptions' });
      expect(list.json<{ subscriptions: Array<{ id: string }> }>().subscriptions.map((s) => s.id)).toContain(id);
      expect(list.body).not.toContain(secret);
      // The status comes from a query of the new workflow (null until it has run its first task): wait for it.
      const one = await waitFor(
        async () => {
          const r = await app.inject({ method: 'GET', url: `/api/subscriptions/${id}` });
          return r.json<{ status: unknown }>().status ? r : undefined;
        },
        { what: 'the subscription workflow to answer its status' },
      );
      expect(one.json()).toMatchObject({
        subscription: { id, description: 'area disputes' },
        status: { delivered: 0, removed: false },
      });

      expect((await app.inject({ method: 'DELETE', url: `/api/subscriptions/${id}` })).json()).toEqual({
        id,
        removed: true,
      });
      expect((await app.inject({ method: 'GET', url: `/api/subscriptions/${id}` })).statusCode).toBe(404);
      expect((await app.inject({ method: 'DELETE', url: '/api/subscriptions/sub_none' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
