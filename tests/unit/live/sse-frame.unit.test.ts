import { describe, expect, it } from 'vitest';
import {
  parseLastEventId,
  parseSeq,
  sseComment,
  sseEvent,
  sseRetry,
} from '../../../services/surfaces/live/sse-frame.ts';

describe('SSE framing', () => {
  it('writes id, event and data lines and ends the event with a blank line', () => {
    expect(sseEvent({ id: 42, event: 'claim', data: '{"a":1}' })).toBe('id: 42\nevent: claim\ndata: {"a":1}\n\n');
    expect(sseEvent({ data: 'x' })).toBe('data: x\n\n');
  });

  it('splits data on every kind of line break so the client joins it back with \\n', () => {
    expect(sseEvent({ event: 'error', data: 'one\ntwo\r\nthree\rfour' })).toBe(
      'event: error\ndata: one\ndata: two\ndata: three\ndata: four\n\n',
    );
    expect(sseEvent({ data: '' })).toBe('data: \n\n');
  });

  it('refuses an id or event name that would break the frame', () => {
    expect(() => sseEvent({ id: '1\n2', data: 'x' })).toThrow(RangeError);
    expect(() => sseEvent({ id: 'a\0', data: 'x' })).toThrow(RangeError);
    expect(() => sseEvent({ event: 'claim\nevent: tally', data: 'x' })).toThrow(RangeError);
    expect(() => sseEvent({ event: '', data: 'x' })).toThrow(RangeError);
  });

  it('writes comments line by line and the retry field', () => {
    expect(sseComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(sseComment('a\nb')).toBe(': a\n: b\n\n');
    expect(sseRetry(2000)).toBe('retry: 2000\n\n');
  });
});

describe('Last-Event-ID', () => {
  it('reads a seq from the header, the last one when repeated', () => {
    expect(parseLastEventId('1795725453000013')).toEqual({ ok: true, value: 1795725453000013 });
    expect(parseLastEventId(' 7 ')).toEqual({ ok: true, value: 7 });
    expect(parseLastEventId(['3', '9'])).toEqual({ ok: true, value: 9 });
  });

  it('treats an absent or blank header as no resume point', () => {
    expect(parseLastEventId(undefined)).toEqual({ ok: true, value: undefined });
    expect(parseLastEventId('  ')).toEqual({ ok: true, value: undefined });
  });

  it('names a header that is not a seq of this stream', () => {
    for (const bad of ['-1', '1.5', 'abc', '0x10', '99999999999999999', '1e3']) {
      const parsed = parseLastEventId(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.problem).toMatch(/^Last-Event-ID: /);
    }
  });

  it('accepts seqs up to 2^53 - 1 only', () => {
    expect(parseSeq(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseSeq('9007199254740992')).toBeUndefined();
    expect(parseSeq('0')).toBe(0);
  });
});
