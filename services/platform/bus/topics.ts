import type { KafkaBus, TopicSpec } from '../kafka.ts';
import { topicNames } from '../../../schemas/topics.ts';

/** `max.message.bytes` of the topics that set it (8 MiB); the claims topics keep the broker's default (1 MiB). */
export const LARGE_TOPIC_MAX_MESSAGE_BYTES = 8_388_608;

/** Partition counts: enough for two dispatchers/projectors to share work on one machine. */
const PARTITIONS = { raw: 6, claims: 3, tallies: 3, deadLetters: 1 } as const;

/** Every topic claimwatch needs, with its configs, for the given claim topics (from the taxonomy). */
export function pipelineTopicSpecs(prefix: string, claimTopics: readonly string[]): TopicSpec[] {
  const names = topicNames(prefix);
  const keepForever = { 'retention.ms': '-1', 'cleanup.policy': 'delete' };
  return [
    {
      topic: names.rawArticles,
      partitions: PARTITIONS.raw,
      config: { ...keepForever, 'max.message.bytes': String(LARGE_TOPIC_MAX_MESSAGE_BYTES) },
    },
    ...claimTopics.map((t) => ({ topic: names.claims(t), partitions: PARTITIONS.claims, config: keepForever })),
    // Compacted: the latest snapshot per series survives; a rebuild replays claims, not this.
    {
      topic: names.tallies,
      partitions: PARTITIONS.tallies,
      config: {
        'cleanup.policy': 'compact',
        'min.compaction.lag.ms': '60000',
        'max.message.bytes': String(LARGE_TOPIC_MAX_MESSAGE_BYTES),
      },
    },
    {
      topic: names.deadLetters,
      partitions: PARTITIONS.deadLetters,
      config: { ...keepForever, 'max.message.bytes': String(LARGE_TOPIC_MAX_MESSAGE_BYTES) },
    },
    // Compacted: the latest message per subscription id (registered or removed) is the registry.
    {
      topic: names.subscriptions,
      partitions: 1,
      config: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '60000' },
    },
    // One partition: the order of verdicts is the order a rebuilt dedup index must see the articles in.
    { topic: names.dedupVerdicts, partitions: 1, config: keepForever },
  ];
}

/** Creates any missing pipeline topic; idempotent, safe to call from every process at start-up. */
export async function ensurePipelineTopics(
  bus: KafkaBus,
  prefix: string,
  claimTopics: readonly string[],
): Promise<void> {
  await bus.ensureTopics(pipelineTopicSpecs(prefix, claimTopics));
}
