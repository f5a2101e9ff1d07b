import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { SubscriptionStatus } from '../../../schemas/webhook.ts';
import { createSubscriptionActivities } from '../../../workflows/webhooks/activities.ts';
import {
  alertCandidatesSignal,
  removeSubscriptionSignal,
  subscriptionStatusQuery,
  subscriptionWorkflowId,
  type AlertCandidate,
  type SubscriptionWorkflowInput,
} from '../../../workflows/webhooks/messages.ts';
import type { subscriptionWorkflow } from '../../../workflows/webhooks/workflow.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';
import { withWorker } from '../../support/temporal.ts';
import { startEndpoint } from './support.ts';

// The subscription workflow alone on the dev server: bounded queue, removal, non-retryable failures,
// continue-as-new with de-duplication carried over. Candidates are new-claim observations.
const ctx = testContext();
const scope = uniqueName('t');
// Quick retries; an attempt's own timeout as in production: a local POST that outlives a short one on a loaded machine
// is sent again, and the endpoint would count a second request for an alert it already answered.
const delivery = { initialIntervalMs: 100, maximumIntervalMs: 300, attemptTimeoutMs: 10_000 };

function candidates(ids: string[]): AlertCandidate[] {
  return ids.map((id) => ({
    alertId: `al_${id}`,
    occurredAt: '2024-08-14T10:00:00.000Z',
    observation: {
      type: 'claim',
      seriesId: 'casualties:civilians:-:killed:kharkiv',
      topic: 'casualties',
      source: 'Upland Herald',
      url: `https://news.example/${id}`,
      claim: {
        id,
        articleId: `a-${id}`,
        topic: 'casualties',
        actor: 'civilians',
        counterpart: null,
        item: 'killed',
        place: 'kharkiv',
        quantity: { value: 3, unit: 'count', qualifier: 'exact', low: 3, high: 3 },
        kind: 'increment',
        period: null,
        asOf: '2024-08-14',
        attribution: ['regional governor'],
        hedge: null,
        evidence: { quote: 'Three people died, the governor said.', start: 0, end: 37 },
        extractor: { name: 'rules', version: '1.0.0' },
      },
    },
  }));
}

