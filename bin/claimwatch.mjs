#!/usr/bin/env node
// Entry point for `npx claimwatch`: runs the compiled CLI in dist/ (bin/build.mjs, run by `npm ci`), compiling it
// first when it is missing or a source file changed since. Without esbuild it falls back to tsx (slow start).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** True when dist/ holds a build at least as new as every source file it was built from. */
function fresh() {
  let info;
  try {
    info = JSON.parse(readFileSync(path.join(dist, 'build-info.json'), 'utf8'));
  } catch {
    return false;
  }
  for (const input of info.inputs) {
    try {
      if (statSync(path.join(root, input)).mtimeMs > info.builtAt) return false;
    } catch {
      return false; // a source file went away: rebuild, the import graph changed
    }
  }
  return true;
}

let compiled = fresh();
if (!compiled) {
  try {
    const { build } = await import('./build.mjs');
    await build({ quiet: true });
    compiled = true;
  } catch (err) {
    process.stderr.write(
      `claimwatch: could not compile the CLI (${err instanceof Error ? err.message : String(err)}); running from sources\n`,
    );
  }
}
if (compiled) {
  await import(pathToFileURL(path.join(dist, 'claimwatch.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../services/app/cli/main.ts');
}
