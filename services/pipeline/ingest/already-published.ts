import type { KafkaBus } from '../../platform/kafka.ts';

/**
 * True when the topic already holds a message with each of the given envelope ids (read from the start, as of now,
 * at most `timeoutMs`; false when that runs out). `npm start` asks it for the sample corpus, which ingest gives
 * stable message ids, so a restart does not publish the sample again. Reads values, so keep it to small topics or
 * ids near their start (the sample is the first thing `npm start` ingests).
 */
export async function topicHoldsMessages(
  bus: KafkaBus,
  topic: string,
  messageIds: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<boolean> {
  const wanted = new Set(messageIds);
  if (wanted.size === 0) return true;
  const offsets = await bus.topicOffsets(topic);
  const remaining = new Map(
    offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]),
  );
  if (remaining.size === 0) return false;
  const reader = await bus.createReader({
    topics: [topic],
    start: offsets.map((o) => ({ topic, partition: o.partition, offset: o.low })),
    maxWaitTimeInMs: 100,
  });
  try {
    return await new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => resolve(false), options.timeoutMs ?? 15_000);
      const finish = (result: boolean) => {
        clearTimeout(timer);
        resolve(result);
      };
      reader
        .run(async (messages) => {
          for (const m of messages) {
            const id = /"id":"([^"]+)"/.exec(m.value?.slice(0, 200) ?? '')?.[1];
            if (id !== undefined) wanted.delete(id);
            const high = remaining.get(m.partition);
            if (high !== undefined && BigInt(m.offset) + 1n >= high) remaining.delete(m.partition);
          }
          if (wanted.size === 0) finish(true);
          else if (remaining.size === 0) finish(false);
        })
        .catch(reject);
    });
  } finally {
    await reader.stop();
  }
}
