// The house's layers, lowest first: a file may import from its own layer and the layers below it, never above.
// Prefixes are repo paths (longest match wins); scripts/rehouse rewrites them with every other path when folders move.

/** [path prefix, layer rank]: contracts, pure rules, infrastructure, stores, workflows, pipeline, surfaces, tools, the app, tests. */
export const LAYERS: ReadonlyArray<readonly [string, number]> = [
  ['schemas/', 0],
  ['domain/', 1],
  ['services/platform/', 2],
  ['services/bus/', 2],
  ['services/io/', 2],
  ['services/runtime/service.ts', 2],
  ['services/ops/metrics.ts', 2],
  ['services/stack/health.ts', 2],
  ['services/stack/reachable.ts', 2],
  ['services/ingest/jsonl-sources.ts', 2],
  ['services/ingest/feeds/safe-fetch.ts', 2],
  ['services/ingest/feeds/address-policy.ts', 2],
  // Leaf helpers (they import only schemas/ and domain/) that lower layers use from a higher folder; to re-home.
  ['services/places/known.ts', 2],
  ['services/cli/output.ts', 2],
  ['services/dedup-index/', 3],
  ['services/read-model/', 3],
  ['workflows/', 4],
  ['services/ingest/', 5],
  ['services/dispatcher/', 5],
  ['services/projector/', 5],
  ['services/alerts/', 5],
  ['services/api/', 6],
  ['services/dashboard/', 6],
  ['services/subscribe/', 6],
  ['services/ops/', 6],
  ['services/places/', 6],
  ['services/backfill/', 6],
  ['services/stack/', 7],
  ['services/runtime/', 8],
  ['services/cli/', 8],
  ['bin/', 9],
  ['scripts/', 9],
  ['tests/', 9],
];

/** Folders whose files are checked. */
export const SOURCE_DIRS = ['schemas', 'domain', 'services', 'workflows', 'tools', 'bin', 'scripts', 'tests'];
