// The house's layers, lowest first: a file may import from its own layer and the layers below it, never above.
// Prefixes are repo paths (longest match wins); keep them in step with the folder table in README.md when folders move.

/** [path prefix, layer rank]: contracts, pure rules, infrastructure, stores, workflows, pipeline, surfaces, tools, the app, tests. */
export const LAYERS: ReadonlyArray<readonly [string, number]> = [
  ['schemas/', 0],
  ['domain/', 1],
  ['services/platform/', 2],
  ['services/platform/bus/', 2],
  ['services/platform/io/', 2],
  ['services/platform/service.ts', 2],
  ['services/platform/metrics.ts', 2],
  ['services/platform/probes.ts', 2],
  ['services/platform/reachable.ts', 2],
  ['services/platform/io/jsonl-sources.ts', 2],
  ['services/platform/net/safe-fetch.ts', 2],
  ['services/platform/net/address-policy.ts', 2],
  ['services/stores/dedup-index/', 3],
  ['services/stores/read-model/', 3],
  ['workflows/', 4],
  ['services/pipeline/ingest/', 5],
  ['services/pipeline/dispatcher/', 5],
  ['services/pipeline/projector/', 5],
  ['services/pipeline/webhooks/', 5],
  ['services/surfaces/api/', 6],
  ['services/surfaces/dashboard/', 6],
  ['services/surfaces/live/', 6],
  ['services/surfaces/ops/', 6],
  ['services/surfaces/places/', 6],
  ['services/surfaces/backfill/', 6],
  ['tools/stack/', 7],
  ['services/app/', 8],
  ['services/app/cli/', 8],
  ['bin/', 9],
  ['scripts/', 9],
  ['tests/', 9],
];

/** Folders whose files are checked. */
export const SOURCE_DIRS = ['schemas', 'domain', 'services', 'workflows', 'tools', 'bin', 'scripts', 'tests'];
