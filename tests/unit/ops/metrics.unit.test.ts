import { afterEach, describe, expect, it } from 'vitest';
import { topicNames } from '../../../schemas/topics.ts';
import {
  createPipelineMetrics,
  lagTargets,
  type PipelineMetrics,
  type PipelineMetricsOptions,
} from '../../../services/platform/metrics.ts';
import { parsePromText, sampleValue } from './prom-text.ts';

const PREFIX = 'cwtest';
const names = topicNames(PREFIX);

/** A bus whose offsets are plain data: per topic the high/low watermarks, per group+topic the committed offsets. */
function fakeBus(
  state: { high: Record<string, number>; committed: Record<string, number> },
  behaviour: 'ok' | 'fail' | 'hang' = 'ok',
): PipelineMetricsOptions['bus'] {
  const gate = async () => {
    if (behaviour === 'fail') throw new Error('Kafka down');
    if (behaviour === 'hang') await new Promise(() => undefined);
  };
  return {
    async topicOffsets(topic) {
      await gate();
      return [{ partition: 0, high: String(state.high[topic] ?? 0), low: '0' }];
    },
    async groupOffsets(groupId, topic) {
      await gate();
      return [{ partition: 0, offset: String(state.committed[`${groupId}|${topic}`] ?? -1) }];
    },
  };
}

