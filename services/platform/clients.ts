import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { EventProducer, KafkaBus } from './kafka.ts';
import { connectWorker, lazyClient } from './temporal.ts';

/**
 * The connections a process's services share: one Temporal client, one native connection for its workers and one
 * Kafka producer. Services take them and never close them; the composition root that opened them closes them.
 */
export interface SharedClients {
  /** Starts, signals and queries workflows; its one connection dials on first use (a service may start while Temporal is down). */
  temporal: Client;
  /**
   * The native connection a Temporal worker of the process polls `taskQueue` with: one for all its workers (opened on
   * first call), except that Temporal refuses two workers of one task queue on one connection, so a second worker of a
   * queue gets a connection of its own (tests run two pipeline workers in one process).
   */
  workerConnection(taskQueue: string): Promise<NativeConnection>;
  /** The process's Kafka producer, connected on first send; its `disconnect` does nothing (the root's `close` does it). */
  producer: EventProducer;
}

/** Shared clients with the root's handle to close them. */
export interface ProcessClients extends SharedClients {
  close(): Promise<void>;
}

/** Memoises an async open; a failure is forgotten so the next call tries again. */
function once<T>(open: () => Promise<T>): { get(): Promise<T>; opened(): Promise<T> | undefined } {
  let p: Promise<T> | undefined;
  return {
    get: () =>
      (p ??= open().catch((err: unknown) => {
        p = undefined;
        throw err;
      })),
    opened: () => p,
  };
}

/** Opens (lazily) the clients one process shares; called once by each composition root (`services/app/pipeline.ts`). */
export function openProcessClients(options: {
  bus: KafkaBus;
  temporal: { address: string; namespace: string };
}): ProcessClients {
  const temporal = lazyClient(options.temporal);
  const worker = once(() => connectWorker({ address: options.temporal.address }));
  const queuesOnShared = new Set<string>();
  const extra: Array<Promise<NativeConnection>> = [];
  const workerConnection = (taskQueue: string): Promise<NativeConnection> => {
    if (!queuesOnShared.has(taskQueue)) {
      queuesOnShared.add(taskQueue);
      return worker.get();
    }
    const own = connectWorker({ address: options.temporal.address });
    extra.push(own);
    return own;
  };
  const producer = once(() => options.bus.createProducer());
  return {
    temporal: temporal.client,
    workerConnection,
    producer: {
      send: async (topic, messages, sendOptions) => (await producer.get()).send(topic, messages, sendOptions),
      disconnect: async () => undefined,
    },
    async close() {
      await (await producer.opened()?.catch(() => undefined))?.disconnect().catch(() => undefined);
      for (const c of [worker.opened(), ...extra.splice(0)])
        await (await c?.catch(() => undefined))?.close().catch(() => undefined);
      await temporal.close().catch(() => undefined);
    },
  };
}
