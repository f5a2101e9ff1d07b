import type { FeedEntry } from '../../../schemas/feed.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ReadModel } from '../../stores/read-model/read-model.ts';
import { BoundedBuffer, type BufferLimits } from './bounded-buffer.ts';
import { feedQueryOf, filterMatches, type FeedFilter } from './filter.ts';
import { sseComment, sseEvent, sseRetry } from './sse-frame.ts';

/** Where the hub writes one subscriber's stream: a Node ServerResponse fits. */
export interface SseSink {
  /** False when the socket is congested; 'drain' follows. */
  write(chunk: string): boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  end(): unknown;
  destroy(): unknown;
}

export interface FeedHubOptions {
  readModel: Pick<ReadModel, 'feedAfter' | 'feedHead' | 'feedFloor'>;
  log: Logger;
  /** How often the store is polled for new entries (default 250 ms); `wake()` polls at once. */
  pollMs?: number;
  /** Comment line on idle streams (default 15 s). */
  heartbeatMs?: number;
  /** Per subscriber, while its socket is congested (default 5,000 frames, 8 MiB). */
  buffer?: Partial<BufferLimits>;
  /** Entries read per store query; the hub fans out at most this many per poll (default 500). */
  pageSize?: number;
  /** Streams one process serves (default 2,000); more are refused with 503. */
  maxSubscribers?: number;
  /** How long a closed stream may take to flush its last bytes before its socket is destroyed (default 5 s). */
  closeGraceMs?: number;
  /** The `retry:` sent to clients, ms (default 2,000). */
  retryMs?: number;
}

export interface FeedHubStats {
  subscribers: number;
  /** Streams closed because their buffer overflowed. */
  dropped: number;
  /** The last seq fanned out. */
  seq: number;
}

export interface Subscription {
  /** Forget the subscriber (its connection closed). Idempotent. */
  close(): void;
}

export interface FeedHub {
  /** Starts a stream: from `resumeAfter` when given (or a `reset` when it is no longer retained), else at the head. */
  subscribe(request: { filter: FeedFilter; resumeAfter?: number }, sink: SseSink): Subscription;
  /** True when another subscriber would pass `maxSubscribers`. */
  full(): boolean;
  /** Polls now: the in-process projector's onApplied can call it so streams need not wait for the next tick. */
  wake(): void;
  stats(): FeedHubStats;
  /** Ends every stream and stops the timers. */
  close(): void;
}

interface Subscriber {
  filter: FeedFilter;
  /** Every entry up to here was sent, buffered, or did not match. */
  cursor: number;
  buffer: BoundedBuffer;
  sink: SseSink;
  /** Invariant: the buffer holds frames only while congested. */
  congested: boolean;
  closed: boolean;
}

const SLOW = 'slow consumer: buffer full';

/** The SSE frame of a feed entry: id = seq, event = kind, data = the ClaimView or TallyListing. */
export function frameOf(entry: FeedEntry): string {
  return sseEvent({ id: entry.seq, event: entry.kind, data: JSON.stringify(entry.data) });
}

/**
 * One poller per process that reads the read model's change feed ONCE per tick and fans the new entries out to
 * every matching subscriber. A subscriber resuming from an older seq first catches up from the store in pages,
 * paced by its socket, then joins the live fan-out; the store is the only backlog, so nothing is lost or sent
 * twice. A live subscriber whose socket cannot keep up has a bounded buffer: when it overflows the stream gets
 * `event: error` (`slow consumer: buffer full`) and is closed, never slowing the others. Memory per subscriber is
 * bounded by the buffer plus one write in the socket. Built by `registerSubscribeRoute`.
 */
