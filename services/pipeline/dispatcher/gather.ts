/**
 * Gathers what concurrent callers submit within `lingerMs` of the first submission into one flush, like a Kafka
 * producer's `linger.ms`. The consumer hands the dispatcher one call per partition of a fetch, all at once; gathered,
 * a fetch over every partition becomes one batch workflow (and one signal per series) instead of one per partition.
 *
 * Each submission's promise settles with the flush that took it: resolved once the flush finished, rejected with its
 * error. A flush in progress never delays the next one: submissions arriving meanwhile start a new linger window.
 */
export interface Gatherer<T> {
  submit(item: T): Promise<void>;
}

export function createGatherer<T>(options: { lingerMs: number; flush: (items: T[]) => Promise<void> }): Gatherer<T> {
  let pending: Array<{ item: T; resolve: () => void; reject: (err: unknown) => void }> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flushNow = () => {
    timer = undefined;
    const taken = pending;
    pending = [];
    options.flush(taken.map((p) => p.item)).then(
      () => taken.forEach((p) => p.resolve()),
      (err: unknown) => taken.forEach((p) => p.reject(err)),
    );
  };

  return {
    submit(item) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        timer ??= setTimeout(flushNow, options.lingerMs);
      });
    },
  };
}