describe('subscription workflow', () => {
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  beforeAll(async () => {
    endpoint = await startEndpoint(0);
  });
  afterAll(() => endpoint.close());

  type Handle = WorkflowHandle<typeof subscriptionWorkflow>;
  const run = <T>(
    body: (
      client: Client,
      start: (id: string, url: string, extra?: Partial<SubscriptionWorkflowInput>) => Promise<Handle>,
    ) => Promise<T>,
  ) => {
    const taskQueue = uniqueName('subs-q');
    const activities = createSubscriptionActivities({
      secretOf: () => 'whsec_workflow_test_secret',
      allowPrivate: true,
    });
    return withWorker(ctx, { taskQueue, activities }, (client) =>
      body(client, async (id, url, extra = {}) => {
        const input: SubscriptionWorkflowInput = {
          subscription: {
            id,
            url,
            condition: { kind: 'new-claim', topic: 'casualties' },
            description: null,
            createdAt: '2024-08-14T09:00:00.000Z',
          },
          delivery,
          ...extra,
        };
        return client.workflow.start<typeof subscriptionWorkflow>('subscriptionWorkflow', {
          workflowId: subscriptionWorkflowId(scope, id),
          taskQueue,
          args: [input],
        });
      }),
    );
  };
  const statusWhen = (handle: Handle, ok: (s: SubscriptionStatus) => boolean, what: string) =>
    waitFor(
      async () => {
        const s = await handle.query(subscriptionStatusQuery);
        return ok(s) ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 150, what },
    );

  it('keeps at most maxPending alerts for a dead endpoint, counting what it drops, and ends on removal', async () => {
    await run(async (_client, start) => {
      const handle = await start(uniqueName('sub'), 'http://127.0.0.1:9/dead', { maxPending: 2 });
      await handle.signal(alertCandidatesSignal, candidates(['d1', 'd2', 'd3', 'd4', 'd5']));
      // The handler queues all five before the loop takes one: three dropped, one in flight, one waiting.
      const full = await statusWhen(handle, (s) => s.dropped === 3 && s.pending === 1, 'the queue to be bounded');
      expect(full).toMatchObject({ delivered: 0, failed: 0, removed: false });
      expect(full.lastDropReason).toMatch(/pending queue full \(2\): dropped the oldest alert al_d3/);
      await handle.signal(removeSubscriptionSignal, { reason: 'test' });
      const final = await handle.result();
      expect(final).toMatchObject({ delivered: 0, dropped: 4, pending: 0, removed: true });
    });
  });

  it('records a non-retryable 4xx as failed and goes on with the next alert', async () => {
    await run(async (_client, start) => {
      const handle = await start(uniqueName('sub'), endpoint.url('/gone/x'));
      await handle.signal(alertCandidatesSignal, candidates(['g1', 'g2']));
      const s = await statusWhen(handle, (x) => x.failed === 2, 'both alerts to fail');
      expect(s.lastError).toMatchObject({
        alertId: 'al_g2',
        nonRetryable: true,
        message: expect.stringContaining('410'),
      });
      expect(endpoint.received.filter((r) => r.path === '/gone/x')).toHaveLength(2); // once each: not retried
    });
  });

  it('continues as new with its counters and de-duplication intact', async () => {
    await run(async (_client, start) => {
      const handle = await start(uniqueName('sub'), endpoint.url('/ok/can'), { continueAsNewEvery: 2 });
      const first = (await handle.describe()).runId;
      await handle.signal(alertCandidatesSignal, candidates(['k1', 'k2', 'k3', 'k4', 'k5']));
      await statusWhen(handle, (s) => s.delivered === 5, 'five deliveries');
      await handle.signal(alertCandidatesSignal, candidates(['k1', 'k3', 'k5', 'k6'])); // three re-deliveries and one new
      const s = await statusWhen(handle, (x) => x.delivered === 6, 'the sixth delivery');
      expect(s).toMatchObject({ delivered: 6, failed: 0, dropped: 0, pending: 0 });
      const keys = endpoint.received.filter((r) => r.path === '/ok/can').map((r) => r.key);
      expect(keys).toEqual(['al_k1', 'al_k2', 'al_k3', 'al_k4', 'al_k5', 'al_k6']);
      expect((await handle.describe()).runId).not.toBe(first);
    });
  });

  it('fires a new-claim alert once per claim id, also when the claim comes back after 2,500 others', async () => {
    await run(async (_client, start) => {
      // A dead endpoint: alerts stay queued (dropped past maxPending), so the test counts enqueued alerts, not POSTs.
      const handle = await start(uniqueName('sub'), 'http://127.0.0.1:9/dead', { maxPending: 5_000 });
      const many = Array.from({ length: 2_500 }, (_, i) => `m${i}`);
      await handle.signal(alertCandidatesSignal, candidates(['first', ...many]));
      // 2,501 alerts: one in flight (retrying against the dead endpoint), the rest pending.
      await statusWhen(handle, (s) => s.pending === 2_500, 'the alerts to be queued');
      // One signal: 'first' and 'm0' were said already, only 'fresh' is new (the handler runs it whole, so once
      // 'fresh' is queued the other two were judged).
      await handle.signal(alertCandidatesSignal, candidates(['first', 'm0', 'fresh']));
      const s = await statusWhen(handle, (x) => x.pending >= 2_501, 'the fresh alert');
      expect(s.pending).toBe(2_501);
      expect(s.dropped).toBe(0);
      await handle.signal(removeSubscriptionSignal, { reason: 'test' });
      await handle.result();
    });
  });
});
