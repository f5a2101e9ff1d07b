import { secretBoxFor } from '../../../pipeline/webhooks/secret-box.ts';
import { createPipelineContext, type PipelineContext } from '../../pipeline.ts';
import { createRegistryFollower } from '../../../pipeline/webhooks/registry.ts';
import {
  createSubscriptionAdmin,
  publicView,
  type SubscriptionAdmin,
} from '../../../pipeline/webhooks/subscriptions.ts';
import { describeCondition } from '../../../pipeline/webhooks/format.ts';
import type { Alert, Subscription } from '../../../../schemas/webhook.ts';
import { createSubscriptionActivities } from '../../../../workflows/webhooks/activities.ts';
import { cliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { outputOf, printListing, type ListOptions } from '../listing.ts';
import { formatInstant } from '../output.ts';
import { requestFromOptions, type AddOptions } from './subscriptions.check.ts';

async function withAdmin<T>(body: (admin: SubscriptionAdmin, ctx: PipelineContext) => Promise<T>): Promise<T> {
  const { config, log } = cliContext();
  const ctx = await createPipelineContext(config, log);
  try {
    return await body(
      createSubscriptionAdmin({
        producer: ctx.clients.producer,
        client: ctx.clients.temporal,
        prefix: config.kafka.topicPrefix,
        taskQueue: config.temporal.taskQueue,
        log,
        secrets: secretBoxFor(config),
      }),
      ctx,
    );
  } finally {
    await ctx.close();
  }
}

/** Reads the whole registry topic once. */
async function readRegistry(ctx: PipelineContext) {
  const follower = createRegistryFollower({ bus: ctx.bus, topic: ctx.topics.subscriptions, log: ctx.log });
  await follower.start();
  try {
    await follower.waitCaughtUp();
    return follower.list();
  } finally {
    await follower.stop();
  }
}

const out = (text: string) => process.stdout.write(text);

/** `subscriptions add`: validates every option (exit 2 with each problem), registers, prints id and secret once. */
export async function addSubscription(opts: AddOptions): Promise<void> {
  const parsed = requestFromOptions(opts);
  if (!parsed.ok) {
    for (const p of parsed.problems) process.stderr.write(`claimwatch: ${p}\n`);
    process.exitCode = 2;
    return;
  }
  const s = await withAdmin((admin) => admin.register(parsed.request));
  out(`id      ${s.id}\nsecret  ${s.secret}\n(the secret is not shown again; verify X-Claimwatch-Signature with it)\n`);
}

/** `subscriptions list`: every subscription with its delivery counters (`--format table|json|csv`). */
export async function listSubscriptions(opts: ListOptions): Promise<void> {
  const { zone } = outputOf(opts);
  const listed = await withAdmin(async (admin, ctx) =>
    Promise.all(
      (await readRegistry(ctx)).map(async (s) => ({ subscription: publicView(s), status: await admin.status(s.id) })),
    ),
  );
  const count = (n: number | undefined) => (n === undefined ? '?' : String(n));
  const rows = listed.map(({ subscription: s, status: st }) => [
    s.id,
    describeCondition(s.condition),
    s.url,
    formatInstant(s.createdAt, zone),
    count(st?.delivered),
    count(st?.failed),
    count(st?.pending),
    count(st?.dropped),
    st?.lastError?.message ?? '',
  ]);
  const columns = [
    { header: 'ID' },
    { header: 'CONDITION', shrink: true },
    { header: 'URL', shrink: true },
    { header: `CREATED (${zone})` },
    { header: 'DELIVERED' },
    { header: 'FAILED' },
    { header: 'PENDING' },
    { header: 'DROPPED' },
    { header: 'LAST ERROR', shrink: true },
  ];
  await printListing(opts, listed, columns, rows, 'no subscriptions');
}

/** The subscription `id` of the registry, or a UsageError listing the ids there are. */
function requireSubscription(all: readonly Subscription[], id: string): Subscription {
  const s = all.find((x) => x.id === id);
  if (s) return s;
  const known = all.map((x) => x.id);
  throw new UsageError(
    `unknown subscription "${id}"; ${known.length ? `known subscriptions: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ` … (${known.length} in all)` : ''}` : 'there are none yet'} (\`claimwatch subscriptions list\`)`,
  );
}

/**
 * `subscriptions test ID`: POSTs a signed alert of kind `test` to the subscription's URL, as a delivery would (same
 * headers, signature and address rules), and prints the answer; exit 1 when the endpoint does not accept it.
 */
export async function testSubscription(id: string, opts: { allowPrivateWebhooks?: boolean }): Promise<void> {
  const { config, log } = cliContext();
  const ctx = await createPipelineContext(config, log);
  let s: Subscription;
  try {
    s = requireSubscription(await readRegistry(ctx), id);
  } finally {
    await ctx.close();
  }
  const secret = secretBoxFor(config).open(s.secret);
  const now = new Date();
  const alert: Alert = {
    alertId: `test:${s.id}:${now.getTime()}`,
    subscriptionId: s.id,
    condition: s.condition,
    event: {
      kind: 'test',
      message: `a test alert sent by \`claimwatch subscriptions test ${s.id}\`; no condition fired`,
    },
    occurredAt: now.toISOString(),
  };
  const deliver = createSubscriptionActivities({
    secretOf: () => secret,
    allowPrivate: opts.allowPrivateWebhooks ?? false,
  }).deliverAlert;
  const t0 = performance.now();
  try {
    const { status } = await deliver({ alert, url: s.url, timeoutMs: 10_000 });
    out(
      `test alert ${alert.alertId} delivered to ${s.url}: HTTP ${status} in ${Math.round(performance.now() - t0)} ms\n`,
    );
  } catch (err) {
    const hint =
      /private|loopback|not allowed/i.test((err as Error).message) && !opts.allowPrivateWebhooks
        ? ' (pass --allow-private-webhooks for a local endpoint)'
        : '';
    throw new Error(`test alert to ${s.url} not accepted: ${(err as Error).message}${hint}`);
  }
}

/** `subscriptions remove ID`. */
export async function removeSubscription(id: string): Promise<void> {
  await withAdmin(async (admin, ctx) => {
    const s = requireSubscription(await readRegistry(ctx), id);
    await admin.remove(id);
    const final = await admin.status(id);
    out(
      `removed ${id} (${describeCondition(s.condition)})${final ? `: ${final.delivered} delivered, ${final.failed} failed, ${final.dropped} dropped` : ''}\n`,
    );
  });
}
