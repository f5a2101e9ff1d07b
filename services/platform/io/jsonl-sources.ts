import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '../errors.ts';

/** One JSON-lines input: a file (with its size, for the progress bar) or stdin. */
export type JsonLinesSource = { kind: 'file'; path: string; size: number } | { kind: 'stdin' };

const LINES_FILE = /\.(jsonl|ndjson|json)$/i;

/** Label used in locations (`label:line`) and error lines: the path as given, or `stdin`. */
export function sourceLabel(source: JsonLinesSource): string {
  return source.kind === 'file' ? source.path : 'stdin';
}

async function expand(p: string): Promise<JsonLinesSource[]> {
  const info = await stat(p).catch(() => undefined);
  if (!info) throw new InvalidInputError('cannot read input', [`${p}: no such file or folder`]);
  if (info.isFile()) return [{ kind: 'file', path: p, size: info.size }];
  if (!info.isDirectory()) throw new InvalidInputError('cannot read input', [`${p}: not a file or folder`]);
  const entries = await readdir(p, { withFileTypes: true });
  // Name order (code-unit order, not locale) so a run is reproducible across machines.
  const names = entries
    .filter((e) => e.isFile() && LINES_FILE.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0)
    throw new InvalidInputError('cannot read input', [`${p}: no *.jsonl, *.ndjson or *.json files`]);
  return Promise.all(
    names.map(async (n) => ({
      kind: 'file' as const,
      path: path.join(p, n),
      size: (await stat(path.join(p, n))).size,
    })),
  );
}

/** Turns CLI paths (files, folders, `-`) into sources in order; none means stdin. Throws InvalidInputError for a missing path or an empty folder. */
export async function resolveJsonLinesSources(paths: readonly string[]): Promise<JsonLinesSource[]> {
  if (paths.length === 0) return [{ kind: 'stdin' }];
  const out: JsonLinesSource[] = [];
  for (const p of paths) out.push(...(p === '-' ? [{ kind: 'stdin' as const }] : await expand(p)));
  return out;
}

/** Total bytes of the file sources, or undefined when any input is stdin (no progress bar then). */
export function totalBytes(sources: readonly JsonLinesSource[]): number | undefined {
  let total = 0;
  for (const s of sources) {
    if (s.kind === 'stdin') return undefined;
    total += s.size;
  }
  return total;
}
