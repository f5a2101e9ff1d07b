import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../services/platform/config.ts';
import {
  importCycles,
  importEdges,
  layerOf,
  packageImports,
  sourceFiles,
  valueClosure,
  type ImportEdge,
} from '../../support/import-graph.ts';
import { LAYERS, SOURCE_DIRS } from './layers.ts';

const files = sourceFiles(
  repoRoot,
  SOURCE_DIRS.filter((d) => existsSync(path.join(repoRoot, d))),
);
const edges = importEdges(repoRoot, files);
const show = (e: ImportEdge) => `${e.from} -> ${e.to}`;

describe('house rules: the import graph', () => {
  it('given the sources, when their imports are read, then the graph is the whole project', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(edges.length).toBeGreaterThan(1000);
  });

  it('given the value imports (import type and lazy import() left out), when cycles are searched, then there are none', () => {
    // A type-only import has no run-time effect (as import-x/no-cycle treats it); the CLI's manifest loads its command
    // modules lazily, and they read their summaries from it: that loop is by design.
    const value = edges.filter((e) => !e.typeOnly && !e.dynamic);
    expect(importCycles(value).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('given the layers, when every import (types too) is checked, then none points to a higher layer', () => {
    const up = edges.filter((e) => (layerOf(e.to, LAYERS) ?? -1) > (layerOf(e.from, LAYERS) ?? Infinity));
    expect(up.map(show)).toEqual([]);
  });

  it('given the layers, when every source file is looked up, then each has a layer', () => {
    expect(files.filter((f) => layerOf(f, LAYERS) === undefined)).toEqual([]);
  });

  it('given the workflow bundle, when the code it runs is followed, then none of it is Node.js, zod or process code', () => {
    // workflows/index.ts is what Temporal's bundler runs in the sandbox; `import type` costs nothing there.
    const sandbox = valueClosure(edges, 'workflows/index.ts');
    expect(sandbox.length).toBeGreaterThan(10);
    const bad = sandbox.flatMap((f) => [
      ...(f.startsWith('services/') ? [`${f} is process code`] : []),
      ...packageImports(repoRoot, f)
        .filter((p) => p.startsWith('node:') || p === 'zod' || p.startsWith('zod/'))
        .map((p) => `${f} imports ${p}`),
    ]);
    expect(bad).toEqual([]);
  });

  it('given a graph with a loop, when cycles are searched, then the loop is found (the check can fail)', () => {
    const loop = [
      { from: 'a.ts', to: 'b.ts', typeOnly: false, dynamic: false },
      { from: 'b.ts', to: 'c.ts', typeOnly: false, dynamic: false },
      { from: 'c.ts', to: 'a.ts', typeOnly: false, dynamic: false },
      { from: 'c.ts', to: 'd.ts', typeOnly: false, dynamic: false },
    ];
    expect(importCycles(loop)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
