import { describe, expect, it } from 'vitest';
import {
  STUCK_AFTER_MS,
  createPipelineHealth,
  stuckWorkflowQuery,
  temporalUiLink,
} from '../../../services/surfaces/ops/health.ts';
import type { CounterTotals } from '../../../services/platform/metrics.ts';

const PREFIX = 'cw';
const counters = (dup: number): CounterTotals => ({
  articlesDispatched: 5,
  duplicates: { redelivery: dup, copy: 1 },
  claimsPublished: 9,
  deadLetters: 2,
  workflowStartFailures: 1,
});

describe('pipeline health', () => {
  it('turns offsets, lag, counters and dead letters into one answer, with rates from successive reads', async () => {
    const high: Record<string, number> = { 'cw.articles.raw.v1': 100, 'cw.claims.aid.v1': 40, 'cw.deadletter.v1': 3 };
    const committed: Record<string, number> = {
      'cw.articles.raw.v1': 90,
      'cw.claims.aid.v1': 40,
      'cw.deadletter.v1': 1,
    };
    let t = 0;
    let dup = 2;
    const health = createPipelineHealth({
      bus: {
        topicOffsets: async (topic) => [{ partition: 0, high: String(high[topic] ?? 0), low: '0' }],
        groupOffsets: async (_g, topic) => [{ partition: 0, offset: String(committed[topic] ?? -1) }],
      },
      prefix: PREFIX,
      claimTopics: ['aid'],
      metrics: { counters: async () => counters(dup) },
      readModel: {
        deadLetterStats: () => ({
          total: 3,
          bySourceAndReason: [
            { source: 'ingest', reason: 'invalid article', count: 3, lastAt: '2024-01-01T00:00:00Z' },
          ],
          recent: [],
        }),
      },
      temporal: { uiUrl: 'http://127.0.0.1:8233/', namespace: 'default' },
      countFailedWorkflows: async () => 4,
      countStuckWorkflows: async () => 2,
      now: () => t,
    });
    const first = await health.read();
    expect(first.ingest).toEqual({ total: 100, perMinute: null });
    expect(first.lag).toEqual({
      ok: true,
      byGroup: [
        { group: 'cw.dispatcher', topic: 'cw.articles.raw.v1', lag: 10 },
        { group: 'cw.projector', topic: 'cw.claims.aid.v1', lag: 0 },
        { group: 'cw.projector', topic: 'cw.deadletter.v1', lag: 2 },
      ],
    });
    expect(first.workflows).toEqual({ failed: 4, stuck: 2, startFailures: 1 });
    expect(first.deadLetters.total).toBe(3);
    expect(first.links.failedWorkflows).toBe(
      temporalUiLink('http://127.0.0.1:8233', 'default', "WorkflowId STARTS_WITH 'cw/' AND ExecutionStatus = 'Failed'"),
    );

    t = 30_000;
    high['cw.articles.raw.v1'] = 130;
    high['cw.claims.aid.v1'] = 70;
    dup = 7;
    const second = await health.read();
    expect(second.ingest.perMinute).toBe(60);
    expect(second.claims.perMinute).toBe(60);
    expect(second.duplicates).toEqual({ redelivery: 7, copy: 1, perMinute: 10, scope: 'process' });
  });

  it('reports a part that fails without failing the rest', async () => {
    const health = createPipelineHealth({
      bus: { topicOffsets: () => new Promise(() => undefined), groupOffsets: async () => [] },
      prefix: PREFIX,
      claimTopics: [],
      metrics: { counters: async () => counters(0) },
      readModel: { deadLetterStats: () => ({ total: 0, bySourceAndReason: [], recent: [] }) },
      temporal: { uiUrl: 'http://ui', namespace: 'ns' },
      countFailedWorkflows: async () => Promise.reject(new Error('temporal down')),
      timeoutMs: 50,
    });
    const h = await health.read();
    expect(h.ingest.total).toBeNull();
    expect(h.lag.ok).toBe(false);
    expect(h.lag.error).toMatch(/no answer within 50 ms/);
    expect(h.workflows).toEqual({
      failed: null,
      failedError: 'temporal down',
      stuck: null,
      stuckError: 'not reported by this process',
      startFailures: 1,
    });
  });

  it('counts, cluster-wide, the article workflows retrying for more than a minute', () => {
    expect(STUCK_AFTER_MS).toBe(60_000);
    expect(stuckWorkflowQuery('cw', new Date('2024-08-13T10:00:00Z'))).toBe(
      "WorkflowId STARTS_WITH 'cw/' AND WorkflowType IN ('processArticle', 'processArticleBatch') AND ExecutionStatus = 'Running' AND StartTime < '2024-08-13T10:00:00.000Z'",
    );
  });
});
