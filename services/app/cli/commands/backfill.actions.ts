import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackfillOptionsSchema, BackfillRequestSchema, type BackfillStatus } from '../../../../schemas/backfill.ts';
import { describeIssues } from '../../../../schemas/problems.ts';
import { connectClient } from '../../../platform/temporal.ts';
import { createBackfills, type Backfills } from '../../../surfaces/backfill/backfills.ts';
import { createBackfillProgressView, describeProgress } from '../../../surfaces/backfill/progress.ts';
import { cliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { outputOf, printListing, type ListOptions } from '../listing.ts';
import { formatInstant } from '../output.ts';

export interface StartOptions {
  from?: string;
  to?: string;
  source?: string;
  topic?: string;
  input?: string;
  batchSize?: string;
  parallelism?: string;
  detach?: boolean;
}

const FINAL = new Set<BackfillStatus['state']>(['completed', 'cancelled', 'failed']);

async function withBackfills<T>(run: (backfills: Backfills) => Promise<T>): Promise<T> {
  const { config } = cliContext();
  const { client, close } = await connectClient(config.temporal);
  try {
    return await run(
      createBackfills({ client, scope: config.kafka.topicPrefix, taskQueue: config.temporal.taskQueue }),
    );
  } finally {
    await close();
  }
}

/** Polls until the backfill finishes (exit 0 only when completed); Ctrl-C detaches and prints the id. */
async function follow(backfills: Backfills, first: BackfillStatus): Promise<void> {
  const view = createBackfillProgressView(process.stderr);
  let detached = false;
  const onSigint = () => {
    detached = true;
  };
  process.once('SIGINT', onSigint);
  let status = first;
  try {
    for (;;) {
      view.update(status);
      if (FINAL.has(status.state) || detached) break;
      await sleep(1000);
      status = await backfills.status(status.id);
    }
  } finally {
    view.stop();
    process.off('SIGINT', onSigint);
  }
  if (detached) {
    process.stdout.write(`detached; backfill ${status.id} keeps running (claimwatch backfill status ${status.id})\n`);
    return;
  }
  process.stdout.write(`backfill ${status.id} ${describeProgress(status)}\n`);
  if (status.state !== 'completed') process.exitCode = 1;
}

export async function startBackfill(opts: StartOptions): Promise<void> {
  // The worker reads the archive: name it absolutely, as the user's shell meant it.
  const input = opts.input === undefined ? undefined : path.resolve(opts.input);
  const request = BackfillRequestSchema.safeParse({
    from: opts.from,
    to: opts.to,
    source: opts.source,
    topic: opts.topic,
    input,
  });
  const options = BackfillOptionsSchema.safeParse({ batchSize: opts.batchSize, parallelism: opts.parallelism });
  const problems = [
    ...(request.success ? [] : describeIssues(request.error)),
    ...(options.success ? [] : describeIssues(options.error)),
  ];
  if (!request.success || !options.success) throw new UsageError(`invalid backfill: ${problems.join('; ')}`);
  await withBackfills(async (backfills) => {
    const status = await backfills.start(request.data, options.data);
    process.stderr.write(`backfill ${status.id} started\n`);
    if (opts.detach) process.stdout.write(`${status.id}\n`);
    else await follow(backfills, status);
  });
}

function printStatus(s: BackfillStatus, json: boolean | undefined): void {
  process.stdout.write(
    json
      ? `${JSON.stringify(s)}\n`
      : `${s.id}  ${describeProgress(s)}  from ${s.request.from} to ${s.request.to}${s.request.input ? ` input ${s.request.input}` : ''}\n`,
  );
}

/** `backfill status ID`. */
export const showBackfill = (id: string, o: { json?: boolean }) =>
  withBackfills(async (b) => printStatus(await b.status(id), o.json));

/** `backfill list`: one row per backfill (`--format table|json|csv`, times in `--tz`). */
export async function listBackfills(o: ListOptions): Promise<void> {
  const { zone } = outputOf(o);
  const list = await withBackfills((b) => b.list());
  const rows = list.map((s) => [
    s.id,
    s.state,
    `${s.done}/${s.total}`,
    s.request.from,
    s.request.to,
    s.request.topic ?? '',
    s.request.source ?? '',
    formatInstant(s.startedAt, zone),
    s.error ?? s.request.input ?? '',
  ]);
  const columns = [
    { header: 'ID' },
    { header: 'STATE' },
    { header: 'DONE' },
    { header: 'FROM' },
    { header: 'TO' },
    { header: 'TOPIC' },
    { header: 'SOURCE', shrink: true },
    { header: `STARTED (${zone})` },
    { header: 'ERROR / INPUT', shrink: true },
  ];
  await printListing(o, list, columns, rows, 'no backfills');
}

/** `backfill pause|resume|cancel ID`. */
export const steerBackfill = (action: 'pause' | 'resume' | 'cancel', id: string) =>
  withBackfills(async (b) => printStatus(await b[action](id), false));
