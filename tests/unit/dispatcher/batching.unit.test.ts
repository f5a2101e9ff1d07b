import { describe, expect, it } from 'vitest';
import { groupForDispatch, perArticle, type DispatchGroup } from '../../../services/pipeline/dispatcher/batching.ts';

const sizes = (groups: Array<DispatchGroup<number>>) => groups.map((g) => (g.kind === 'article' ? [g.item] : g.items));

describe('grouping a fetch into workflows', () => {
  const items = Array.from({ length: 10 }, (_, i) => i);

  it('starts one workflow per article when batching is off', () => {
    const groups = groupForDispatch(items, () => 100, perArticle);
    expect(groups.every((g) => g.kind === 'article')).toBe(true);
    expect(groups).toHaveLength(10);
  });

  it('keeps a quiet fetch (fewer than minArticles) one workflow per article', () => {
    const groups = groupForDispatch(items.slice(0, 3), () => 100, { maxArticles: 25, minArticles: 4, maxBytes: 1e6 });
    expect(groups.map((g) => g.kind)).toEqual(['article', 'article', 'article']);
  });

  it('cuts a busy fetch into consecutive runs of at most maxArticles, in order, losing none', () => {
    const groups = groupForDispatch(items, () => 100, { maxArticles: 4, minArticles: 2, maxBytes: 1e6 });
    expect(sizes(groups)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(groups.map((g) => g.kind)).toEqual(['batch', 'batch', 'batch']);
  });

  it('closes a run before it would pass maxBytes, and sends an oversized article alone', () => {
    const size = (i: number) => (i === 5 ? 5000 : 400);
    const groups = groupForDispatch(items, size, { maxArticles: 100, minArticles: 2, maxBytes: 1000 });
    expect(sizes(groups)).toEqual([[0, 1], [2, 3], [4], [5], [6, 7], [8, 9]]);
    expect(groups[2]?.kind).toBe('article');
    expect(sizes(groups).flat()).toEqual(items);
  });
});
