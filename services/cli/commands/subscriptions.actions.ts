import { secretBoxFor } from '../../alerts/secret-box.ts';
import { topicNames } from '../../../schemas/topics.ts';
import { connectClient } from '../../platform/temporal.ts';
import { createPipelineContext, type PipelineContext } from '../../runtime/pipeline.ts';
import { createRegistryFollower } from '../../alerts/registry.ts';
import { createSubscriptionAdmin, publicView, type SubscriptionAdmin } from '../../alerts/subscriptions.ts';
import { describeCondition, subscriptionsTable } from '../../alerts/format.ts';
import { cliContext } from '../context.ts';
import { requestFromOptions, type AddOptions } from './subscriptions.check.ts';




async function withAdmin<T>(body: (admin: SubscriptionAdmin, ctx: PipelineContext) => Promise<T>): Promise<T> {
  const { config, log } = cliContext();
  const ctx = await createPipelineContext(config, log);
  const producer = await ctx.bus.createProducer();
  const temporal = await connectClient(config.temporal);
  try {
    return await body(createSubscriptionAdmin({ producer, client: temporal.client, prefix: config.kafka.topicPrefix, taskQueue: config.temporal.taskQueue, log, secrets: secretBoxFor(config) }), ctx);
  } finally {
    await producer.disconnect();
    await temporal.close();
    await ctx.close();
  }
}

/** Reads the whole registry topic once. */
async function readRegistry(ctx: PipelineContext) {
  const follower = createRegistryFollower({ bus: ctx.bus, topic: topicNames(ctx.config.kafka.topicPrefix).subscriptions, log: ctx.log });
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

/** `subscriptions list`: every subscription with its delivery counters. */
export async function listSubscriptions(opts: { json?: boolean }): Promise<void> {
  const rows = await withAdmin(async (admin, ctx) =>
    Promise.all((await readRegistry(ctx)).map(async (s) => ({ subscription: publicView(s), status: await admin.status(s.id) }))),
  );
  if (opts.json) out(`${JSON.stringify(rows, null, 2)}\n`);
  else out(rows.length === 0 ? 'no subscriptions\n' : `${subscriptionsTable(rows)}\n`);
}

/** `subscriptions remove ID`. */
export async function removeSubscription(id: string): Promise<void> {
  await withAdmin(async (admin, ctx) => {
    const s = (await readRegistry(ctx)).find((x) => x.id === id);
    if (!s) throw new Error(`unknown subscription ${id}`);
    await admin.remove(id);
    const final = await admin.status(id);
    out(`removed ${id} (${describeCondition(s.condition)})${final ? `: ${final.delivered} delivered, ${final.failed} failed, ${final.dropped} dropped` : ''}\n`);
  });
}
