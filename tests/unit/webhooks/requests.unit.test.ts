import Fastify from 'fastify';
import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { requestFromOptions } from '../../../services/app/cli/commands/subscriptions.check.ts';
import { registerSubscriptionRoutes } from '../../../services/pipeline/webhooks/http-routes.ts';
import { observe } from '../../../services/pipeline/webhooks/observe.ts';
import { describeCondition } from '../../../services/pipeline/webhooks/format.ts';
import { envelope } from '../../../services/platform/bus/envelopes.ts';
import { loadConfig } from '../../../services/platform/config.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import type { KafkaBus, EventProducer, IncomingMessage } from '../../../services/platform/kafka.ts';
import { SERIES, claimObservation, figure } from './fixtures.ts';

describe('subscription requests', () => {
  it('the CLI options become a valid request', () => {
    const r = requestFromOptions({ url: 'https://hooks.example/cw', on: 'threshold', series: SERIES, above: '100' });
    expect(r).toEqual({
      ok: true,
      request: { url: 'https://hooks.example/cw', condition: { kind: 'threshold', series: SERIES, above: 100 } },
    });
  });
  it('every problem is named at once, by the option to change', () => {
    const r = requestFromOptions({ url: 'ftp://x', on: 'threshold', series: SERIES, secret: 'short' });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toContain('--url: must be an http(s) URL');
    expect(problems).toContain('--secret: must have at least 16 characters');
    expect(problems.some((p) => p.includes('needs `above`, `below` or both'))).toBe(true);
    expect(requestFromOptions({ url: 'https://h.example', on: 'threshold', series: SERIES, above: 'ten' }).ok).toBe(
      false,
    );
    expect(
      requestFromOptions({ url: 'https://h.example', on: 'threshold', series: SERIES, above: '1', below: '2' }).ok,
    ).toBe(false);
    expect(requestFromOptions({ url: 'https://h.example', on: 'new-claim' }).ok).toBe(false); // topic required
    expect(requestFromOptions({ url: 'https://h.example', on: 'sometimes' })).toEqual({
      ok: false,
      problems: ['--on: must be one of new-claim, new-figure, disputed, threshold'],
    });
  });
  it('conditions read back in one line', () => {
    expect(describeCondition({ kind: 'threshold', series: 's', above: 5 })).toBe('threshold series=s above=5');
  });

  it('POST /api/subscriptions answers 400 with every problem before touching Kafka or Temporal', async () => {
    const untouched = new Proxy(
      {},
      {
        get: () => {
          throw new Error('must not be used');
        },
      },
    );
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const app = Fastify();
    registerSubscriptionRoutes(app, {
      bus: untouched as KafkaBus,
      producer: untouched as EventProducer,
      client: untouched as Client,
      config,
      log: createRootLogger('silent'),
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/subscriptions',
      payload: { url: 'not a url', condition: { kind: 'new-figure' }, secret: 3 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: string; problems: string[] }>();
    expect(body.error).toBe('invalid subscription');
    expect(body.problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['url', 'condition.series', 'secret']),
    );
    await app.close();
  });
});

describe('observe (what the router reads)', () => {
  const message = (topic: string, key: string, value: unknown): IncomingMessage => ({
    topic,
    partition: 0,
    offset: '7',
    key,
    value: JSON.stringify(value),
    headers: {},
    timestamp: '1723450000000',
  });
  it('reads a claim report; ignores syndicated copies; refuses garbage with reasons', () => {
    const { claim, source, url } = claimObservation('c9');
    const original = observe(
      message(
        't.claims.settlements-captured.v1',
        SERIES,
        envelope('ClaimReported', { claim, source, url, copyOf: null }, { id: 'e1' }),
      ),
      't.tallies.v1',
    );
    expect(original).toMatchObject({
      ok: true,
      observed: {
        triggerId: 'e1',
        producedAt: 1723450000000,
        observation: { type: 'claim', seriesId: SERIES, topic: 'settlements-captured' },
      },
    });
    const copy = observe(
      message(
        't.claims.settlements-captured.v1',
        SERIES,
        envelope('ClaimReported', { claim, source, url, copyOf: 'art-1' }),
      ),
      't.tallies.v1',
    );
    expect(copy).toEqual({ ok: true, ignored: true });
    expect(observe(message('t.tallies.v1', SERIES, { nope: 1 }), 't.tallies.v1').ok).toBe(false);
  });
  it('reads the parts of a tally snapshot the conditions need', () => {
    const summary = {
      seriesId: SERIES,
      key: {
        topic: 'settlements-captured',
        actor: 'ukraine',
        counterpart: 'russia',
        item: null,
        place: 'kursk-oblast',
      },
      version: 4,
      unit: 'count',
      otherUnits: [],
      reportCount: 3,
      incrementCount: 0,
      latest: figure(74),
      window: null,
      conservative: null,
      highest: null,
      independentSources: 2,
      sourcesAgreeingWithLatest: 1,
      disputed: true,
      disputes: [['a', 'b']],
      reportedIncrementSum: null,
      extractorVersions: [],
    };
    const r = observe(
      message(
        't.tallies.v1',
        SERIES,
        envelope(
          'TallyPublished',
          { seriesId: SERIES, version: 4, summary, reports: [], removedReports: [] },
          { id: 'tally-4' },
        ),
      ),
      't.tallies.v1',
    );
    expect(r).toMatchObject({
      ok: true,
      observed: {
        triggerId: 'tally-4',
        observation: {
          type: 'tally',
          version: 4,
          disputed: true,
          latest: { value: 74 },
          topic: 'settlements-captured',
        },
      },
    });
  });
});
