import { z } from 'zod';
import { ProcessCountersSchema } from './process-counters.ts';
import { ArticleSchema } from './article.ts';
import { ClaimSchema } from './claim.ts';
import { envelopeSchema, MessageMetadataSchema } from './envelope.ts';
import { ArticleRefSchema, PublishedTallySchema, TallyEventSchema, TallyReportSchema } from './tally.ts';
import {
  ArticleReceivedSchema,
  DeadLetterSchema,
  DedupVerdictSchema,
  TallyPublishedSchema,
  topicNames,
} from './topics.ts';
import { SubscriptionRemovedSchema, SubscriptionSchema } from './webhook.ts';

/**
 * A webhook secret as the registry topic holds it: sealed with AES-256-GCM (services/pipeline/webhooks/secret-box.ts), never the
 * secret itself. Documented as what producers write; readers still accept a plain secret registered before sealing.
 */
export const SealedSecretSchema = z
  .string()
  .regex(/^enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]{38,}$/)
  .describe(
    '`enc:v1:<key id>:<base64url(iv ‖ ciphertext ‖ tag)>`: AES-256-GCM with the key WEBHOOK_SECRET_KEY (key id: the first 8 hex digits of its SHA-256; the key id is the associated data). Never the plain secret.',
  );
/** The registry message as the document describes it: the subscription with its secret sealed. */
const SealedSubscriptionRegisteredSchema = envelopeSchema(
  z.literal('SubscriptionRegistered'),
  SubscriptionSchema.extend({ secret: SealedSecretSchema }),
);

/** A topic as created (services/platform/bus/topics.ts `pipelineTopicSpecs`): its partitions and configs go into the Kafka bindings. */
export interface AsyncApiTopicSpec {
  topic: string;
  partitions: number;
  config?: Record<string, string>;
}

export interface AsyncApiOptions {
  /** KAFKA_TOPIC_PREFIX. */
  prefix: string;
  /** Claim topic ids of the taxonomy: one claims channel each. */
  claimTopics: readonly string[];
  /** Bootstrap servers (`host:port`): one AsyncAPI server each. */
  brokers: readonly string[];
  /** `info.version` (the claimwatch version). */
  version: string;
  /** Partitions and configs of the topics; the bindings leave them out for topics not listed. */
  topicSpecs?: readonly AsyncApiTopicSpec[];
}

type Json = Record<string, unknown>;

const KAFKA_BINDING_VERSION = '0.5.0';
const ref = (pointer: string) => ({ $ref: pointer });

/**
 * The message payload schemas, generated from the zod contracts. Claims-topic messages are not built from
 * ClaimsTopicMessageSchema (a transform, which JSON Schema cannot express) but from each TallyEventSchema member's
 * `type` and `data` wrapped in the same envelope, so the document follows the events as they change.
 */
function payloadSchemas() {
  const tallyEvents = TallyEventSchema.options.map((event) => ({
    type: event.shape.type.value,
    payload: envelopeSchema(event.shape.type, event.shape.data),
  }));
  const registry = z.registry<{ id: string }>();
  // Shared parts first: every payload refers to them instead of repeating them.
  registry.add(MessageMetadataSchema, { id: 'MessageMetadata' });
  registry.add(ClaimSchema, { id: 'Claim' });
  registry.add(ArticleSchema, { id: 'Article' });
  registry.add(ArticleRefSchema, { id: 'ArticleRef' });
  registry.add(TallyReportSchema, { id: 'TallyReport' });
  registry.add(PublishedTallySchema, { id: 'PublishedTally' });
  registry.add(ArticleReceivedSchema, { id: 'ArticleReceivedEnvelope' });
  for (const e of tallyEvents) registry.add(e.payload, { id: `${e.type}Envelope` });
  registry.add(TallyPublishedSchema, { id: 'TallyPublishedEnvelope' });
  registry.add(DeadLetterSchema, { id: 'DeadLetterEnvelope' });
  registry.add(SealedSecretSchema, { id: 'SealedSecret' });
  registry.add(SealedSubscriptionRegisteredSchema, { id: 'SubscriptionRegisteredEnvelope' });
  registry.add(SubscriptionRemovedSchema, { id: 'SubscriptionRemovedEnvelope' });
  registry.add(DedupVerdictSchema, { id: 'DedupVerdictEnvelope' });
  registry.add(ProcessCountersSchema, { id: 'ProcessCounters' });

  // AsyncAPI 3's default schema format is a superset of JSON Schema draft-07. The output side is what producers
  // write (defaults filled in, so `url`/`title` are always present); `additionalProperties: false` is dropped because
  // claimwatch's own readers (zod objects) ignore unknown fields, and subscribers should too as v1 grows.
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-7',
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
    override: ({ jsonSchema }) => {
      if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  });
  const components: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as Json;
    components[id] = rest;
  }
  return { components, tallyEventTypes: tallyEvents.map((e) => e.type) };
}

