import type { Article } from '../../../schemas/article.ts';
import type { ArticlePublisher, DeadLetterInput, IngestChannel } from '../../../services/pipeline/ingest/publisher.ts';
import type { EventProducer, OutgoingMessage } from '../../../services/platform/kafka.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';

/** A silent logger for unit tests. */
export const quietLog = createRootLogger('silent');

/** A publisher that records what it was given. */
export function recordingPublisher(): ArticlePublisher & {
  published: Array<{ articles: Article[]; channel: IngestChannel }>;
  letters: DeadLetterInput[];
} {
  const published: Array<{ articles: Article[]; channel: IngestChannel }> = [];
  const letters: DeadLetterInput[] = [];
  return {
    published,
    letters,
    async publish(articles, channel) {
      published.push({ articles, channel });
      return {
        ids: articles.map((a) => a.id),
        canonicalIds: articles.map((a) => `c-${a.id}`),
        messageIds: articles.map((a) => `m-${a.id}`),
      };
    },
    async deadLetter(ls) {
      letters.push(...ls);
    },
  };
}

/** A producer that records every send. */
export function recordingProducer(): EventProducer & { sent: Array<{ topic: string; messages: OutgoingMessage[] }> } {
  const sent: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
  return {
    sent,
    async send(topic, messages) {
      sent.push({ topic, messages });
    },
    async disconnect() {},
  };
}