describe('pipeline metrics', () => {
  let metrics: PipelineMetrics | undefined;
  afterEach(() => metrics?.close());

  it('renders parseable Prometheus text with every pipeline family and the default process metrics', async () => {
    metrics = createPipelineMetrics({
      bus: fakeBus({ high: {}, committed: {} }),
      prefix: PREFIX,
      claimTopics: ['territory-area'],
    });
    const exp = parsePromText(await metrics.render());
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(Object.fromEntries([...exp.types].filter(([n]) => n.startsWith('claimwatch_')))).toEqual({
      claimwatch_articles_dispatched_total: 'counter',
      claimwatch_duplicates_total: 'counter',
      claimwatch_claims_published_total: 'counter',
      claimwatch_dead_letters_total: 'counter',
      claimwatch_workflow_start_failures_total: 'counter',
      claimwatch_articles_skipped_total: 'counter',
      claimwatch_ingest_to_tally_seconds: 'histogram',
      claimwatch_consumer_lag: 'gauge',
      claimwatch_consumer_lag_up: 'gauge',
    });
    expect(exp.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(exp.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    // Every series carries the pipeline (topic prefix) label.
    expect(exp.samples.filter((s) => s.name.startsWith('claimwatch_')).every((s) => s.labels.pipeline === PREFIX)).toBe(
      true,
    );
  });

  it('moves counters and the latency histogram when the services call them, ignoring nonsense increments', async () => {
    metrics = createPipelineMetrics({
      bus: fakeBus({ high: {}, committed: {} }),
      prefix: PREFIX,
      claimTopics: [],
      defaultMetrics: false,
    });
    metrics.articlesDispatched.inc(3);
    metrics.articlesDispatched.inc();
    metrics.claimsPublished.inc(7);
    metrics.workflowStartFailures.inc();
    metrics.duplicates.inc('copy', 2);
    metrics.deadLetters.inc('ingest', 1);
    metrics.dispatcherBatch({ started: 5, alreadyStarted: 2, deadLettered: 1 });
    metrics.articlesDispatched.inc(-4); // ignored: counters never go down, metrics never throw
    metrics.articlesDispatched.inc(Number.NaN);
    metrics.claimsPublished.inc(0);
    const now = Date.parse('2026-01-01T00:00:10Z');
    metrics.ingestToTally.observeSince('2026-01-01T00:00:07Z', now); // 3 s
    metrics.ingestToTally.observeSince('2026-01-01T00:00:20Z', now); // clock skew: 0 s
    metrics.ingestToTally.observeSince('not a date', now); // ignored
    metrics.ingestToTally.observe(0.2);

    const exp = parsePromText(await metrics.render());
    expect(sampleValue(exp, 'claimwatch_articles_dispatched_total')).toBe(9);
    expect(sampleValue(exp, 'claimwatch_claims_published_total')).toBe(7);
    expect(sampleValue(exp, 'claimwatch_workflow_start_failures_total')).toBe(1);
    expect(sampleValue(exp, 'claimwatch_duplicates_total', { kind: 'copy' })).toBe(2);
    expect(sampleValue(exp, 'claimwatch_duplicates_total', { kind: 'redelivery' })).toBe(2);
    expect(sampleValue(exp, 'claimwatch_dead_letters_total', { source: 'ingest' })).toBe(1);
    expect(sampleValue(exp, 'claimwatch_dead_letters_total', { source: 'dispatcher' })).toBe(1);
    expect(sampleValue(exp, 'claimwatch_ingest_to_tally_seconds_count')).toBe(3);
    expect(sampleValue(exp, 'claimwatch_ingest_to_tally_seconds_sum')).toBeCloseTo(3.2);
    expect(sampleValue(exp, 'claimwatch_ingest_to_tally_seconds_bucket', { le: '0.05' })).toBe(1);
    expect(sampleValue(exp, 'claimwatch_ingest_to_tally_seconds_bucket', { le: '2.5' })).toBe(2);
    expect(sampleValue(exp, 'claimwatch_ingest_to_tally_seconds_bucket', { le: '+Inf' })).toBe(3);
  });

  it('reads consumer lag per group and topic from Kafka on each scrape', async () => {
    const state = {
      high: {
        [names.rawArticles]: 10,
        [names.claims('territory-area')]: 4,
        [names.claims('aid')]: 6,
        [names.deadLetters]: 0,
      },
      committed: {
        [`${PREFIX}.dispatcher|${names.rawArticles}`]: 7,
        [`${PREFIX}.projector|${names.claims('aid')}`]: 6,
      },
    };
    metrics = createPipelineMetrics({
      bus: fakeBus(state),
      prefix: PREFIX,
      claimTopics: ['territory-area', 'aid'],
      defaultMetrics: false,
    });
    let exp = parsePromText(await metrics.render());
    const lag = (group: string, topic: string) =>
      sampleValue(exp, 'claimwatch_consumer_lag', { group: `${PREFIX}.${group}`, topic });
    expect(lag('dispatcher', names.rawArticles)).toBe(3);
    expect(lag('projector', names.claims('territory-area'))).toBe(4); // nothing committed yet: from the low watermark
    expect(lag('projector', names.claims('aid'))).toBe(0);
    expect(lag('projector', names.deadLetters)).toBe(0);
    expect(sampleValue(exp, 'claimwatch_consumer_lag_up')).toBe(1);

    state.committed[`${PREFIX}.dispatcher|${names.rawArticles}`] = 10;
    exp = parsePromText(await metrics.render());
    expect(lag('dispatcher', names.rawArticles)).toBe(0);
    expect(lagTargets(PREFIX, ['aid'])).toEqual([
      { group: `${PREFIX}.dispatcher`, topic: names.rawArticles },
      { group: `${PREFIX}.projector`, topic: names.claims('aid') },
      { group: `${PREFIX}.projector`, topic: names.deadLetters },
    ]);
  });

  it.each(['fail', 'hang'] as const)(
    'still scrapes when Kafka does not answer (%s): no lag series, lag_up 0',
    async (behaviour) => {
      metrics = createPipelineMetrics({
        bus: fakeBus({ high: {}, committed: {} }, behaviour),
        prefix: PREFIX,
        claimTopics: ['aid'],
        defaultMetrics: false,
        lagTimeoutMs: 100,
      });
      metrics.articlesDispatched.inc(2);
      const exp = parsePromText(await metrics.render());
      expect(exp.samples.filter((s) => s.name === 'claimwatch_consumer_lag')).toEqual([]);
      expect(sampleValue(exp, 'claimwatch_consumer_lag_up')).toBe(0);
      expect(sampleValue(exp, 'claimwatch_articles_dispatched_total')).toBe(2);
    },
  );

  it('keeps registries of two pipelines in one process apart', async () => {
    metrics = createPipelineMetrics({ bus: fakeBus({ high: {}, committed: {} }), prefix: PREFIX, claimTopics: [] });
    const other = createPipelineMetrics({
      bus: fakeBus({ high: {}, committed: {} }),
      prefix: 'other',
      claimTopics: [],
    });
    try {
      other.claimsPublished.inc(5);
      expect(sampleValue(parsePromText(await metrics.render()), 'claimwatch_claims_published_total')).toBe(0);
      expect(
        sampleValue(parsePromText(await other.render()), 'claimwatch_claims_published_total', { pipeline: 'other' }),
      ).toBe(5);
    } finally {
      other.close();
    }
  });
});
