import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { splitSentences } from '../../../domain/extract/text/sentences.ts';
import { article } from './helpers.ts';

// Untrusted input: each case must stay linear (the bar is 200 ms per 100 KB, measured by
// bench:extract). Wall time depends on the machine and its load, so a case fails only when it is
// both slow (over a generous bound) and superlinear (an eighth of the text takes far less than an
// eighth of the time): exactly what catastrophic backtracking or quadratic scans look like.
const MS_PER_100KB = 600;
const LINEAR_RATIO = 8;
const prose = 'Russian forces reportedly captured more than 70 settlements and 1,000 square kilometres in one week, officials said. ';
const cases: [string, string][] = [
  ['a 1 MB article', prose.repeat(Math.ceil(1e6 / prose.length))],
  ['1 MB without sentence ends', 'Ukrainian troops captured 12 villages and '.repeat(25_000)],
  ['100 KB of whitespace', ' \t'.repeat(50_000)],
  ['100 KB of newlines', '\n'.repeat(100_000)],
  ['a run of dots', '.'.repeat(100_000)],
  ['dots and spaces', '. '.repeat(50_000)],
  ['digits and commas', '1,'.repeat(50_000)],
  ['repeated "between … and"', 'between May and '.repeat(6_000) + '5 people were killed'],
  ['repeated date words', 'on Monday in March since 2022 '.repeat(3_500)],
];

describe('adversarial text', () => {
  const time = (text: string) => {
    const t0 = performance.now();
    extractClaims(article(text), defaultTaxonomy());
    return performance.now() - t0;
  };

  it.each(cases)('%s finishes in linear time', (_name, text) => {
    const ms = time(text);
    if (ms < (MS_PER_100KB * text.length) / 100_000 + 100) return;
    const eighth = time(text.slice(0, Math.floor(text.length / LINEAR_RATIO)));
    expect(ms / Math.max(eighth, 1), `${ms.toFixed(0)} ms for the text, ${eighth.toFixed(0)} ms for an eighth`).toBeLessThan(LINEAR_RATIO * 3);
  });

  it('cuts sentences without ends into bounded pieces that still cover the text', () => {
    const text = 'word '.repeat(10_000);
    const spans = splitSentences(text);
    expect(spans.length).toBeGreaterThan(10);
    for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(1000);
  });
});
