import { describe, expect, it } from 'vitest';
import { seriesId, seriesKeyOf } from '../../../domain/tally/series.ts';
import { compareVersions } from '../../../domain/tally/index.ts';
import { KURSK_SETTLEMENTS, claim, exact } from './tally-spec.ts';

describe('series id', () => {
  it('is a readable slug with "-" for a part the text does not say', () => {
    expect(seriesId(KURSK_SETTLEMENTS)).toBe('settlements-captured:ukraine:russia:-:kursk-oblast');
  });

  it('is the id of the series a claim belongs to', () => {
    const c = claim({ id: 'c', articleId: 'a', quantity: exact(1), asOf: '2024-08-13' });
    expect(seriesId(seriesKeyOf(c))).toBe(seriesId(KURSK_SETTLEMENTS));
  });

  it('keeps distinct keys distinct even when a part holds ":" or a literal "-"', () => {
    const base = { topic: 't', actor: null, counterpart: null, item: null, place: null };
    const ids = [
      seriesId(base),
      seriesId({ ...base, actor: '-' }),
      seriesId({ ...base, actor: 'a:b' }),
      seriesId({ ...base, actor: 'a', counterpart: 'b' }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('extractor version order', () => {
  it('compares numeric segments as numbers and is 0 only for identical versions', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('1.0', '1.0.1')).toBe(-1);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('1.01', '1.1')).not.toBe(0);
    expect(Math.sign(compareVersions('1.01', '1.1'))).toBe(-Math.sign(compareVersions('1.1', '1.01')));
  });
});
