import * as chrono from 'chrono-node';
import { describe, expect, it } from 'vitest';
import { asOfDate, findDates, periodOf } from '../../../domain/extract/dates/period.ts';
import { findRelativeSpans, spanEnding } from '../../../domain/extract/dates/spans.ts';
import { compileTaxonomy } from '../../../domain/extract/taxonomy/compile.ts';
import { defaultTaxonomy } from '../../../domain/extract/index.ts';

const anchors = compileTaxonomy(defaultTaxonomy()).anchors;
const published = '2024-08-15';
const ref = new Date(2024, 7, 15, 12);
const period = (text: string, asOf = published) =>
  periodOf(text, text.search(/\d/), findDates(text, published), asOf, published, anchors);

describe('why chrono-node alone is not enough', () => {
  it('finds nothing in "in the span of one week"', () => {
    expect(chrono.en.parse('In the span of one week, 70 villages fell.', ref, { forwardDate: false })).toEqual([]);
  });

  it('reads "in 24 hours" as the future, not the past day', () => {
    const [r] = chrono.en.parse('in 24 hours 30 drones were shot down', ref, { forwardDate: false });
    expect(r?.start.get('day')).toBe(16);
  });

  it('reads "between August 2023 and January 2024" as two unrelated dates, not one range', () => {
    const rs = chrono.en.parse('between August 2023 and January 2024, 1.6 million shells', ref, { forwardDate: false });
    expect(rs).toHaveLength(2);
    expect(rs.every((r) => !r.end)).toBe(true);
  });
});

describe('periods the extractor reads', () => {
  it('a week ending on the as-of date', () => {
    expect(period('In the span of one week, 70 villages were captured.')).toEqual({
      start: '2024-08-08',
      end: '2024-08-15',
    });
  });

  it('the past day or 24 hours', () => {
    expect(period('In the past 24 hours, 30 drones were shot down.')).toEqual({
      start: '2024-08-14',
      end: '2024-08-15',
    });
    expect(period('Over the past day 12 people were killed.')).toEqual({ start: '2024-08-14', end: '2024-08-15' });
  });

  it('a range of months, from the first day to the last', () => {
    expect(period('Between August 2023 and January 2024 Russia got 1.6 million shells.')).toEqual({
      start: '2023-08-01',
      end: '2024-01-31',
    });
  });

  it('since the war began, and since a date, up to the as-of date', () => {
    expect(period('Since the war began, 6 million people have fled.')).toEqual({
      start: '2022-02-24',
      end: '2024-08-15',
    });
    expect(period('Since February 24, 415 people have been abducted.', '2024-08-12')).toEqual({
      start: '2024-02-24',
      end: '2024-08-12',
    });
  });

  it('a named day or month of the event, but not the day of a statement', () => {
    expect(period('On Sunday 100 civilians were evacuated.')).toEqual({ start: '2024-08-11', end: '2024-08-11' });
    expect(period('Hundreds were killed in an airstrike in March.')).toEqual({
      start: '2024-03-01',
      end: '2024-03-31',
    });
    expect(period('Officials said on Monday that 8 people died.')).toBeNull();
  });

  it('nothing when the text states no span', () => {
    expect(period('Russia has lost 3,000 tanks.')).toBeNull();
  });
});

describe('asOf: the day a statement was made wins over the start of the span', () => {
  const asOf = (text: string, pub: string) => asOfDate(findDates(text, pub), pub);
  const periodAt = (text: string, pub: string) => {
    const dates = findDates(text, pub);
    return periodOf(text, text.search(/\d/), dates, asOfDate(dates, pub), pub, anchors);
  };

  it('"told lawmakers on Wednesday": asOf that Wednesday, the period runs from August to it', () => {
    const text =
      'Pyongyang has sent more than 2 million shells to Moscow since August, the spy agency told lawmakers on Wednesday.';
    expect(asOf(text, '2023-11-02')).toBe('2023-11-01');
    expect(periodAt(text, '2023-11-02')).toEqual({ start: '2023-08-01', end: '2023-11-01' });
  });

  it('"this year, … said on Monday": asOf that Monday, the period from 1 January', () => {
    const text =
      'Pyongyang has handed over 3 million shells this year, the president said in a television interview on Monday.';
    expect(asOf(text, '2024-12-02')).toBe('2024-12-02');
    expect(periodAt(text, '2024-12-04')).toEqual({ start: '2024-01-01', end: '2024-12-02' });
  });

  it('"told the president on Monday": a statement day, not the period of the figure', () => {
    const text = 'The governor told the Russian president on Monday that 30 villages were held by Ukrainian troops.';
    expect(asOf(text, '2024-08-13')).toBe('2024-08-12');
    expect(periodAt(text, '2024-08-13')).toBeNull();
  });

  it('keeps an event day after "said that" as the period, not the statement day', () => {
    const text = 'Officials said that 8 people died on Sunday.';
    expect(asOf(text, '2024-08-15')).toBe('2024-08-15');
    expect(periodAt(text, '2024-08-15')).toEqual({ start: '2024-08-11', end: '2024-08-11' });
  });
});

describe('periods that make a period count', () => {
  it('"since Friday" runs from that Friday to asOf', () => {
    const text = 'Ukrainian troops have taken 15 more villages in the region since Friday.';
    expect(
      periodOf(text, text.search(/\d/), findDates(text, '2024-08-28'), '2024-08-28', '2024-08-28', anchors),
    ).toEqual({ start: '2024-08-23', end: '2024-08-28' });
  });

  it('"overnight" and "last night" are the night before asOf', () => {
    expect(period('Air defences downed 80 drones overnight.', '2024-08-26')).toEqual({
      start: '2024-08-25',
      end: '2024-08-26',
    });
    expect(period('Russia launched 50 drones last night.', '2024-08-26')).toEqual({
      start: '2024-08-25',
      end: '2024-08-26',
    });
  });

  it('"in March" is that month', () => {
    expect(period('Russian forces took 140 square kilometres in March.', '2024-04-02')).toEqual({
      start: '2024-03-01',
      end: '2024-03-31',
    });
  });

  it('"within a week of crossing the border on August 6" starts on August 6', () => {
    expect(
      period('Troops took more than 60 villages within a week of crossing the border on August 6.', '2024-08-14'),
    ).toEqual({ start: '2024-08-06', end: '2024-08-13' });
  });

  it('"since the operation began on August 6" starts on August 6', () => {
    expect(
      period('Ukraine has destroyed 90 tanks since the cross-border operation began on August 6, 2024.', '2025-01-25'),
    ).toEqual({ start: '2024-08-06', end: '2025-01-25' });
  });
});

describe('relative spans', () => {
  it('handles vague counts as no span', () => {
    expect(spanEnding('2024-08-15', 0, 'days')).toBeNull();
    expect(findRelativeSpans('within 10 days of fighting').map((s) => [s.n, s.unit])).toEqual([[10, 'days']]);
  });
});
