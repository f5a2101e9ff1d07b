import { describe, expect, it } from 'vitest';
import { claimLinesOf, sinceMs } from '../../../services/app/cli/commands/subscribe.actions.ts';
import { formatClaimLine } from '../../../services/stores/read-model/format.ts';
import { asInput, firstWave, secondWave } from '../../fixtures/read-model/events.ts';

describe('claimwatch subscribe output', () => {
  it('prints one line per claim: figure with qualifier, who/what/where, outlet, citation and the quote', () => {
    const lines = firstWave().map(asInput).flatMap(claimLinesOf).map(formatClaimLine);
    expect(lines[0]).toBe(
      '2024-08-12  settlements-captured  > 70  ukraine → russia · kursk-oblast  [Harbour Post]  “Kyiv now controls more than 70 settlements in the region, a commander told reporters.”',
    );
    expect(lines[1]).toContain('≈ 1,000 km²');
    expect(lines).toContain(
      '2024-08-13  settlements-captured  74  ukraine → russia · kursk-oblast  [Syndicate Daily, copy of art-valley per general staff]  “The general staff put the number of settlements under Ukrainian control at 74.”',
    );
  });

  it('gives a re-extraction its claims and a copy record none', () => {
    const [replaced, dropped, , , copy] = secondWave().map(asInput);
    if (!replaced || !dropped || !copy) throw new Error('fixture');
    expect(claimLinesOf(replaced).map((l) => [l.event, l.claim.id, l.source])).toEqual([
      ['ArticleClaimsReplaced', 'c-harbour-2', 'Harbour Post'],
    ]);
    expect(claimLinesOf(dropped)).toEqual([]);
    expect(claimLinesOf(copy)).toEqual([]);
  });

  it('reads --since as a UTC date or an ISO date-time', () => {
    expect(sinceMs('2024-08-12')).toBe(Date.UTC(2024, 7, 12));
    expect(sinceMs('2024-08-12T10:00:00+02:00')).toBe(Date.UTC(2024, 7, 12, 8));
    expect(() => sinceMs('last week')).toThrow(/--since last week/);
  });
});
