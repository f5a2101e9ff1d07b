import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { seriesId } from '../../../domain/tally/series.ts';
import { topicNames } from '../../../schemas/topics.ts';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { createKafkaBus, type EventProducer, type KafkaBus } from '../../../services/platform/kafka.ts';
import { createProjector, type Projector } from '../../../services/pipeline/projector/projector.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { casualtyEvents, DONETSK_OBLAST, KRAMATORSK, SLOVIANSK } from '../../fixtures/places/casualties.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';

// Casualty claims of Sloviansk, Kramatorsk, Donetsk Oblast, Kharkiv, Sudzha and no place go through the real claims
// topic and projector into the read model; the HTTP API, listening, answers the oblast with its cities' series.
describe('GET /api/tallies?topic=casualties&place=donetsk-oblast on the real broker', () => {
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: uniqueName('places') });
  const prefix = config.kafka.topicPrefix;
  let bus: KafkaBus;
  let producer: EventProducer;
  let readModel: ReadModel;
  let projector: Projector;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'test-places', log });
    await ensurePipelineTopics(bus, prefix, ['casualties']);
    producer = await bus.createProducer();
    readModel = openSqliteReadModel({ path: ':memory:' });
    projector = createProjector({
      bus,
      readModel,
      prefix,
      claimTopics: ['casualties'],
      groupId: uniqueName('projector'),
      log,
    });
    await projector.start();
    app = await buildApiApp({ readModel, log, config: { http: { host: '127.0.0.1', port: 0, token: undefined } } });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await projector.stop();
    await producer.disconnect();
    await bus.close();
    readModel.close();
  });

  it('returns the city-level series inside the oblast and the oblast’s own, each its own series', async () => {
    const events = casualtyEvents();
    for (const e of events)
      await producer.send(topicNames(prefix).claims(e.topic), [{ key: e.key, value: JSON.stringify(e.envelope) }]);
    await waitFor(() => (readModel.listTallies({ topic: 'casualties' }).length === events.length ? true : undefined), {
      what: 'the projector to fold every casualty claim',
    });

    const res = await fetch(`${base}/api/tallies?topic=casualties&place=donetsk-oblast`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      tallies: Array<{ summary: { seriesId: string; key: { place: string }; latest: { value: number } } }>;
    };
    expect(body.tallies.map((t) => t.summary.seriesId)).toEqual(
      [KRAMATORSK, SLOVIANSK, DONETSK_OBLAST].map(seriesId).sort(),
    );
    expect(Object.fromEntries(body.tallies.map((t) => [t.summary.key.place, t.summary.latest.value]))).toEqual({
      sloviansk: 11,
      kramatorsk: 4,
      'donetsk-oblast': 7,
    });

    const all = (await (await fetch(`${base}/api/tallies?topic=casualties`)).json()) as { tallies: unknown[] };
    expect(all.tallies).toHaveLength(events.length);
    const region = (await (await fetch(`${base}/api/places/kramatorsk`)).json()) as { region: string };
    expect(region.region).toBe('donetsk-oblast');
  });
});
