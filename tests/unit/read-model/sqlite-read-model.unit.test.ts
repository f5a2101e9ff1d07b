import { afterEach, describe, expect, it } from 'vitest';
import { seriesId } from '../../../domain/tally/series.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import {
  AREA,
  SETTLEMENTS,
  STANDING_CLAIMS,
  asInput,
  firstWave,
  pureTallies,
  secondWave,
} from '../../fixtures/read-model/events.ts';

// SQLite in memory: the embedded store is part of the unit under test, no infrastructure.
describe('SQLite read model', () => {
  let rm: ReadModel;
  const open = () => (rm = openSqliteReadModel({ path: ':memory:', recentDeadLetters: 3 }));
  afterEach(() => rm.close());

  it('folds events with the shared evolve: tallies equal the pure fold, whatever the batch boundaries', () => {
    const events = [...firstWave(), ...secondWave()];
    const whole = open();
    whole.applyClaimsEvents(events.map(asInput));
    const byOne = openSqliteReadModel({ path: ':memory:' });
    for (const e of events) byOne.applyClaimsEvents([asInput(e)]);

    expect(whole.listTallies().map((t) => t.summary)).toEqual(pureTallies(events));
    expect(byOne.listTallies()).toEqual(whole.listTallies());
    expect(byOne.listClaims({ limit: 100 })).toEqual(whole.listClaims({ limit: 100 }));
    byOne.close();
  });

  it('skips envelope ids it has applied, within a batch and across batches', () => {
    open();
    const first = rm.applyClaimsEvents(firstWave().map(asInput));
    expect(first).toMatchObject({ applied: 7, skipped: 1 });
    expect(first.changedSeries).toEqual([seriesId(AREA), seriesId(SETTLEMENTS)].sort());
    const again = rm.applyClaimsEvents(firstWave().map(asInput));
    expect(again).toEqual({ applied: 0, skipped: 8, changedSeries: [] });
  });

  it('keeps the claims table equal to the standing claims: a re-extraction replaces, a dropped claim goes', () => {
    open();
    rm.applyClaimsEvents(firstWave().map(asInput));
    expect(rm.listClaims({ limit: 100 }).claims.map((c) => c.claim.id)).toContain('c-harbour-1');
    rm.applyClaimsEvents(secondWave().map(asInput));
    const ids = rm
      .listClaims({ limit: 100 })
      .claims.map((c) => c.claim.id)
      .sort();
    expect(ids).toEqual(STANDING_CLAIMS);
    const harbour = rm.listClaims({ limit: 100 }).claims.find((c) => c.claim.id === 'c-harbour-2');
    expect(harbour).toMatchObject({
      source: 'Harbour Post',
      reportedAt: '2024-08-16T09:00:00.000Z',
      seriesId: seriesId(SETTLEMENTS),
    });
  });

  it('answers the summary with every report and evidence, and 404s (undefined) unknown series', () => {
    open();
    rm.applyClaimsEvents([...firstWave(), ...secondWave()].map(asInput));
    const settlements = rm.getSeries(seriesId(SETTLEMENTS));
    expect(settlements?.summary.disputed).toBe(true);
    expect(settlements?.summary.latest).toMatchObject({ value: 74, qualifier: 'exact' });
    // The syndicated copy counts once: Harbour, Valley (+ its copy), Field.
    expect(settlements?.summary.reports.map((r) => r.claimId).sort()).toEqual([
      'c-field-1',
      'c-harbour-2',
      'c-valley-1',
    ]);
    expect(settlements?.summary.reports.every((r) => r.evidence.quote.length > 0)).toBe(true);
    expect(settlements?.updatedAt).toBe('2024-08-16T09:00:00.000Z');
    expect(rm.getSeries('no:such:series:-:-')).toBeUndefined();
  });

  it('lists topics with series and claim counts and the last update', () => {
    open();
    rm.applyClaimsEvents([...firstWave(), ...secondWave()].map(asInput));
    expect(rm.listTopics()).toEqual([
      { topic: 'military-aid', series: 1, claims: 1, lastUpdate: '2024-08-15T09:00:00.000Z' },
      { topic: 'settlements-captured', series: 1, claims: 4, lastUpdate: '2024-08-16T09:00:00.000Z' },
      { topic: 'territory-area', series: 1, claims: 1, lastUpdate: '2024-08-21T09:00:00.000Z' },
    ]);
    expect(rm.listTallies({ topic: 'territory-area' }).map((t) => t.summary.seriesId)).toEqual([seriesId(AREA)]);
  });

  it('pages claims newest first by a stable cursor, with topic and since filters', () => {
    open();
    rm.applyClaimsEvents([...firstWave(), ...secondWave()].map(asInput));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = rm.listClaims({ limit: 2, ...(cursor && { cursor }) });
      seen.push(...page.claims.map((c) => `${c.claim.asOf} ${c.claim.id}`));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(seen).toHaveLength(STANDING_CLAIMS.length);

    expect(
      rm
        .listClaims({ limit: 10, topic: 'settlements-captured', since: '2024-08-13' })
        .claims.map((c) => c.claim.id)
        .sort(),
    ).toEqual(['c-field-1', 'c-syndicate-1', 'c-valley-1']);
    expect(() => rm.listClaims({ limit: 1, cursor: 'garbage' })).toThrow(
      expect.objectContaining({ name: 'InvalidInputError' }),
    );
  });

  it('counts dead letters forever, keeps the recent N, and records each id once', () => {
    open();
    const letter = (i: number, source = 'ingest:http') => ({
      id: `dl-${i}`,
      occurredAt: `2024-08-1${i}T00:00:00.000Z`,
      source,
      reason: 'invalid article',
      problems: ['url: Invalid URL'],
      location: null,
      payloadPreview: '{}',
    });
    expect(rm.recordDeadLetters([letter(1), letter(2), letter(1)])).toBe(2);
    expect(rm.recordDeadLetters([letter(3), letter(4), letter(5, 'projector')])).toBe(3);
    const stats = rm.deadLetterStats();
    expect(stats.total).toBe(5);
    expect(stats.bySourceAndReason).toEqual([
      { source: 'ingest:http', reason: 'invalid article', count: 4, lastAt: '2024-08-14T00:00:00.000Z' },
      { source: 'projector', reason: 'invalid article', count: 1, lastAt: '2024-08-15T00:00:00.000Z' },
    ]);
    expect(stats.recent.map((d) => d.id)).toEqual(['dl-5', 'dl-4', 'dl-3']);
  });

  it('stores the next offset per partition with the batch', () => {
    open();
    rm.applyClaimsEvents(firstWave().slice(0, 2).map(asInput), {
      positions: [{ topic: 'x', partition: 2, offset: '41' }],
    });
    rm.applyClaimsEvents([], { positions: [{ topic: 'x', partition: 2, offset: '9007199254740993' }] });
    expect(rm.positions()).toEqual([{ topic: 'x', partition: 2, nextOffset: '9007199254740994' }]);
  });
});
