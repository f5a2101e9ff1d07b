import { describe, expect, it } from 'vitest';
import { filterWords, matchesFilter } from '../../../services/surfaces/dashboard/web/series-filter.ts';

describe('overview series filter', () => {
  const kursk = [
    'ukraine → russia · kursk-oblast',
    'territory-area:ukraine:russia:-:kursk-oblast',
    'territory-area',
    '1,294 km²',
    '',
  ];
  const drones = ['→ ukraine · drones', 'aerial-attacks:-:ukraine:drones:-', 'aerial-attacks', '99', 'disputed'];

  it('keeps a series when every word is in its label, id, topic or figure, in any order and case', () => {
    expect(matchesFilter(filterWords('Kursk TERRITORY'), kursk)).toBe(true);
    expect(matchesFilter(filterWords('territory kursk'), kursk)).toBe(true);
    expect(matchesFilter(filterWords('kursk drones'), kursk)).toBe(false);
    expect(matchesFilter(filterWords('drones'), drones)).toBe(true);
    expect(matchesFilter(filterWords('disputed'), drones)).toBe(true);
    expect(matchesFilter(filterWords('disputed'), kursk)).toBe(false);
    expect(matchesFilter(filterWords('1,294'), kursk)).toBe(true);
  });

  it('keeps everything for an empty or blank query', () => {
    expect(filterWords('   ')).toEqual([]);
    expect(matchesFilter(filterWords(''), kursk)).toBe(true);
    expect(matchesFilter(filterWords('x'), [null, undefined])).toBe(false);
  });
});
