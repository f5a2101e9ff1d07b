/** Limits of one subscriber's buffer: frames waiting for a congested socket. */
export interface BufferLimits {
  maxEntries: number;
  maxBytes: number;
}

/**
 * A FIFO of text chunks bounded by count and by UTF-8 bytes. `push` refuses (returns false) a chunk that would pass
 * either bound instead of growing: the caller decides what a full buffer means (the SSE hub drops the subscriber).
 */
export class BoundedBuffer {
  private chunks: string[] = [];
  private byteCount = 0;

  constructor(private readonly limits: BufferLimits) {}

  /** Appends a chunk; false (and nothing appended) when it does not fit. */
  push(chunk: string): boolean {
    const bytes = Buffer.byteLength(chunk, 'utf8');
    if (this.chunks.length + 1 > this.limits.maxEntries || this.byteCount + bytes > this.limits.maxBytes) return false;
    this.chunks.push(chunk);
    this.byteCount += bytes;
    return true;
  }

  /** Everything buffered as one string (one socket write), leaving the buffer empty. */
  takeAll(): string {
    const out = this.chunks.join('');
    this.clear();
    return out;
  }

  clear(): void {
    this.chunks = [];
    this.byteCount = 0;
  }

  /** Chunks that would still fit by count. */
  get room(): number {
    return this.limits.maxEntries - this.chunks.length;
  }

  get size(): number {
    return this.chunks.length;
  }

  get bytes(): number {
    return this.byteCount;
  }
}
