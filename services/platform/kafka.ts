// The only module that imports kafkajs: the rest of claimwatch sees the small interface below,
// so replacing the client (kafkajs is unmaintained since 2023) touches one file.
import {
  Kafka,
  Partitioners,
  type ConfigResourceTypes,
  logLevel as KafkaLogLevel,
  type LogEntry,
  type Consumer,
  type Producer,
  type Admin,
  type KafkaMessage,
} from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { Logger } from './logger.ts';
import { isExpectedKafkaRetry } from './log-format.ts';
import { RefusedError, UnavailableError, causeChain, isRetriable } from './errors.ts';
import { chunkBySize } from './io/chunks.ts';

export interface OutgoingMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
  timestamp?: string;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface BatchContext {
  /** Marks a message done; only resolved offsets are committed. */
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
  commit(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  config?: Record<string, string>;
}

export interface SendOptions {
  /** The topic's `max.message.bytes`: a message above it is refused before anything is sent (unset: the broker decides). */
  maxMessageBytes?: number;
}

export interface EventProducer {
  /**
   * Sends in produce requests of at most SEND_CHUNK_BYTES (one message larger than that goes alone), in order. Sends
   * that share a key run one after the other (a retried send never overtakes, nor is overtaken by, an earlier one
   * still retrying inside kafkajs). Throws RefusedError when the broker (or `maxMessageBytes`) refuses the messages
   * for good, UnavailableError otherwise.
   */
  send(topic: string, messages: OutgoingMessage[], options?: SendOptions): Promise<void>;
  disconnect(): Promise<void>;
}

export interface GroupConsumer {
  /** Resolves once the consumer has joined and is fetching. */
  run(handler: (messages: IncomingMessage[], ctx: BatchContext) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
  disconnect(): Promise<void>;
}

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  maxWaitTimeInMs?: number;
  /** The broker answers a fetch once it has this many bytes (or maxWaitTimeInMs passed): bigger batches under load. Default 1. */
  minBytes?: number;
  sessionTimeout?: number;
  /** Commit after each batch only (false) or also on an interval. */
  autoCommit?: boolean;
  /**
   * How many partitions' batches of one fetch the handler may be running at once (kafkajs
   * `partitionsConsumedConcurrently`; it fetches again once all are done). Order within a partition is kept. Default 1.
   */
  partitionsConcurrently?: number;
}

/** One partition as the cluster's metadata describes it: its leader's node id (-1 while it has none), replicas and ISR. */
export interface PartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface KafkaBus {
  /**
   * Creates the missing topics. On a cluster of 3 or more brokers (its metadata, asked at creation time) with
   * replication factor 3 and `min.insync.replicas=2` (see `replicationFor`); on fewer, the broker's defaults.
   */
  ensureTopics(specs: TopicSpec[]): Promise<void>;
  /** The partitions of a topic with their leaders, replicas and in-sync replicas (fresh metadata). */
  describePartitions(topic: string): Promise<PartitionInfo[]>;
  /** Some configs of a topic as the broker reports them (e.g. `min.insync.replicas`). */
  topicConfig(topic: string, names: string[]): Promise<Record<string, string>>;
  listTopics(): Promise<string[]>;
  deleteTopics(topics: string[]): Promise<void>;
  createProducer(): Promise<EventProducer>;
  createConsumer(options: ConsumerOptions): Promise<GroupConsumer>;
  /** Latest offsets per partition (high watermarks) of a topic. */
  topicOffsets(topic: string): Promise<Array<{ partition: number; high: string; low: string }>>;
  /** Committed offsets of a group on a topic, per partition ('-1' when none). */
  groupOffsets(groupId: string, topic: string): Promise<Array<{ partition: number; offset: string }>>;
  describeCluster(): Promise<{ brokers: number; controller: number | null; clusterId: string }>;
  /** Per partition, the first offset whose message timestamp is >= ts (the high watermark when none is). Used by backfills. */
  offsetsForTimes(topic: string, ts: number): Promise<Array<{ partition: number; offset: string }>>;
  /**
   * The messages of one partition with offsets in [from, to), clamped to what the partition holds, read by a
   * throwaway consumer (kafkajs has no manual assignment). Used by backfill batches; rejects when the consumer crashes.
   */
  readPartitionRange(topic: string, partition: number, from: string, to: string): Promise<IncomingMessage[]>;
  /** A follower of topics from given offsets that never commits (see TopicReader). Used by `claimwatch subscribe`. */
  createReader(options: ReaderOptions): Promise<TopicReader>;
  close(): Promise<void>;
}

export interface ReaderOptions {
  topics: string[];
  /** Where each partition starts (e.g. the high watermarks, or `offsetsForTimes`); a partition not listed starts at its end. */
  start: Array<{ topic: string; partition: number; offset: string }>;
  maxWaitTimeInMs?: number;
}

/**
 * Reads topics like a stock consumer with manual assignment: a throwaway group that commits nothing, every
 * partition sought on each join to the next offset it has not delivered (first: its `start`), so a rejoin neither
 * skips nor repeats. The broker forgets the group once the reader stops.
 */
export interface TopicReader {
  /** Resolves once the reader has joined; then hands each fetched batch to `handler`, in order per partition. */
  run(handler: (messages: IncomingMessage[]) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** The broker's default `max.message.bytes` (1 MiB + record overhead), which the claims topics keep. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** Most bytes of messages in one produce request: one record batch per partition stays under the 1 MiB default. */
export const SEND_CHUNK_BYTES = 900_000;
/** How long a producer trusts its last answer to "is the cluster one broker?". */
const SINGLE_BROKER_RECHECK_MS = 30_000;
/** Kafka error types that no retry can fix: the same messages are refused the same way. */
const REFUSED_TYPES = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TIMESTAMP',
  'UNSUPPORTED_COMPRESSION_TYPE',
]);

/**
 * Replication of the topics claimwatch creates, from the number of brokers in the cluster: with 3 or more, 3 copies of
 * which 2 must have every acknowledged write (`acks=all`), so one broker can die without losing or refusing writes;
 * with fewer, the broker's `default.replication.factor` (-1) and its `min.insync.replicas`.
 */
export function replicationFor(brokers: number): { replicationFactor: number; config: Record<string, string> } {
  return brokers >= 3
    ? { replicationFactor: 3, config: { 'min.insync.replicas': '2' } }
    : { replicationFactor: -1, config: {} };
}

/** kafkajs' `ConfigResourceTypes.TOPIC` (its ESM named exports lack the enum's value). */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

/** Bytes a message takes on the wire, near enough (key, value, headers and per-record overhead). */
export function messageBytes(m: OutgoingMessage): number {
  let n = 70 + Buffer.byteLength(m.key) + Buffer.byteLength(m.value);
  for (const [k, v] of Object.entries(m.headers ?? {})) n += Buffer.byteLength(k) + Buffer.byteLength(v) + 4;
  return n;
}

/** Our error for what kafkajs threw on a produce: RefusedError for a permanent refusal, UnavailableError otherwise. */
export function classifyProduceError(topic: string, err: unknown): RefusedError | UnavailableError {
  for (const e of causeChain(err)) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && REFUSED_TYPES.has(type))
      return new RefusedError(`Kafka refused the messages for ${topic}: ${type}`, err);
  }
  return new UnavailableError(`could not produce to ${topic}: ${(err as Error)?.message ?? String(err)}`, err);
}

