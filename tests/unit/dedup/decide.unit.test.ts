import { describe, expect, it } from 'vitest';
import { decide } from '../../../domain/dedup/decide.ts';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import type { Candidate, Fingerprint } from '../../../domain/dedup/types.ts';
import { fixture } from './helpers.ts';

// Given these indexed articles, when this fingerprint arrives, then this decision.
const indexed = (fp: Fingerprint, seq: number, canonicalId: string | null = null): Candidate => ({
  ...fp,
  seq,
  canonicalId,
});

const corridor = fixture('fx-grain-corridor');
const original = fingerprint(corridor);
const paras = corridor.text.split('\n\n');
const trimmedCopy = fingerprint({
  ...corridor,
  id: 'trimmed',
  url: 'https://other.example/x',
  text: paras.slice(0, 4).join('\n\n'),
});

describe('decide', () => {
  it('calls the first article of a story canonical', () => {
    expect(decide(original, [])).toEqual({ duplicateOf: null, similarity: 0, reason: null });
  });

  it('matches a tracking-parameter URL variant by URL', () => {
    const variant = fingerprint({
      ...corridor,
      id: 'v',
      url: `${corridor.url}?utm_source=rss`,
      text: `${corridor.text}\n\nShare this article`,
    });
    expect(decide(variant, [indexed(original, 1)])).toMatchObject({ duplicateOf: corridor.id, reason: 'same-url' });
  });

  it('matches a re-posted body under another URL and headline by content', () => {
    const repost = fingerprint({
      ...corridor,
      id: 'r',
      url: 'https://other.example/y',
      text: `LONDON: ${corridor.text}`,
    });
    expect(decide(repost, [indexed(original, 1)])).toEqual({
      duplicateOf: corridor.id,
      similarity: 1,
      reason: 'content',
    });
  });

  it('matches a trimmed copy as a near-duplicate', () => {
    const d = decide(trimmedCopy, [indexed(original, 1)]);
    expect(d.reason).toBe('near-duplicate');
    expect(d.duplicateOf).toBe(corridor.id);
    expect(d.similarity).toBeGreaterThan(0.87);
  });

  it('points a copy of a copy at the canonical, not at the copy', () => {
    const copyOfCopy = fingerprint({
      ...corridor,
      id: 'cc',
      url: 'https://third.example/z',
      text: paras.slice(0, 4).join('\n\n'),
    });
    const d = decide(copyOfCopy, [indexed(trimmedCopy, 2, corridor.id)]);
    expect(d.duplicateOf).toBe(corridor.id);
  });

  it('prefers the earliest seen among equally good candidates', () => {
    const a = indexed({ ...original, articleId: 'late' }, 9);
    const b = indexed({ ...original, articleId: 'early' }, 3);
    const repost = fingerprint({ ...corridor, id: 'x', url: '' });
    expect(decide(repost, [a, b]).duplicateOf).toBe('early');
  });

  it('keeps same-subject, same-day articles apart', () => {
    for (const [x, y] of [
      ['fx-grain-prices', 'fx-grain-corridor'],
      ['fx-power-outages-update', 'fx-power-outages'],
    ] as const) {
      const d = decide(fingerprint(fixture(x)), [indexed(fingerprint(fixture(y)), 1)]);
      expect(d.duplicateOf).toBeNull();
      expect(d.similarity).toBeLessThan(0.5);
    }
  });

  it('is deterministic: the same input gives the same fingerprint and decision', () => {
    expect(fingerprint(corridor)).toEqual(fingerprint(corridor));
    expect(decide(trimmedCopy, [indexed(original, 1)])).toEqual(
      decide(
        fingerprint({
          ...corridor,
          id: 'trimmed',
          url: 'https://other.example/x',
          text: paras.slice(0, 4).join('\n\n'),
        }),
        [indexed(fingerprint(corridor), 1)],
      ),
    );
  });
});
