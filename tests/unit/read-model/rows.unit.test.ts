import { describe, expect, it } from 'vitest';
import { seriesId, seriesKeyFromId } from '../../../domain/tally/series.ts';
import type { SeriesKey } from '../../../schemas/tally.ts';
import { decodeCursor, encodeCursor } from '../../../services/stores/read-model/cursor.ts';
import { claimRowOf, claimViewOf, laterOf } from '../../../services/stores/read-model/rows.ts';
import { AID, SETTLEMENTS, asInput, firstWave } from '../../fixtures/read-model/events.ts';

describe('seriesKeyFromId', () => {
  it.each<[string, SeriesKey]>([
    ['plain', SETTLEMENTS],
    ['literal dash, colon and space', AID],
    ['all null', { topic: 't', actor: null, counterpart: null, item: null, place: null }],
    ['percent and unicode', { topic: 'aid', actor: '100%', counterpart: 'Україна', item: '%2D', place: '' }],
  ])('inverts seriesId (%s)', (_name, key) => expect(seriesKeyFromId(seriesId(key))).toEqual(key));

  it.each(['', 'a:b:c', 'a:b:c:d:e:f', '-:a:b:c:d', 'a:%E0%A4%A:b:c:d', 'a:B%3a:c:d:e'])('refuses %j', (id) => {
    expect(seriesKeyFromId(id)).toBeUndefined();
  });
});

describe('claim rows', () => {
  it('round-trip a claim with its outlet', () => {
    const event = asInput(firstWave()[0]!).envelope.event;
    if (event.type !== 'ClaimReported') throw new Error('fixture changed');
    const { claim } = event.data;
    const row = claimRowOf(
      claim,
      seriesId(SETTLEMENTS),
      { source: 'Harbour Post', url: 'https://x' },
      '2024-08-12T09:00:00.000Z',
    );
    expect(row).toMatchObject({
      id: claim.id,
      topic: 'settlements-captured',
      as_of: '2024-08-12',
      value: 70,
      qualifier: 'more-than',
    });
    expect(claimViewOf(row)).toEqual({
      seriesId: seriesId(SETTLEMENTS),
      source: 'Harbour Post',
      url: 'https://x',
      reportedAt: '2024-08-12T09:00:00.000Z',
      claim,
    });
  });
});

describe('cursor', () => {
  it('round-trips and is URL-safe', () => {
    const text = encodeCursor({ asOf: '2024-08-13', id: 'c/+=?&1' });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual({ asOf: '2024-08-13', id: 'c/+=?&1' });
  });

  it.each(['', 'nope', Buffer.from('["only-one"]').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'refuses %j with InvalidInputError',
    (text) => {
      expect(() => decodeCursor(text)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    },
  );
});

describe('laterOf', () => {
  it('compares instants, not text', () => {
    expect(laterOf('2024-08-12T10:00:00+02:00', '2024-08-12T09:00:00Z')).toBe('2024-08-12T09:00:00Z');
    expect(laterOf(undefined, 'x')).toBe('x');
  });
});
