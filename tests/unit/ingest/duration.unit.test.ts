import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../services/pipeline/ingest/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1.5m', 90_000],
    ['1d', 86_400_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', 'm', '5 minutes', '-5m', '5mx'])('refuses %j', (text) =>
    expect(() => parseDuration(text)).toThrow(/bad duration/),
  );
});
