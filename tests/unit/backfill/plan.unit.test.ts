import { describe, expect, it } from 'vitest';
import {
  batchAt,
  batchCount,
  countDone,
  fileMarks,
  inWindow,
  isDone,
  markDone,
  matchesSource,
  nextPending,
  rateAndEta,
  recordCount,
  type SourceRange,
} from '../../../workflows/backfill/plan.ts';
import { topicOfSeries } from '../../../domain/tally/series.ts';

const kafka = (partition: number, start: number, end: number): SourceRange => ({
  kind: 'kafka',
  topic: 't',
  partition,
  start,
  end,
});

describe('ranges → batches', () => {
  const ranges = [kafka(0, 10, 15), kafka(1, 0, 0), kafka(2, 100, 104)];

  it('splits each range into batches of batchSize records, in plan order, the last one short', () => {
    expect(batchCount(ranges, 2)).toBe(3 + 0 + 2);
    expect(recordCount(ranges)).toBe(9);
    expect([0, 1, 2, 3, 4].map((i) => batchAt(ranges, 2, i))).toEqual([
      kafka(0, 10, 12),
      kafka(0, 12, 14),
      kafka(0, 14, 15),
      kafka(2, 100, 102),
      kafka(2, 102, 104),
    ]);
    expect(() => batchAt(ranges, 2, 5)).toThrow(RangeError);
  });

  it('gives a file batch the byte marks of its lines', () => {
    // Lines start at bytes 0, 5, 9, 20, 21 of a 30-byte file.
    const marks = fileMarks([0, 5, 9, 20, 21], 30, 2);
    expect(marks).toEqual([0, 9, 21, 30]);
    const file: SourceRange = { kind: 'file', path: '/a.jsonl', start: 0, end: 5, marks };
    expect(batchCount([file], 2)).toBe(3);
    expect(batchAt([file], 2, 1)).toEqual({ kind: 'file', path: '/a.jsonl', start: 2, end: 4, marks: [9, 21] });
    expect(batchAt([file], 2, 2)).toEqual({ kind: 'file', path: '/a.jsonl', start: 4, end: 5, marks: [21, 30] });
  });

  it('keeps 1,000 batches of one plan in a few numbers', () => {
    const big = [kafka(0, 0, 1_000_000)];
    expect(batchCount(big, 1_000)).toBe(1_000);
    expect(batchAt(big, 1_000, 999)).toEqual(kafka(0, 999_000, 1_000_000));
  });
});

describe('finished batches as intervals', () => {
  it('merges neighbours whatever the finishing order, and finds what is left', () => {
    let done: Array<[number, number]> = [];
    for (const i of [3, 0, 1, 5, 2]) done = markDone(done, i);
    expect(done).toEqual([
      [0, 4],
      [5, 6],
    ]);
    expect(markDone(done, 2)).toBe(done);
    expect(countDone(done)).toBe(5);
    expect(isDone(done, 4)).toBe(false);
    expect(nextPending(done, 8, 0, new Set())).toBe(4);
    expect(nextPending(done, 8, 0, new Set([4]))).toBe(6);
    expect(nextPending(done, 6, 0, new Set([4]))).toBeUndefined();
  });
});

describe('progress maths', () => {
  it('rates records per running second and estimates the rest at that rate', () => {
    expect(rateAndEta(500, 2_000, 2_000)).toEqual({ ratePerSec: 250, etaSeconds: 6 });
    expect(rateAndEta(0, 2_000, 5_000)).toEqual({ ratePerSec: 0, etaSeconds: null });
    expect(rateAndEta(2_000, 2_000, 4_000)).toEqual({ ratePerSec: 500, etaSeconds: 0 });
    expect(rateAndEta(0, 0, 0)).toEqual({ ratePerSec: 0, etaSeconds: 0 });
  });
});

describe('filters', () => {
  const window = { from: '2024-03-01T00:00:00Z', to: '2024-04-01T00:00:00Z' };
  it('takes the window as [from, to)', () => {
    expect(inWindow(Date.parse('2024-03-01T00:00:00Z'), window)).toBe(true);
    expect(inWindow(Date.parse('2024-03-31T23:59:59Z'), window)).toBe(true);
    expect(inWindow(Date.parse('2024-04-01T00:00:00Z'), window)).toBe(false);
    expect(inWindow(Date.parse('2024-02-29T23:59:59Z'), window)).toBe(false);
  });
  it('matches the outlet ignoring case and blanks; no filter matches all', () => {
    expect(matchesSource('Kyiv Wire', ' kyiv wire ')).toBe(true);
    expect(matchesSource('Kyiv Wire', 'Kyiv')).toBe(false);
    expect(matchesSource('Anything', undefined)).toBe(true);
  });
  it('reads the claim topic off a series id', () => {
    expect(topicOfSeries('settlements-captured:ukraine:russia:-:kursk-oblast')).toBe('settlements-captured');
  });
});
