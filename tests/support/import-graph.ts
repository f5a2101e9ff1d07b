// The project's own import graph (relative specifiers only), read from the source text: what the house rules
// (no cycles, no import from a lower layer to a higher one) are checked against.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One import: the importing file, the imported file (both repo-relative, `/`-separated), type-only or lazy `import()`. */
export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
  dynamic: boolean;
}

const SKIP = new Set(['node_modules', 'dist', '.cache', '.git', 'coverage', 'test-results']);
const SPECIFIER =
  /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Every `.ts`/`.mts`/`.mjs` file under `dirs` (repo-relative), skipping build output and dependencies. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  for (const dir of dirs) walk(dir);
  return out.sort();
}

/** The relative imports of `files`, resolved to repo-relative paths. */
export function importEdges(root: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(path.join(root, from), 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[3] ?? m[4];
      if (spec === undefined) continue;
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
      edges.push({ from, to, typeOnly: m[2] !== undefined, dynamic: m[4] !== undefined });
    }
  }
  return edges;
}

/** The import cycles (strongly connected components of two or more files, or a file importing itself), each sorted. */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1] as { node: string; i: number };
      const succ = next.get(top.node) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node) as number, index.get(w) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(top.node) as number));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        if (component.length > 1 || succ.includes(top.node)) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}

/** The layer of a file: the rank of the longest matching prefix in `layers` (lowest first), or undefined. */
export function layerOf(
  file: string,
  layers: ReadonlyArray<readonly [prefix: string, rank: number]>,
): number | undefined {
  let best: { length: number; rank: number } | undefined;
  for (const [prefix, rank] of layers) {
    if ((file === prefix || file.startsWith(prefix)) && (best === undefined || prefix.length > best.length))
      best = { length: prefix.length, rank };
  }
  return best?.rank;
}

const BARE = /(?:^|[;\n])\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'".][^'"]*)['"]/g;

/** The packages and Node.js modules a file imports for their values (`import type` left out). */
export function packageImports(root: string, file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(BARE)].filter((m) => m[1] === undefined).map((m) => m[2] as string);
}

/** The files `start` reaches through value imports (type-only ones left out), `start` included. */
export function valueClosure(edges: readonly ImportEdge[], start: string): string[] {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    for (const e of edges) {
      if (e.from === file && !e.typeOnly && !seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return [...seen].sort();
}
