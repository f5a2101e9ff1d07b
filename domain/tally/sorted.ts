/** Code-unit order, not `localeCompare`: the fold must sort identically in every process and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first element not less than `x` in an array sorted by `compareText`. */
export function lowerBound<T>(sorted: readonly T[], x: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareText(keyOf(sorted[mid] as T), x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The item whose key is `x`, or undefined. */
export function findSorted<T>(sorted: readonly T[], x: string, keyOf: (item: T) => string): T | undefined {
  const item = sorted[lowerBound(sorted, x, keyOf)];
  return item !== undefined && keyOf(item) === x ? item : undefined;
}

/** A new array with `item` put in place of the element with the same key, or inserted in order. */
export function upsertSorted<T>(sorted: readonly T[], item: T, keyOf: (item: T) => string): T[] {
  const key = keyOf(item);
  const at = lowerBound(sorted, key, keyOf);
  const existing = sorted[at];
  const replace = existing !== undefined && keyOf(existing) === key ? 1 : 0;
  return [...sorted.slice(0, at), item, ...sorted.slice(at + replace)];
}

export const identity = (s: string): string => s;
