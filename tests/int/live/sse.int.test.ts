import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClaimViewSchema, TallyListingSchema } from '../../../schemas/feed.ts';
import { topicNames } from '../../../schemas/topics.ts';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { createKafkaBus, type EventProducer, type KafkaBus } from '../../../services/platform/kafka.ts';
import { createProjector, type Projector } from '../../../services/pipeline/projector/projector.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import type { FeedHub } from '../../../services/surfaces/live/hub.ts';
import { registerSubscribeRoute } from '../../../services/surfaces/live/sse-route.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';
import { caughtUpWith } from '../../support/caught-up.ts';
import { reportedClaim, type Published } from './claims.ts';
import { openSse as open, subscribed, type SseStream } from './sse-client.ts';

// GET /api/subscribe on a listening server, fed by a real projector folding claims-topic messages from the real
// broker into a SQLite file; the API reads that file through its own connection, as `claimwatch api` does.
const TOPICS = ['territory-area', 'settlements-captured', 'military-aid'];
const TOKEN = 'sse-test-token';

describe('GET /api/subscribe', () => {
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: uniqueName('t'), API_TOKEN: TOKEN });
  const prefix = config.kafka.topicPrefix;
  const names = topicNames(prefix);
  const dir = mkdtempSync(path.join(tmpdir(), 'cw-sse-'));
  const file = path.join(dir, 'read-model.sqlite');
  let bus: KafkaBus;
  let producer: EventProducer;
  let writer: ReadModel;
  let reader: ReadModel;
  let projector: Projector;
  let app: FastifyInstance;
  let hub: FeedHub | undefined;
  let base = '';
  const auth = { authorization: `Bearer ${TOKEN}` };
  // Every stream a test opens is closed after it, also when the test fails, so the next one starts with none.
  const opened: SseStream[] = [];
  const openSse = async (url: string, headers?: Record<string, string>) => {
    const s = await open(url, headers);
    opened.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of opened.splice(0)) s.destroy();
    await waitFor(() => ((hub?.stats().subscribers ?? 0) === 0 ? true : undefined), {
      what: 'the server to forget closed streams',
    });
  });

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'test-sse', log });
    await ensurePipelineTopics(bus, prefix, TOPICS);
    producer = await bus.createProducer();
    writer = openSqliteReadModel({ path: file });
    reader = openSqliteReadModel({ path: file });
    projector = createProjector({
      bus,
      readModel: writer,
      prefix,
      claimTopics: TOPICS,
      groupId: uniqueName('projector'),
      log,
    });
    await projector.start();
    app = await buildApiApp({
      readModel: reader,
      log,
      config,
      extraRoutes: [
        (a) =>
          (hub = registerSubscribeRoute(a, {
            readModel: reader,
            claimTopics: TOPICS,
            log,
            hub: { pollMs: 50, heartbeatMs: 300 },
          })),
      ],
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await projector?.stop();
    writer?.close();
    reader?.close();
    await producer?.disconnect();
    await bus?.deleteTopics((await bus.listTopics()).filter((t) => t.startsWith(`${prefix}.`))).catch(() => undefined);
    await bus?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = async (messages: readonly Published[]) => {
    for (const topic of TOPICS) {
      const mine = messages.filter((m) => m.topic === topic);
      if (mine.length > 0)
        await producer.send(
          names.claims(topic),
          mine.map((m) => ({ key: m.key, value: JSON.stringify(m.envelope) })),
        );
    }
  };
  /** Waits until the projector has applied every message now on the claims topics. */
  const caughtUp = () =>
    caughtUpWith(bus, TOPICS.map(names.claims), () => reader.positions(), {
      what: 'the projector to reach the high watermarks',
    });
  const entryEvents = (s: SseStream) => s.events.filter((e) => e.event === 'claim' || e.event === 'tally');

  it('needs the bearer token and refuses a bad query with every problem', async () => {
    const open = await openSse(`${base}/api/subscribe?topics=territory-area`);
    expect(open.status).toBe(401);
    const bad = await openSse(`${base}/api/subscribe?topics=territory-area,tanks&series=nope&since=soon`, auth);
    expect(bad.status).toBe(400);
    await bad.until((s) => (s.ended() ? true : undefined), 'the 400 body');
    const problems = (JSON.parse(bad.body()) as { problems: string[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown topic "tanks"'),
        expect.stringContaining('"nope" is not a series id'),
        expect.stringMatching(/^since: /),
      ]),
    );
    const badHeader = await openSse(`${base}/api/subscribe`, { ...auth, 'last-event-id': 'abc' });
    expect(badHeader.status).toBe(400);
  });

  it('resumes after a forced disconnect with Last-Event-ID: nothing lost, nothing twice', async () => {
    const query = 'topics=territory-area,settlements-captured';
    const startAt = Math.max(reader.feedHead(), reader.feedFloor());
    const first = await openSse(`${base}/api/subscribe?${query}`, auth);
    expect(first.status).toBe(200);
    await subscribed(first);

    // Wave one, in several sends so the projector applies it in several batches while the client reads.
    const waveOne = TOPICS.flatMap((t) => Array.from({ length: 12 }, (_, i) => reportedClaim(t, 'wave-one', i)));
    for (let i = 0; i < waveOne.length; i += 6) await send(waveOne.slice(i, i + 6));
    await first.until((s) => (entryEvents(s).length >= 8 ? true : undefined), 'some of wave one');
    first.destroy();
    const lastSeen = first.lastEventId();
    expect(lastSeen).toBeDefined();
    const before = entryEvents(first).filter((e) => Number(e.id) <= Number(lastSeen));

    const waveTwo = TOPICS.flatMap((t) => Array.from({ length: 12 }, (_, i) => reportedClaim(t, 'wave-two', i)));
    await send(waveTwo);
    await caughtUp();
    const expected = reader.feedAfter(startAt, { topics: ['territory-area', 'settlements-captured'], limit: 10_000 });
    const head = expected[expected.length - 1]?.seq;
    expect(before.length).toBeLessThan(expected.length); // the disconnect did cut the stream short

    const second = await openSse(`${base}/api/subscribe?${query}`, { ...auth, 'last-event-id': String(lastSeen) });
    expect(second.status).toBe(200);
    await second.until(
      (s) => (s.lastEventId() === String(head) ? true : undefined),
      'the resumed stream to reach the head',
    );
    const union = [...before, ...entryEvents(second)];
    expect(union.map((e) => Number(e.id))).toEqual(expected.map((e) => e.seq));
    expect(union.map((e) => e.event)).toEqual(expected.map((e) => e.kind));
    expect(union.map((e) => JSON.parse(e.data) as unknown)).toEqual(expected.map((e) => e.data));
    // The data is the contract's shapes, and no military-aid entry slipped through the filter.
    for (const e of union) (e.event === 'claim' ? ClaimViewSchema : TallyListingSchema).parse(JSON.parse(e.data));
    expect(union.some((e) => e.data.includes('military-aid'))).toBe(false);
    expect(second.events.some((e) => e.event === 'reset')).toBe(false);
    await second.until((s) => (s.comments.includes('heartbeat') ? true : undefined), 'a heartbeat');
    second.destroy();
  });

  it('answers a resume point outside the retained feed with reset, then goes on from the head', async () => {
    const stale = await openSse(`${base}/api/subscribe?topics=territory-area&lastEventId=1`, auth);
    const reset = await stale.until((s) => s.events.find((e) => e.event === 'reset'), 'a reset event');
    const head = Math.max(reader.feedHead(), reader.feedFloor());
    expect(JSON.parse(reset.data)).toEqual({ reason: expect.stringContaining('reload'), lastEventId: 1, head });
    expect(reset.id).toBe(String(head));
    await send([reportedClaim('territory-area', 'after-reset', 1)]);
    const next = await stale.until((s) => s.events.find((e) => e.event === 'claim'), 'the next claim');
    expect(Number(next.id)).toBeGreaterThan(head);
    stale.destroy();
  });

  it('holds 200 concurrent subscribers on one server, each getting the entries of its filter', async () => {
    const streams = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        openSse(`${base}/api/subscribe?topics=${i % 2 === 0 ? 'territory-area' : 'military-aid'}`, auth),
      ),
    );
    expect(streams.every((s) => s.status === 200)).toBe(true);
    await Promise.all(streams.map(subscribed));
    expect(hub?.stats().subscribers).toBe(200);

    const area = reportedClaim('territory-area', 'crowd', 7);
    const aid = reportedClaim('military-aid', 'crowd', 7);
    await send([area, aid]);
    const claimOf = (s: SseStream) => s.events.find((e) => e.event === 'claim');
    await waitFor(() => (streams.every((s) => claimOf(s) !== undefined) ? true : undefined), {
      what: 'every subscriber to get its claim',
      timeoutMs: 60_000,
    });
    streams.forEach((s, i) => {
      const claim = ClaimViewSchema.parse(JSON.parse(claimOf(s)?.data ?? '{}'));
      expect(claim.claim.id).toBe(i % 2 === 0 ? area.claimId : aid.claimId);
    });
    for (const s of streams) s.destroy();
    await waitFor(() => (hub?.stats().subscribers === 0 ? true : undefined), {
      what: 'the server to forget closed streams',
    });
  });

  it('ends open streams when the server closes', async () => {
    const other = await buildApiApp({
      readModel: reader,
      log,
      config,
      extraRoutes: [(a) => registerSubscribeRoute(a, { readModel: reader, claimTopics: TOPICS, log })],
    });
    const url = await other.listen({ host: '127.0.0.1', port: 0 });
    const s = await openSse(`${url}/api/subscribe`, auth);
    await subscribed(s);
    await other.close(); // would hang if the open stream kept the server from closing
    await s.until((x) => (x.ended() ? true : undefined), 'the stream to end');
  });
});
