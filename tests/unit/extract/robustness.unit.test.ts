import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims, extractReport } from '../../../domain/extract/index.ts';
import { splitSentences } from '../../../domain/extract/text/sentences.ts';
import { article } from './helpers.ts';

// Untrusted input: each case must stay linear (the bar is 200 ms per 100 KB, measured by
// bench:extract). Wall time depends on the machine and its load, so a case fails only when it is
// both slow (over a generous bound) and superlinear (an eighth of the text takes far less than an
// eighth of the time): exactly what catastrophic backtracking or quadratic scans look like.
const MS_PER_100KB = 600;
const LINEAR_RATIO = 8;
const prose =
  'Russian forces reportedly captured more than 70 settlements and 1,000 square kilometres in one week, officials said. ';
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

  it.each(cases)(
    '%s finishes in linear time',
    (_name, text) => {
      const ms = time(text);
      if (ms < (MS_PER_100KB * text.length) / 100_000 + 100) return;
      const eighth = time(text.slice(0, Math.floor(text.length / LINEAR_RATIO)));
      expect(
        ms / Math.max(eighth, 1),
        `${ms.toFixed(0)} ms for the text, ${eighth.toFixed(0)} ms for an eighth`,
      ).toBeLessThan(LINEAR_RATIO * 3);
    },
    120_000,
  );

  it('cuts sentences without ends into bounded pieces that still cover the text', () => {
    const text = 'word '.repeat(10_000);
    const spans = splitSentences(text);
    expect(spans.length).toBeGreaterThan(10);
    for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(1000);
  });
});

// Each hostile input ends with a clear outcome (issue #13): claims, a skip with its reason, or a refusal.
describe('clear outcomes for inputs the extractor cannot read', () => {
  const report = (text: string) => extractReport(article(text), defaultTaxonomy());

  it('a Cyrillic article is skipped as an unsupported language, not returned empty', () => {
    const r = report('Российские войска заявили о взятии 12 населённых пунктов в Донецкой области. '.repeat(3));
    expect(r).toEqual({ claims: [], skipped: 'unsupported language: Cyrillic script', refused: [] });
  });

  it('a Latin-script article in another language is skipped as not English', () => {
    const r = report(
      'Die ukrainischen Streitkräfte haben nach eigenen Angaben 12 Dörfer in der Region Kursk eingenommen, teilte der Generalstab am Montag mit. '.repeat(
        4,
      ),
    );
    expect(r.skipped).toBe('unsupported language: not English');
  });

  it('an English article is read', () => {
    const r = report(
      'Ukrainian forces have captured 12 villages in the Kursk region, the general staff said on Monday.',
    );
    expect(r.skipped).toBeNull();
    expect(r.claims.map((c) => c.quantity.value)).toEqual([12]);
  });

  it('an empty article gives no claims and no skip', () => {
    expect(report('')).toEqual({ claims: [], skipped: null, refused: [] });
  });

  it('a number of 100,000 digits is refused with its reason, and the rest of the article still counts', () => {
    const text = `Officials said ${'7'.repeat(100_000)} drones were shot down. Separately, Ukraine said it shot down 40 drones over Kyiv.`;
    const r = report(text);
    expect(r.refused).toEqual([{ at: 15, reason: 'number out of range: 100000 digits (at most 15)' }]);
    expect(r.claims.map((c) => c.quantity.value)).toEqual([40]);
  });

  it('2 MB of text and deep punctuation finish with claims from the readable parts', () => {
    const big = `${'The talks in Geneva went on through the night without a result. '.repeat(Math.ceil(2e6 / 66))}Ukrainian forces captured 12 villages near Kharkiv, the army said.`;
    expect(report(big).claims.map((c) => c.quantity.value)).toEqual([12]);
    const deep = `${'('.repeat(5_000)}Russia launched 50 drones at Ukraine${')'.repeat(5_000)}`;
    expect(report(deep).claims.map((c) => c.quantity.value)).toEqual([50]);
  }, 120_000);

  it('run-on text without punctuation is cut into clauses: no figure takes a verb or party of another clause', () => {
    const text =
      'Russian forces captured 12 villages near Pokrovsk the governor said 5 people were killed in Kharkiv and Russian troops took control of 40 square kilometres in Kursk officials in Moscow reported 300 Ukrainian soldiers surrendered and Kyiv said 2,000 residents were evacuated from Sumy';
    const got = report(text).claims.map((c) => `${c.topic} ${c.actor}:${c.counterpart} ${c.quantity.value}`);
    expect(got.sort()).toEqual([
      'casualties civilians:russia 5',
      'displaced-people ukraine:null 2000',
      'prisoners russia:ukraine 300',
      'settlements-captured russia:ukraine 12',
      'territory-area russia:ukraine 40',
    ]);
  });
});

describe('sentence ends in scraped and technical text', () => {
  const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

  it('a plural glued to a number ends a sentence ("20 F-16s.", "the 1980s.")', () => {
    expect(sentences('Norway sent 6 F-16s. Belgium will follow in the spring.')).toEqual([
      'Norway sent 6 F-16s.',
      'Belgium will follow in the spring.',
    ]);
    expect(sentences('The shells date from the 1980s. Many fail to fire.')).toHaveLength(2);
  });

  it('a full stop that lost its space still ends a sentence; abbreviations and domains do not', () => {
    expect(sentences('Half of the shells were duds.Officials in Kyiv said so.')).toEqual([
      'Half of the shells were duds.',
      'Officials in Kyiv said so.',
    ]);
    expect(sentences('Aid from the U.S. Army arrived. See yle.fi for more.')).toHaveLength(2);
  });

  it('a long sentence of punctuated text is not cut as a run-on', () => {
    const long =
      'According to a newspaper report on Wednesday, a senior deputy head of the intelligence directorate told reporters in the capital that the North has handed over about one and a half million shells to Russia since the summer, most of them decades old.';
    expect(long.length).toBeGreaterThan(200);
    expect(sentences(`${long} Nobody in Pyongyang commented.`)).toEqual([long, 'Nobody in Pyongyang commented.']);
  });
});
