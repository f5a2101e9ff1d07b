import { describe, expect, it } from 'vitest';
import { evidenceLink, highlightFigure, numberOf } from '../../../services/surfaces/dashboard/web/evidence.ts';

const q = (value: number, low: number | null = value, high: number | null = value) => ({ value, low, high });

describe('the figure within its evidence sentence', () => {
  it('reads numbers as written', () => {
    expect([numberOf('1,263'), numberOf('$25m'), numberOf('1.6 million'), numberOf('12k'), numberOf('40bn')]).toEqual([
      1263, 25e6, 1.6e6, 12_000, 40e9,
    ]);
  });

  it('highlights the figure with its qualifier and unit', () => {
    const s = 'Troops now hold more than 1,000 square kilometres of the region, the commander said on Monday.';
    expect(highlightFigure(s, q(1000, 1000, null))).toEqual({
      before: 'Troops now hold ',
      match: 'more than 1,000 square kilometres',
      after: ' of the region, the commander said on Monday.',
    });
  });

  it('skips other numbers of the sentence (dates, counts of other things)', () => {
    const s = 'On 12 August the governor said 28 settlements were held by 3 brigades.';
    expect(highlightFigure(s, q(28)).match).toBe('28');
  });

  it('covers both ends of a range and scaled money', () => {
    expect(
      highlightFigure('Estimates put it at between 10,000 and 12,000 people this week.', q(10_000, 10_000, 12_000))
        .match,
    ).toBe('between 10,000 and 12,000');
    expect(highlightFigure('The new money adds an additional $25m in military aid.', q(25e6)).match).toBe('$25m');
    expect(highlightFigure('About 1.6 million shells were delivered.', q(1.6e6, null, null)).match).toBe(
      'About 1.6 million',
    );
  });

  it('leaves the sentence whole when no number matches (e.g. a figure written in words)', () => {
    expect(highlightFigure('Seventy villages changed hands.', q(70))).toEqual({
      before: 'Seventy villages changed hands.',
      match: '',
      after: '',
    });
  });

  it('links to the article at the sentence with a text fragment', () => {
    expect(evidenceLink('https://news.example/a#top', 'Short one-line quote.')).toBe(
      'https://news.example/a#:~:text=Short%20one%2Dline%20quote.',
    );
    expect(evidenceLink('https://news.example/a', 'one two three four five six seven eight nine ten')).toBe(
      'https://news.example/a#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten',
    );
  });
});
