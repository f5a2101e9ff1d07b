import { z } from 'zod';
import { createOnceFilter } from '../../../surfaces/live/once.ts';
import type { Claim } from '../../../../schemas/claim.ts';
import { topicNames } from '../../../../schemas/topics.ts';
import { createKafkaBus, type IncomingMessage } from '../../../platform/kafka.ts';
import { parseClaimsMessage } from '../../../pipeline/projector/parse.ts';
import { formatClaimLine } from '../../../stores/read-model/format.ts';
import type { ClaimsEventInput } from '../../../stores/read-model/read-model.ts';
import { claimTopicIds, taxonomyFromFile } from '../../taxonomy.ts';
import { cliContext } from '../context.ts';
import { locationOf } from '../../../platform/edge.ts';

export interface SubscribeOptions {
  since?: string;
  series: string[];
  json?: boolean;
}

/** One printed claim: the ClaimView shape (as GET /api/subscribe sends it) plus the event it came with. */
interface ClaimLine {
  seriesId: string;
  source: string;
  url: string;
  reportedAt: string;
  claim: Claim;
  event: 'ClaimReported' | 'ArticleClaimsReplaced';
  envelopeId: string;
  copyOf: string | null;
}

const SinceSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** `--since` as epoch ms; a date means its start in UTC. Throws a usage error otherwise. */
export function sinceMs(text: string): number {
  if (!SinceSchema.safeParse(text).success)
    throw new Error(`--since ${text}: expected a date YYYY-MM-DD or an ISO date-time`);
  return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
}

/** The standing claims a claims-topic event carries; a copy record carries none (its claims come as ClaimReported). */
export function claimLinesOf(input: ClaimsEventInput): ClaimLine[] {
  const env = input.envelope;
  const base = { seriesId: input.seriesId, reportedAt: env.occurredAt, envelopeId: env.id };
  const event = env.event;
  switch (event.type) {
    case 'ClaimReported':
      return [
        {
          ...base,
          source: event.data.source,
          url: event.data.url,
          claim: event.data.claim,
          event: event.type,
          copyOf: event.data.copyOf,
        },
      ];
    case 'ArticleClaimsReplaced':
      return event.data.claims.map((claim) => ({
        ...base,
        source: event.data.source,
        url: event.data.url,
        claim,
        event: event.type,
        copyOf: null,
      }));
    case 'ArticleCopyRecorded':
      return [];
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

export async function runSubscribe(topics: string[], opts: SubscribeOptions): Promise<void> {
  const { config, log } = cliContext();
  const known = claimTopicIds(taxonomyFromFile(config.taxonomyFile));
  const unknown = topics.filter((t) => !known.includes(t));
  if (unknown.length > 0)
    throw new Error(
      `unknown topic${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known topics: ${known.join(', ')}`,
    );
  const since = opts.since === undefined ? undefined : sinceMs(opts.since);
  const series = new Set(opts.series);

  const names = topicNames(config.kafka.topicPrefix);
  const kafkaTopics = [...new Set(topics)].map(names.claims);
  const bus = createKafkaBus({
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    log: log.child({ component: 'kafka' }),
  });
  try {
    const existing = new Set(await bus.listTopics());
    const missing = kafkaTopics.filter((t) => !existing.has(t));
    if (missing.length > 0)
      throw new Error(
        `${missing.join(', ')} not on the cluster yet: start the pipeline first (claimwatch start, or worker + dispatcher)`,
      );
    // From the end (only what is published from now on) or from the first message at/after --since: no group offsets.
    const start = (
      await Promise.all(
        kafkaTopics.map(async (topic) =>
          since === undefined
            ? (await bus.topicOffsets(topic)).map((p) => ({ topic, partition: p.partition, offset: p.high }))
            : (await bus.offsetsForTimes(topic, since)).map((p) => ({
                topic,
                partition: p.partition,
                offset: p.offset,
              })),
        ),
      )
    ).flat();
    const reader = await bus.createReader({ topics: kafkaTopics, start });
    const stopped = new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    const firstTime = createOnceFilter();
    await reader.run(async (messages: IncomingMessage[]) => {
      for (const m of messages) {
        const parsed = parseClaimsMessage(m);
        if (!parsed.ok) {
          process.stderr.write(`claimwatch: skipped ${locationOf(m)}: ${parsed.problems.slice(0, 3).join('; ')}\n`);
          continue;
        }
        if (series.size > 0 && !series.has(parsed.input.seriesId)) continue;
        if (!firstTime(parsed.input.envelope.id)) continue; // each envelope once, however often it is on the topic
        for (const line of claimLinesOf(parsed.input))
          await write(opts.json ? `${JSON.stringify(line)}\n` : `${formatClaimLine(line)}\n`);
      }
    });
    process.stderr.write(
      `following ${kafkaTopics.join(', ')} ${since === undefined ? 'from now on' : `from ${new Date(since).toISOString()}`}; Ctrl-C stops\n`,
    );
    await stopped;
    await reader.stop();
  } finally {
    await bus.close();
  }
}
