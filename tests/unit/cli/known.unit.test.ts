import { describe, expect, it } from 'vitest';
import { refuseUnknown } from '../../../schemas/known.ts';

describe('names that must exist', () => {
  const topics = ['territory-area', 'casualties', 'aerial-attacks'];

  it('pass when every one is known', () => {
    expect(refuseUnknown('topic', ['casualties', 'territory-area'], topics)).toBeUndefined();
    expect(refuseUnknown('topic', [], topics)).toBeUndefined();
  });

  it('are refused with the known ones, sorted, and a near name when there is one', () => {
    expect(refuseUnknown('topic', ['territory'], topics)).toBe(
      'unknown topic "territory" (did you mean "territory-area"?); known topics: aerial-attacks, casualties, territory-area',
    );
    expect(refuseUnknown('topic', ['nope', 'casualties', 'nada'], topics)).toBe(
      'unknown topics "nope", "nada"; known topics: aerial-attacks, casualties, territory-area',
    );
  });

  it('say when nothing exists yet, and shorten a long list with where to see all of it', () => {
    expect(refuseUnknown('series', ['a:b'], [])).toBe('unknown series "a:b"; there are no series yet');
    const many = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const text = refuseUnknown('series', ['zz'], many) ?? '';
    expect(text).toContain('known series include s00, s01');
    expect(text).toContain('(40 in all: `claimwatch tallies` or GET /api/tallies)');
    expect(text).not.toContain('s39');
  });
});
