import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type RunningPipeline } from '../../support/pipeline.ts';
import { waitFor } from '../../support/harness.ts';
import { messageCount } from '../ingest/topic-reader.ts';
import { ingestJsonLines } from '../../../services/pipeline/ingest/jsonl-ingest.ts';
import { articleMessageId, createArticlePublisher } from '../../../services/pipeline/ingest/publisher.ts';
import { topicHoldsMessages } from '../../../services/pipeline/ingest/already-published.ts';
import { repoRoot } from '../../../services/platform/config.ts';
import { ArticleSchema } from '../../../schemas/article.ts';
import { topicNames } from '../../../schemas/topics.ts';

// Issue 17, "said once": ingesting the sample a second time publishes nothing downstream, and `npm start` can tell
// that the sample is already on the raw topic.
const sample = path.join(repoRoot, 'samples', 'corpus.jsonl');

describe('re-ingesting known articles', () => {
  let p: RunningPipeline;
  beforeAll(async () => {
    p = await startPipeline({ dispatchBatchMax: 200, dispatchBatchMin: 4 });
  });
  afterAll(() => p?.stop());

  const claimsMessages = async () => {
    let n = 0;
    for (const t of p.ctx.claimTopics) n += await messageCount(p.ctx.bus, topicNames(p.scope).claims(t));
    return n;
  };
  /** Raw topic committed, no article workflow running, and the claims topics no longer growing. */
  const quiet = async () => {
    await p.waitDispatched();
    let last = -1;
    // Visibility (the Running count) is written apart from the history and may lag a started workflow by a moment: the
    // pipeline is quiet when nothing runs and the claims topics stand still for three polls in a row, not one.
    let quietPolls = 0;
    return waitFor(
      async () => {
        let running = 0;
        for await (const _ of p.client.workflow.list({
          query: `TaskQueue = '${p.taskQueue}' AND WorkflowType IN ('processArticle', 'processArticleBatch') AND ExecutionStatus = 'Running'`,
        }))
          running += 1;
        const n = await claimsMessages();
        quietPolls = running === 0 && n === last ? quietPolls + 1 : 0;
        last = n;
        return quietPolls >= 3 ? n : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1_000, what: 'the pipeline to go quiet' },
    );
  };

  it('publishes zero new claims-topic messages for the same articles, and finds the sample on the raw topic', async () => {
    const topics = topicNames(p.scope);
    const producer = await p.ctx.bus.createProducer();
    const ids = (await readFile(sample, 'utf8'))
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => articleMessageId(ArticleSchema.parse(JSON.parse(l)), 'file'));
    try {
      expect(await topicHoldsMessages(p.ctx.bus, topics.rawArticles, ids)).toBe(false);
      const publisher = createArticlePublisher({ producer, topics, log: p.ctx.log });
      await ingestJsonLines({ paths: [sample], publisher, log: p.ctx.log });
      const first = await quiet();
      expect(first).toBeGreaterThan(20);
      expect(await topicHoldsMessages(p.ctx.bus, topics.rawArticles, ids)).toBe(true);

      // Again, as a second `claimwatch ingest` (the raw topic now holds every article twice).
      await ingestJsonLines({ paths: [sample], publisher, log: p.ctx.log });
      expect(await messageCount(p.ctx.bus, topics.rawArticles)).toBe(2 * ids.length);
      expect(await quiet()).toBe(first);
    } finally {
      await producer.disconnect();
    }
  });
});
