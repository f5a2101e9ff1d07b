import { describe, expect, it } from 'vitest';
import { ago, humanDate, humanDateTime } from '../../../services/surfaces/dashboard/web/dates.ts';

describe('dashboard dates', () => {
  it('prints a calendar date as people write it, without a zone', () => {
    expect(humanDate('2024-08-12')).toBe('12 Aug 2024');
    expect(humanDate('2024-01-01')).toBe('1 Jan 2024');
    expect(humanDate('not a date')).toBe('not a date');
  });

  it('prints an instant with its zone, in the zone asked for', () => {
    expect(humanDateTime('2026-12-07T06:09:32Z', 'UTC')).toBe('7 Dec 2026, 06:09 UTC');
    expect(humanDateTime('2026-12-07T06:09:32Z', 'Europe/Kyiv')).toMatch(/^7 Dec 2026, 08:09 (EET|GMT\+2)$/);
    expect(humanDateTime('2026-12-06T23:30:00Z', 'Asia/Tokyo')).toMatch(/^7 Dec 2026, 08:30 (JST|GMT\+9)$/);
    expect(humanDateTime('nope')).toBe('nope');
  });

  it('says how long ago within a day, else the day in the zone', () => {
    const now = Date.parse('2026-12-07T06:00:00Z');
    expect(ago('2026-12-07T05:59:30Z', now)).toBe('30 s ago');
    expect(ago('2026-12-07T05:00:00Z', now)).toBe('1 h ago');
    expect(ago('2026-12-01T23:30:00Z', now, 'UTC')).toBe('1 Dec 2026');
    expect(ago('2026-12-01T23:30:00Z', now, 'Asia/Tokyo')).toBe('2 Dec 2026');
    expect(ago(null, now)).toBe('—');
  });
});
