import type { Client } from '@temporalio/client';
import type { Article } from '../../schemas/article.ts';
import type { Claim } from '../../schemas/claim.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import type { MessageMetadata } from '../../schemas/envelope.ts';
import type { Decision } from '../../domain/dedup/types.ts';
import { fingerprint } from '../../domain/dedup/fingerprint.ts';
import { chunkBySize } from '../../services/platform/io/chunks.ts';
import { seriesId, seriesKeyOf } from '../../domain/tally/series.ts';
import { extractReport, EXTRACTOR_VERSION, type ExtractionReport } from '../../domain/extract/index.ts';
import { publishDeadLetters, type DeadLetterInput } from '../../services/platform/bus/dead-letters.ts';
import { publishDedupVerdicts } from '../../services/platform/bus/dedup-verdicts.ts';
import type { DedupIndex } from '../../services/stores/dedup-index/dedup-index.ts';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  messageBytes,
  type EventProducer,
  type OutgoingMessage,
} from '../../services/platform/kafka.ts';
import { envelope, stableId } from '../../services/platform/bus/envelopes.ts';
import type { TopicNames } from '../../schemas/topics.ts';
import { RefusedError } from '../../services/platform/errors.ts';
import type { seriesTally } from '../series-tally/workflow.ts';
import { seriesWorkflowId, tallyEventsSignal, type TallyDelivery } from '../series-tally/messages.ts';
import type { ArticleDeadLetter, RawLocation } from './messages.ts';
import type { SeriesEvents } from '../../domain/tally/plan.ts';
import { tallyEventId } from '../../domain/tally/event-id.ts';
import type { DeliveryLedger } from './delivery-ledger.ts';
import type { PipelineMetrics } from '../../services/platform/metrics.ts';
import { toApplicationFailure, locationOf } from '../../services/platform/edge.ts';

export interface ProcessArticleDeps {
  dedupIndex: DedupIndex;
  producer: EventProducer;
  topics: TopicNames;
  taxonomy: () => Taxonomy;
  client: Client;
  taskQueue: string;
  /** Workflow id scope (the topic prefix). */
  scope: string;
  metrics?: PipelineMetrics;
  /** CLAIMS_PER_ARTICLE_MAX: claims kept per article; the rest are dropped and the article flagged (default DEFAULT_MAX_CLAIMS_PER_ARTICLE). */
  maxClaimsPerArticle?: number;
  /** First deliveries of articles: a re-ingested article (same canonical id, same content) publishes nothing. */
  deliveries?: DeliveryLedger;
}

/** What the workflow tells the analysis about where an article came from (absent: not from the raw topic). */
export interface DeliveryRef {
  canonicalId: string;
  raw: RawLocation;
  /** When ingest received the article: the dedup index breaks ties of equal publication times by it, as the fold does. */
  receivedAt?: string;
}

/** Claims kept per article by default: far above a news article (the densest sample has a dozen), far below a poison text's thousands. */
export const DEFAULT_MAX_CLAIMS_PER_ARTICLE = 250;

/** One article's tally events to publish, with its trace ids and when ingest received it. */
export interface PublishPart {
  plan: SeriesEvents[];
  trace: MessageMetadata;
  receivedAt?: string;
}

/** What analysing one article gives: its dedup verdict and its claims by the current extractor. */
export interface Analysis {
  decision: Decision;
  claims: Claim[];
  extractorVersion: string;
  /** How many claims the extractor found when that was more than the cap (`claims` holds the first ones up to it). */
  claimsFound?: number;
  /** Why this article cannot be processed (the extractor threw on it): it is dead-lettered, its claims empty. */
  refused?: string;
  /** The article with this content was delivered before (re-ingested): nothing is published for it again. */
  redelivery?: true;
}

/** What publishing a batch's tally events did: messages sent, and the articles (by index) Kafka refused for good. */
export interface PublishOutcome {
  messages: number;
  refused: Array<{ index: number; reason: string }>;
}

