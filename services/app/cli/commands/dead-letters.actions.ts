import { readFile } from 'node:fs/promises';
import { DeadLetterSchema, type DeadLetter } from '../../../../schemas/topics.ts';
import { createArticlePublisher } from '../../../pipeline/ingest/publisher.ts';
import type { IncomingMessage } from '../../../platform/kafka.ts';
import { createPipelineContext, type PipelineContext } from '../../pipeline.ts';
import { cliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { outputOf, printListing, write, type ListOptions } from '../listing.ts';
import { formatInstant } from '../output.ts';
import { parseDeadLetterId, replayPlan } from '../dead-letter-replay.ts';

/** A message of the dead-letter topic with its position; `letter` is undefined for a message that is not a DeadLetter envelope. */
interface StoredLetter {
  id: string;
  partition: number;
  offset: string;
  timestamp: string;
  letter: DeadLetter | undefined;
  raw: string;
}

const stored = (m: IncomingMessage): StoredLetter => {
  const raw = m.value ?? '';
  let letter: DeadLetter | undefined;
  try {
    const parsed = DeadLetterSchema.safeParse(JSON.parse(raw));
    letter = parsed.success ? parsed.data : undefined;
  } catch {
    letter = undefined;
  }
  return {
    id: `${m.partition}/${m.offset}`,
    partition: m.partition,
    offset: m.offset,
    timestamp: new Date(Number(m.timestamp)).toISOString(),
    letter,
    raw,
  };
};

async function withContext<T>(body: (ctx: PipelineContext, topic: string) => Promise<T>): Promise<T> {
  const { config, log } = cliContext();
  const ctx = await createPipelineContext(config, log);
  try {
    return await body(ctx, ctx.topics.deadLetters);
  } finally {
    await ctx.close();
  }
}

/** The dead letter at `id`, or a UsageError naming the offsets the topic holds. */
async function readOne(ctx: PipelineContext, topic: string, id: string): Promise<StoredLetter> {
  const { partition, offset } = parseDeadLetterId(id);
  const partitions = await ctx.bus.topicOffsets(topic);
  const own = partitions.find((p) => p.partition === partition);
  if (!own || BigInt(offset) < BigInt(own.low) || BigInt(offset) >= BigInt(own.high)) {
    const held = partitions
      .filter((p) => BigInt(p.high) > BigInt(p.low))
      .map((p) => `${p.partition}/${p.low}–${p.partition}/${BigInt(p.high) - 1n}`);
    throw new UsageError(
      `no dead letter ${id}; ${held.length ? `the topic holds ${held.join(', ')}` : 'the dead-letter topic is empty'} (\`claimwatch dead-letters list\`)`,
    );
  }
  const [message] = await ctx.bus.readPartitionRange(topic, partition, offset, String(BigInt(offset) + 1n));
  if (!message) throw new Error(`dead letter ${id} could not be read from ${topic}`);
  return stored(message);
}

/** `dead-letters list`: the newest `--limit` dead letters of every partition, newest first. */
export async function listDeadLetters(opts: ListOptions & { limit: string; source?: string }): Promise<void> {
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit ${opts.limit}: expected a positive whole number`);
  const { zone } = outputOf(opts);
  const letters = await withContext(async (ctx, topic) => {
    const partitions = await ctx.bus.topicOffsets(topic);
    // With --source the newest `limit` may not hold enough of that source: read further back (the topic is small).
    const span = BigInt(opts.source === undefined ? limit : limit * 20);
    const read = await Promise.all(
      partitions
        .filter((p) => BigInt(p.high) > BigInt(p.low))
        .map((p) => {
          const from = BigInt(p.high) - span > BigInt(p.low) ? BigInt(p.high) - span : BigInt(p.low);
          return ctx.bus.readPartitionRange(topic, p.partition, from.toString(), p.high);
        }),
    );
    return read
      .flat()
      .map(stored)
      .filter((s) => opts.source === undefined || s.letter?.data.source === opts.source)
      .sort(
        (a, b) =>
          (b.letter?.occurredAt ?? b.timestamp).localeCompare(a.letter?.occurredAt ?? a.timestamp) ||
          Number(BigInt(b.offset) - BigInt(a.offset)),
      )
      .slice(0, limit);
  });
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  const rows = letters.map((s) => [
    s.id,
    formatInstant(s.letter?.occurredAt ?? s.timestamp, zone),
    s.letter?.data.source ?? '?',
    oneLine(s.letter?.data.reason ?? 'not a dead-letter envelope'),
    s.letter?.data.location ?? '',
  ]);
  const data = letters.map((s) => ({
    id: s.id,
    ...(s.letter
      ? {
          occurredAt: s.letter.occurredAt,
          ...s.letter.data,
          payload: undefined,
          payloadBytes: Buffer.byteLength(s.letter.data.payload),
        }
      : { raw: s.raw }),
  }));
  await printListing(
    opts,
    data,
    [
      { header: 'ID' },
      { header: `WHEN (${zone})` },
      { header: 'SOURCE' },
      { header: 'REASON', shrink: true },
      { header: 'LOCATION', shrink: true },
    ],
    rows,
    'no dead letters',
  );
}

/** The payload for people: pretty JSON when it parses, else as it is. */
function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/** `dead-letters show ID`: everything of one dead letter, the whole payload included. */
export async function showDeadLetter(id: string, opts: { json?: boolean }): Promise<void> {
  const s = await withContext((ctx, topic) => readOne(ctx, topic, id));
  if (opts.json)
    return write(
      `${JSON.stringify(s.letter ? { id: s.id, envelopeId: s.letter.id, occurredAt: s.letter.occurredAt, ...s.letter.data } : { id: s.id, raw: s.raw }, null, 2)}\n`,
    );
  if (!s.letter) return write(`${s.id}  not a dead-letter envelope (written by another producer?)\n\n${s.raw}\n`);
  const d = s.letter.data;
  await write(
    [
      `id        ${s.id}  (envelope ${s.letter.id})`,
      `when      ${s.letter.occurredAt}`,
      `source    ${d.source}`,
      `location  ${d.location ?? '—'}`,
      `reason    ${d.reason}`,
      ...(d.problems.length > 1 || (d.problems[0] !== undefined && d.problems[0] !== d.reason)
        ? ['problems', ...d.problems.map((p) => `  - ${p}`)]
        : []),
      '',
      `payload (${Buffer.byteLength(d.payload)} bytes):`,
      prettyPayload(d.payload),
      '',
      `fix it and run \`claimwatch dead-letters replay ${s.id} --input FILE\`, or replay it unchanged: \`claimwatch dead-letters replay ${s.id}\``,
      '',
    ].join('\n'),
  );
}

