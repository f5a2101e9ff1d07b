import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { matches } from '../../../domain/webhooks/match.ts';
import { placeInfo, placeMatches, placeOfSeriesId } from '../../../domain/places/index.ts';
import { type SeriesKey } from '../../../schemas/tally.ts';
import { seriesId } from '../../../domain/tally/series.ts';
import { ConditionSchema, type Observation } from '../../../schemas/webhook.ts';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { requestFromOptions } from '../../../services/app/cli/commands/subscriptions.check.ts';
import { groupByRegion, describePlace } from '../../../services/surfaces/dashboard/web/places.ts';
import { seriesInPlaces, talliesInPlace } from '../../../services/surfaces/places/filter.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { feedFilter, filterMatches } from '../../../services/surfaces/live/filter.ts';
import { parseSubscribeQuery } from '../../../services/surfaces/live/query.ts';
import {
  CASUALTY_SERIES,
  casualtyInputs,
  DONETSK_OBLAST,
  KHARKIV,
  KRAMATORSK,
  NOWHERE,
  SLOVIANSK,
  SUDZHA,
} from '../../fixtures/places/casualties.ts';

const log = createRootLogger('silent');
const ids = (keys: SeriesKey[]) => keys.map(seriesId).sort();

describe('placeMatches: the roll-up of a place filter', () => {
  it('takes the place itself and every place inside it, nothing else', () => {
    expect(placeMatches('donetsk-oblast', 'donetsk-oblast')).toBe(true);
    expect(placeMatches('donetsk-oblast', 'sloviansk')).toBe(true);
    expect(placeMatches('donbas', 'kramatorsk')).toBe(true);
    expect(placeMatches('donbas', 'donetsk-oblast')).toBe(true);
    expect(placeMatches('ukraine', 'sloviansk')).toBe(true);
    expect(placeMatches('donetsk-oblast', 'kharkiv')).toBe(false);
    expect(placeMatches('sloviansk', 'donetsk-oblast')).toBe(false);
    expect(placeMatches('ukraine', 'sudzha')).toBe(false);
    expect(placeMatches('donetsk-oblast', null)).toBe(false);
  });

  it('matches an unknown place only by itself', () => {
    expect(placeMatches('north-sector', 'north-sector')).toBe(true);
    expect(placeMatches('north-sector', 'sloviansk')).toBe(false);
  });

  it('reads the place of a series id, escapes included', () => {
    expect(placeOfSeriesId(seriesId(SLOVIANSK))).toBe('sloviansk');
    expect(placeOfSeriesId(seriesId(NOWHERE))).toBeNull();
    expect(placeOfSeriesId(seriesId({ ...SLOVIANSK, place: 'north: sector' }))).toBe('north: sector');
    expect(placeOfSeriesId('not a series')).toBeNull();
  });

  it('describes a place with its region', () => {
    expect(placeInfo('sloviansk')).toMatchObject({
      name: 'Sloviansk',
      region: 'donetsk-oblast',
      regionName: 'Donetsk Oblast',
      country: 'ukraine',
    });
    expect(placeInfo('atlantis')).toBeUndefined();
    expect(describePlace('sloviansk', placeInfo('sloviansk'))).toBe('Sloviansk (Donetsk Oblast)');
    expect(describePlace('north-sector', undefined)).toBe('north-sector');
  });
});

