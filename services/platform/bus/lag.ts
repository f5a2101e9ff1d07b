import type { KafkaBus } from '../kafka.ts';

/** Messages a consumer group has not committed yet, summed over the partitions of the given topics. */
export async function groupLag(bus: KafkaBus, groupId: string, topics: readonly string[]): Promise<number> {
  let lag = 0;
  for (const topic of topics) {
    const [high, committed] = await Promise.all([bus.topicOffsets(topic), bus.groupOffsets(groupId, topic)]);
    const done = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
    for (const p of high) {
      const c = done.get(p.partition) ?? -1;
      lag += Number(p.high) - (c < 0 ? Number(p.low) : c);
    }
  }
  return lag;
}
