import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaimsTopicMessageSchema } from '../../../schemas/topics.ts';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import type { FeedHub } from '../../../services/surfaces/live/hub.ts';
import { registerSubscribeRoute } from '../../../services/surfaces/live/sse-route.ts';
import { testContext } from '../../support/harness.ts';
import { reportedClaim } from './claims.ts';
import { openSse, subscribed, type SseStream } from './sse-client.ts';

// A subscriber that stops reading, on a real socket: the server must close it with `event: error` once its
// bounded buffer overflows, while another subscriber keeps getting everything. The feed is written by the read
// model's own apply (what the projector calls), so the test can produce tens of MB quickly enough to fill the
// kernel's socket buffers. Needs no broker.
describe('slow SSE consumer', () => {
  const { config, log } = testContext({ API_TOKEN: '' });
  let rm: ReadModel;
  let app: FastifyInstance;
  let hub: FeedHub | undefined;
  let base = '';

  beforeAll(async () => {
    rm = openSqliteReadModel({ path: ':memory:' });
    app = await buildApiApp({
      readModel: rm,
      log,
      config,
      extraRoutes: [
        (a) =>
          (hub = registerSubscribeRoute(a, {
            readModel: rm,
            claimTopics: ['territory-area', 'settlements-captured'],
            log,
            hub: { pollMs: 20, buffer: { maxEntries: 200, maxBytes: 256 * 1024 }, closeGraceMs: 60_000 },
          })),
      ],
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    rm?.close();
  });

  let batch = 0;
  /** One more batch of 100 large claims (≈ 2 KB of evidence each), each in its own series. */
  const applyBatch = () => {
    batch++;
    const events = Array.from({ length: 100 }, (_, i) =>
      reportedClaim(i % 2 === 0 ? 'territory-area' : 'settlements-captured', `slow-${batch}`, i, {
        quoteChars: 2000,
        place: `sector-${batch}-${i}`,
      }),
    );
    rm.applyClaimsEvents(
      events.map((p) => ({
        seriesId: p.key,
        envelope: ClaimsTopicMessageSchema.parse(JSON.parse(JSON.stringify(p.envelope))),
      })),
    );
  };
  const ids = (s: SseStream) =>
    s.events.filter((e) => e.event === 'claim' || e.event === 'tally').map((e) => Number(e.id));

  it('closes a subscriber that stops reading with a reason, without holding up the others', async () => {
    const start = Math.max(rm.feedHead(), rm.feedFloor());
    const fast = await openSse(`${base}/api/subscribe`);
    const slow = await openSse(`${base}/api/subscribe`);
    await subscribed(fast);
    await subscribed(slow);
    slow.pause();

    // Write until the server gives up on the slow stream (bounded: at most ~60 MB of feed).
    for (let i = 0; i < 300 && hub?.stats().dropped === 0; i++) {
      applyBatch();
      hub?.wake();
      await new Promise((resolve) => setImmediate(resolve));
      // The fast client keeps up: let it read what was sent before writing more.
      await fast.until((s) => (ids(s).at(-1) === rm.feedHead() ? true : undefined), 'the fast subscriber to keep up');
    }
    expect(hub?.stats().dropped).toBe(1);
    expect(hub?.stats().subscribers).toBe(1);

    // The fast one has every entry, in order; the slow one, read now, has a gapless prefix, then the error.
    const all = rm.feedAfter(start, { limit: 1_000_000 }).map((e) => e.seq);
    expect(ids(fast)).toEqual(all);
    slow.resume();
    await slow.until((s) => (s.ended() ? true : undefined), 'the slow stream to end', 120_000);
    const last = slow.events[slow.events.length - 1];
    expect(last?.event).toBe('error');
    expect(JSON.parse(last?.data ?? '{}')).toEqual({ reason: 'slow consumer: buffer full' });
    const got = ids(slow);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(all.slice(0, got.length));
    expect(got.length).toBeLessThan(all.length);

    // Reconnecting where it stopped, it gets exactly the rest.
    const again = await openSse(`${base}/api/subscribe`, { 'last-event-id': String(got[got.length - 1]) });
    await again.until(
      (s) => (ids(s).at(-1) === all[all.length - 1] ? true : undefined),
      'the rest after reconnecting',
      120_000,
    );
    expect([...got, ...ids(again)]).toEqual(all);
    again.destroy();
    fast.destroy();
  });
});
