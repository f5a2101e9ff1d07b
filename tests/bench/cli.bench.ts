// CLI start-up figures: `npm run bench:cli [-- --runs 15]`. Times `claimwatch --help`, `--version` and `tallies`
// (a read model built from the sample corpus in a temporary data dir: no Kafka or Temporal needed) as a user runs
// them (`node bin/claimwatch.mjs …`, a new process each time), beside `node -e 0` measured in the same run, and
// prints median and p90 wall time and the ratio to `node -e 0`. The bar: < 0.5 s wall and < 5× `node -e 0`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultTaxonomy, extractClaims } from '../../domain/extract/index.ts';
import { ArticleSchema } from '../../schemas/article.ts';
import { seriesId, seriesKeyOf } from '../../domain/tally/series.ts';
import { ClaimsTopicMessageSchema } from '../../schemas/topics.ts';
import { envelope, stableId } from '../../services/platform/bus/envelopes.ts';
import { readJsonLines } from '../../services/platform/io/jsonl.ts';
import { repoRoot } from '../../services/platform/config.ts';
import type { ClaimsEventInput } from '../../services/stores/read-model/read-model.ts';
import { openSqliteReadModel } from '../../services/stores/read-model/sqlite-read-model.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const bin = path.join(repoRoot, 'bin', 'claimwatch.mjs');

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cw-bench-cli-'));
const readModel = openSqliteReadModel({ path: path.join(dataDir, 'read-model.sqlite') });
const taxonomy = defaultTaxonomy();
const events: ClaimsEventInput[] = [];
for await (const line of readJsonLines(path.join(repoRoot, 'samples', 'corpus.jsonl'), ArticleSchema)) {
  if (!line.ok) continue;
  for (const claim of extractClaims(line.value, taxonomy)) {
    const env = envelope(
      'ClaimReported',
      { claim, source: line.value.source, url: line.value.url, copyOf: null },
      {
        id: stableId('ClaimReported', claim.id),
        now: new Date(line.value.published_at),
      },
    );
    events.push({
      seriesId: seriesId(seriesKeyOf(claim)),
      envelope: ClaimsTopicMessageSchema.parse(JSON.parse(JSON.stringify(env))),
    });
  }
}
readModel.applyClaimsEvents(events);
const series = readModel.listTallies().length;
readModel.close();

// No TTY and JSON logs, as in a script; the data dir holds the read model just built.
const env = { ...process.env, CLAIMWATCH_DATA_DIR: dataDir, LOG_FORMAT: 'json' };

/** Wall time of one run in ms; throws when the command fails. */
function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

// The first run compiles dist/ when a source changed since the last build: time it apart from the others.
const firstRun = wall([bin, '--version']);
const cases: Array<[string, string[]]> = [
  ['node -e 0', ['-e', '0']],
  ['claimwatch --help', [bin, '--help']],
  ['claimwatch --version', [bin, '--version']],
  ['claimwatch tallies', [bin, 'tallies']],
];
const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
// Interleaved, so a busy moment on the machine hits every case alike.
for (let i = 0; i < runs; i++) for (const [name, args] of cases) samples.get(name)?.push(wall(args));

const baseline = quantile(samples.get('node -e 0') ?? [], 0.5);
console.log(
  `read model: ${events.length} claims in ${series} series; ${runs} runs each; first run (compiles dist/ if stale) ${firstRun.toFixed(0)} ms\n`,
);
console.log(
  `${'command'.padEnd(22)} ${'median'.padStart(9)} ${'p90'.padStart(9)} ${'× node -e 0'.padStart(12)}  bar (< 500 ms, < 5×)`,
);
let ok = true;
for (const [name] of cases) {
  const xs = samples.get(name) ?? [];
  const median = quantile(xs, 0.5);
  const ratio = median / baseline;
  const bar = name === 'node -e 0' ? '' : median < 500 && ratio < 5 ? 'ok' : 'MISSED';
  if (bar === 'MISSED' && name !== 'claimwatch --version') ok = false;
  console.log(
    `${name.padEnd(22)} ${`${median.toFixed(0)} ms`.padStart(9)} ${`${quantile(xs, 0.9).toFixed(0)} ms`.padStart(9)} ${ratio.toFixed(2).padStart(12)}  ${bar}`,
  );
}
await rm(dataDir, { recursive: true, force: true });
console.log(ok ? '\nthe bar holds' : '\nthe bar is missed');
process.exitCode = ok ? 0 : 1;
