import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../domain/dedup/hash.ts';
import { BandMultimap } from '../../../services/stores/dedup-index/band-multimap.ts';

/** The naive model: a Map of key → seqs in insertion order, with a copy taken at each mark. */
class ModelMultimap {
  map = new Map<number, number[]>();
  saved: Map<number, number[]> | undefined;
  last = 0;
  savedLast = 0;
  add(key: number, seq: number): void {
    const seqs = this.map.get(key) ?? [];
    if (!seqs.includes(seq)) seqs.push(seq);
    this.map.set(key, seqs);
    this.last = seq;
  }
  newest(key: number, limit: number): number[] {
    return [...(this.map.get(key) ?? [])].sort((a, b) => b - a).slice(0, limit);
  }
  topShared(keys: readonly number[], perKey: number, limit: number): number[] {
    const counts = new Map<number, number>();
    for (const k of keys) for (const s of this.newest(k, perKey)) counts.set(s, (counts.get(s) ?? 0) + 1);
    return [...counts]
      .sort(([sa, ca], [sb, cb]) => cb - ca || sa - sb)
      .slice(0, limit)
      .map(([s]) => s);
  }
  mark(): void {
    this.saved = new Map([...this.map].map(([k, v]) => [k, [...v]]));
    this.savedLast = this.last;
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved === undefined) return;
    this.map = this.saved;
    this.last = this.savedLast;
    this.saved = undefined;
  }
  clear(): void {
    this.map.clear();
    this.saved = undefined;
    this.last = 0;
  }
}

describe('BandMultimap (the in-memory LSH band lookup of the SQLite dedup index)', () => {
  it('answers like a Map-based model over random adds, commits, rollbacks and clears (property, 40 seeds)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = mulberry32(seed);
      // Few keys for some seeds (long chains, crowded buckets), many for others (table growth).
      const keySpace = seed % 2 === 0 ? 12 : 5_000;
      const keyOf = (): number => (seed % 3 === 0 ? Math.floor(rng() * keySpace) : Math.floor(rng() * 2 ** 31));
      const keys: number[] = Array.from({ length: 64 }, keyOf);
      const pick = (): number => (rng() < 0.8 ? (keys[Math.floor(rng() * keys.length)] as number) : keyOf());
      const real = new BandMultimap(4);
      const model = new ModelMultimap();
      let seq = 1;
      let inTx = false;
      for (let step = 0; step < 1_500; step++) {
        const r = rng();
        if (r < 0.6) {
          // An article: up to 16 keys (a key may repeat), one seq.
          const n = 1 + Math.floor(rng() * 16);
          for (let i = 0; i < n; i++) {
            const k = pick();
            real.add(k, seq);
            model.add(k, seq);
          }
          seq += rng() < 0.1 ? 5 : 1; // gaps: rows other processes rolled back or evicted
          if (rng() < 0.05) {
            real.seen(seq); // an article without band keys
            model.last = seq;
            seq++;
          }
        } else if (r < 0.7 && !inTx) {
          real.mark();
          model.mark();
          inTx = true;
        } else if (r < 0.78 && inTx) {
          real.commit();
          model.commit();
          inTx = false;
        } else if (r < 0.86 && inTx) {
          real.rollback();
          model.rollback();
          inTx = false;
          seq = model.last + 1; // a rolled-back seq is handed out again
        } else if (r < 0.861) {
          real.reserve(Math.floor(rng() * 20_000)); // room at once, as a rebuild from the file does
        } else if (r < 0.862) {
          real.clear();
          model.clear();
          inTx = false;
        } else {
          const probe = Array.from({ length: 1 + Math.floor(rng() * 16) }, pick);
          const perKey = 1 + Math.floor(rng() * 8);
          const limit = 1 + Math.floor(rng() * 6);
          expect(real.topShared(probe, perKey, limit), `seed ${seed} step ${step}`).toEqual(
            model.topShared(probe, perKey, limit),
          );
          expect(real.newest(probe[0]!, perKey)).toEqual(model.newest(probe[0]!, perKey));
        }
        expect(real.lastSeq).toBe(model.last);
      }
      for (const k of keys) expect(real.newest(k, 1_000)).toEqual(model.newest(k, 1_000));
    }
  });

  it('keeps only the newest seqs per key and ranks by shared keys, then the smaller seq', () => {
    const m = new BandMultimap();
    for (let seq = 1; seq <= 40; seq++) {
      m.add(7, seq);
      if (seq === 3) m.add(8, 3);
      if (seq === 3) m.add(9, 3);
    }
    m.add(8, 41);
    m.add(9, 41);
    m.add(8, 42);
    expect(m.newest(7, 3)).toEqual([40, 39, 38]);
    // Key 7's newest 32 are 9..40, so 3 counts for keys 8 and 9 only (twice), as does 41; 42 and 9..40 once each.
    expect(m.topShared([7, 8, 9], 32, 3)).toEqual([3, 41, 9]);
    expect(m.topShared([8, 8], 32, 5)).toEqual([3, 41, 42]); // a key listed twice counts every seq twice: ties by seq
    expect(m.topShared([12345, -1], 32, 5)).toEqual([]);
  });

  it('takes out what a rolled-back transaction added, including keys it introduced, and keeps what came before', () => {
    const m = new BandMultimap(2);
    m.add(1, 1);
    m.add(2, 1);
    m.mark();
    for (let seq = 2; seq < 200; seq++) m.add(seq % 3 === 0 ? 1 : 1000 + seq, seq); // grows both arrays mid-transaction
    m.rollback();
    expect(m.lastSeq).toBe(1);
    expect(m.entries).toBe(2);
    expect(m.newest(1, 10)).toEqual([1]);
    expect(m.newest(1005, 10)).toEqual([]);
    m.add(1005, 2);
    expect(m.newest(1005, 10)).toEqual([2]);
    m.rollback(); // without a mark: nothing to undo
    expect(m.newest(1005, 10)).toEqual([2]);
  });

  it('refuses a decreasing seq and keys or seqs out of range', () => {
    const m = new BandMultimap();
    m.add(5, 10);
    m.add(5, 10); // the same pair again: kept once
    expect(m.entries).toBe(1);
    expect(() => m.add(6, 9)).toThrow(RangeError);
    expect(() => m.add(-1, 11)).toThrow(RangeError);
    expect(() => m.add(2 ** 31, 11)).toThrow(RangeError);
    expect(() => m.add(1, 0)).toThrow(RangeError);
    expect(() => m.add(1, 2 ** 32)).toThrow(RangeError);
  });

  it('holds 1.6M entries of random keys (100k articles × 16 bands) in typed arrays of well under 1 KB per article', () => {
    const m = new BandMultimap();
    const rng = mulberry32(9);
    for (let seq = 1; seq <= 100_000; seq++) for (let b = 0; b < 16; b++) m.add(Math.floor(rng() * 2 ** 31), seq);
    expect(m.entries).toBe(1_600_000);
    expect(m.bytes / 100_000).toBeLessThan(600);
  });
});