/** Splits a send into produce requests under SEND_CHUNK_BYTES; throws RefusedError for a message over `maxMessageBytes`. */
export function produceChunks(
  topic: string,
  messages: readonly OutgoingMessage[],
  maxMessageBytes = Number.POSITIVE_INFINITY,
): OutgoingMessage[][] {
  for (const [i, m] of messages.entries()) {
    const size = messageBytes(m);
    if (size > maxMessageBytes)
      throw new RefusedError(
        `message ${i} (key ${m.key.slice(0, 80)}) is ${size} bytes, over ${topic}'s max.message.bytes ${maxMessageBytes}`,
      );
  }
  return chunkBySize(messages, messageBytes, SEND_CHUNK_BYTES);
}

/**
 * Runs tasks so that two sharing a key never overlap: each waits for the previous task of each of its keys to
 * settle. A produce whose caller gave up (a timed-out activity) keeps retrying inside kafkajs; the retry waits behind it
 * instead of racing it, so a key's messages land in the order they were sent.
 */
export function createKeyedSequencer() {
  const tails = new Map<string, Promise<unknown>>();
  return async function run<T>(keys: Iterable<string>, task: () => Promise<T>): Promise<T> {
    const own = [...new Set(keys)];
    const before = own.map((k) => tails.get(k)).filter((p): p is Promise<unknown> => p !== undefined);
    const result = Promise.allSettled(before).then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    for (const k of own) tails.set(k, settled);
    void settled.then(() => {
      for (const k of own) if (tails.get(k) === settled) tails.delete(k);
    });
    return result;
  };
}

