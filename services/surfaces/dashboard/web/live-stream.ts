// The live stream of the dashboard: one EventSource on /api/subscribe, reconnected with backoff when the browser
// gives up (it retries by itself while readyState is CONNECTING; CLOSED means it stopped, e.g. after a 5xx).
// The session cookie authenticates it: EventSource cannot send an Authorization header.

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface StreamHandlers {
  claim(data: unknown): void;
  tally(data: unknown): void;
  reset(): void;
  error(message: string): void;
  state(state: StreamState): void;
}

/** Opens the stream for `topics`; returns its closer. */
export function openLiveStream(topics: readonly string[], handlers: StreamHandlers): () => void {
  let source: EventSource | undefined;
  let retry: number | undefined;
  let delay = 1000;
  let closed = false;
  const parse = (e: Event, use: (data: unknown) => void) => {
    try {
      use(JSON.parse((e as MessageEvent<string>).data));
    } catch {
      handlers.error('unreadable event');
    }
  };
  const connect = (first: boolean) => {
    handlers.state(first ? 'connecting' : 'reconnecting');
    source = new EventSource(`/api/subscribe?topics=${encodeURIComponent(topics.join(','))}`);
    source.onopen = () => {
      delay = 1000;
      handlers.state('open');
    };
    source.addEventListener('claim', (e) => parse(e, handlers.claim));
    source.addEventListener('tally', (e) => parse(e, handlers.tally));
    source.addEventListener('reset', () => handlers.reset());
    // The server's own `event: error` carries data; a connection error does not.
    source.addEventListener('error', (e) => {
      const data = (e as MessageEvent<string>).data;
      if (typeof data === 'string' && data) handlers.error(data);
      if (closed || !source) return;
      if (source.readyState === EventSource.CONNECTING) handlers.state('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        source = undefined;
        handlers.state('reconnecting');
        retry = window.setTimeout(() => connect(false), delay);
        delay = Math.min(delay * 2, 30_000);
      }
    });
  };
  connect(true);
  return () => {
    closed = true;
    window.clearTimeout(retry);
    source?.close();
    handlers.state('closed');
  };
}
