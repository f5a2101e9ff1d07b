import type { KafkaBus } from '../../services/platform/kafka.ts';
import { waitFor } from './harness.ts';

/** Where a consumer of topics stands: the next offset it will apply, per partition. */
export type Positions = () => ReadonlyArray<{ topic: string; partition: number; nextOffset: string }>;

/**
 * Waits until a consumer (the read model's projector, a reader) has applied every message now on `topics`: the high
 * watermarks are read once, then `positions()` is polled until each partition has reached its own.
 */
export async function caughtUpWith(
  bus: Pick<KafkaBus, 'topicOffsets'>,
  topics: readonly string[],
  positions: Positions,
  options: { timeoutMs?: number; what: string },
): Promise<void> {
  const targets = (
    await Promise.all(
      topics.map(async (topic) =>
        (await bus.topicOffsets(topic)).map((p) => ({ key: `${topic}/${p.partition}`, high: BigInt(p.high) })),
      ),
    )
  ).flat();
  await waitFor(() => {
    const at = new Map(positions().map((p) => [`${p.topic}/${p.partition}`, BigInt(p.nextOffset)]));
    return targets.every((t) => t.high === 0n || (at.get(t.key) ?? 0n) >= t.high) ? true : undefined;
  }, options);
}
