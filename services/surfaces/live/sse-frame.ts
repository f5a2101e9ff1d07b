// Server-Sent Events framing (WHATWG HTML §9.2). Pure: strings in, strings out. A value may span lines: each
// line becomes its own `data:` line, and the client joins them with "\n" again.

const LINE_BREAK = /\r\n|\r|\n/;

/** One event as it goes on the wire: optional `id:` and `event:`, one `data:` line per line of `data`, a blank line. */
export function sseEvent(event: { id?: number | string; event?: string; data: string }): string {
  const head: string[] = [];
  if (event.id !== undefined) {
    const id = String(event.id);
    // A line break would end the field, and NUL makes clients ignore the id (HTML spec): neither may pass.
    if (LINE_BREAK.test(id) || id.includes('\0')) throw new RangeError(`SSE id ${JSON.stringify(id)} cannot be sent`);
    head.push(`id: ${id}`);
  }
  if (event.event !== undefined) {
    if (LINE_BREAK.test(event.event) || event.event === '')
      throw new RangeError(`SSE event name ${JSON.stringify(event.event)} cannot be sent`);
    head.push(`event: ${event.event}`);
  }
  const data = event.data.split(LINE_BREAK).map((line) => `data: ${line}`);
  return `${[...head, ...data].join('\n')}\n\n`;
}

/** A comment (ignored by clients): keeps proxies and load balancers from closing an idle stream. */
export function sseComment(text: string): string {
  return `${text
    .split(LINE_BREAK)
    .map((line) => `: ${line}`)
    .join('\n')}\n\n`;
}

/** How long a client waits before reconnecting after the stream ends (EventSource reads it). */
export function sseRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}

/**
 * Where a reconnecting client resumes, from its `Last-Event-ID` header (EventSource sends the id of the last event
 * it saw). Undefined when absent or blank; a problem when it is not a feed seq. Clients that cannot set headers
 * pass `?lastEventId=` instead (see ./query.ts), which the header overrides.
 */
export function parseLastEventId(
  header: string | string[] | undefined,
): { ok: true; value: number | undefined } | { ok: false; problem: string } {
  const text = Array.isArray(header) ? header[header.length - 1] : header;
  if (text === undefined || text.trim() === '') return { ok: true, value: undefined };
  const value = parseSeq(text);
  return value === undefined
    ? { ok: false, problem: `Last-Event-ID: ${JSON.stringify(text.slice(0, 40))} is not an event id of this stream` }
    : { ok: true, value };
}

/** A feed seq from text: digits only, at most 2^53 - 1; undefined otherwise. */
export function parseSeq(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,16}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : undefined;
}
