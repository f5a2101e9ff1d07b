import { describe, expect, it } from 'vitest';
import { TallyStateSchema, TallySummarySchema } from '../../../schemas/tally.ts';
import type { TallyEvent } from '../../../schemas/tally.ts';
import { evolve, summarise } from '../../../domain/tally/index.ts';
import { about, claim, copied, exact, given, moreThan, reextracted, reported, shuffled } from './tally-spec.ts';

const v = (version: string) => ({ name: 'rules', version });

/** A busy series: copies, re-extractions (one arriving late), increments, a dispute, and redeliveries. */
const history: TallyEvent[] = [
  reported(
    claim({
      id: 'h1',
      articleId: 'a1',
      quantity: moreThan(70),
      asOf: '2024-08-12',
      attribution: ['Ukrainian army chief'],
    }),
    'Kyiv Daily',
  ),
  reported(
    claim({
      id: 'h2',
      articleId: 'a2',
      quantity: exact(74),
      asOf: '2024-08-13',
      attribution: ['Ukrainian army chief'],
    }),
    'Global Wire',
  ),
  reported(
    claim({
      id: 'h2c',
      articleId: 'a2-copy',
      quantity: exact(74),
      asOf: '2024-08-13',
      attribution: ['Ukrainian army chief'],
    }),
    'Morning Paper',
    'a2',
  ),
  copied('a2-copy-2', 'a2', 'Evening Paper'),
  reported(
    claim({
      id: 'h3',
      articleId: 'a3',
      quantity: exact(28),
      asOf: '2024-08-13',
      attribution: ['Kursk regional authorities'],
    }),
    'Regional Radio',
  ),
  reported(
    claim({ id: 'h4', articleId: 'a4', quantity: exact(60), asOf: '2024-08-11', extractor: v('1.0.0') }),
    'Border Herald',
  ),
  reextracted(
    'a4',
    '1.2.0',
    [claim({ id: 'h4', articleId: 'a4', quantity: about(65), asOf: '2024-08-11', extractor: v('1.2.0') })],
    'Border Herald',
  ),
  reported(
    claim({ id: 'h5', articleId: 'a5', quantity: exact(3), asOf: '2024-08-14', kind: 'increment' }),
    'Kyiv Daily',
  ),
  reported(
    claim({ id: 'h6', articleId: 'a6', quantity: exact(92), asOf: '2024-08-20', extractor: v('1.0.0') }),
    'Policy Review',
  ),
  reextracted(
    'a6',
    '1.10.0',
    [claim({ id: 'h6', articleId: 'a6', quantity: exact(93), asOf: '2024-08-20', extractor: v('1.10.0') })],
    'Policy Review',
  ),
];
const redelivered = [...history, ...history.slice(0, 4), history[1] as TallyEvent];

describe('the fold', () => {
  it('gives one effect for the same claim delivered three times', () => {
    const once = reported(
      claim({ id: 'same', articleId: 'a1', quantity: exact(74), asOf: '2024-08-13' }),
      'Kyiv Daily',
    );
    const first = given([once]).state;

    expect(evolve(first, once)).toBe(first);
    expect(given([once, once, once]).state).toStrictEqual(first);
    expect(first.version).toBe(1);
    expect(given([once, once, once]).summary.reports).toHaveLength(1);
  });

  it('is order-insensitive: any arrival order of the same events (with redeliveries) gives the same state and summary', () => {
    const reference = given(redelivered);
    for (let seed = 1; seed <= 200; seed++) {
      const run = given(shuffled(redelivered, seed));
      expect(run.state, `seed ${seed}`).toStrictEqual(reference.state);
      expect(JSON.stringify(run.summary), `seed ${seed}`).toBe(JSON.stringify(reference.summary));
    }
  });

  it("replaces an article's claims by a newer extractor version: no double count, no stale figure", () => {
    const { summary } = given(history);
    const fromA4 = summary.reports.filter((r) => r.articleId === 'a4');
    const fromA6 = summary.reports.filter((r) => r.articleId === 'a6');

    expect(fromA4.map((r) => [r.quantity.qualifier, r.quantity.value, r.extractor.version])).toEqual([
      ['approx', 65, '1.2.0'],
    ]);
    expect(fromA6.map((r) => [r.quantity.value, r.extractor.version])).toEqual([[93, '1.10.0']]);
    expect(summary.latest?.value).toBe(93);
    expect(summary.extractorVersions).toEqual(['1.0.0', '1.2.0', '1.10.0']);
  });

  it("ignores an older extractor's claim that arrives after the newer one, and drops claims a newer version no longer finds", () => {
    const older = reported(
      claim({ id: 'late', articleId: 'z1', quantity: exact(50), asOf: '2024-08-13', extractor: v('1.0.0') }),
      'One',
    );
    const newerFindsNothing = reextracted('z1', '2.0.0', [], 'One');

    expect(given([newerFindsNothing, older]).summary.reports).toEqual([]);
    expect(given([older, newerFindsNothing]).summary.reports).toEqual([]);
    expect(given([older, newerFindsNothing]).state).toStrictEqual(given([newerFindsNothing, older]).state);
  });

  it('survives a JSON round trip unchanged (continue-as-new and Kafka payloads), and keeps folding the same', () => {
    const live = given(history.slice(0, 6)).state;
    const resumed = TallyStateSchema.parse(JSON.parse(JSON.stringify(live)));

    expect(resumed).toStrictEqual(live);
    const rest = history.slice(6);
    expect(rest.reduce(evolve, resumed)).toStrictEqual(rest.reduce(evolve, live));
    const summary = summarise(live);
    expect(TallySummarySchema.parse(JSON.parse(JSON.stringify(summary)))).toStrictEqual(summary);
  });

  it('counts distinct facts, not deliveries, in its version', () => {
    expect(given(redelivered).state.version).toBe(given(history).state.version);
    expect(given(history).state.version).toBeGreaterThan(given(history.slice(0, 5)).state.version);
  });

  it('ignores a claim of another series rather than failing the workflow', () => {
    const stray = claim(
      { id: 'stray', articleId: 'q1', quantity: exact(5), asOf: '2024-08-13' },
      {
        topic: 'settlements-captured',
        actor: 'russia',
        counterpart: 'ukraine',
        item: null,
        place: 'donetsk-oblast',
      },
    );
    const start = given([]).state;
    expect(evolve(start, reported(stray, 'One'))).toBe(start);
  });
});
