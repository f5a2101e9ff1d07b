import { describe, expect, it } from 'vitest';
import { unknownNamesIn, type KnownNames } from '../../../services/pipeline/webhooks/condition-names.ts';

const SERIES = ['territory-area:ukraine:russia:-:kursk-oblast', 'settlements-captured:ukraine:russia:-:kursk-oblast'];
const known: KnownNames = {
  topics: ['settlements-captured', 'territory-area'],
  series: { has: (id) => SERIES.includes(id), list: () => SERIES },
};

describe('names in a subscription condition', () => {
  it('given known names, finds nothing to refuse', () => {
    expect(unknownNamesIn({ kind: 'new-claim', topic: 'territory-area', place: 'donetsk-oblast' }, known)).toEqual([]);
    expect(unknownNamesIn({ kind: 'threshold', series: SERIES[0]!, above: 1000 }, known)).toEqual([]);
  });

  it('given an unknown topic, series or place, names the field and the known ones', () => {
    expect(unknownNamesIn({ kind: 'new-claim', topic: 'terrain' }, known)).toEqual([
      'condition.topic: unknown topic "terrain"; known topics: settlements-captured, territory-area',
    ]);
    expect(unknownNamesIn({ kind: 'threshold', series: 'no:such', above: 1 }, known)).toEqual([
      `condition.series: unknown series "no:such"; known series: ${[...SERIES].sort().join(', ')}`,
    ]);
    expect(unknownNamesIn({ kind: 'disputed', place: 'atlantis' }, known)).toEqual([
      expect.stringMatching(/^condition\.place: unknown place "atlantis"; known places include /),
    ]);
  });

  it('without a read model to ask, leaves series unchecked', () => {
    expect(unknownNamesIn({ kind: 'new-figure', series: 'no:such' }, { topics: known.topics })).toEqual([]);
  });
});

describe('POST /api/subscriptions and POST /api/backfills refuse unknown names before touching Kafka or Temporal', () => {
  it('answers 400 naming the field and the known names', async () => {
    const Fastify = (await import('fastify')).default;
    const { registerSubscriptionRoutes } = await import('../../../services/pipeline/webhooks/http-routes.ts');
    const { registerBackfillRoutes } = await import('../../../services/surfaces/backfill/http-routes.ts');
    const { createRootLogger } = await import('../../../services/platform/logger.ts');
    const log = createRootLogger('silent');
    const app = Fastify();
    // Neither Kafka nor Temporal exists here: a request that reached them would fail with 500/503, not 400.
    const nothing = {} as never;
    registerSubscriptionRoutes(app, {
      bus: nothing,
      producer: nothing,
      client: nothing,
      config: { kafka: { topicPrefix: 't' }, temporal: {}, dataDir: '/nonexistent' } as never,
      log,
      known,
    });
    registerBackfillRoutes(app, { client: nothing, scope: 't', taskQueue: 'q', log, claimTopics: known.topics });
    try {
      const sub = await app.inject({
        method: 'POST',
        url: '/api/subscriptions',
        payload: { url: 'https://hooks.example/h', condition: { kind: 'threshold', series: 'no:such', above: 5 } },
      });
      expect(sub.statusCode).toBe(400);
      expect(sub.json()).toEqual({
        error: 'invalid subscription',
        problems: [`condition.series: unknown series "no:such"; known series: ${[...SERIES].sort().join(', ')}`],
      });
      const missing = await app.inject({
        method: 'POST',
        url: '/api/subscriptions',
        payload: { url: 'https://hooks.example/h', condition: { kind: 'threshold', above: 5 } },
      });
      expect(missing.json<{ problems: string[] }>().problems).toContain('condition.series: required');
      const bf = await app.inject({
        method: 'POST',
        url: '/api/backfills',
        payload: { from: '2024-08-01', to: '2024-09-01', topic: 'terrain' },
      });
      expect(bf.statusCode).toBe(400);
      expect(bf.json()).toEqual({
        error: 'invalid backfill request',
        problems: ['topic: unknown topic "terrain"; known topics: settlements-captured, territory-area'],
      });
    } finally {
      await app.close();
    }
  });
});
