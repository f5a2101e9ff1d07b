// Pipeline health across processes. Each process's counters (duplicates, dead letters, refused workflow starts …)
// live in its own memory; when the services run apart the API process saw none of the dispatcher's or the worker's.
// So every process publishes its totals to a small compacted topic, keyed by a process id, and the HTTP service
// follows that topic and adds them up: one record per process instance, the latest one wins.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { topicNames } from '../../../schemas/topics.ts';
import { ProcessCountersSchema, type ProcessCounters } from '../../../schemas/process-counters.ts';
import { parseJsonLine } from '../../platform/io/jsonl.ts';
import type { CounterTotals } from '../../platform/metrics.ts';
import type { EventProducer, KafkaBus, TopicReader, TopicSpec } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';

/** The topic of the processes' counters: compacted, one partition, key = process id. */
export const processCountersTopic = (prefix: string): string => topicNames(prefix).processCounters;

/** The topic's spec: compacted, small segments so old records of a process go soon. */
export const processCountersTopicSpec = (prefix: string): TopicSpec => ({
  topic: processCountersTopic(prefix),
  partitions: 1,
  config: { 'cleanup.policy': 'compact', 'segment.ms': '3600000', 'min.cleanable.dirty.ratio': '0.1' },
});

/** How often a process publishes its counters when they changed (and at least every HEARTBEAT_MS). */
export const EXPORT_INTERVAL_MS = 5_000;
const HEARTBEAT_MS = 60_000;

/** Every process's counters added up; `processes` lists each instance with when it was last heard of. */
export interface ClusterCounters {
  totals: CounterTotals;
  processes: Array<ProcessCounters & { alive: boolean }>;
}

const zero = (): CounterTotals => ({
  articlesDispatched: 0,
  duplicates: { redelivery: 0, copy: 0 },
  claimsPublished: 0,
  deadLetters: 0,
  workflowStartFailures: 0,
});

/**
 * Pure: the sum of the latest record of every process instance (a process killed keeps what it last published: its
 * work happened), newest first. A process is alive when it was heard of within three heartbeats.
 */
export function sumProcessCounters(records: Iterable<ProcessCounters>, now: number): ClusterCounters {
  const totals = zero();
  const processes: ClusterCounters['processes'] = [];
  for (const r of records) {
    totals.articlesDispatched += r.counters.articlesDispatched;
    totals.duplicates.redelivery += r.counters.duplicates.redelivery;
    totals.duplicates.copy += r.counters.duplicates.copy;
    totals.claimsPublished += r.counters.claimsPublished;
    totals.deadLetters += r.counters.deadLetters;
    totals.workflowStartFailures += r.counters.workflowStartFailures;
    processes.push({ ...r, alive: now - Date.parse(r.at) <= 3 * HEARTBEAT_MS });
  }
  processes.sort((a, b) => b.at.localeCompare(a.at));
  return { totals, processes };
}

export interface CounterExporter {
  /** Publishes now if the counters changed since the last publish (or a heartbeat is due). Never throws. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Publishes this process's counters every EXPORT_INTERVAL_MS while they change (and once a minute regardless), and
 * once more on stop. A broker that is away only skips a round. Starts at once; creates its topic on first use.
 */
export function startCounterExport(options: {
  bus: Pick<KafkaBus, 'ensureTopics'>;
  /** The process's one producer (the composition root's; this never disconnects it). */
  producer: EventProducer;
  prefix: string;
  counters: () => Promise<CounterTotals>;
  log: Logger;
  intervalMs?: number;
  command?: string;
}): CounterExporter {
  const identity = {
    processId: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    command: options.command ?? process.argv[2] ?? 'node',
    host: os.hostname(),
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
  const topic = processCountersTopic(options.prefix);
  let ready: Promise<void> | undefined;
  let last = '';
  let lastAt = 0;
  let running: Promise<void> = Promise.resolve();
  const publish = async (force: boolean) => {
    try {
      const counters = await options.counters();
      const text = JSON.stringify(counters);
      if (!force && text === last && Date.now() - lastAt < HEARTBEAT_MS) return;
      ready ??= options.bus.ensureTopics([processCountersTopicSpec(options.prefix)]);
      await ready;
      const record: ProcessCounters = { ...identity, at: new Date().toISOString(), counters };
      await options.producer.send(topic, [{ key: identity.processId, value: JSON.stringify(record) }]);
      last = text;
      lastAt = Date.now();
    } catch (err) {
      ready = undefined;
      options.log.debug({ err }, 'process counters not published (next round)');
    }
  };
  const flush = (force = false) => (running = running.then(() => publish(force)));
  const timer = setInterval(() => void flush(), options.intervalMs ?? EXPORT_INTERVAL_MS);
  timer.unref();
  void flush(true);
  return {
    flush: () => flush(),
    async stop() {
      clearInterval(timer);
      // The last totals, but a broker that is away must not hold a stopping process for kafkajs' retries.
      await Promise.race([flush(true), new Promise((r) => setTimeout(r, 2_000).unref())]);
    },
  };
}

export interface ClusterCounterBoard {
  /** What every process last published, added up (nothing read from Kafka on this call). */
  read(now?: number): ClusterCounters;
  stop(): Promise<void>;
}

/**
 * Follows the counters topic from its start and keeps the latest record of each process in memory. Starts in the
 * background (the HTTP service must start while Kafka is away); until it has joined, `read` sums what it has.
 */
export function followProcessCounters(options: {
  bus: Pick<KafkaBus, 'createReader' | 'topicOffsets' | 'ensureTopics'>;
  prefix: string;
  log: Logger;
}): ClusterCounterBoard {
  const latest = new Map<string, ProcessCounters>();
  let reader: TopicReader | undefined;
  let stopped = false;
  const topic = processCountersTopic(options.prefix);
  const follow = async (): Promise<void> => {
    while (!stopped) {
      try {
        await options.bus.ensureTopics([processCountersTopicSpec(options.prefix)]);
        const start = (await options.bus.topicOffsets(topic)).map((p) => ({
          topic,
          partition: p.partition,
          offset: p.low,
        }));
        reader = await options.bus.createReader({ topics: [topic], start, maxWaitTimeInMs: 500 });
        if (stopped) break;
        await reader.run(async (messages) => {
          for (const m of messages) {
            const parsed = parseJsonLine(m.value ?? '', 0, ProcessCountersSchema);
            if (parsed.ok) latest.set(parsed.value.processId, parsed.value);
          }
        });
        return;
      } catch (err) {
        options.log.debug({ err }, 'process counters topic not followed yet (retrying)');
        await reader?.stop().catch(() => undefined);
        reader = undefined;
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
  };
  void follow();
  return {
    read: (now = Date.now()) => sumProcessCounters(latest.values(), now),
    async stop() {
      stopped = true;
      await reader?.stop().catch(() => undefined);
    },
  };
}
