import { describe, expect, it } from 'vitest';
import { startOrSplit } from '../../../services/pipeline/dispatcher/start-or-split.ts';
import type { DispatchGroup } from '../../../services/pipeline/dispatcher/batching.ts';

const blobTooLarge = Object.assign(new Error('Blob data size exceeds limit.'), { code: 3 });
const unavailable = Object.assign(new Error('connection refused'), { code: 14 });
const isPermanent = (err: unknown) => (err as { code?: number }).code === 3;

/** A fake Temporal: refuses any start holding a poison article, remembers what it started. */
function temporal(poison: Set<string>, already = new Set<string>()) {
  const started: string[][] = [];
  return {
    started,
    async start(group: DispatchGroup<string>): Promise<'started' | 'already'> {
      const items = group.kind === 'article' ? [group.item] : group.items;
      if (items.some((i) => poison.has(i))) throw blobTooLarge;
      if (items.every((i) => already.has(i))) return 'already';
      started.push(items);
      return 'started';
    },
  };
}

describe('startOrSplit', () => {
  it('starts a batch as one workflow when Temporal takes it', async () => {
    const t = temporal(new Set());
    const refused: string[] = [];
    const r = await startOrSplit({ kind: 'batch', items: ['a', 'b', 'c'] }, t.start, isPermanent, (i) =>
      refused.push(i),
    );
    expect(r).toEqual({ started: 3, already: 0, refused: 0 });
    expect(t.started).toEqual([['a', 'b', 'c']]);
  });

  it('splits a batch Temporal refuses for good into one start per article and refuses only the poison one', async () => {
    const t = temporal(new Set(['b']), new Set(['c']));
    const refused: Array<[string, unknown]> = [];
    const r = await startOrSplit({ kind: 'batch', items: ['a', 'b', 'c', 'd'] }, t.start, isPermanent, (i, err) =>
      refused.push([i, err]),
    );
    expect(r).toEqual({ started: 2, already: 1, refused: 1 });
    expect(t.started).toEqual([['a'], ['d']]);
    expect(refused).toEqual([['b', blobTooLarge]]);
  });

  it('throws a transient failure (the fetch is retried uncommitted) and refuses nothing', async () => {
    const refused: string[] = [];
    const start = async () => {
      throw unavailable;
    };
    await expect(
      startOrSplit({ kind: 'batch', items: ['a', 'b'] }, start, isPermanent, (i) => refused.push(i)),
    ).rejects.toBe(unavailable);
    expect(refused).toEqual([]);
  });
});
