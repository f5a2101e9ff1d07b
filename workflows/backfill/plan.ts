// Pure planning of a backfill, shared by the workflow (deterministic: no I/O, no zod) and the activities.

/**
 * A stretch of history to re-process, in records: Kafka offsets [start, end) of one raw-topic partition, or
 * lines [start, end) (0-based) of one archive file. `marks[k]` is the byte offset of the file's batch k and the
 * last mark is the end of the last line, so a batch reads its bytes without scanning the file.
 */
export type SourceRange =
  | { kind: 'kafka'; topic: string; partition: number; start: number; end: number }
  | { kind: 'file'; path: string; start: number; end: number; marks: number[] };

/** Finished batch indexes as sorted, disjoint, half-open intervals: compact however many batches there are. */
export type DoneIntervals = Array<[number, number]>;

/** Batches of `batchSize` records a range splits into. */
export function batchesIn(range: SourceRange, batchSize: number): number {
  return Math.ceil(Math.max(0, range.end - range.start) / batchSize);
}

/** Batches of the whole plan. */
export function batchCount(ranges: readonly SourceRange[], batchSize: number): number {
  return ranges.reduce((n, r) => n + batchesIn(r, batchSize), 0);
}

/** Records in the whole plan (messages or lines in range, before filtering). */
export function recordCount(ranges: readonly SourceRange[]): number {
  return ranges.reduce((n, r) => n + Math.max(0, r.end - r.start), 0);
}

/**
 * Batch `index` of the plan (ranges in order, each split into `batchSize` records) as a range of its own;
 * a file batch keeps only its two byte marks. Throws RangeError past the last batch.
 */
export function batchAt(ranges: readonly SourceRange[], batchSize: number, index: number): SourceRange {
  let rest = index;
  for (const range of ranges) {
    const n = batchesIn(range, batchSize);
    if (rest >= n) {
      rest -= n;
      continue;
    }
    const start = range.start + rest * batchSize;
    const end = Math.min(range.end, start + batchSize);
    if (range.kind === 'kafka') return { ...range, start, end };
    return { ...range, start, end, marks: [range.marks[rest] ?? 0, range.marks[rest + 1] ?? 0] };
  }
  throw new RangeError(`batch ${index} is past the plan`);
}

/** Byte marks of a file of `lineOffsets` (byte offset of each line) and `size` bytes for one batch size. */
export function fileMarks(lineOffsets: readonly number[], size: number, batchSize: number): number[] {
  const marks: number[] = [];
  for (let i = 0; i < lineOffsets.length; i += batchSize) marks.push(lineOffsets[i] as number);
  marks.push(size);
  return marks;
}

/** Whether batch `index` is finished. */
export function isDone(done: DoneIntervals, index: number): boolean {
  return done.some(([a, b]) => index >= a && index < b);
}

/** Marks batch `index` finished, merging neighbours; returns a new list. */
export function markDone(done: DoneIntervals, index: number): DoneIntervals {
  if (isDone(done, index)) return done;
  const next = [...done, [index, index + 1] as [number, number]].sort((x, y) => x[0] - y[0]);
  const merged: DoneIntervals = [];
  for (const [a, b] of next) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Number of finished batches. */
export function countDone(done: DoneIntervals): number {
  return done.reduce((n, [a, b]) => n + (b - a), 0);
}

/** The first batch at or after `from` that is neither finished nor in flight, or undefined. */
export function nextPending(
  done: DoneIntervals,
  total: number,
  from: number,
  inFlight: ReadonlySet<number>,
): number | undefined {
  for (let i = from; i < total; i++) {
    const covering = done.find(([a, b]) => i >= a && i < b);
    if (covering) {
      i = covering[1] - 1;
      continue;
    }
    if (!inFlight.has(i)) return i;
  }
  return undefined;
}

/** Articles per second over the running time, and seconds left at that rate (null before any progress). */
export function rateAndEta(
  done: number,
  total: number,
  activeMs: number,
): { ratePerSec: number; etaSeconds: number | null } {
  if (done <= 0 || activeMs <= 0) return { ratePerSec: 0, etaSeconds: done >= total ? 0 : null };
  const ratePerSec = done / (activeMs / 1000);
  return {
    ratePerSec: Math.round(ratePerSec * 10) / 10,
    etaSeconds: Math.ceil(Math.max(0, total - done) / ratePerSec),
  };
}

/** Whether an instant (epoch ms) is in the request window [from, to). */
export function inWindow(ms: number, window: { from: string; to: string }): boolean {
  return ms >= Date.parse(window.from) && ms < Date.parse(window.to);
}

/** Whether an article's outlet is the requested one (case and surrounding blanks ignored); no filter matches all. */
export function matchesSource(source: string, wanted: string | undefined): boolean {
  return wanted === undefined || source.trim().toLowerCase() === wanted.trim().toLowerCase();
}
