import { describe, expect, it } from 'vitest';
import { createGatherer } from '../../../services/pipeline/dispatcher/gather.ts';
import { batchIdOf } from '../../../services/pipeline/dispatcher/batching.ts';

describe('gathering the partitions of a fetch', () => {
  it('flushes what arrives within the linger window once, and settles every submitter after the flush', async () => {
    const flushes: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const g = createGatherer<number>({
      lingerMs: 5,
      flush: async (items) => {
        flushes.push(items);
        await gate;
      },
    });
    const settled: number[] = [];
    const all = [1, 2, 3].map((i) => g.submit(i).then(() => settled.push(i)));
    await new Promise((r) => setTimeout(r, 20));
    expect(flushes).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([]); // nobody commits before the flush has finished
    release();
    await Promise.all(all);
    expect(settled.sort()).toEqual([1, 2, 3]);
  });

  it('starts a new window for submissions during a flush, and rejects every submitter of a failed flush', async () => {
    const flushes: number[][] = [];
    const g = createGatherer<number>({
      lingerMs: 1,
      flush: async (items) => {
        flushes.push(items);
        if (items.includes(2)) throw new Error('temporal down');
      },
    });
    await g.submit(1);
    const results = await Promise.allSettled([g.submit(2), g.submit(3)]);
    expect(flushes).toEqual([[1], [2, 3]]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(g.submit(4)).resolves.toBeUndefined();
  });
});

describe('batch workflow ids', () => {
  it('names partitions ascending with consecutive offset runs, whatever the order given', () => {
    const positions = [
      { partition: 2, offset: '285' },
      { partition: 0, offset: '101' },
      { partition: 0, offset: '100' },
      { partition: 2, offset: '286' },
      { partition: 0, offset: '104' },
    ];
    expect(batchIdOf(positions)).toBe('0:100-101,0:104,2:285-286');
    expect(batchIdOf([...positions].reverse())).toBe(batchIdOf(positions));
    expect(
      batchIdOf([
        { partition: 3, offset: '7' },
        { partition: 3, offset: '8' },
      ]),
    ).toBe('3:7-8'); // the single-partition form of earlier releases
  });

  it('keeps long ids bounded, and distinct batches distinct', () => {
    const many = (skip: number) =>
      Array.from({ length: 64 }, (_, p) => ({ partition: p, offset: String(p === skip ? 1 : 1_000_000 + p) }));
    const a = batchIdOf(many(63));
    const b = batchIdOf(many(62));
    expect(a.length).toBeLessThanOrEqual(160);
    expect(a).toMatch(/^0:1000000,1:1000001,.*,…#[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });
});
