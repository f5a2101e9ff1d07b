import type { Readable } from 'node:stream';

/** One line of an input: its text, or why its bytes are not text (then `raw` holds them decoded with U+FFFD). */
export type RawLine = { line: number; raw: string; problem?: string };

const decoder = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Where the first ill-formed UTF-8 sequence of `bytes` starts (Unicode table 3-7: no overlongs, no surrogates). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const [len, lo, hi] =
      b >= 0xc2 && b <= 0xdf
        ? [2, 0x80, 0xbf]
        : b === 0xe0
          ? [3, 0xa0, 0xbf]
          : b === 0xed
            ? [3, 0x80, 0x9f]
            : b >= 0xe1 && b <= 0xef
              ? [3, 0x80, 0xbf]
              : b === 0xf0
                ? [4, 0x90, 0xbf]
                : b >= 0xf1 && b <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : b === 0xf4
                    ? [4, 0x80, 0x8f]
                    : [0, 0, 0];
    if (len === 0 || i + len > bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < len; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

/**
 * Splits a byte stream into lines on `\n` only (a `\r` inside a line is data, as JSON lines define it; a trailing
 * `\r` before the `\n` is JSON whitespace) and decodes each as strict UTF-8. A line with invalid UTF-8 comes with a
 * `problem` naming the byte offset instead of being silently decoded with U+FFFD. Used by JSON-lines ingest.
 */
export async function* splitLines(stream: Readable): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let n = 0;
  const emit = (bytes: Buffer): RawLine => {
    n += 1;
    try {
      return { line: n, raw: decoder.decode(bytes) };
    } catch {
      return {
        line: n,
        raw: lenient.decode(bytes),
        problem: `not valid UTF-8 (byte ${firstInvalidByte(bytes)} of the line)`,
      };
    }
  };
  for await (const chunk of stream) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a)) {
      pending.push(buf.subarray(0, nl));
      yield emit(Buffer.concat(pending));
      pending = [];
      buf = buf.subarray(nl + 1);
    }
    if (buf.length > 0) pending.push(buf);
  }
  if (pending.length > 0) yield emit(Buffer.concat(pending));
}