/** `dead-letters replay ID [--input FILE]`: re-publishes the (fixed) article to the raw topic, or says why it would be refused again (exit 2). */
export async function replayDeadLetter(id: string, opts: { input?: string; dryRun?: boolean }): Promise<void> {
  const fixed = opts.input === undefined ? undefined : await readFile(opts.input, 'utf8');
  await withContext(async (ctx, topic) => {
    const s = await readOne(ctx, topic, id);
    if (!s.letter) throw new UsageError(`${s.id} is not a dead-letter envelope: nothing to replay`);
    const plan = replayPlan(fixed ?? s.letter.data.payload, s.letter.data.source);
    if (!plan.ok) {
      const what =
        opts.input === undefined
          ? `dead letter ${s.id} would be refused again unchanged`
          : `${opts.input} would be refused`;
      const hint =
        opts.input === undefined
          ? `\nfix the payload (\`claimwatch dead-letters show ${s.id}\` prints it) and pass it with --input FILE`
          : '';
      throw new UsageError(`${what}:\n${plan.problems.map((p) => `  ${p}`).join('\n')}${hint}`);
    }
    const raw = ctx.topics.rawArticles;
    const ids = plan.articles.map((a) => a.id).join(', ');
    if (opts.dryRun)
      return write(
        `would publish ${plan.articles.length} article(s) (${ids}) from dead letter ${s.id} to ${raw} (channel ${plan.channel})\n`,
      );
    const result = await createArticlePublisher({
      producer: ctx.clients.producer,
      topics: ctx.topics,
      log: ctx.log,
    }).publish(plan.articles, plan.channel);
    await write(
      `replayed dead letter ${s.id}${opts.input ? ` fixed from ${opts.input}` : ' unchanged'}: published ${result.ids.length} article(s) (${ids}) to ${raw}\n`,
    );
  });
}
