import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { describeIssues } from '../../../schemas/problems.ts';

/** One parsed line of a JSON-lines input: the value, or every problem found on that line. */
export type JsonLine<T> =
  { ok: true; line: number; value: T; raw: string } | { ok: false; line: number; problems: string[]; raw: string };

/** Validates one raw line; never throws. Used by every JSON-lines reader (CLI, ingest, backfill). */
export function parseJsonLine<S extends z.ZodType>(raw: string, line: number, schema: S): JsonLine<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { ok: false, line, raw, problems: [`not valid JSON: ${(err as Error).message}`] };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, line, raw, problems: describeIssues(parsed.error) };
  return { ok: true, line, raw, value: parsed.data };
}

/** Streams a file (or stdin when path is undefined/'-') as validated lines; blank lines are skipped. */
export async function* readJsonLines<S extends z.ZodType>(
  input: string | undefined | Readable,
  schema: S,
): AsyncGenerator<JsonLine<z.infer<S>>> {
  const stream =
    input === undefined || input === '-' ? process.stdin : typeof input === 'string' ? createReadStream(input) : input;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n += 1;
    if (raw.trim() === '') continue;
    yield parseJsonLine(raw, n, schema);
  }
}

/** Formats a failed line for stderr: `line 12: text: Required; published_at: Invalid ISO datetime`. */
export function formatLineError(label: string, line: number, problems: string[]): string {
  return `${label}:${line}: ${problems.join('; ')}`;
}
