#!/usr/bin/env node
// Compiles the CLI and every process it runs (services/app/cli/main.ts and what it imports) into dist/ with esbuild:
// one ESM entry, a chunk per lazily loaded command module, npm packages left external. Run by `npm ci`
// (`prepare`) and by bin/claimwatch.mjs when a source file is newer than the build.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the compiled CLI lives (gitignored). */
export const distDir = path.join(root, 'dist');
/** The build's record: when it was built and from which source files (repo-relative). */
export const buildInfoFile = path.join(distDir, 'build-info.json');

/**
 * Code that finds files beside itself (`new URL('…', import.meta.url)`: the workflow sources for Temporal's bundler,
 * the dashboard's web sources, kafka-pom.xml, package.json) must keep finding them beside its source file, not
 * beside the chunk it was compiled into. Every output file sits directly in dist/, so `import.meta.url` of a source
 * file becomes the URL of that source file relative to the chunk.
 */
const sourceImportMeta = {
  name: 'source-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const rel = path.relative(distDir, args.path).split(path.sep).join('/');
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
};

/**
 * npm packages stay in node_modules and load at run time, except the few pure-JS ones every command needs, which are
 * bundled: loading zod's 80-odd modules one by one costs ~115 ms of a start, its bundled copy ~45 ms.
 */
const BUNDLED = new Set(['zod', 'commander']);

async function externalPackages() {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !BUNDLED.has(n));
  return names.flatMap((n) => [n, `${n}/*`]);
}

/** Builds dist/ atomically (a temporary folder renamed into place); returns the build's duration in ms. */
export async function build({ quiet = false } = {}) {
  const started = Date.now();
  const { build: esbuild } = await import('esbuild');
  const tmp = `${distDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: { claimwatch: 'services/app/cli/main.ts' },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: await externalPackages(),
    sourcemap: 'linked',
    chunkNames: '[name]-[hash]',
    // Bundled CommonJS (commander) calls require() for Node's own modules.
    banner: {
      js: "import { createRequire as __cwCreateRequire } from 'node:module'; const require = __cwCreateRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
    plugins: [sourceImportMeta],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  await mkdir(tmp, { recursive: true });
  await writeFile(path.join(tmp, 'build-info.json'), `${JSON.stringify({ builtAt: started, inputs }, null, 1)}\n`);
  const old = `${distDir}.old-${process.pid}`;
  await rename(distDir, old).catch((err) => {
    if (err.code !== 'ENOENT') throw err;
  });
  try {
    await rename(tmp, distDir);
  } catch (err) {
    // Another process built at the same moment and won the rename: its build is as good as ours.
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    await rm(tmp, { recursive: true, force: true });
  }
  await rm(old, { recursive: true, force: true });
  return Date.now() - started;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ms = await build();
  process.stderr.write(
    `claimwatch: compiled the CLI into ${path.relative(process.cwd(), distDir) || distDir} in ${ms} ms\n`,
  );
}
