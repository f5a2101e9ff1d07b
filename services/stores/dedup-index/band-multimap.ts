// The LSH band lookup of the SQLite dedup index, held in memory per process: band key → the seqs of the articles with
// that key, newest first. Typed arrays only (a JS Map of 1.6M entries would cost ~100 bytes each in V8 objects): an
// open-addressing table of distinct keys (linear probing; key and head side by side, one cache line per probe), each
// slot pointing at the key's newest entry, and per entry its seq and the entry before it with the same key (a chain,
// newest to oldest, since seqs only grow). Entries added since `mark()`
// are journalled so that a rolled-back transaction takes them out again (`rollback()`). Pure: no I/O.

const EMPTY = -1;
const MAX_LOAD = 0.75;

/** The largest seq an entry holds (uint32). */
export const MAX_SEQ = 0xffffffff;

/**
 * Multimap from band key (an integer in [0, 2^31)) to seqs (integers in [1, 2^32)), added in non-decreasing seq order
 * (the order a SQLite index assigns them). Answers a key's newest seqs and the articles sharing most keys with a
 * fingerprint (`topShared`), as the former `dedup_bands` table's queries did.
 */
export class BandMultimap {
  /** Slot i: the key at 2i (EMPTY when free), its newest entry at 2i + 1 (EMPTY when a rollback left none). */
  private slots: Int32Array;
  private mask: number;
  private keyCount = 0;
  private entrySeqs: Uint32Array;
  private entryNext: Int32Array;
  private entryCount = 0;
  private last = 0;
  private markedAt: { entries: number; last: number } | undefined;
  /** The key of every entry added since `mark()`, in order. */
  private journal: number[] = [];
  private readonly scratch: number[] = [];

  /** `initialEntries`: room to allocate up front (as many distinct keys and entries). */
  constructor(initialEntries = 1024) {
    const slots = slotsFor(initialEntries);
    this.slots = new Int32Array(2 * slots).fill(EMPTY);
    this.mask = slots - 1;
    this.entrySeqs = new Uint32Array(Math.max(16, initialEntries));
    this.entryNext = new Int32Array(this.entrySeqs.length);
  }

  /** The largest seq added or `seen` (0 when empty): what a reader catches up from. */
  get lastSeq(): number {
    return this.last;
  }

  /** Records `seq` as read though it brought no key (an article without band keys); taken back by `rollback()`. */
  seen(seq: number): void {
    if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new RangeError(`seq out of range: ${seq}`);
    if (seq < this.last) throw new RangeError(`seq ${seq} seen after ${this.last}: seqs must not decrease`);
    this.last = seq;
  }

  /** Number of (key, seq) entries held. */
  get entries(): number {
    return this.entryCount;
  }

  /** Bytes of the typed arrays allocated (the structure's memory, apart from a few JS fields). */
  get bytes(): number {
    return this.slots.byteLength + this.entrySeqs.byteLength + this.entryNext.byteLength;
  }

  /** Makes room for `entries` entries (and as many distinct keys) at once, instead of growing by doubling. */
  reserve(entries: number): void {
    if (entries > this.entrySeqs.length) this.resizeEntries(entries);
    if (slotsFor(entries) > this.mask + 1) this.resizeSlots(slotsFor(entries));
  }

  /**
   * Adds `seq` under `key`. `seq` must be at least every seq added before (throws RangeError otherwise); adding the
   * same pair twice keeps one.
   */
  add(key: number, seq: number): void {
    if (!Number.isInteger(key) || key < 0 || key > 0x7fffffff) throw new RangeError(`band key out of range: ${key}`);
    if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new RangeError(`seq out of range: ${seq}`);
    if (seq < this.last) throw new RangeError(`seq ${seq} added after ${this.last}: seqs must not decrease`);
    let slot = this.slotOf(key);
    if (this.slots[slot] === EMPTY) {
      if (this.keyCount + 1 > MAX_LOAD * (this.mask + 1)) {
        this.resizeSlots(2 * (this.mask + 1));
        slot = this.slotOf(key);
      }
      this.slots[slot] = key;
      this.keyCount++;
    }
    const head = this.slots[slot + 1] as number;
    if (head !== EMPTY && this.entrySeqs[head] === seq) return;
    if (this.entryCount === this.entrySeqs.length) this.resizeEntries(2 * this.entrySeqs.length);
    const e = this.entryCount++;
    this.entrySeqs[e] = seq;
    this.entryNext[e] = head;
    this.slots[slot + 1] = e;
    this.last = seq;
    if (this.markedAt !== undefined) this.journal.push(key);
  }