/**
 * Runs a kafkajs admin call again while a partition has no leader it knows of (a broker just died and the cluster is
 * electing): kafkajs then answers offset requests with a TypeError from an empty response instead of a retriable error.
 */
async function whileLeaderless<T>(call: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= attempts || !(err instanceof TypeError || isRetriable(err))) throw err;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}

/**
 * Messages grouped by the partition kafkajs' default partitioner (Java's murmur2 of the key) gives them, in order.
 * Why the producer sends each group on its own: kafkajs 2.2.4 remembers which *broker* answered a multi-partition send;
 * when a leader dies mid-send and its partitions move to a broker that had already answered for others, its retry
 * skips that broker and resolves without ever writing them — acknowledged messages lost (seen in
 * tests/int/brokers). A send to one partition has one leader, so it resolves only once that partition took it.
 */
export function byPartition(
  messages: readonly OutgoingMessage[],
  topic: string,
  partitions: number,
  partitioner: ReturnType<typeof Partitioners.DefaultPartitioner>,
): Map<number, OutgoingMessage[]> {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [],
    isr: [],
  }));
  const out = new Map<number, OutgoingMessage[]>();
  for (const m of messages) {
    const p = partitioner({ topic, partitionMetadata, message: { key: m.key, value: m.value } });
    const group = out.get(p);
    if (group) group.push(m);
    else out.set(p, [m]);
  }
  return out;
}

/** A fetched kafkajs message as claimwatch code sees it: strings, not buffers. */
function incoming(topic: string, partition: number, m: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key ? m.key.toString('utf8') : null,
    value: m.value ? m.value.toString('utf8') : null,
    headers: headersToStrings(m.headers as Record<string, unknown> | undefined),
    timestamp: m.timestamp,
  };
}

/** Resolves when the consumer has first joined its group (partitions assigned). */
function firstJoin(consumer: Consumer): Promise<void> {
  return new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
}

function toPinoLogCreator(log: Logger) {
  return () =>
    ({ level, log: entry, namespace }: LogEntry) => {
      const { message, ...rest } = entry;
      const ctx = { component: 'kafkajs', namespace, broker: rest.broker, error: rest.error, groupId: rest.groupId };
      // Bounded producer retries are deliberate (callers retry through Temporal or the consumer), so
      // kafkajs' warning about them is not news.
      const expected = message.startsWith('Limiting retries for the idempotent producer');
      if (level === KafkaLogLevel.ERROR)
        log[isExpectedKafkaRetry({ message, error: rest.error }) ? 'debug' : 'error'](ctx, message);
      else if (level === KafkaLogLevel.WARN && !expected) log.warn(ctx, message);
      else if (level === KafkaLogLevel.INFO) log.debug(ctx, message);
      else log.trace(ctx, message);
    };
}

