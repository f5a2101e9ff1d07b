import { describe, expect, it } from 'vitest';
import { createOnceFilter } from '../../../services/surfaces/live/once.ts';

describe('claimwatch subscribe shows each envelope once', () => {
  it('passes an envelope id the first time only', () => {
    const once = createOnceFilter();
    expect(['e1', 'e2', 'e1', 'e3', 'e2', 'e1'].filter(once)).toEqual(['e1', 'e2', 'e3']);
  });
  it('stays bounded: it forgets the oldest ids past its limit', () => {
    const once = createOnceFilter(2);
    expect(['a', 'b', 'c', 'a'].filter(once)).toEqual(['a', 'b', 'c', 'a']);
    expect(['c'].filter(once)).toEqual([]);
  });
});
