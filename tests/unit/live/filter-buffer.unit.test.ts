import { describe, expect, it } from 'vitest';
import { BoundedBuffer } from '../../../services/surfaces/live/bounded-buffer.ts';
import { feedFilter, feedQueryOf, filterMatches } from '../../../services/surfaces/live/filter.ts';

const AREA = 'territory-area:ukraine:russia:-:kursk-oblast';
const SETTLEMENTS = 'settlements-captured:ukraine:russia:-:kursk-oblast';

describe('subscriber filter', () => {
  it('matches every entry when no topic or series is named', () => {
    const all = feedFilter({});
    expect(filterMatches(all, { topic: 'territory-area', seriesId: AREA })).toBe(true);
    expect(feedFilter({ topics: [], series: [] })).toEqual({ topics: null, series: null });
  });

  it('keeps entries of the named topics, and of the named series within them', () => {
    const byTopic = feedFilter({ topics: ['territory-area'] });
    expect(filterMatches(byTopic, { topic: 'territory-area', seriesId: AREA })).toBe(true);
    expect(filterMatches(byTopic, { topic: 'settlements-captured', seriesId: SETTLEMENTS })).toBe(false);
    const bySeries = feedFilter({ topics: ['territory-area', 'settlements-captured'], series: [SETTLEMENTS] });
    expect(filterMatches(bySeries, { topic: 'settlements-captured', seriesId: SETTLEMENTS })).toBe(true);
    expect(filterMatches(bySeries, { topic: 'territory-area', seriesId: AREA })).toBe(false);
  });

  it('turns into the read model query a catching-up subscriber runs', () => {
    expect(feedQueryOf(feedFilter({ series: [AREA] }), 10)).toEqual({ limit: 10, series: [AREA] });
    expect(feedQueryOf(feedFilter({}), 5)).toEqual({ limit: 5 });
  });
});

describe('bounded buffer', () => {
  it('refuses the chunk past the count bound and keeps what it had', () => {
    const b = new BoundedBuffer({ maxEntries: 2, maxBytes: 1000 });
    expect(b.push('a')).toBe(true);
    expect(b.push('b')).toBe(true);
    expect(b.push('c')).toBe(false);
    expect(b.size).toBe(2);
    expect(b.takeAll()).toBe('ab');
    expect(b.size).toBe(0);
    expect(b.room).toBe(2);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const b = new BoundedBuffer({ maxEntries: 10, maxBytes: 6 });
    expect(b.push('≈≈')).toBe(true); // 3 bytes each
    expect(b.bytes).toBe(6);
    expect(b.push('x')).toBe(false);
    b.clear();
    expect(b.bytes).toBe(0);
    expect(b.push('1234567')).toBe(false); // one chunk larger than the whole bound
  });
});
