import { describe, expect, it } from 'vitest';
import {
  evolve,
  initialTally,
  publishedTallyOf,
  summarise,
  type PublishedReports,
} from '../../../domain/tally/index.ts';
import { seriesId } from '../../../domain/tally/series.ts';
import type { PublishedTally, TallyEvent, TallyReport, TallyState } from '../../../schemas/tally.ts';
import { PublishedTallySchema } from '../../../schemas/tally.ts';
import {
  KURSK_SETTLEMENTS,
  about,
  claim,
  copied,
  exact,
  moreThan,
  reextracted,
  reported,
  shuffled,
} from './tally-spec.ts';

const c1 = claim({ id: 'c1', articleId: 'a1', quantity: moreThan(70), asOf: '2024-08-12' });
const c2 = claim({ id: 'c2', articleId: 'a2', quantity: exact(74), asOf: '2024-08-13' });
const c3 = claim({ id: 'c3', articleId: 'a3', quantity: about(90), asOf: '2024-08-20' });
const c4 = claim({ id: 'c4', articleId: 'a4', quantity: exact(93), asOf: '2024-08-21', kind: 'increment' });

/** Publishes after each event, as the series workflow does after each delivery: the messages, in order. */
function publishEach(events: readonly TallyEvent[]): { messages: PublishedTally[]; state: TallyState } {
  let state = initialTally(seriesId(KURSK_SETTLEMENTS), KURSK_SETTLEMENTS);
  let previous: PublishedReports = {};
  const messages: PublishedTally[] = [];
  for (const e of events) {
    const next = evolve(state, e);
    if (next.version === state.version) continue;
    state = next;
    const { tally, published } = publishedTallyOf(state, previous);
    messages.push(tally);
    previous = published;
  }
  return { messages, state };
}

/** What a tallies-topic reader holds after reading every message: report by claim id. */
function readAll(messages: readonly PublishedTally[]): Map<string, TallyReport> {
  const reports = new Map<string, TallyReport>();
  for (const m of messages) {
    for (const id of m.removedReports) reports.delete(id);
    for (const r of m.reports) reports.set(r.claimId, r);
  }
  return reports;
}

describe('the tallies-topic message of a version', () => {
  it('carries the headline in full and only the reports that are new', () => {
    const { messages, state } = publishEach([
      reported(c1, 'Kyiv Daily'),
      reported(c2, 'Lviv Post'),
      reported(c3, 'Odesa Herald'),
    ]);
    expect(messages.map((m) => m.reports.map((r) => r.claimId))).toEqual([['c1'], ['c2'], ['c3']]);
    const last = messages.at(-1)!;
    const { reports, increments, periodCounts, ...figures } = summarise(state);
    expect(last.summary).toEqual({
      ...figures,
      reportCount: reports.length,
      incrementCount: increments.length,
      periodReportCount: periodCounts.length,
    });
    expect(last.summary.latest?.value).toBe(90);
    expect(PublishedTallySchema.parse(last)).toEqual(last);
  });

  it('sends a report again when a copy joins it, and names reports a re-extraction removed', () => {
    const newer = { ...c2, id: 'c2v2', quantity: exact(75), extractor: { name: 'rules', version: '2.0.0' } };
    const { messages } = publishEach([
      reported(c1, 'Kyiv Daily'),
      reported(c2, 'Lviv Post'),
      copied('a2-copy', 'a2', 'Morning Wire'),
      reextracted('a2', '2.0.0', [newer], 'Lviv Post'),
    ]);
    const [, , copy, replaced] = messages;
    expect(copy?.reports.map((r) => [r.claimId, r.copies.map((c) => c.articleId)])).toEqual([['c2', ['a2-copy']]]);
    expect(replaced?.reports.map((r) => r.claimId)).toEqual(['c2v2']);
    expect(replaced?.removedReports).toEqual(['c2']);
  });

  it('stays the size of the change, however long the series', () => {
    // A standing figure reported daily by rotating outlets for most of a year.
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    const many = Array.from({ length: 300 }, (_, i) =>
      reported(
        claim({ id: `m${String(i).padStart(3, '0')}`, articleId: `m${i}`, quantity: exact(100 + i), asOf: day(i) }),
        `Outlet ${i % 7}`,
      ),
    );
    const { messages } = publishEach(many);
    const sizes = messages.map((m) => JSON.stringify(m).length);
    expect(Math.max(...sizes.slice(-10))).toBeLessThan(sizes[0]! * 2);
    expect(messages.at(-1)?.summary.reportCount).toBe(300);
  });

  it('lets a reader of every message hold every report of the series, in any delivery order', () => {
    const events = [
      reported(c1, 'Kyiv Daily'),
      reported(c2, 'Lviv Post'),
      reported(c3, 'Odesa Herald'),
      reported(c4, 'Kharkiv Times'),
      copied('a1-copy', 'a1', 'Morning Wire'),
      copied('a3-copy', 'a3', 'Evening Wire'),
      reextracted(
        'a3',
        '2.0.0',
        [{ ...c3, id: 'c3v2', extractor: { name: 'rules', version: '2.0.0' } }],
        'Odesa Herald',
      ),
    ];
    for (const seed of [1, 2, 3, 4, 5]) {
      const { messages, state } = publishEach(shuffled(events, seed));
      const expected = summarise(state).reports;
      expect(
        [...readAll(messages).values()].sort((a, b) => a.claimId.localeCompare(b.claimId)),
        `seed ${seed}`,
      ).toEqual([...expected].sort((a, b) => a.claimId.localeCompare(b.claimId)));
    }
  });
});
