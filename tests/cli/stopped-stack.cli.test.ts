import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../services/platform/config.ts';
import { freePorts } from '../support/harness.ts';

// Every command as a user runs it (a child process of bin/claimwatch.mjs) against a stack that is not running:
// ports where nothing listens and an empty cache dir. Each must answer in words, with its documented exit code
// (0 ok, 1 failure, 2 usage), in under 3 s. `start` and `stack up` are left out: they start the stack.

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const LIMIT_MS = 3000;
let env: NodeJS.ProcessEnv;
let cacheDir: string;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'claimwatch.mjs'), ...args], {
      env,
      cwd: repoRoot,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'cw-cli-stopped-'));
  const [kafka, controller, temporal, ui, http] = (await freePorts(5)) as [number, number, number, number, number];
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(KAFKA_|TEMPORAL_|CLAIMWATCH_|HTTP_|API_TOKEN|LOG_)/.test(k)),
  );
  env = {
    ...clean,
    CLAIMWATCH_CACHE_DIR: cacheDir,
    KAFKA_PORT: String(kafka),
    KAFKA_CONTROLLER_PORT: String(controller),
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    HTTP_PORT: String(http),
  };
  // The first run compiles dist/ when a source changed: not part of any command's time.
  await run(['--version']);
}, 120_000);

afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const kafkaDown =
  /Kafka \(127\.0\.0\.1:\d+: connection refused\) is not running: start the local stack with `npm start` \(the whole pipeline\) or `npx claimwatch stack up`/;
const temporalDown =
  /Temporal \(127\.0\.0\.1:\d+: connection refused\) is not running: start the local stack with `npm start`/;
const bothDown =
  /Kafka \(127\.0\.0\.1:\d+: connection refused\) and Temporal \(127\.0\.0\.1:\d+: connection refused\) are not running: start the local stack/;