  /** Writes the newest (largest) at most `limit` seqs under `key` into `out`, newest first; returns how many. */
  newest(key: number, limit: number, out: number[] = []): number[] {
    out.length = 0;
    if (key < 0) return out;
    const slot = this.slotOf(key);
    if (this.slots[slot] === EMPTY) return out;
    for (let e = this.slots[slot + 1] as number; e !== EMPTY && out.length < limit; e = this.entryNext[e] as number)
      out.push(this.entrySeqs[e] as number);
    return out;
  }

  /**
   * The at most `limit` seqs found most often among the newest `perKey` seqs of each of `keys` (a key listed twice
   * counts twice), most shared first, ties by the smaller seq: the former
   * `… GROUP BY seq ORDER BY count(*) DESC, seq LIMIT limit` over `dedup_bands`.
   */
  topShared(keys: readonly number[], perKey: number, limit: number): number[] {
    const found = this.scratch;
    found.length = 0;
    for (const key of keys) {
      if (key < 0) continue;
      const slot = this.slotOf(key);
      if (this.slots[slot] === EMPTY) continue;
      let n = 0;
      for (let e = this.slots[slot + 1] as number; e !== EMPTY && n < perKey; e = this.entryNext[e] as number, n++)
        found.push(this.entrySeqs[e] as number);
    }
    if (found.length === 0) return [];
    found.sort((a, b) => a - b);
    // Runs of equal seqs, as count * 2^32 + (2^32 - 1 - seq): sorting these descending gives count desc, seq asc.
    const ranked: number[] = [];
    for (let i = 0; i < found.length;) {
      const seq = found[i] as number;
      let j = i + 1;
      while (j < found.length && found[j] === seq) j++;
      ranked.push((j - i) * 2 ** 32 + (MAX_SEQ - seq));
      i = j;
    }
    ranked.sort((a, b) => b - a);
    const out: number[] = [];
    for (let i = 0; i < ranked.length && i < limit; i++) out.push(MAX_SEQ - ((ranked[i] as number) % 2 ** 32));
    return out;
  }

  /** Starts a transaction: entries added from now on are taken out again by `rollback()`. */
  mark(): void {
    this.markedAt = { entries: this.entryCount, last: this.last };
    this.journal.length = 0;
  }

  /** Keeps the entries added since `mark()`. */
  commit(): void {
    this.markedAt = undefined;
    this.journal.length = 0;
  }

  /** Takes out every entry added since `mark()` (no-op without one); keys left without entries stay as empty slots. */
  rollback(): void {
    const marked = this.markedAt;
    if (marked === undefined) return;
    for (let e = this.entryCount - 1; e >= marked.entries; e--) {
      const slot = this.slotOf(this.journal[e - marked.entries] as number);
      this.slots[slot + 1] = this.entryNext[e] as number;
    }
    this.entryCount = marked.entries;
    this.last = marked.last;
    this.commit();
  }

  /** Drops everything (keeps the allocated capacity). */
  clear(): void {
    this.slots.fill(EMPTY);
    this.keyCount = 0;
    this.entryCount = 0;
    this.last = 0;
    this.commit();
  }

  /** The index in `slots` of `key`, or of the free slot where it would go (keys are hashes already, mixed once more). */
  private slotOf(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let h = Math.imul(key, 0x9e3779b1) >>> 0;
    h = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const k = slots[2 * h] as number;
      if (k === key || k === EMPTY) return 2 * h;
      h = (h + 1) & mask;
    }
  }

  private resizeSlots(count: number): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * count).fill(EMPTY);
    this.mask = count - 1;
    for (let s = 0; s < old.length; s += 2) {
      const key = old[s] as number;
      if (key === EMPTY) continue;
      const slot = this.slotOf(key);
      this.slots[slot] = key;
      this.slots[slot + 1] = old[s + 1] as number;
    }
  }

  private resizeEntries(capacity: number): void {
    const seqs = new Uint32Array(capacity);
    seqs.set(this.entrySeqs.subarray(0, this.entryCount));
    const next = new Int32Array(capacity);
    next.set(this.entryNext.subarray(0, this.entryCount));
    this.entrySeqs = seqs;
    this.entryNext = next;
  }
}

/** Slots (a power of two) to hold `keys` distinct keys under the maximum load. */
function slotsFor(keys: number): number {
  return nextPowerOfTwo(Math.max(16, Math.ceil(keys / MAX_LOAD)));
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
