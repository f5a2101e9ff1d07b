import http from 'node:http';
import { waitFor } from '../../support/harness.ts';

// A minimal SSE client over node:http for the tests: real sockets that can be paused (a slow consumer) or
// destroyed mid-stream (a forced disconnect). Only complete events count, as in EventSource.

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  events: SseEvent[];
  comments: string[];
  /** True once the server ended the stream or the socket closed. */
  ended: () => boolean;
  /** The id of the last complete event received (what EventSource would send as Last-Event-ID). */
  lastEventId: () => string | undefined;
  until<T>(check: (s: SseStream) => T | undefined, what: string, timeoutMs?: number): Promise<T>;
  pause(): void;
  resume(): void;
  /** Forced disconnect: the socket is destroyed, whatever is in flight is lost. */
  destroy(): void;
  /** The JSON body of a non-200 answer. */
  body: () => string;
}

function parseBlock(block: string): { event?: SseEvent; comment?: string } {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  let comment: string | undefined;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comment = line.slice(1).trim();
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event: { id, event, data: data.join('\n') } } : comment !== undefined ? { comment } : {};
}

/** Opens `url` as an event stream; resolves once the response headers arrived. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let pending = '';
      let raw = '';
      let ended = false;
      const stream: SseStream = {
        status: res.statusCode ?? 0,
        events: [],
        comments: [],
        ended: () => ended,
        lastEventId: () => [...stream.events].reverse().find((e) => e.id !== undefined)?.id,
        until: (check, what, timeoutMs = 60_000) => waitFor(() => check(stream), { what, timeoutMs, intervalMs: 20 }),
        pause: () => res.pause(),
        resume: () => res.resume(),
        destroy: () => req.destroy(),
        body: () => raw,
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (stream.status !== 200) {
          raw += chunk;
          return;
        }
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const parsed = parseBlock(pending.slice(0, end));
          pending = pending.slice(end + 2);
          if (parsed.event) stream.events.push(parsed.event);
          if (parsed.comment !== undefined) stream.comments.push(parsed.comment);
        }
      });
      const finish = () => {
        ended = true;
      };
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
      resolve(stream);
    });
    req.on('error', reject);
  });
}

/** Waits until the server has registered the stream (its first comment). */
export async function subscribed(stream: SseStream): Promise<void> {
  await stream.until(
    (s) => (s.comments.some((c) => c.startsWith('subscribed')) ? true : undefined),
    'the subscription to start',
  );
}
