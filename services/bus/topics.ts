import type { KafkaBus, TopicSpec } from '../platform/kafka.ts';
import { topicNames } from '../../schemas/topics.ts';

/** Partition counts: enough for two dispatchers/projectors to share work on one machine. */
const PARTITIONS = { raw: 6, claims: 3, tallies: 3, deadLetters: 1 } as const;

/** Every topic claimwatch needs, with its configs, for the given claim topics (from the taxonomy). */
export function pipelineTopicSpecs(prefix: string, claimTopics: readonly string[]): TopicSpec[] {
  const names = topicNames(prefix);
  const keepForever = { 'retention.ms': '-1', 'cleanup.policy': 'delete' };
  return [
    { topic: names.rawArticles, partitions: PARTITIONS.raw, config: { ...keepForever, 'max.message.bytes': '8388608' } },
    ...claimTopics.map((t) => ({ topic: names.claims(t), partitions: PARTITIONS.claims, config: keepForever })),
    // Compacted: the latest snapshot per series survives; a rebuild replays claims, not this.
    { topic: names.tallies, partitions: PARTITIONS.tallies, config: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '60000', 'max.message.bytes': '8388608' } },
    { topic: names.deadLetters, partitions: PARTITIONS.deadLetters, config: { ...keepForever, 'max.message.bytes': '8388608' } },
    // Compacted: the latest message per subscription id (registered or removed) is the registry.
    { topic: names.subscriptions, partitions: 1, config: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '60000' } },
  ];
}

/** Creates any missing pipeline topic; idempotent, safe to call from every process at start-up. */
export async function ensurePipelineTopics(bus: KafkaBus, prefix: string, claimTopics: readonly string[]): Promise<void> {
  await bus.ensureTopics(pipelineTopicSpecs(prefix, claimTopics));
}