export function createFeedHub(options: FeedHubOptions): FeedHub {
  const rm = options.readModel;
  const log = options.log.child({ component: 'subscribe' });
  const pageSize = options.pageSize ?? 500;
  const limits: BufferLimits = { maxEntries: 5000, maxBytes: 8 * 1024 * 1024, ...options.buffer };
  const graceMs = options.closeGraceMs ?? 5000;
  const subscribers = new Set<Subscriber>();
  const position = (): number => Math.max(rm.feedHead(), rm.feedFloor());
  let seq = position();
  let dropped = 0;
  let closed = false;

  function write(s: Subscriber, chunk: string): void {
    if (s.sink.write(chunk) || s.congested) return;
    s.congested = true;
    s.sink.once('drain', () => {
      s.congested = false;
      if (s.closed) return;
      if (s.buffer.size > 0) write(s, s.buffer.takeAll());
      if (!s.congested) catchUp(s);
    });
  }

  function release(s: Subscriber): void {
    s.closed = true;
    s.buffer.clear();
    subscribers.delete(s);
  }

  /** Ends a stream, with a last event; a client that does not read it loses its socket after the grace period. */
  function end(s: Subscriber, lastEvent?: string): void {
    if (s.closed) return;
    release(s);
    if (lastEvent !== undefined) s.sink.write(lastEvent);
    s.sink.end();
    const timer = setTimeout(() => s.sink.destroy(), graceMs);
    timer.unref();
    s.sink.once('close', () => clearTimeout(timer));
  }

  /** Sends frames at once when the socket is free, else buffers them; an overflow ends the stream. */
  function deliver(s: Subscriber, frames: readonly string[]): void {
    if (frames.length === 0 || s.closed) return;
    if (!s.congested) return write(s, frames.join(''));
    for (const frame of frames) {
      if (s.buffer.push(frame)) continue;
      dropped++;
      log.warn({ buffered: s.buffer.size, bytes: s.buffer.bytes }, 'subscriber too slow: stream closed');
      return end(s, sseEvent({ event: 'error', data: JSON.stringify({ reason: SLOW }) }));
    }
  }

  /** Pulls the entries a subscriber still lacks from the store, a page at a time while its socket takes them. */
  function catchUp(s: Subscriber): void {
    while (!s.closed && !s.congested && s.cursor < seq) {
      const page = rm.feedAfter(s.cursor, feedQueryOf(s.filter, pageSize));
      const frames: string[] = [];
      let reached = page.length < pageSize;
      for (const entry of page) {
        if (entry.seq > seq) {
          reached = true; // the live fan-out delivers the rest
          break;
        }
        if (filterMatches(s.filter, entry)) frames.push(frameOf(entry)); // the store query does not know places
        s.cursor = entry.seq;
      }
      if (reached) s.cursor = Math.max(s.cursor, seq);
      deliver(s, frames);
    }
  }

  function poll(): void {
    if (closed) return;
    try {
      if (subscribers.size === 0) {
        seq = Math.max(seq, position());
        return;
      }
      const live = [...subscribers].filter((s) => s.cursor >= seq);
      const page = rm.feedAfter(seq, { limit: pageSize });
      const last = page[page.length - 1];
      if (last !== undefined) {
        const frames = new Map<Subscriber, string[]>(live.map((s) => [s, []]));
        for (const entry of page) {
          let frame: string | undefined;
          for (const s of live) {
            if (entry.seq <= s.cursor || !filterMatches(s.filter, entry)) continue;
            frame ??= frameOf(entry);
            frames.get(s)?.push(frame);
          }
        }
        seq = last.seq;
        for (const [s, list] of frames) {
          s.cursor = Math.max(s.cursor, seq);
          deliver(s, list);
        }
      }
      for (const s of subscribers) if (s.cursor < seq) catchUp(s);
      // A full page means more is waiting: go on in the next macrotask, letting sockets drain in between.
      if (page.length === pageSize) setImmediate(poll);
    } catch (err) {
      log.warn({ err }, 'change feed poll failed; retrying');
    }
  }

  const pollTimer = setInterval(poll, options.pollMs ?? 250);
  pollTimer.unref();
  const heartbeat = sseComment('heartbeat');
  const heartbeatTimer = setInterval(() => {
    for (const s of subscribers) if (!s.congested) write(s, heartbeat);
  }, options.heartbeatMs ?? 15_000);
  heartbeatTimer.unref();

  return {
    subscribe(request, sink) {
      const s: Subscriber = {
        filter: request.filter,
        cursor: 0,
        buffer: new BoundedBuffer(limits),
        sink,
        congested: false,
        closed: false,
      };
      if (closed) {
        sink.end();
        return { close: () => undefined };
      }
      const head = position();
      write(s, sseRetry(options.retryMs ?? 2000));
      const resume = request.resumeAfter;
      if (resume === undefined) s.cursor = head;
      else if (resume >= rm.feedFloor() && resume <= head) s.cursor = resume;
      else {
        // Entries after `resume` were pruned (or it is an id of another store): the client must reload.
        const reason =
          resume > head
            ? 'unknown event id: reload the current state'
            : 'resumed past the retained feed: reload the current state';
        write(s, sseEvent({ id: head, event: 'reset', data: JSON.stringify({ reason, lastEventId: resume, head }) }));
        s.cursor = head;
      }
      write(s, sseComment(`subscribed after ${s.cursor}`));
      subscribers.add(s);
      catchUp(s);
      return { close: () => release(s) };
    },
    full: () => subscribers.size >= (options.maxSubscribers ?? 2000),
    wake: () => poll(),
    stats: () => ({ subscribers: subscribers.size, dropped, seq }),
    close() {
      if (closed) return;
      closed = true;
      clearInterval(pollTimer);
      clearInterval(heartbeatTimer);
      for (const s of [...subscribers]) end(s);
    },
  };
}
