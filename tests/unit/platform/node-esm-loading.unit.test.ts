import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../services/platform/config.ts';

// vitest resolves CommonJS packages' named exports more leniently than Node's own ESM loader, which is what
// `bin/claimwatch.mjs` (npm start, the services, the benches) runs on: a named import from a CommonJS package that
// passes every vitest test can still fail there at start-up. This loads the processes' modules the way the CLI does.
const modules = [
  ...readdirSync(path.join(repoRoot, 'services', 'app', 'cli', 'commands')).map((f) =>
    path.join('services', 'app', 'cli', 'commands', f),
  ),
  ...readdirSync(path.join(repoRoot, 'services', 'app')).map((f) => path.join('services', 'app', f)),
  path.join('workflows', 'worker.ts'),
].filter((f) => f.endsWith('.ts'));

describe('process modules under Node ESM', () => {
  it('load with tsx registered as bin/claimwatch.mjs does', async () => {
    expect(modules.length).toBeGreaterThan(10);
    const script = [
      "import { register } from 'tsx/esm/api';",
      'register();',
      ...modules.map((m) => `await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, m)).href)});`),
    ].join('\n');
    const { stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      timeout: 60_000,
    });
    expect(stderr).not.toMatch(/Error/);
  }, 90_000);
});
