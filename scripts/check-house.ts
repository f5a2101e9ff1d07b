// `npm run lint` (and `npm test`) keep the house rules (issue #19): no import cycle among value imports, and no import
// (types too) from a lower layer to a higher one. Prints every offending import and exits 1; the unit tests in
// tests/unit/house/ assert the same on the same graph.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../services/platform/config.ts';
import { importCycles, importEdges, layerOf, sourceFiles } from '../tests/support/import-graph.ts';
import { LAYERS, SOURCE_DIRS } from '../tests/unit/house/layers.ts';

const files = sourceFiles(
  repoRoot,
  SOURCE_DIRS.filter((d) => existsSync(path.join(repoRoot, d))),
);
const edges = importEdges(repoRoot, files);
const cycles = importCycles(edges.filter((e) => !e.typeOnly && !e.dynamic));
const upward = edges.filter((e) => (layerOf(e.to, LAYERS) ?? -1) > (layerOf(e.from, LAYERS) ?? Infinity));
for (const c of cycles) process.stderr.write(`import cycle: ${c.join(' -> ')}\n`);
for (const e of upward) process.stderr.write(`upward import (lower layer -> higher): ${e.from} -> ${e.to}\n`);
if (cycles.length > 0 || upward.length > 0) process.exit(1);
process.stdout.write(`house: ${files.length} files, ${edges.length} imports, no cycle, no upward import\n`);
