import type { IncomingMessage, KafkaBus } from '../../../services/platform/kafka.ts';
import { uniqueName, waitFor } from '../../support/harness.ts';

/** Reads a topic from the beginning with a fresh group until `count` messages arrived (then waits `settleMs` for extras). */
export async function readTopic(bus: KafkaBus, topic: string, count: number, settleMs = 0): Promise<IncomingMessage[]> {
  const received: IncomingMessage[] = [];
  const consumer = await bus.createConsumer({
    groupId: uniqueName('ingest-test'),
    topics: [topic],
    fromBeginning: true,
    maxWaitTimeInMs: 100,
  });
  try {
    await consumer.run(async (messages, ctx) => {
      for (const m of messages) {
        received.push(m);
        ctx.resolveOffset(m.offset);
      }
    });
    await waitFor(() => (received.length >= count ? true : undefined), {
      what: `${count} messages on ${topic}`,
      timeoutMs: 60_000,
    });
    if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
    return received;
  } finally {
    await consumer.stop();
    await consumer.disconnect();
  }
}

/** Sum of high watermarks: how many messages a topic holds (no consumer needed). */
export async function messageCount(bus: KafkaBus, topic: string): Promise<number> {
  return (await bus.topicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}
