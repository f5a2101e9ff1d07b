import { describe, expect, it } from 'vitest';
import { evaluate, type SeriesMemory } from '../../../domain/webhooks/evaluate.ts';
import { matches } from '../../../domain/webhooks/match.ts';
import type { AlertEvent, Condition, Observation } from '../../../schemas/webhook.ts';
import { SERIES, claimObservation, figure, tally } from './fixtures.ts';

/** Given these observations in order, the alert kinds/details each one produced (null = no alert). */
function run(condition: Condition, observations: Observation[]): Array<AlertEvent | null> {
  let memory: SeriesMemory | undefined;
  return observations.map((o) => {
    const r = evaluate(condition, memory, o);
    memory = r.memory;
    return r.event;
  });
}
const fired = (events: Array<AlertEvent | null>) => events.map((e) => e !== null);

describe('matches (the router filter)', () => {
  it('new-claim: the claim topic, and the series when given; never tallies', () => {
    expect(matches({ kind: 'new-claim', topic: 'settlements-captured' }, claimObservation('a'))).toBe(true);
    expect(matches({ kind: 'new-claim', topic: 'territory-area' }, claimObservation('a'))).toBe(false);
    expect(matches({ kind: 'new-claim', topic: 'settlements-captured', series: 'other' }, claimObservation('a'))).toBe(
      false,
    );
    expect(matches({ kind: 'new-claim', topic: 'settlements-captured', series: SERIES }, claimObservation('a'))).toBe(
      true,
    );
    expect(matches({ kind: 'new-claim', topic: 'settlements-captured' }, tally(1, figure(3)))).toBe(false);
  });
  it('new-figure and threshold: tallies of their series only', () => {
    expect(matches({ kind: 'new-figure', series: SERIES }, tally(1, figure(3)))).toBe(true);
    expect(matches({ kind: 'new-figure', series: 'other' }, tally(1, figure(3)))).toBe(false);
    expect(matches({ kind: 'threshold', series: SERIES, above: 1 }, claimObservation('a'))).toBe(false);
  });
  it('disputed: every series unless narrowed by topic or series', () => {
    expect(matches({ kind: 'disputed' }, tally(1, null))).toBe(true);
    expect(matches({ kind: 'disputed', topic: 'territory-area' }, tally(1, null))).toBe(false);
    expect(matches({ kind: 'disputed', topic: 'settlements-captured', series: SERIES }, tally(1, null))).toBe(true);
  });
});

describe('evaluate (edge-triggered)', () => {
  it('new-claim: every claim is an alert carrying the claim', () => {
    const [event] = run({ kind: 'new-claim', topic: 'settlements-captured' }, [claimObservation('c1')]);
    expect(event).toMatchObject({ kind: 'new-claim', seriesId: SERIES, source: 'Valley Times', claim: { id: 'c1' } });
  });

  it('new-figure: alerts when the figure changes, not when another outlet repeats it or it is re-dated', () => {
    const events = run({ kind: 'new-figure', series: SERIES }, [
      tally(1, figure(70, { qualifier: 'more-than', high: null })),
      tally(
        2,
        figure(70, {
          qualifier: 'more-than',
          high: null,
          source: 'Valley Times',
          claimId: 'other',
          asOf: '2024-08-13',
        }),
      ),
      tally(3, figure(74)),
      tally(4, figure(74)),
    ]);
    expect(fired(events)).toEqual([true, false, true, false]);
    expect(events[2]).toMatchObject({ kind: 'new-figure', version: 3, previous: { value: 70 }, latest: { value: 74 } });
  });

  it('disputed: alerts on false → true only, and again after the dispute cleared', () => {
    const d = (v: number, disputed: boolean) =>
      tally(v, figure(74), { disputed, disputes: disputed ? [['c-1', 'c-2']] : [] });
    const events = run({ kind: 'disputed' }, [d(1, false), d(2, true), d(3, true), d(4, false), d(5, true)]);
    expect(fired(events)).toEqual([false, true, false, false, true]);
    expect(events[1]).toMatchObject({ kind: 'disputed', disputes: [['c-1', 'c-2']] });
  });

  it('threshold above: once per upward crossing, not while it stays above', () => {
    const values = [50, 120, 130, 90, 101];
    const events = run(
      { kind: 'threshold', series: SERIES, above: 100 },
      values.map((v, i) => tally(i + 1, figure(v))),
    );
    expect(fired(events)).toEqual([false, true, false, false, true]);
    expect(events[1]).toMatchObject({
      kind: 'threshold',
      direction: 'above',
      threshold: 100,
      previous: 50,
      latest: { value: 120 },
    });
  });

  it('threshold band: above and below each fire on entering their side; equal to the threshold is inside', () => {
    const values = [10, 5, 4, 20, 21, 3, 5];
    const events = run(
      { kind: 'threshold', series: SERIES, above: 20, below: 5 },
      values.map((v, i) => tally(i + 1, figure(v))),
    );
    expect(events.map((e) => (e?.kind === 'threshold' ? e.direction : null))).toEqual([
      null,
      null,
      'below',
      null,
      'above',
      'below',
      null,
    ]);
  });

  it('a series first seen already past the threshold or disputed alerts once (the baseline is empty)', () => {
    expect(
      fired(run({ kind: 'threshold', series: SERIES, above: 100 }, [tally(7, figure(150)), tally(8, figure(160))])),
    ).toEqual([true, false]);
    expect(fired(run({ kind: 'disputed' }, [tally(7, figure(1), { disputed: true })]))).toEqual([true]);
  });

  it('ignores snapshots no newer than the one remembered (re-delivery, republished version)', () => {
    const events = run({ kind: 'threshold', series: SERIES, above: 100 }, [
      tally(2, figure(50)),
      tally(3, figure(150)),
      tally(3, figure(150)),
      tally(2, figure(50)),
      tally(4, figure(150)),
    ]);
    expect(fired(events)).toEqual([false, true, false, false, false]);
  });

  it('a snapshot without a latest figure keeps the side and raises nothing', () => {
    const events = run({ kind: 'threshold', series: SERIES, below: 10 }, [
      tally(1, figure(5)),
      tally(2, null),
      tally(3, figure(4)),
    ]);
    expect(fired(events)).toEqual([true, false, false]);
    expect(fired(run({ kind: 'new-figure', series: SERIES }, [tally(1, null)]))).toEqual([false]);
  });

  it('observations of the other kind are never alerts', () => {
    expect(run({ kind: 'new-figure', series: SERIES }, [claimObservation('x')])).toEqual([null]);
    expect(run({ kind: 'new-claim', topic: 'settlements-captured' }, [tally(1, figure(3))])).toEqual([null]);
  });
});
