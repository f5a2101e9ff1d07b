import { describe, expect, it } from 'vitest';
import { findQuantities } from '../../../domain/extract/quantity/index.ts';

// Bounds are generous on purpose: they catch super-linear (backtracking) behaviour, not micro-timing.
const timed = (text: string): number => {
  const t0 = performance.now();
  findQuantities(text);
  return performance.now() - t0;
};
const mb = (unit: string): string => unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);

describe('untrusted input', () => {
  it.each([
    [
      'article-like text',
      mb(
        'Russian forces captured more than 1,000 square kilometres and about 70 villages, officials said on 24 February 2023. ',
      ),
    ],
    ['whitespace', ' '.repeat(1_000_000)],
    ['dots', '.'.repeat(1_000_000)],
    ['digits', '7'.repeat(1_000_000)],
    ['commas and digits', mb('1,')],
    ['digit groups', mb('1,000,')],
    ['space-grouped digits', mb('100 ')],
    ['dotted digits', mb('1.2.')],
    ['number words', mb('one hundred and ')],
    ['hyphens', mb('10-')],
    ['qualifier soup', mb('more than at least up to ')],
  ])('1 MB of %s finishes in linear time', (_name, text) => {
    // Fails only when slow (over 2 s) and superlinear (an eighth takes far less than an eighth of
    // the time), so a loaded CI machine does not fail it while backtracking still would.
    const ms = timed(text);
    if (ms < 2000) return;
    const eighth = timed(text.slice(0, text.length / 8));
    expect(ms / Math.max(eighth, 1)).toBeLessThan(24);
  });

  it('offsets always slice the phrase and the number out of the text', () => {
    const text =
      'Kyiv said nearly 1,200 troops — between 10,000 and 12,000 in all — and $40bn, €1.5 billion, 15%, 5bn euros.';
    for (const m of findQuantities(text)) {
      expect(m.start).toBeLessThanOrEqual(m.numberStart);
      expect(m.numberEnd).toBeLessThanOrEqual(m.end);
      expect(text.slice(m.numberStart, m.numberEnd)).toMatch(/^[\d€$]|^[a-z]/i);
    }
    expect(findQuantities(text).map((m) => text.slice(m.start, m.end))).toEqual([
      'nearly 1,200',
      'between 10,000 and 12,000',
      '$40bn',
      '€1.5 billion',
      '15%',
      '5bn euros',
    ]);
  });

  it('handles empty, lone symbols and surrogate pairs', () => {
    for (const s of ['', '$', '€', '%', '-', '😀 12 😀', '\u0000 5', '1'.padEnd(50, ',')])
      expect(() => findQuantities(s)).not.toThrow();
    expect(findQuantities('😀 12 😀')[0]).toMatchObject({ start: 3, end: 5, value: 12 });
  });

  it('is pure: same text, same result', () => {
    const text = 'about 70 villages and 1,000 km²';
    expect(findQuantities(text)).toEqual(findQuantities(text));
  });
});
