import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../schemas/webhook.ts';
import type { TallyEvent, TallyState } from '../../../schemas/tally.ts';
import { evaluate, type SeriesMemory } from '../../../domain/webhooks/evaluate.ts';
import { evolve, initialTally, publishedTallyOf, type PublishedReports } from '../../../domain/tally/index.ts';
import { observe } from '../../../services/pipeline/webhooks/observe.ts';
import { envelope, stableId } from '../../../services/platform/bus/envelopes.ts';
import { KURSK_SETTLEMENTS, claim, exact, reported } from '../tally/tally-spec.ts';
import { SERIES } from './fixtures.ts';

// Webhook conditions read the tally headline, which comes from standing figures only (issue 15): a period count or an
// increment arriving on a standing series never fires new-figure, never crosses a threshold, never disputes.

const standing93 = reported(
  claim({ id: 's93', articleId: 'a93', quantity: exact(93), asOf: '2024-08-20', attribution: ['Syrskyi'] }),
  'Kyiv Wire',
);
const standing100 = reported(
  claim({ id: 's100', articleId: 'a100', quantity: exact(100), asOf: '2024-08-27', attribution: ['Syrskyi'] }),
  'Eastern Front Daily',
);
const sinceFriday = reported(
  claim({
    id: 'p12',
    articleId: 'a12',
    quantity: exact(12),
    asOf: '2024-08-28',
    period: { start: '2024-08-23', end: '2024-08-28' },
    attribution: ['General Staff'],
  }),
  'Lakeside Courier',
);
const twoMore = reported(
  claim({
    id: 'i2',
    articleId: 'a2',
    quantity: exact(2),
    asOf: '2024-08-29',
    kind: 'increment',
    attribution: ['Kursk governor'],
  }),
  'Regional Radio',
);

/** Each event as the series workflow publishes it, read back by the alert router and evaluated for `condition`. */
function alertsFor(condition: Condition, events: TallyEvent[]): (string | null)[] {
  let state: TallyState = initialTally(SERIES, KURSK_SETTLEMENTS);
  let published: PublishedReports = {};
  let memory: SeriesMemory | undefined;
  const out: (string | null)[] = [];
  for (const event of events) {
    state = evolve(state, event);
    const next = publishedTallyOf(state, published);
    published = next.published;
    const env = envelope('TallyPublished', next.tally, { id: stableId('tally', SERIES, String(state.version)) });
    const read = observe(
      {
        topic: 'tallies',
        partition: 0,
        offset: '0',
        key: SERIES,
        value: JSON.stringify(env),
        headers: {},
        timestamp: '0',
      },
      'tallies',
    );
    if (!read.ok || !('observed' in read)) throw new Error('not a tally observation');
    const result = evaluate(condition, memory, read.observed.observation);
    memory = result.memory;
    out.push(
      result.event === null
        ? null
        : `${result.event.kind}${'latest' in result.event && result.event.latest ? ` ${result.event.latest.value}` : ''}`,
    );
  }
  return out;
}

describe('webhook conditions follow the standing headline', () => {
  it('new-figure fires for a new standing figure, not for a period count or an increment after it', () => {
    expect(alertsFor({ kind: 'new-figure', series: SERIES }, [standing93, standing100, sinceFriday, twoMore])).toEqual([
      'new-figure 93',
      'new-figure 100',
      null,
      null,
    ]);
  });

  it('a "since Friday" count of 12 does not cross a threshold below 50 on a series standing at 100', () => {
    expect(alertsFor({ kind: 'threshold', series: SERIES, below: 50 }, [standing100, sinceFriday, twoMore])).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('a period count far below the standing figure is not a dispute', () => {
    expect(alertsFor({ kind: 'disputed', series: SERIES }, [standing100, sinceFriday])).toEqual([null, null]);
  });
});