/**
 * Workflow task timeout of the series entities (default 10 s). A task's clock runs from the moment a worker takes it,
 * so under a burst (many series continuing as new at once) tasks queued inside a busy worker used to time out, get
 * evicted and replayed, and the replays timed out in turn (measured: such tasks took 5–6 s once continue-as-new
 * points were spread). The price of a longer timeout: a task that a stopping worker took but never ran waits this long
 * before another worker gets it (seen in the worker-restart backfill test at 60 s), hence 20 s, not more.
 */
export const SERIES_TASK_TIMEOUT = '20 seconds';

/** Temporal refuses payloads over 2 MB (and warns from 512 KB): tally deliveries stay well below. */
export const MAX_SIGNAL_BYTES = 256 * 1024;

/** Activities of processArticle, built by the worker with its dependencies. */
export function createProcessArticleActivities(deps: ProcessArticleDeps) {
  /** Each part's messages by claims topic, with the reason when one of them is over the topic's max.message.bytes. */
  function partMessages(part: PublishPart): {
    byTopic: Map<string, OutgoingMessage[]>;
    claims: number;
    tooBig?: string;
  } {
    const byTopic = new Map<string, OutgoingMessage[]>();
    let claims = 0;
    for (const series of part.plan) {
      const topic = deps.topics.claims(series.key.topic);
      const list = byTopic.get(topic) ?? [];
      for (const event of series.events) {
        const env = envelope(event.type, event.data, {
          id: tallyEventId(series.seriesId, event),
          metadata: part.trace,
        });
        // The header lets the projector measure ingest → tally latency without changing the envelope.
        const headers: Record<string, string> = {
          type: event.type,
          ...(part.receivedAt ? { 'received-at': part.receivedAt } : {}),
        };
        const message = { key: series.seriesId, value: JSON.stringify(env), headers };
        const bytes = messageBytes(message);
        if (bytes > DEFAULT_MAX_MESSAGE_BYTES)
          return {
            byTopic: new Map(),
            claims: 0,
            tooBig: `a ${event.type} event of ${bytes} bytes is over ${topic}'s max.message.bytes (${DEFAULT_MAX_MESSAGE_BYTES})`,
          };
        list.push(message);
        if (event.type === 'ClaimReported') claims += 1;
      }
      byTopic.set(topic, list);
    }
    return { byTopic, claims };
  }

  async function sendAll(byTopic: Map<string, OutgoingMessage[]>): Promise<void> {
    await Promise.all(
      [...byTopic].map(([topic, messages]) =>
        deps.producer.send(topic, messages, { maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES }),
      ),
    );
  }

  /**
   * Publishes the parts' events, chunked under the claims topics' max.message.bytes. A part with an event over the
   * limit is left out whole (refused) before anything is sent; if Kafka still refuses a request for good, the parts
   * are sent one by one and only those it refuses are left out. Transient errors are thrown (the activity retries).
   */
  async function publish(parts: readonly PublishPart[]): Promise<PublishOutcome> {
    const prepared = parts.map(partMessages);
    const refused: PublishOutcome['refused'] = [];
    const byTopic = new Map<string, OutgoingMessage[]>();
    prepared.forEach((p, index) => {
      if (p.tooBig !== undefined) return refused.push({ index, reason: p.tooBig });
      for (const [topic, messages] of p.byTopic) byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...messages]);
    });
    let claims = prepared.reduce((n, p) => n + p.claims, 0);
    try {
      await sendAll(byTopic);
    } catch (err) {
      if (!(err instanceof RefusedError)) return toApplicationFailure(err);
      for (const [index, p] of prepared.entries()) {
        if (p.tooBig !== undefined) continue;
        try {
          await sendAll(p.byTopic);
        } catch (e) {
          if (!(e instanceof RefusedError)) return toApplicationFailure(e);
          refused.push({ index, reason: e.message });
          claims -= p.claims;
        }
      }
    }
    deps.metrics?.claimsPublished.inc(claims);
    const sent = prepared.filter((_, i) => !refused.some((r) => r.index === i));
    return {
      messages: sent.reduce((n, p) => n + [...p.byTopic.values()].reduce((m, l) => m + l.length, 0), 0),
      refused: refused.sort((a, b) => a.index - b.index),
    };
  }

  /** Per article: true when this delivery is a re-delivery of content already delivered from another raw position. */
  async function redeliveries(
    articles: readonly Article[],
    refs: ReadonlyArray<DeliveryRef | null> | undefined,
  ): Promise<boolean[]> {
    const ledger = deps.deliveries;
    if (!ledger || !refs) return articles.map(() => false);
    const known = articles.flatMap((article, i) => {
      const ref = refs[i];
      return ref ? [{ i, canonicalId: ref.canonicalId, article, position: locationOf(ref.raw) }] : [];
    });
    const first = await ledger.firstDeliveries(known).catch(toApplicationFailure);
    const out = articles.map(() => false);
    known.forEach((k, j) => (out[k.i] = first[j] === false));
    return out;
  }

  async function analyse(all: readonly Article[], refs?: ReadonlyArray<DeliveryRef | null>): Promise<Analysis[]> {
    const again = await redeliveries(all, refs);
    const articles = all.filter((_, i) => !again[i]);
    const received = refs?.filter((_, i) => !again[i]).map((r) => r?.receivedAt);
    const fresh = await analyseFresh(articles, received);
    let next = 0;
    return all.map((article, i) =>
      again[i]
        ? {
            decision: { duplicateOf: article.id, similarity: 1, reason: 'same-url' },
            claims: [],
            extractorVersion: EXTRACTOR_VERSION,
            redelivery: true,
          }
        : (fresh[next++] as Analysis),
    );
  }

  async function analyseFresh(
    articles: readonly Article[],
    received?: ReadonlyArray<string | undefined>,
  ): Promise<Analysis[]> {
    if (articles.length === 0) return [];
    let decisions: Decision[];
    try {
      const at = (i: number): string | undefined => received?.[i];
      decisions = await deps.dedupIndex.checkAndInsertMany(
        articles.map((a, i) => fingerprint(at(i) === undefined ? a : { ...a, receivedAt: at(i) })),
      );
      // The verdicts go to the log before anything follows from them, so the index can be rebuilt from Kafka.
      await publishDedupVerdicts(
        deps.producer,
        deps.topics.dedupVerdicts,
        articles.map((a, i) => ({ articleId: a.id, decision: decisions[i] as Decision })),
      );
    } catch (err) {
      return toApplicationFailure(err);
    }
    const taxonomy = deps.taxonomy();
    const out: Analysis[] = [];
    const skips: DeadLetterInput[] = [];
    const series: Array<{ articleId: string; extractorVersion: string; seriesIds: string[] }> = [];
    const cap = deps.maxClaimsPerArticle ?? DEFAULT_MAX_CLAIMS_PER_ARTICLE;
    articles.forEach((article, i) => {
      const decision = decisions[i] as Decision;
      if (decision.duplicateOf !== null) deps.metrics?.duplicates.inc('copy');
      let report: ExtractionReport;
      try {
        report = extractReport(article, taxonomy);
      } catch (err) {
        // One article the extractor cannot take must not fail its whole batch: it is dead-lettered by the workflow.
        out.push({
          decision,
          claims: [],
          extractorVersion: EXTRACTOR_VERSION,
          refused: `the extractor failed on it: ${(err as Error)?.message ?? String(err)}`,
        });
        return;
      }
      // Nothing silent: an article the extractor could not read is counted and leaves a skip record.
      if (report.skipped !== null || report.refused.length > 0) {
        if (report.skipped !== null) deps.metrics?.articlesSkipped.inc(report.skipped);
        const reason =
          report.skipped !== null
            ? `skipped: ${report.skipped}`
            : `figures refused: ${report.refused.map((r) => r.reason).join('; ')}`;
        skips.push({
          reason,
          problems: report.refused.map((r) => `offset ${r.at}: ${r.reason}`),
          source: 'extract',
          location: `article ${article.id}`,
          payload: JSON.stringify({ id: article.id, title: article.title, url: article.url }),
        });
      }
      const found: Claim[] = report.claims;
      const claims = found.length > cap ? found.slice(0, cap) : found;
      // Which series an original feeds, so a later re-extraction (backfill) can empty the ones it leaves.
      if (decision.duplicateOf === null && claims.length > 0) {
        series.push({
          articleId: article.id,
          extractorVersion: EXTRACTOR_VERSION,
          seriesIds: claims.map((c) => seriesId(seriesKeyOf(c))),
        });
      }
      out.push({
        decision,
        claims,
        extractorVersion: EXTRACTOR_VERSION,
        ...(found.length > cap && { claimsFound: found.length }),
      });
    });
    if (series.length > 0) await deps.dedupIndex.recordSeries(series, 'add').catch(toApplicationFailure);
    if (skips.length > 0)
      await publishDeadLetters(deps.producer, deps.topics.deadLetters, skips).catch(toApplicationFailure);
    return out;
  }

  return {
    /** Dedups the article against the shared index (atomic check-and-insert) and extracts its claims. */
    async analyseArticle(article: Article): Promise<Analysis> {
      return (await analyse([article]))[0] as Analysis;
    },

    /**
     * `analyseArticle` for a micro-batch (processArticleBatch): one index transaction for the whole batch, in
     * order, so article i is checked against articles 0..i-1 exactly as if they had come one by one. With `refs`
     * (raw positions), an article whose content was first delivered from another position is a re-delivery: it is
     * neither indexed nor extracted, and reported as `redelivery` (reason 'same-url'), so nothing is published again.
     */
    async analyseArticles(articles: Article[], refs?: Array<DeliveryRef | null>): Promise<Analysis[]> {
      return analyse(articles, refs);
    },

    /** Publishes each series' events to its claim topic, keyed by series id, with deterministic ids; see PublishOutcome. */
    async publishTallyEvents(input: PublishPart): Promise<PublishOutcome> {
      return publish([input]);
    },

    /** `publishTallyEvents` for every article of a micro-batch: one produce per claims topic for the whole batch. */
    async publishTallyEventBatch(parts: PublishPart[]): Promise<PublishOutcome> {
      return publish(parts);
    },

    /** Dead-letters articles the workflow could not (or not wholly) count; ids are stable, so a retry repeats the same letters. */
    async recordDeadLetters(letters: ArticleDeadLetter[]): Promise<void> {
      await publishDeadLetters(
        deps.producer,
        deps.topics.deadLetters,
        letters.map((l) => ({
          id: stableId('article-dead-letter', l.canonicalId, l.kind),
          reason: l.reason,
          problems: [l.reason],
          source: 'process-article',
          location: l.raw ? locationOf(l.raw) : `article ${l.articleId}`,
          payload: JSON.stringify({
            articleId: l.articleId,
            canonicalId: l.canonicalId,
            kind: l.kind,
            source: l.source,
            url: l.url,
          }),
        })),
      ).catch(toApplicationFailure);
    },

    /**
     * Signals each series' entity workflow, starting it if needed (signal-with-start). A series' events go in
     * signals of at most MAX_SIGNAL_BYTES of JSON, in order, so a big batch never meets Temporal's payload limit.
     */
    async deliverToTallies(input: { plan: SeriesEvents[]; deliveryId: string }): Promise<void> {
      await Promise.all(
        input.plan.map(async (series) => {
          const parts = chunkBySize(series.events, (e) => JSON.stringify(e).length + 1, MAX_SIGNAL_BYTES);
          for (const [k, events] of parts.entries()) {
            await deps.client.workflow.signalWithStart<typeof seriesTally, [TallyDelivery]>('seriesTally', {
              workflowId: seriesWorkflowId(deps.scope, series.seriesId),
              taskQueue: deps.taskQueue,
              workflowTaskTimeout: SERIES_TASK_TIMEOUT,
              args: [{ seriesId: series.seriesId, key: series.key }],
              signal: tallyEventsSignal,
              signalArgs: [
                { deliveryId: `${input.deliveryId}:${series.seriesId}${parts.length > 1 ? `#${k}` : ''}`, events },
              ],
            });
          }
        }),
      );
    },
  };
}

export type ProcessArticleActivities = ReturnType<typeof createProcessArticleActivities>;
