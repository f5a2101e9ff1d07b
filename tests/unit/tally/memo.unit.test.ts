import { describe, expect, it } from 'vitest';
import type { TallyEvent } from '../../../schemas/tally.ts';
import {
  createReportsMemo,
  evolve,
  initialTally,
  publishedTallyOf,
  summarise,
  type PublishedReports,
} from '../../../domain/tally/index.ts';
import {
  about,
  claim,
  copied,
  exact,
  KURSK_SETTLEMENTS,
  moreThan,
  reextracted,
  reported,
  shuffled,
} from './tally-spec.ts';
import { seriesId } from '../../../domain/tally/series.ts';

const v = (version: string) => ({ name: 'rules', version });

/** Groups of copies that form, merge and change representative as events arrive. */
const history: TallyEvent[] = [
  reported(
    claim({
      id: 'm1',
      articleId: 'a1',
      quantity: moreThan(70),
      asOf: '2024-08-12',
      attribution: ['Ukrainian army chief'],
    }),
    'Kyiv Daily',
  ),
  reported(claim({ id: 'm2', articleId: 'a2', quantity: exact(74), asOf: '2024-08-13' }), 'Global Wire'),
  reported(claim({ id: 'm2c', articleId: 'a2-copy', quantity: exact(74), asOf: '2024-08-13' }), 'Morning Paper', 'a2'),
  copied('a2-copy-2', 'a2-copy', 'Evening Paper'), // a copy of a copy
  copied('a7-copy', 'a7', 'Night Desk'), // a copy before its original
  reported(
    claim({
      id: 'm7',
      articleId: 'a7',
      quantity: exact(28),
      asOf: '2024-08-13',
      attribution: ['Kursk regional authorities'],
    }),
    'Regional Radio',
  ),
  reported(
    claim({ id: 'm4', articleId: 'a4', quantity: exact(60), asOf: '2024-08-11', extractor: v('1.0.0') }),
    'Border Herald',
  ),
  reextracted(
    'a4',
    '1.2.0',
    [claim({ id: 'm4', articleId: 'a4', quantity: about(65), asOf: '2024-08-11', extractor: v('1.2.0') })],
    'Border Herald',
  ),
  // The copy re-extracted by a newer version becomes its group's representative.
  reextracted(
    'a2-copy',
    '1.3.0',
    [claim({ id: 'm2c', articleId: 'a2-copy', quantity: exact(75), asOf: '2024-08-13', extractor: v('1.3.0') })],
    'Morning Paper',
  ),
  reported(
    claim({ id: 'm5', articleId: 'a5', quantity: exact(3), asOf: '2024-08-14', kind: 'increment' }),
    'Kyiv Daily',
  ),
  reported(claim({ id: 'm6', articleId: 'a6', quantity: exact(92), asOf: '2024-08-20' }), 'Policy Review'),
  reextracted('a6', '1.10.0', [], 'Policy Review'), // a report that goes away
  reported(claim({ id: 'm8', articleId: 'a8', quantity: exact(1263, 'km2'), asOf: '2024-08-21' }), 'Other Unit'),
];

describe('reports memo (the tally workflow reuses reports between versions)', () => {
  it('gives, at every version and in any arrival order, exactly what a call without it gives', () => {
    const id = seriesId(KURSK_SETTLEMENTS);
    for (let seed = 1; seed <= 100; seed++) {
      const events = shuffled([...history, ...history.slice(0, 5)], seed);
      const memo = createReportsMemo();
      let state = initialTally(id, KURSK_SETTLEMENTS);
      let withMemo: PublishedReports = {};
      let without: PublishedReports = {};
      for (const [i, event] of events.entries()) {
        state = evolve(state, event);
        // Every other version also goes through summarise alone, as a query would between publishes.
        if (i % 2 === 0)
          expect(JSON.stringify(summarise(state, memo)), `seed ${seed} step ${i}`).toBe(
            JSON.stringify(summarise(state)),
          );
        const a = publishedTallyOf(state, withMemo, memo);
        const b = publishedTallyOf(state, without);
        expect(JSON.stringify(a.tally), `seed ${seed} step ${i}`).toBe(JSON.stringify(b.tally));
        withMemo = a.published;
        without = b.published;
      }
    }
  });

  it('reuses the report objects of groups that did not change', () => {
    const id = seriesId(KURSK_SETTLEMENTS);
    const memo = createReportsMemo();
    const first = history.slice(0, 3).reduce(evolve, initialTally(id, KURSK_SETTLEMENTS));
    const before = summarise(first, memo).reports;
    const after = summarise(evolve(first, history[6] as TallyEvent), memo).reports;
    expect(after).toHaveLength(before.length + 1);
    for (const r of before) expect(after).toContain(r); // the same objects, not copies
  });
});
