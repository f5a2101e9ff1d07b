import { describe, expect, it } from 'vitest';
import { isBoilerplateLine, stripDateline } from '../../../domain/dedup/boilerplate.ts';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { foldTypography, normaliseBody } from '../../../domain/dedup/normalise.ts';
import { fixture } from './helpers.ts';

describe('foldTypography', () => {
  it('folds curly quotes, dashes and odd spaces to ASCII', () => {
    expect(foldTypography('\u201cWe\u2019re ready\u201d \u2014 she said\u00a0\u2013 \u2018fine\u2019\u2026')).toBe('"We\'re ready" - she said - \'fine\'...');
  });
});

describe('boilerplate', () => {
  it.each([
    'Also Read | Ten things to know about the grain deal',
    'READ MORE: Power cuts return',
    'Read more: what the talks mean',
    'See also - the full timeline',
    'Follow us on Twitter, Facebook and Telegram',
    'Share this article',
    '© 2025 Daily Ledger. All rights reserved.',
    'Copyright 2025 Wire News',
    'This article was originally published by East Post.',
    '(Reporting by Staff Writers; Editing by the News Desk)',
    'Join our WhatsApp channel for breaking news alerts.',
  ])('drops %j', (line) => {
    expect(isBoilerplateLine(line)).toBe(true);
  });

  it.each([
    'Officials said they would read more of the report before deciding.',
    'The minister shared this assessment with allies on Monday.',
  ])('keeps prose %j', (line) => {
    expect(isBoilerplateLine(line)).toBe(false);
  });

  it.each([
    ['KYIV (Reuters) - Three ships left', 'Three ships left'],
    ['KYIV, Ukraine (AP) - Three ships left', 'Three ships left'],
    ['Kyiv, March 3 (Reuters) - Three ships left', 'Three ships left'],
    ['LONDON: Three ships left', 'Three ships left'],
    ['WASHINGTON - Three ships left', 'Three ships left'],
  ])('strips the dateline of %j', (raw, want) => {
    expect(stripDateline(raw)).toBe(want);
  });

  it('leaves an ordinary first sentence alone', () => {
    expect(stripDateline('Three ships left the port on Tuesday.')).toBe('Three ships left the port on Tuesday.');
  });
});

describe('normaliseBody and the content key', () => {
  const original = fixture('fx-grain-corridor');

  it('gives a syndicated copy with furniture, dateline, quotes and whitespace edits the same content key', () => {
    const paras = original.text.split('\n\n');
    const edited = [
      `KYIV (Reuters) - ${paras[0]}`,
      'Also Read | Wheat futures slip as shipments resume',
      ...paras.slice(1).map((p) => p.replace(/'/g, '\u2019').replace(/ /g, '  ')),
      'Follow us on Telegram for the latest updates.',
      '\u00a9 2025 Capital Herald. All rights reserved.',
    ].join('\r\n\r\n\r\n');
    expect(normaliseBody(edited)).toBe(normaliseBody(original.text));
    expect(fingerprint({ ...original, id: 'copy', text: edited }).contentKey).toBe(fingerprint(original).contentKey);
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
