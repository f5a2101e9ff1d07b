/** The item ids a feed poller has already handled, bounded so a long-running poller stays small. */
export interface SeenIds {
  has(id: string): boolean;
  /** Records an id, or refreshes it so ids still in the feed are the last to be forgotten. */
  touch(id: string): void;
  readonly size: number;
}

/** A least-recently-touched set of at most `limit` ids (a Set keeps insertion order). Pure. */
export function createSeenIds(limit = 10_000): SeenIds {
  const ids = new Set<string>();
  return {
    has: (id) => ids.has(id),
    touch(id) {
      ids.delete(id);
      ids.add(id);
      while (ids.size > limit) {
        const oldest = ids.values().next();
        if (oldest.done) break;
        ids.delete(oldest.value);
      }
    },
    get size() {
      return ids.size;
    },
  };
}
