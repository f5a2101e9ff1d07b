import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../services/platform/config.ts';

const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin', 'claimwatch.mjs'), ...args], {
    cwd: repoRoot,
    timeout: 60_000,
  });
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

describe('the compiled CLI (dist/)', () => {
  it('is built (or rebuilt) by bin/claimwatch.mjs and records its sources', async () => {
    const { stdout } = await run('--version');
    expect(stdout).toContain(pkg.version);
    const info = JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'build-info.json'), 'utf8')) as {
      builtAt: number;
      inputs: string[];
    };
    expect(info.inputs).toContain('services/app/cli/main.ts');
    expect(info.inputs).toContain('services/app/cli/commands/query.ts');
  }, 90_000);

  it('finds files beside the sources, not beside the chunks (import.meta.url of the source file)', async () => {
    // asyncapi reads package.json relative to services/surfaces/api/asyncapi-route.ts.
    const { stdout } = await run('asyncapi');
    expect((JSON.parse(stdout) as { info: { version: string } }).info.version).toBe(pkg.version);
  }, 90_000);
});
