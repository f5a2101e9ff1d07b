import { createHash } from 'node:crypto';
import type { Article } from '../../schemas/article.ts';
import type { ArticleReceived, TopicNames } from '../../schemas/topics.ts';
import type { EventProducer } from '../platform/kafka.ts';
import type { Logger } from '../platform/logger.ts';
import { InvalidInputError } from '../platform/errors.ts';
import { envelope, stableId } from '../bus/envelopes.ts';
import { publishDeadLetters, type DeadLetterInput } from '../bus/dead-letters.ts';
import { canonicalArticleId } from '../../domain/ingest/canonical-id.ts';
import { chunkBySize } from '../io/chunks.ts';

export type { DeadLetterInput } from '../bus/dead-letters.ts';

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

// The raw topic allows 8 MiB per record batch; stay under it per message and send in chunks so
// one batch of many articles never becomes one oversized request.
/** Largest serialised ArticleReceived message the raw topic takes; bigger articles are bad input. */
export const MAX_MESSAGE_BYTES = 7_500_000;
const CHUNK_BYTES = 1_000_000;

/** Envelope id of one delivery: the same article content through the same channel gets the same id, so a retried publish is recognisable. */
export function articleMessageId(article: Article, channel: IngestChannel): string {
  const contentHash = createHash('sha256').update(JSON.stringify(article)).digest('hex');
  return stableId('ArticleReceived', channel, article.id, contentHash);
}

/** True when the article fits one raw-topic message; ingest dead-letters the others. */
export function fitsRawTopic(article: Article): boolean {
  // Cheap upper bound first: UTF-8 needs at most 3 bytes per UTF-16 unit, JSON escaping at most 6.
  const chars = article.text.length + article.title.length + article.url.length + article.id.length + article.source.length;
  return chars * 6 + 2_000 < MAX_MESSAGE_BYTES || Buffer.byteLength(JSON.stringify(article)) + 2_000 < MAX_MESSAGE_BYTES;
}

/** Builds the publisher every ingest channel shares; `publish` throws InvalidInputError for oversized articles (nothing sent) and the producer's errors otherwise. */
export function createArticlePublisher(deps: { producer: EventProducer; topics: TopicNames; log: Logger; now?: () => Date }): ArticlePublisher {
  const now = deps.now ?? (() => new Date());
  return {
    async publish(articles, channel) {
      const tooBig = articles.filter((a) => !fitsRawTopic(a)).map((a) => a.id);
      if (tooBig.length > 0) throw new InvalidInputError('articles too large for the raw topic', tooBig);
      const at = now();
      const result: PublishResult = { ids: [], canonicalIds: [], messageIds: [] };
      const messages = articles.map((article) => {
        const canonicalId = canonicalArticleId(article);
        const id = articleMessageId(article, channel);
        const env: ArticleReceived = envelope('ArticleReceived', { article, canonicalId, channel, receivedAt: at.toISOString() }, { id, now: at });
        result.ids.push(article.id);
        result.canonicalIds.push(canonicalId);
        result.messageIds.push(id);
        return { key: canonicalId, value: JSON.stringify(env), headers: { type: 'ArticleReceived' } };
      });
      for (const chunk of chunkBySize(messages, (m) => Buffer.byteLength(m.value), CHUNK_BYTES)) await deps.producer.send(deps.topics.rawArticles, chunk);
      deps.log.debug({ count: articles.length, channel }, 'articles published');
      return result;
    },
    async deadLetter(letters) {
      if (letters.length === 0) return;
      // Payloads are cut at 4M characters by publishDeadLetters; chunk so a batch stays small.
      for (const chunk of chunkBySize(letters, (l) => Math.min(l.payload.length, 4_000_000), CHUNK_BYTES)) {
        await publishDeadLetters(deps.producer, deps.topics.deadLetters, chunk);
      }
      deps.log.debug({ count: letters.length, source: letters[0]?.source }, 'input dead-lettered');
    },
  };
}
