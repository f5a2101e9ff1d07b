import { createHash } from 'node:crypto';
import type { Article } from '../../../schemas/article.ts';
import type { ArticleReceived, TopicNames } from '../../../schemas/topics.ts';
import type { EventProducer } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import { InvalidInputError } from '../../platform/errors.ts';
import { envelope, stableId } from '../../platform/bus/envelopes.ts';
import {
  MAX_DEAD_LETTER_PAYLOAD_BYTES,
  publishDeadLetters,
  type DeadLetterInput,
} from '../../platform/bus/dead-letters.ts';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import { chunkBySize } from '../../platform/io/chunks.ts';
import { LARGE_TOPIC_MAX_MESSAGE_BYTES } from '../../platform/bus/topics.ts';
import { articleProblems } from './article-checks.ts';

export type { DeadLetterInput } from '../../platform/bus/dead-letters.ts';

/** How an article entered claimwatch (the envelope's `channel`). */
export type IngestChannel = ArticleReceived['data']['channel'];

/** What `publish` reports: article ids, their canonical ids (the raw topic keys) and message ids, in input order. */
export interface PublishResult {
  ids: string[];
  canonicalIds: string[];
  messageIds: string[];
}

/** The one way ingest code writes to Kafka: articles to the raw topic, bad input to dead letters. */
export interface ArticlePublisher {
  publish(articles: Article[], channel: IngestChannel): Promise<PublishResult>;
  deadLetter(letters: DeadLetterInput[]): Promise<void>;
}

// Send in chunks so one batch of many articles never becomes one oversized request.
const CHUNK_BYTES = 1_000_000;

/** Envelope id of one delivery: the same article content through the same channel gets the same id, so a retried publish is recognisable. */
export function articleMessageId(article: Article, channel: IngestChannel): string {
  const contentHash = createHash('sha256').update(JSON.stringify(article)).digest('hex');
  return stableId('ArticleReceived', channel, article.id, contentHash);
}

/** Builds the publisher every ingest channel shares; `publish` throws InvalidInputError for an article articleProblems refuses (nothing sent) and the producer's errors otherwise. */
export function createArticlePublisher(deps: {
  producer: EventProducer;
  topics: TopicNames;
  log: Logger;
  now?: () => Date;
}): ArticlePublisher {
  const now = deps.now ?? (() => new Date());
  return {
    async publish(articles, channel) {
      const refused = articles.flatMap((a) => articleProblems(a).map((p) => `${a.id.slice(0, 200)}: ${p}`));
      if (refused.length > 0) throw new InvalidInputError('articles refused', refused);
      const at = now();
      const result: PublishResult = { ids: [], canonicalIds: [], messageIds: [] };
      const messages = articles.map((article) => {
        const canonicalId = canonicalArticleId(article);
        const id = articleMessageId(article, channel);
        const env: ArticleReceived = envelope(
          'ArticleReceived',
          { article, canonicalId, channel, receivedAt: at.toISOString() },
          { id, now: at },
        );
        result.ids.push(article.id);
        result.canonicalIds.push(canonicalId);
        result.messageIds.push(id);
        return { key: canonicalId, value: JSON.stringify(env), headers: { type: 'ArticleReceived' } };
      });
      for (const chunk of chunkBySize(messages, (m) => Buffer.byteLength(m.value), CHUNK_BYTES))
        await deps.producer.send(deps.topics.rawArticles, chunk, { maxMessageBytes: LARGE_TOPIC_MAX_MESSAGE_BYTES });
      deps.log.debug({ count: articles.length, channel }, 'articles published');
      return result;
    },
    async deadLetter(letters) {
      if (letters.length === 0) return;
      // Payloads are cut at 2 MB by publishDeadLetters; chunk so a batch stays small.
      for (const chunk of chunkBySize(
        letters,
        (l) => Math.min(l.payload.length * 3, MAX_DEAD_LETTER_PAYLOAD_BYTES),
        CHUNK_BYTES,
      )) {
        await publishDeadLetters(deps.producer, deps.topics.deadLetters, chunk);
      }
      deps.log.debug({ count: letters.length, source: letters[0]?.source }, 'input dead-lettered');
    },
  };
}
