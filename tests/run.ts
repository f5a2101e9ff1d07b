// `npm test`: typecheck, lint, unit tests, hermetic workflow tests (no stack), then the workflow and integration
// tiers against the real stack. Brings the local stack up if it is not running and stops only what it started.
import { spawn } from 'node:child_process';
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../services/platform/config.ts';
import { createRootLogger } from '../services/platform/logger.ts';
import { createStack } from '../tools/stack/stack.ts';
import { stackLayout, type StackService } from '../tools/stack/layout.ts';
import { installTemporal } from '../tools/stack/install.ts';

const config = loadConfig(process.env);
const log = createRootLogger(config.logLevel);
const stack = createStack(config, log);
const timings: Array<[string, number]> = [];

function step(name: string, cmd: string, args: string[]): Promise<void> {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: process.env });
    child.on('error', reject);
    child.on('close', (code) => {
      timings.push([name, Date.now() - started]);
      if (code === 0) resolve();
      else reject(new Error(`${name} failed (exit ${code})`));
    });
  });
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const reportDir = path.join(config.cacheDir, 'test-reports');

/** Runs one vitest tier with a JSON report beside the console output, and adds up its counts. */
async function vitestTier(name: string, projects: string[]): Promise<void> {
  await mkdir(reportDir, { recursive: true });
  const report = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ];
  try {
    await step(name, 'npx', args);
  } finally {
    try {
      const r = JSON.parse(await readFile(report, 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
        testResults: Array<{ status: string; assertionResults: Array<{ status: string }> }>;
      };
      counts.passed += r.numPassedTests;
      // A file that fails to load has no failed test, only a failed file: count it as one failure.
      const brokenFiles = r.testResults.filter(
        (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
      ).length;
      counts.failed += r.numFailedTests + brokenFiles;
      counts.skipped += r.numPendingTests + r.numTodoTests;
    } catch {
      counts.failed += 1; // the tier crashed before writing its report
    }
  }
}

const started: StackService[] = [];
let failed = false;
try {
  await step('typecheck', 'npx', ['tsc', '--noEmit']);
  // The dashboard's browser code has its own tsconfig (DOM lib), kept out of the Node program.
  await step('typecheck dashboard', 'npx', ['tsc', '--noEmit', '-p', 'services/surfaces/dashboard/web']);
  await step('lint', 'npx', ['eslint', '.']);
  await step('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '**/*.{ts,mjs,js}']);
  await step('house rules', 'npx', ['tsx', 'scripts/check-house.ts']);
  await vitestTier('unit + CLI tests', ['unit', 'cli']); // the CLI tier needs no stack (it checks the words for a stopped one)
  // Workflows with mocked activities on a private dev server: only the stack's Temporal CLI, installed here if missing.
  await installTemporal(stackLayout(config.cacheDir), log);
  await vitestTier('hermetic workflow tests', ['hermetic']);
  const t0 = Date.now();
  // Postgres too: the dedup-index conformance suite and the two-host test run on a real server.
  const up = await stack.up({ postgres: true });
  timings.push(['stack up', Date.now() - t0]);
  for (const s of ['kafka', 'temporal', 'postgres'] as const) if (up[s] === 'started') started.push(s);
  process.stdout.write(`\nstack: kafka ${up.kafka}, temporal ${up.temporal}, postgres ${up.postgres ?? '-'}\n`);
  await vitestTier('workflow + integration + browser tests', ['workflow', 'int', 'browser']);
} catch (err) {
  failed = true;
  process.stderr.write(`\n${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  if (started.length > 0) {
    const down = await stack.down(started);
    process.stdout.write(`\nstopped what this run started: ${JSON.stringify(down)}\n`);
  }
  process.stdout.write(`\ntimings: ${timings.map(([n, ms]) => `${n} ${(ms / 1000).toFixed(1)}s`).join(', ')}\n`);
  // The plain closing line CI reads.
  process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
}
process.exit(failed ? 1 : 0);
