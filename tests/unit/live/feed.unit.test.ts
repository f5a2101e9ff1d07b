import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedEntrySchema, type FeedEntry } from '../../../schemas/feed.ts';
import { seriesId } from '../../../domain/tally/series.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import {
  AID,
  AREA,
  SETTLEMENTS,
  STANDING_CLAIMS,
  asInput,
  firstWave,
  secondWave,
} from '../../fixtures/read-model/events.ts';

// The change feed of the SQLite read model (in memory or in a temp file): what each applied batch appends, in
// the same transaction, and how the feed is bounded.
const claimIds = (entries: FeedEntry[]) => entries.flatMap((e) => (e.kind === 'claim' ? [e.data.claim.id] : []));
const dir = mkdtempSync(path.join(tmpdir(), 'cw-feed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('read model change feed', () => {
  it('appends one claim entry per newly standing claim and one tally entry per changed series, seq strictly increasing', () => {
    const rm = openSqliteReadModel({ path: ':memory:' });
    expect(rm.feedHead()).toBe(0);
    rm.applyClaimsEvents(firstWave().map(asInput));
    const first = rm.feedAfter(0, { limit: 100 });
    for (const e of first) FeedEntrySchema.parse(e);
    expect(first.map((e) => e.seq)).toEqual([...first.map((e) => e.seq)].sort((a, b) => a - b));
    expect(new Set(first.map((e) => e.seq)).size).toBe(first.length);
    expect(claimIds(first).sort()).toEqual(['c-field-1', 'c-harbour-1', 'c-harbour-3', 'c-syndicate-1', 'c-valley-1']);
    // One tally entry per changed series, after that series' claims; its data is what GET /api/series answers.
    const tallies = first.filter((e) => e.kind === 'tally');
    expect(tallies.map((e) => e.seriesId).sort()).toEqual([seriesId(AREA), seriesId(SETTLEMENTS)].sort());
    for (const t of tallies) expect(t.data).toEqual(rm.getSeries(t.seriesId));
    const lastOfSeries = (id: string) => Math.max(...first.filter((e) => e.seriesId === id).map((e) => e.seq));
    for (const t of tallies) expect(t.seq).toBe(lastOfSeries(t.seriesId));
    // Claim entries carry the ClaimView that /api/claims lists.
    const views = rm.listClaims({ limit: 100 }).claims;
    for (const e of first)
      if (e.kind === 'claim') expect(e.data).toEqual(views.find((v) => v.claim.id === e.data.claim.id));
    expect(rm.feedHead()).toBe(first[first.length - 1]?.seq);

    // A re-delivery changes nothing and appends nothing; a re-extraction brings in its new claim only.
    rm.applyClaimsEvents(firstWave().map(asInput));
    expect(rm.feedAfter(rm.feedHead(), { limit: 10 })).toEqual([]);
    const head = rm.feedHead();
    rm.applyClaimsEvents(secondWave().map(asInput));
    const second = rm.feedAfter(head, { limit: 100 });
    expect(claimIds(second).sort()).toEqual(['c-harbour-2', 'c-ledger-1', 'c-ridge-1']);
    expect(
      second
        .filter((e) => e.kind === 'tally')
        .map((e) => e.seriesId)
        .sort(),
    ).toEqual([seriesId(AREA), seriesId(SETTLEMENTS), seriesId(AID)].sort());
    rm.close();
  });

  it('does not announce a claim that was superseded within the same batch', () => {
    const rm = openSqliteReadModel({ path: ':memory:' });
    rm.applyClaimsEvents([...firstWave(), ...secondWave()].map(asInput));
    expect(claimIds(rm.feedAfter(0, { limit: 100 })).sort()).toEqual(STANDING_CLAIMS);
    rm.close();
  });

  it('writes entries in the transaction of the data: a batch that fails leaves neither', () => {
    const rm = openSqliteReadModel({ path: ':memory:' });
    const [good] = firstWave().map(asInput);
    if (!good) throw new Error('fixture');
    const bad = {
      ...good,
      seriesId: 'not a series id',
      envelope: {
        ...good.envelope,
        id: 'other-id',
        event: {
          type: 'ArticleCopyRecorded' as const,
          data: { articleId: 'a', source: 's', url: 'u', canonicalArticleId: 'b' },
        },
      },
    };
    expect(() => rm.applyClaimsEvents([good, bad])).toThrow(/not a series id/);
    expect(rm.feedHead()).toBe(0);
    expect(rm.listTallies()).toEqual([]);
    rm.close();
  });

  it('filters by topics and series and pages by limit', () => {
    const rm = openSqliteReadModel({ path: ':memory:' });
    rm.applyClaimsEvents([...firstWave(), ...secondWave()].map(asInput));
    const all = rm.feedAfter(0, { limit: 100 });
    expect(rm.feedAfter(0, { limit: 100, topics: ['territory-area'] })).toEqual(
      all.filter((e) => e.topic === 'territory-area'),
    );
    expect(rm.feedAfter(0, { limit: 100, series: [seriesId(AID)] })).toEqual(
      all.filter((e) => e.seriesId === seriesId(AID)),
    );
    expect(rm.feedAfter(0, { limit: 100, topics: ['territory-area'], series: [seriesId(AID)] })).toEqual([]);
    const [a, b] = all;
    expect(rm.feedAfter(0, { limit: 1 })).toEqual([a]);
    expect(rm.feedAfter(a?.seq ?? 0, { limit: 1 })).toEqual([b]);
    rm.close();
  });

  it('keeps the newest N entries and raises the floor past the pruned ones', () => {
    const rm = openSqliteReadModel({ path: ':memory:', feedRetention: { entries: 4 } });
    const floor0 = rm.feedFloor();
    rm.applyClaimsEvents(firstWave().map(asInput));
    rm.applyClaimsEvents(secondWave().map(asInput));
    const kept = rm.feedAfter(0, { limit: 100 });
    expect(kept).toHaveLength(4);
    expect(rm.feedFloor()).toBe(rm.feedHead() - 4);
    expect(rm.feedFloor()).toBeGreaterThan(floor0);
    expect(rm.feedAfter(rm.feedFloor(), { limit: 100 })).toEqual(kept);
    rm.close();
  });

  it('keeps at most the configured characters of data, but always the newest entry', () => {
    const rm = openSqliteReadModel({ path: ':memory:', feedRetention: { bytes: 3000 } });
    rm.applyClaimsEvents([...firstWave(), ...secondWave()].map(asInput));
    const kept = rm.feedAfter(0, { limit: 100 });
    const size = kept.reduce((n, e) => n + JSON.stringify(e.data).length, 0);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length === 1 || size <= 3000).toBe(true);
    expect(kept[kept.length - 1]?.seq).toBe(rm.feedHead());
    expect(rm.feedFloor()).toBe((kept[0]?.seq ?? 0) - 1);
    rm.close();
  });

  it('starts seq above a clock-derived floor, kept across reopening, so a rebuilt file is above an older one', () => {
    const file = path.join(dir, 'feed.sqlite');
    const before = Date.now() * 1000;
    const rm = openSqliteReadModel({ path: file });
    const floor = rm.feedFloor();
    expect(floor).toBeGreaterThanOrEqual(before);
    expect(floor).toBeLessThanOrEqual(Date.now() * 1000);
    rm.applyClaimsEvents(firstWave().map(asInput));
    const head = rm.feedHead();
    expect(rm.feedAfter(0, { limit: 1 })[0]?.seq).toBe(floor + 1);
    rm.close();

    const again = openSqliteReadModel({ path: file });
    expect(again.feedFloor()).toBe(floor);
    again.applyClaimsEvents(secondWave().map(asInput));
    expect(again.feedAfter(head, { limit: 1 })[0]?.seq).toBe(head + 1);
    again.close();
  });
});