// Kafka stores topic configs as strings; the binding wants cleanup.policy as a list and numbers as numbers.
function topicConfiguration(config: Record<string, string>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === 'cleanup.policy') out[k] = v.split(',').map((p) => p.trim());
    else out[k] = /^-?\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

interface MessageDef {
  title: string;
  summary: string;
  key: string;
  /** The payload's schema id when it is not the envelope `<name>Envelope` (a plain record). */
  payload?: string;
}

/**
 * The AsyncAPI 3.0 document of claimwatch's Kafka topics, from the point of view of a client: it receives from every
 * topic and may send articles to the raw topic. One channel per Kafka topic (one per claim topic), each message's
 * payload being the envelope `{id, type, occurredAt, data, metadata}` with its `data` schema, the key in the Kafka
 * message binding. Pure: the same options give the same document.
 */
export function buildAsyncApiDocument(options: AsyncApiOptions): Json {
  const { prefix, claimTopics, brokers, version, topicSpecs = [] } = options;
  const names = topicNames(prefix);
  const { components: schemas, tallyEventTypes } = payloadSchemas();

  const servers: Record<string, Json> = {};
  brokers.forEach((host, i) => {
    servers[brokers.length === 1 ? 'kafka' : `kafka-${i + 1}`] = {
      host,
      protocol: 'kafka',
      description:
        brokers.length === 1
          ? 'Kafka bootstrap server.'
          : `Kafka bootstrap server ${i + 1} of ${brokers.length}; any one reaches the cluster.`,
    };
  });

  const channelBinding = (topic: string): Json => {
    const spec = topicSpecs.find((s) => s.topic === topic);
    return {
      kafka: {
        topic,
        ...(spec && { partitions: spec.partitions }),
        ...(spec?.config && { topicConfiguration: topicConfiguration(spec.config) }),
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    };
  };

  const messageDefs: Record<string, MessageDef> = {
    ArticleReceived: {
      title: 'Article received',
      summary: 'An ingested article with its canonical id and the channel it came through.',
      key: 'The canonical article id.',
    },
    ClaimReported: {
      title: 'Claim reported',
      summary:
        'One claim of an article; `copyOf` names the canonical article when the article is a known syndicated copy.',
      key: 'The series id.',
    },
    ArticleCopyRecorded: {
      title: 'Article copy recorded',
      summary: 'A syndicated copy of an article: its reports count once, under the canonical article.',
      key: 'The series id.',
    },
    ArticleClaimsReplaced: {
      title: 'Article claims replaced',
      summary:
        "Re-extraction: the article's claims in this series by `extractorVersion` (possibly none) supersede older versions' claims.",
      key: 'The series id.',
    },
    TallyPublished: {
      title: 'Tally published',
      summary: 'The latest snapshot of one series; a higher `version` supersedes a lower one.',
      key: 'The series id.',
    },
    DeadLetter: {
      title: 'Dead letter',
      summary: 'Bad input with the reason, every problem, the source, its location and the original payload.',
      key: 'The component or source that refused the input.',
    },
    SubscriptionRegistered: {
      title: 'Subscription registered',
      summary:
        'A webhook subscription: URL, condition, and its signing secret sealed with AES-256-GCM (`SealedSecret`).',
      key: 'The subscription id.',
    },
    SubscriptionRemoved: {
      title: 'Subscription removed',
      summary: 'A webhook subscription ended; it compacts away its registration.',
      key: 'The subscription id.',
    },
    ProcessCounters: {
      title: 'Process counters',
      summary:
        "One process instance's counter totals since it started (articles dispatched, duplicates, claims published, dead letters, refused workflow starts), published within 5 s of a change and at least every minute. A plain JSON record, not an envelope. `/api/pipeline/health` adds them up over every process heard of recently.",
      key: 'The process id (`host:pid:random`, new at every start).',
      payload: 'ProcessCounters',
    },
    DedupVerdict: {
      title: 'Dedup verdict',
      summary:
        "The dedup index's verdict on one article (original, or a copy of `duplicateOf` and why), in the order the index gave them.",
      key: 'The article id.',
    },
  };
  const messages: Record<string, Json> = {};
  for (const [name, def] of Object.entries(messageDefs)) {
    messages[name] = {
      name,
      title: def.title,
      summary: def.summary,
      contentType: 'application/json',
      payload: ref(`#/components/schemas/${def.payload ?? `${name}Envelope`}`),
      correlationId: {
        description: 'The request that started the flow.',
        location: '$message.payload#/metadata/correlationId',
      },
      bindings: { kafka: { key: { type: 'string', description: def.key }, bindingVersion: KAFKA_BINDING_VERSION } },
    };
  }
  // Claims-topic messages also carry the event type in a `type` header (publishTallyEvents).
  for (const type of tallyEventTypes) {
    const m = messages[type];
    if (m === undefined) throw new Error(`asyncapi: no message description for tally event ${type}`);
    m.headers = { type: 'object', properties: { type: { type: 'string', const: type } }, required: ['type'] };
  }

  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};
  const messageRefs = (names: readonly string[]) =>
    Object.fromEntries(names.map((n) => [n, ref(`#/components/messages/${n}`)]));
  const addChannel = (
    id: string,
    address: string,
    title: string,
    description: string,
    messageNames: readonly string[],
  ) => {
    channels[id] = {
      address,
      title,
      description,
      messages: messageRefs(messageNames),
      bindings: channelBinding(address),
    };
  };
  const addOperation = (
    id: string,
    action: 'send' | 'receive',
    channelId: string,
    summary: string,
    messageNames: readonly string[],
  ) => {
    operations[id] = {
      action,
      channel: ref(`#/channels/${channelId}`),
      summary,
      messages: messageNames.map((n) => ref(`#/channels/${channelId}/messages/${n}`)),
    };
  };

  addChannel(
    'articlesRaw',
    names.rawArticles,
    'Raw articles',
    'Every ingested article (files, HTTP, feeds), keyed by canonical article id. Retained forever.',
    ['ArticleReceived'],
  );
  addOperation(
    'sendArticle',
    'send',
    'articlesRaw',
    'Ingest an article (what `claimwatch ingest` and POST /api/articles do).',
    ['ArticleReceived'],
  );
  addOperation('receiveArticles', 'receive', 'articlesRaw', 'Read the raw articles.', ['ArticleReceived']);

  for (const topic of claimTopics) {
    const id = `claims.${topic}`;
    addChannel(
      id,
      names.claims(topic),
      `Claims: ${topic}`,
      `Tally events of the claim topic "${topic}" (${tallyEventTypes.join(', ')}). The key is the series id, so every event of a series is in one partition, in order. Envelope ids are deterministic: a re-delivered event has the same id. Retained forever; replaying from offset 0 rebuilds every tally of this topic.`,
      tallyEventTypes,
    );
    addOperation(`receiveClaims.${topic}`, 'receive', id, `Subscribe to the claims of "${topic}".`, tallyEventTypes);
  }

  addChannel(
    'tallies',
    names.tallies,
    'Tallies',
    'The latest snapshot of every series (compacted: the newest message per series id survives).',
    ['TallyPublished'],
  );
  addOperation('receiveTallies', 'receive', 'tallies', 'Read the latest tally of every series.', ['TallyPublished']);
  addChannel(
    'deadLetters',
    names.deadLetters,
    'Dead letters',
    'Input claimwatch refused, kept with the reason and the original payload so nothing is lost.',
    ['DeadLetter'],
  );
  addOperation('receiveDeadLetters', 'receive', 'deadLetters', 'Read refused input.', ['DeadLetter']);
  addChannel(
    'subscriptions',
    names.subscriptions,
    'Webhook subscriptions',
    'The webhook registry (compacted: the newest message per subscription id says whether it stands). Secrets are sealed with AES-256-GCM; the plain secret is never on this topic or its segment files.',
    ['SubscriptionRegistered', 'SubscriptionRemoved'],
  );
  addOperation(
    'receiveSubscriptions',
    'receive',
    'subscriptions',
    'Read the webhook registry (what the alert router follows).',
    ['SubscriptionRegistered', 'SubscriptionRemoved'],
  );
  addChannel(
    'dedupVerdicts',
    names.dedupVerdicts,
    'Dedup verdicts',
    'Every verdict of the dedup index, in the order it gave them (one partition). Retained forever: `claimwatch rebuild --dedup-index` rebuilds the index from it and the raw articles.',
    ['DedupVerdict'],
  );
  addOperation('receiveDedupVerdicts', 'receive', 'dedupVerdicts', 'Read the dedup verdicts.', ['DedupVerdict']);
  addChannel(
    'processCounters',
    names.processCounters,
    'Process counters',
    'Counter totals of every claimwatch process (compacted: the newest record per process id survives), the source of the cluster-wide `/api/pipeline/health`.',
    ['ProcessCounters'],
  );
  addOperation('receiveProcessCounters', 'receive', 'processCounters', "Read every process's counters.", [
    'ProcessCounters',
  ]);

  return {
    asyncapi: '3.0.0',
    id: `urn:claimwatch:${prefix}`,
    info: {
      title: 'claimwatch Kafka topics',
      version,
      description:
        `The Kafka topics of the claimwatch pipeline with prefix "${prefix}", as a client sees them. Every message is ` +
        'JSON in the envelope `{id, type, occurredAt, data, metadata: {correlationId, causationId}}`. Each claim topic ' +
        `has its own Kafka topic, e.g. \`kcat -b ${brokers[0] ?? '<broker>'} -t ${names.claims(claimTopics[0] ?? '<topic>')} -C\`.`,
    },
    defaultContentType: 'application/json',
    servers,
    channels,
    operations,
    components: { schemas, messages },
  };
}