describe('read-side place filters', () => {
  const rm = openSqliteReadModel({ path: ':memory:' });
  rm.applyClaimsEvents(casualtyInputs());
  const listings = rm.listTallies({ topic: 'casualties' });

  it('the read model holds one series per place', () => {
    expect(listings.map((l) => l.summary.seriesId)).toEqual(ids(CASUALTY_SERIES));
  });

  it('talliesInPlace keeps the oblast and its cities, each its own series', () => {
    expect(talliesInPlace(listings, 'donetsk-oblast').map((l) => l.summary.seriesId)).toEqual(
      ids([SLOVIANSK, KRAMATORSK, DONETSK_OBLAST]),
    );
    expect(talliesInPlace(listings, 'sloviansk').map((l) => l.summary.seriesId)).toEqual(ids([SLOVIANSK]));
    expect(talliesInPlace(listings, 'kursk-oblast').map((l) => l.summary.seriesId)).toEqual(ids([SUDZHA]));
    expect(talliesInPlace(listings, 'ukraine').map((l) => l.summary.seriesId)).toEqual(
      ids([SLOVIANSK, KRAMATORSK, DONETSK_OBLAST, KHARKIV]),
    );
  });

  it('the SSE filter drops entries outside the places, with topics and series still applied', () => {
    const filter = feedFilter({ topics: ['casualties'], places: ['donbas'] });
    const entry = (k: SeriesKey) => ({ topic: k.topic, seriesId: seriesId(k) });
    expect(filterMatches(filter, entry(KRAMATORSK))).toBe(true);
    expect(filterMatches(filter, entry(KHARKIV))).toBe(false);
    expect(filterMatches(filter, entry(NOWHERE))).toBe(false);
    expect(
      filterMatches(filter, { topic: 'prisoners', seriesId: seriesId({ ...KRAMATORSK, topic: 'prisoners' }) }),
    ).toBe(false);
    expect(filterMatches(feedFilter({ places: [] }), entry(NOWHERE))).toBe(true);
    expect(seriesInPlaces(seriesId(SUDZHA), new Set(['kharkiv-oblast', 'kursk-oblast']))).toBe(true);
  });

  it('the SSE query takes places and refuses what is not a slug', () => {
    expect(parseSubscribeQuery(['casualties'], { places: 'donetsk-oblast,kursk-oblast' })).toEqual({
      ok: true,
      value: { places: ['donetsk-oblast', 'kursk-oblast'] },
    });
    const bad = parseSubscribeQuery(['casualties'], { places: 'Donetsk Oblast' });
    expect(bad.ok).toBe(false);
  });

  it('webhook conditions narrow new-claim and disputed alerts to a place and what is inside it', () => {
    const newClaim = ConditionSchema.parse({ kind: 'new-claim', topic: 'casualties', place: 'donetsk-oblast' });
    const disputed = ConditionSchema.parse({ kind: 'disputed', place: 'kursk-oblast' });
    const claimObs = (k: SeriesKey) => ({ type: 'claim', topic: k.topic, seriesId: seriesId(k) }) as Observation;
    const tallyObs = (k: SeriesKey) => ({ type: 'tally', topic: k.topic, seriesId: seriesId(k) }) as Observation;
    expect(matches(newClaim, claimObs(SLOVIANSK))).toBe(true);
    expect(matches(newClaim, claimObs(KHARKIV))).toBe(false);
    expect(matches(disputed, tallyObs(SUDZHA))).toBe(true);
    expect(matches(disputed, tallyObs(SLOVIANSK))).toBe(false);
    expect(ConditionSchema.safeParse({ kind: 'disputed', place: 'Kursk' }).success).toBe(false);
    const cli = requestFromOptions({
      url: 'https://hooks.example/x',
      on: 'new-claim',
      topic: 'casualties',
      place: 'donbas',
    });
    expect(cli.ok && cli.request.condition).toEqual({ kind: 'new-claim', topic: 'casualties', place: 'donbas' });
  });

  it('the dashboard groups a topic’s series by region, the unplaced last', () => {
    const places = new Map(
      ['sloviansk', 'kramatorsk', 'donetsk-oblast', 'kharkiv', 'sudzha'].map((id) => [id, placeInfo(id)!]),
    );
    const groups = groupByRegion(
      listings.map((l) => l.summary),
      places,
    );
    expect(groups.map((g) => [g.region, g.label, g.series.length])).toEqual([
      ['donetsk-oblast', 'Donetsk Oblast', 3],
      ['kharkiv-oblast', 'Kharkiv Oblast', 1],
      ['kursk-oblast', 'Kursk Oblast', 1],
      [null, 'no region', 1],
    ]);
  });
});

describe('GET /api/tallies?place= and /api/places', () => {
  let app: FastifyInstance;
  let rm: ReadModel;
  afterEach(async () => {
    await app.close();
    rm.close();
  });

  it('returns the series of the place and of the places inside it', async () => {
    rm = openSqliteReadModel({ path: ':memory:' });
    rm.applyClaimsEvents(casualtyInputs());
    app = await buildApiApp({ readModel: rm, log, config: { http: { host: '127.0.0.1', port: 0, token: undefined } } });
    const res = await app.inject('/api/tallies?topic=casualties&place=donetsk-oblast');
    expect(res.statusCode).toBe(200);
    expect(res.json().tallies.map((t: { summary: { seriesId: string } }) => t.summary.seriesId)).toEqual(
      ids([SLOVIANSK, KRAMATORSK, DONETSK_OBLAST]),
    );
    expect((await app.inject('/api/tallies?place=kramatorsk')).json().tallies).toHaveLength(1);
    expect((await app.inject('/api/tallies')).json().tallies).toHaveLength(CASUALTY_SERIES.length);

    expect((await app.inject('/api/places/sudzha')).json()).toMatchObject({
      region: 'kursk-oblast',
      regionName: 'Kursk Oblast',
      kind: 'town',
    });
    expect((await app.inject('/api/places/atlantis')).statusCode).toBe(404);
    const many = (await app.inject('/api/places?ids=sloviansk,atlantis,kyiv')).json();
    expect(many.places.map((p: { id: string }) => p.id)).toEqual(['sloviansk', 'kyiv']);
    expect((await app.inject('/api/places?idz=x')).statusCode).toBe(400);
  });
});