function headersToStrings(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined || v === null) continue;
    out[k] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
  return out;
}

/** Builds the Kafka bus for one process; throws nothing until a method is called. */
export function createKafkaBus(options: {
  brokers: string[];
  clientId: string;
  log: Logger;
  retries?: number;
}): KafkaBus {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: KafkaLogLevel.WARN,
    logCreator: toPinoLogCreator(options.log),
    retry: { initialRetryTime: 200, retries: options.retries ?? 8 },
    connectionTimeout: 3000,
  });
  let admin: Admin | undefined;
  const closers: Array<() => Promise<void>> = [];
  const getAdmin = async () => {
    if (!admin) {
      const a = kafka.admin();
      await a.connect();
      admin = a;
    }
    return admin;
  };

  return {
    async ensureTopics(specs) {
      // A broker that just started (or several processes creating the same topics at once) can
      // answer "unknown topic" or "already exists" while metadata settles: retry what is retriable.
      for (let attempt = 1; ; attempt++) {
        try {
          const a = await getAdmin();
          const existing = new Set(await a.listTopics());
          const missing = specs.filter((s) => !existing.has(s.topic));
          if (missing.length === 0) return;
          const replication = replicationFor((await a.describeCluster()).brokers.length);
          await a.createTopics({
            waitForLeaders: true,
            topics: missing.map((s) => ({
              topic: s.topic,
              numPartitions: s.partitions,
              replicationFactor: replication.replicationFactor,
              configEntries: Object.entries({ ...replication.config, ...s.config }).map(([name, value]) => ({
                name,
                value,
              })),
            })),
          });
        } catch (err) {
          const alreadyExists = (err as { type?: string }).type === 'TOPIC_ALREADY_EXISTS';
          if (attempt >= 6 || (!alreadyExists && !isRetriable(err))) throw err;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    },
    async listTopics() {
      return (await getAdmin()).listTopics();
    },
    async describePartitions(topic) {
      const meta = await (await getAdmin()).fetchTopicMetadata({ topics: [topic] });
      const parts = meta.topics.find((t) => t.name === topic)?.partitions ?? [];
      return parts
        .map((p) => ({
          partition: p.partitionId,
          leader: p.leader,
          replicas: [...p.replicas].sort((x, y) => x - y),
          isr: [...p.isr].sort((x, y) => x - y),
        }))
        .sort((x, y) => x.partition - y.partition);
    },
    async topicConfig(topic, names) {
      const res = await (
        await getAdmin()
      ).describeConfigs({
        resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: names }],
        includeSynonyms: false,
      });
      return Object.fromEntries((res.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
    },
    async deleteTopics(topics) {
      await (await getAdmin()).deleteTopics({ topics });
    },
    async createProducer() {
      const producer: Producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      const sequence = createKeyedSequencer();
      const partitionOf = Partitioners.DefaultPartitioner();
      const partitionCounts = new Map<string, number>();
      const partitionCount = async (topic: string): Promise<number> => {
        let n = partitionCounts.get(topic);
        if (n === undefined) {
          n =
            (await whileLeaderless(async () => (await getAdmin()).fetchTopicMetadata({ topics: [topic] }))).topics[0]
              ?.partitions.length ?? 0;
          if (n === 0) throw new UnavailableError(`no metadata for topic ${topic}`);
          partitionCounts.set(topic, n);
        }
        return n;
      };
      // Whether the cluster is one broker, asked again every SINGLE_BROKER_RECHECK_MS (a cluster may grow under a
      // running process; until the next check its sends still go to the one broker it had).
      let single: { answer: Promise<boolean>; at: number } | undefined;
      const singleBroker = (): Promise<boolean> => {
        if (single === undefined || Date.now() - single.at > SINGLE_BROKER_RECHECK_MS) {
          const answer = whileLeaderless(async () => (await (await getAdmin()).describeCluster()).brokers.length === 1);
          const asked = { answer, at: Date.now() };
          single = asked;
          answer.catch(() => {
            if (single === asked) single = undefined;
          });
        }
        return single.answer;
      };
      const handle: EventProducer = {
        async send(topic, messages, sendOptions) {
          if (messages.length === 0) return;
          const chunks = produceChunks(topic, messages, sendOptions?.maxMessageBytes);
          await sequence(
            messages.map((m) => `${topic}\u0000${m.key}`),
            async () => {
              for (const chunk of chunks) {
                try {
                  const partitions = await partitionCount(topic);
                  const groups = [...byPartition(chunk, topic, partitions, partitionOf)].map(([partition, part]) =>
                    part.map((m) => ({ ...m, partition })),
                  );
                  // One broker: no leader can move to another broker mid-send, so one request carries every partition.
                  // Several: one kafkajs send per partition, each resolved only when that partition's leader took it.
                  if (await singleBroker()) await producer.send({ topic, acks: -1, messages: groups.flat() });
                  else await Promise.all(groups.map((messages) => producer.send({ topic, acks: -1, messages })));
                } catch (err) {
                  throw classifyProduceError(topic, err);
                }
              }
            },
          );
        },
        async disconnect() {
          await producer.disconnect();
        },
      };
      closers.push(() => producer.disconnect());
      return handle;
    },
    async createConsumer(opts) {
      const consumer: Consumer = kafka.consumer({
        groupId: opts.groupId,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: opts.maxWaitTimeInMs ?? 500,
        minBytes: opts.minBytes ?? 1,
        sessionTimeout: opts.sessionTimeout ?? 30_000,
        heartbeatInterval: 3000,
      });
      await consumer.connect();
      for (const topic of opts.topics) await consumer.subscribe({ topic, fromBeginning: opts.fromBeginning ?? true });
      closers.push(() => consumer.disconnect());
      const handle: GroupConsumer = {
        async run(handler) {
          const joined = firstJoin(consumer);
          await consumer.run({
            autoCommit: opts.autoCommit ?? true,
            autoCommitInterval: 1000,
            partitionsConsumedConcurrently: opts.partitionsConcurrently ?? 1,
            eachBatchAutoResolve: false,
            eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
              const messages = batch.messages.map((m) => incoming(batch.topic, batch.partition, m));
              await handler(messages, {
                resolveOffset,
                heartbeat,
                isRunning,
                isStale,
                commit: () => commitOffsetsIfNecessary(),
              });
            },
          });
          await joined;
        },
        async stop() {
          await consumer.stop();
        },
        async disconnect() {
          await consumer.disconnect();
        },
      };
      return handle;
    },
    async topicOffsets(topic) {
      const offsets = await whileLeaderless(async () => (await getAdmin()).fetchTopicOffsets(topic));
      return offsets.map((o) => ({ partition: o.partition, high: o.high, low: o.low }));
    },
    async groupOffsets(groupId, topic) {
      const res = await whileLeaderless(async () => (await getAdmin()).fetchOffsets({ groupId, topics: [topic] }));
      return (res[0]?.partitions ?? []).map((p) => ({ partition: p.partition, offset: p.offset }));
    },
    async describeCluster() {
      try {
        const d = await (await getAdmin()).describeCluster();
        return { brokers: d.brokers.length, controller: d.controller, clusterId: d.clusterId };
      } catch (err) {
        throw new UnavailableError(`Kafka at ${options.brokers.join(',')} is not reachable`, err);
      }
    },
    async offsetsForTimes(topic, ts) {
      const res = await whileLeaderless(async () => (await getAdmin()).fetchTopicOffsetsByTimestamp(topic, ts));
      return res.map((r) => ({ partition: r.partition, offset: r.offset }));
    },
    async readPartitionRange(topic, partition, from, to) {
      const offsets = await whileLeaderless(async () => (await getAdmin()).fetchTopicOffsets(topic));
      const own = offsets.find((o) => o.partition === partition);
      if (!own) throw new Error(`${topic} has no partition ${partition}`);
      const start = BigInt(from) > BigInt(own.low) ? BigInt(from) : BigInt(own.low);
      const end = BigInt(to) < BigInt(own.high) ? BigInt(to) : BigInt(own.high);
      if (start >= end) return [];
      // A group of its own that never commits: it reads, and the broker forgets it once it leaves.
      const consumer = kafka.consumer({
        groupId: `${options.clientId}.range.${randomUUID()}`,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: 100,
      });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: false });
        const out: IncomingMessage[] = [];
        // The next offset to deliver: sought on every join, so a consumer kafkajs restarts after a retriable error
        // (a coordinator moving, a rebalance under load) resumes where it stopped instead of at the end of the log.
        let next = start;
        const others = offsets.map((o) => o.partition).filter((p) => p !== partition);
        await new Promise<void>((resolve, reject) => {
          let finished = false;
          const finish = () => {
            finished = true;
            resolve();
          };
          // GROUP_JOIN comes between the assignment and the first fetch, so the pause and seek apply to that fetch.
          consumer.on(consumer.events.GROUP_JOIN, () => {
            if (others.length > 0) consumer.pause([{ topic, partitions: others }]);
            consumer.seek({ topic, partition, offset: next.toString() });
          });
          // kafkajs restarts the consumer itself after a retriable crash; only a crash it gives up on ends the read.
          consumer.on(consumer.events.CRASH, (e) => {
            if (!e.payload.restart) reject(e.payload.error);
          });
          consumer
            .run({
              autoCommit: false,
              eachBatchAutoResolve: false,
              eachBatch: async ({ batch }) => {
                // Batches fetched before the seek took effect (other partitions, earlier offsets) are skipped.
                if (finished || batch.partition !== partition) return;
                for (const m of batch.messages) {
                  const offset = BigInt(m.offset);
                  if (offset < next) continue;
                  if (offset >= end) return finish();
                  out.push(incoming(topic, partition, m));
                  next = offset + 1n;
                  if (next >= end) return finish();
                }
                // Nothing more to fetch (an offset gap at the end of the range would otherwise wait forever).
                if (batch.messages.length > 0 && BigInt(batch.lastOffset()) + 1n >= BigInt(batch.highWatermark))
                  finish();
              },
            })
            .catch(reject);
        });
        return out;
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    },
    async createReader(opts) {
      const consumer = kafka.consumer({
        groupId: `${options.clientId}.reader.${randomUUID()}`,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: opts.maxWaitTimeInMs ?? 250,
      });
      await consumer.connect();
      for (const topic of opts.topics) await consumer.subscribe({ topic, fromBeginning: false });
      const next = new Map(opts.start.map((s) => [`${s.topic}\u0000${s.partition}`, s]));
      // GROUP_JOIN is emitted synchronously between the assignment and the first fetch: seeks made here apply to it.
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const s of next.values()) consumer.seek(s);
      });
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        await consumer.disconnect();
      };
      closers.push(stop);
      return {
        async run(handler) {
          const joined = firstJoin(consumer);
          await consumer.run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              const messages = batch.messages.map((m) => incoming(batch.topic, batch.partition, m));
              await handler(messages);
              const last = messages[messages.length - 1];
              if (last)
                next.set(`${batch.topic}\u0000${batch.partition}`, {
                  topic: batch.topic,
                  partition: batch.partition,
                  offset: (BigInt(last.offset) + 1n).toString(),
                });
            },
          });
          await joined;
        },
        stop,
      };
    },
    async close() {
      for (const close of closers.splice(0)) await close().catch(() => undefined);
      if (admin) await admin.disconnect().catch(() => undefined);
      admin = undefined;
    },
  };
}