const cases: Array<{ args: string[]; code: number; stdout?: RegExp; stderr?: RegExp }> = [
  { args: ['--help'], code: 0, stdout: /Exit codes: 0 ok, 1 failure .*, 2 usage/ },
  { args: ['--version'], code: 0, stdout: new RegExp(pkg.version.replaceAll('.', '\\.')) },
  { args: ['talies'], code: 2, stderr: /unknown command 'talies'[\s\S]*Did you mean tallies\?/ },
  { args: ['tallies', '--bogus'], code: 2, stderr: /unknown option '--bogus'/ },
  { args: ['tallies'], code: 1, stderr: /no read model at .* yet: run `claimwatch projector` or `claimwatch rebuild`/ },
  { args: ['claims'], code: 1, stderr: /no read model at .* yet/ },
  { args: ['topics'], code: 1, stderr: /no read model at .* yet/ },
  { args: ['series', 'territory-area:-:-:-:-'], code: 1, stderr: /no read model at .* yet/ },
  { args: ['tallies', '--format', 'xml'], code: 2, stderr: /--format xml: expected table, json or csv/ },
  { args: ['tallies', '--tz', 'Mars/Olympus'], code: 2, stderr: /--tz Mars\/Olympus: not a time zone/ },
  {
    args: ['extract', '--input', '/nope/articles.jsonl'],
    code: 2,
    stderr: /^claimwatch: cannot read \/nope\/articles\.jsonl: no such file or directory\n$/,
  },
  {
    args: ['dedup', '--input', '/nope/articles.jsonl'],
    code: 2,
    stderr: /cannot read \/nope\/articles\.jsonl: no such file or directory/,
  },
  { args: ['asyncapi'], code: 0, stdout: /"asyncapi": "3\.0\.0"/ },
  { args: ['ingest', 'samples/corpus.jsonl'], code: 1, stderr: kafkaDown },
  { args: ['subscribe', 'territory-area'], code: 1, stderr: kafkaDown },
  { args: ['projector'], code: 1, stderr: kafkaDown },
  { args: ['api'], code: 1, stderr: kafkaDown },
  { args: ['rebuild', '--out', path.join(os.tmpdir(), 'cw-never.sqlite')], code: 1, stderr: kafkaDown },
  { args: ['worker'], code: 1, stderr: bothDown },
  { args: ['dispatcher'], code: 1, stderr: bothDown },
  { args: ['alerts'], code: 1, stderr: bothDown },
  { args: ['subscriptions', 'list'], code: 1, stderr: bothDown },
  { args: ['subscriptions', 'remove', 'sub-1'], code: 1, stderr: bothDown },
  { args: ['subscriptions', 'test', 'sub-1'], code: 1, stderr: kafkaDown },
  { args: ['subscriptions', 'list', '--format', 'xml'], code: 2, stderr: /--format xml: expected table, json or csv/ },
  { args: ['backfill', 'list', '--tz', 'Mars/Olympus'], code: 2, stderr: /--tz Mars\/Olympus: not a time zone/ },
  { args: ['dead-letters', 'list', '--format', 'xml'], code: 2, stderr: /--format xml: expected table, json or csv/ },
  { args: ['dead-letters', 'list'], code: 1, stderr: kafkaDown },
  { args: ['dead-letters', 'show', '0/3'], code: 1, stderr: kafkaDown },
  { args: ['dead-letters', 'replay', '0/3', '--input', 'fixed.json'], code: 1, stderr: kafkaDown },
  {
    args: ['dead-letters', 'replay', 'latest'],
    code: 2,
    stderr: /dead letter "latest": expected PARTITION\/OFFSET as `claimwatch dead-letters list` prints it/,
  },
  { args: ['backfill', 'list'], code: 1, stderr: temporalDown },
  { args: ['backfill', 'status', 'bf-1'], code: 1, stderr: temporalDown },
  { args: ['backfill', '--from', '2024-01-01', '--to', '2024-02-01'], code: 1, stderr: temporalDown },
  // Names that must exist and malformed options are usage errors (2), found before any service is probed.
  {
    args: ['tallies', '--topic', 'terrain'],
    code: 2,
    stderr: /--topic: unknown topic "terrain"; known topics: aerial-attacks, .*territory-area/,
  },
  {
    args: ['tallies', '--place', 'donetsk-obl'],
    code: 2,
    stderr: /--place: unknown place "donetsk-obl" \(did you mean "donetsk-oblast"\?\); known places include /,
  },
  { args: ['claims', '--since', 'yesterday'], code: 2, stderr: /--since yesterday: expected a date YYYY-MM-DD/ },
  { args: ['subscribe', 'terrain'], code: 2, stderr: /unknown topic "terrain"; known topics: / },
  {
    args: ['backfill', '--from', '2024-01-01', '--to', '2024-02-01', '--topic', 'terrain'],
    code: 2,
    stderr: /--topic: unknown topic "terrain"/,
  },
  {
    args: ['subscriptions', 'add', '--url', 'nope', '--on', 'sometimes'],
    code: 2,
    stderr:
      /--url: must be an http\(s\) URL\nclaimwatch: --on: must be one of new-claim, new-figure, disputed, threshold/,
  },
  {
    args: ['subscriptions', 'add', '--url', 'https://example.org/h', '--on', 'threshold'],
    code: 2,
    stderr: /--series: required/,
  },
  {
    args: [
      'subscriptions',
      'add',
      '--url',
      'http://127.0.0.1:9/hook',
      '--on',
      'new-claim',
      '--topic',
      'territory-area',
    ],
    code: 2,
    stderr:
      /--url: 127\.0\.0\.1 resolves to 127\.0\.0\.1 \(loopback\): the alert router refuses such addresses\. For local development pass --allow-private-webhooks/,
  },
  {
    args: ['stack', 'status'],
    code: 1,
    stdout: /kafka +DOWN[\s\S]*temporal +DOWN/,
    stderr: /start the local stack with `npm start`/,
  },
  { args: ['stack', 'down'], code: 0, stdout: /kafka +not-running/ },
  { args: ['stack', 'logs', 'kafka'], code: 0, stdout: /no log yet/ },
  { args: ['stack', 'reset'], code: 2, stderr: /run again with --yes/ },
];

describe('every command against a stopped stack', () => {
  for (const c of cases) {
    it(`claimwatch ${c.args.join(' ')} → exit ${c.code}`, async () => {
      const r = await run(c.args);
      expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: c.code });
      if (c.stdout) expect(r.stdout).toMatch(c.stdout);
      if (c.stderr) expect(r.stderr).toMatch(c.stderr);
      // No client retries, stack traces or JSON log lines: only the sentences.
      expect(r.stderr).not.toMatch(/"level":|ECONNREFUSED|    at /);
      // A wall-clock bound on a shared machine: a run over it is timed once more, so a moment of load on CI does not
      // fail it, while a command that waits (client retries, a connect timeout) is slow both times and still does.
      const ms = r.ms < LIMIT_MS ? r.ms : Math.min(r.ms, (await run(c.args)).ms);
      expect(ms).toBeLessThan(LIMIT_MS);
    }, 40_000);
  }
});
