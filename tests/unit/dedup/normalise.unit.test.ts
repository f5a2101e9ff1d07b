import { describe, expect, it } from 'vitest';
import { RULES, dropBoilerplate, foldWords, stripLead } from '../../../domain/dedup/boilerplate.ts';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { foldTypography, normaliseBody } from '../../../domain/dedup/normalise.ts';
import { fixture } from './helpers.ts';

describe('foldTypography', () => {
  it('folds curly quotes, dashes and odd spaces to ASCII', () => {
    expect(foldTypography('\u201cWe\u2019re ready\u201d \u2014 she said\u00a0\u2013 \u2018fine\u2019\u2026')).toBe(
      "\"We're ready\" - she said - 'fine'...",
    );
  });

  it('applies NFKC: full-width letters and digits, ligatures', () => {
    expect(foldTypography('\uff2b\uff59\uff49\uff56 \uff13\uff10 \ufb01eld')).toBe('Kyiv 30 field');
  });

  it('removes zero-width and soft-hyphen characters', () => {
    expect(foldTypography('artil\u00adlery\u200b fire')).toBe('artillery fire');
  });
});

// Each rule in normalise-rules.ts carries its own evidence: lines it must remove and lines it must keep.
describe.each(RULES.map((r) => [r.id, r] as const))('normalisation rule %s', (_id, rule) => {
  const apply = (line: string): string => (rule.scope === 'lead' ? stripLead(line) : dropBoilerplate(line));
  it.each(rule.removes.map((x) => (typeof x === 'string' ? [x, ''] : x)))('changes %j to %j', (input, want) => {
    expect(apply(input)).toBe(want);
  });
  it.each(rule.keeps.map((x) => [x]))('leaves %j alone', (line) => {
    expect(apply(line)).toBe(line);
    expect(dropBoilerplate(line)).toBe(line);
    expect(stripLead(line)).toBe(line);
  });
});

describe('boilerplate and leads', () => {
  it('drops a furniture line set as a bullet', () => {
    expect(dropBoilerplate('• Also read: why the bridge matters')).toBe('');
  });

  it('strips an editor note run into the first paragraph, keeping the story', () => {
    expect(
      dropBoilerplate(
        "Editor's note: This report was first published by Eastern Desk. Two bridges were hit overnight.",
      ),
    ).toBe('Two bridges were hit overnight.');
  });

  it('strips a dateline only when text follows it', () => {
    expect(stripLead('KYIV - ')).toBe('KYIV - ');
    expect(stripLead('KYIV (Reuters) - Shelling resumed at dawn.')).toBe('Shelling resumed at dawn.');
  });
});

describe('foldWords', () => {
  it('folds American to British spelling and "stated" to "said"', () => {
    expect(foldWords('the defense ministry stated that armored units reached the center')).toBe(
      'the defence ministry said that armoured units reached the centre',
    );
  });

  it('folds the -ize family to -ise', () => {
    expect(foldWords('mobilization was recognized; they organize')).toBe('mobilisation was recognised; they organise');
  });

  it('leaves other words alone', () => {
    expect(foldWords('citizens seized the size of the prize')).toBe('citizens seized the size of the prize');
  });
});

describe('normaliseBody and the content key', () => {
  const original = fixture('fx-grain-corridor');
  const paras = original.text.split('\n\n');

  it('gives a syndicated copy with furniture, dateline, byline, editor lead, quotes and whitespace edits the same content key', () => {
    const edited = [
      'By Maria Kovalenko',
      'This story was first published by a partner outlet and is republished here under a content-sharing agreement.',
      `KYIV (Reuters) \u2014 ${paras[0]}`,
      'Also Read | Wheat futures slip as shipments resume',
      ...paras.slice(1).map((p) => p.replace(/'/g, '\u2019').replace(/ /g, '  ')),
      'Follow us on Telegram for the latest updates.',
      '\u00a9 2025 Capital Herald. All rights reserved.',
    ].join('\r\n\r\n\r\n');
    expect(normaliseBody(edited)).toBe(normaliseBody(original.text));
    expect(fingerprint({ ...original, id: 'copy', text: edited }).contentKey).toBe(fingerprint(original).contentKey);
  });

  it('gives a copy with American spellings and "stated" the same normalised body', () => {
    const american = original.text.replace(/\bsaid\b/g, 'stated').replace(/\bdefence\b/g, 'defense');
    expect(normaliseBody(american)).toBe(normaliseBody(original.text));
  });

  it('gives distinct same-day articles on the same subject different keys', () => {
    expect(fingerprint(fixture('fx-grain-prices')).contentKey).not.toBe(fingerprint(original).contentKey);
  });

  it('gives no content key or bands to an empty body', () => {
    const fp = fingerprint({ ...original, text: '  \n ' });
    expect(fp.contentKey).toBeNull();
    expect(fp.bandKeys).toEqual([]);
    expect(fp.shingleCount).toBe(0);
  });
});
