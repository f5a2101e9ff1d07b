#!/usr/bin/env node
// Re-houses the tree in one go (issue 19), on whatever main is when it runs:
//  1. `git mv` every tracked file by the longest matching prefix of mapping.json's `moves` (files added later in an
//     old folder move with it);
//  2. rewrites every path in every tracked text file: relative specifiers ('./x', '../y', also in new URL(…) and
//     template-literal prefixes) are resolved against the file's OLD place and re-relativised from its NEW place;
//     `path.resolve(<this file's folder>, '..', 'x')` segments likewise; repo paths (`services/ingest/…`) in any text
//     (docs, configs, package.json scripts, CI, strings) are mapped by prefix;
//  3. writes the README folder table (between `<!-- folders:begin -->` and `<!-- folders:end -->`) from mapping.json;
//  4. adds new top-level source folders to tsconfig.json's `include`;
//  5. with --prettier, formats the tree (120 columns) when Prettier is installed.
// Usage: node scripts/rehouse/rehouse.mjs [--dry-run] [--prettier] [--allow-dirty]
// Then: npx tsc --noEmit && npx eslint . && npx vitest run --project unit, and commit the result as one commit.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = new Set(process.argv.slice(2));
const dryRun = args.has('--dry-run');
const mapping = JSON.parse(readFileSync(path.join(root, 'scripts', 'rehouse', 'mapping.json'), 'utf8'));
const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });

const TEXT = /(\.(ts|mts|cts|mjs|cjs|js|json|md|yml|yaml|sh|css|html|xml|txt)|Dockerfile|\.ci\/run|\.gitignore|\.dockerignore)$/;
const CODE = /\.(ts|mts|cts|mjs|cjs|js)$/;
const SELF = new Set(['scripts/rehouse/mapping.json', 'scripts/rehouse/rehouse.mjs']);

/** The moves, longest old path first. */
const moves = mapping.moves.map(([from, to]) => ({ from, to })).sort((a, b) => b.from.length - a.from.length);

/** Where a repo path (file or folder, with or without a trailing slash) lives after the move. */
export function mapPath(p) {
  for (const { from, to } of moves) {
    if (from.endsWith('/')) {
      if (p === from.slice(0, -1)) return to.slice(0, -1);
      if (p.startsWith(from)) return to + p.slice(from.length);
    } else if (p === from) return to;
  }
  return p;
}

if (!args.has('--allow-dirty') && git('status', '--porcelain').trim() !== '') {
  console.error('rehouse: the work tree has changes; commit or stash them first (or pass --allow-dirty)');
  process.exit(2);
}

const files = git('ls-files', '-z').split('\0').filter(Boolean);
const oldFiles = new Set(files);
const oldDirs = new Set(['']);
for (const f of files) for (let d = path.posix.dirname(f); d !== '.'; d = path.posix.dirname(d)) oldDirs.add(d);
const existsOld = (p) => oldFiles.has(p) || oldDirs.has(p.replace(/\/$/, ''));
const newOf = new Map(files.map((f) => [f, mapPath(f)]));

/** A relative specifier of a file that was at `oldFile` and is now at `newFile`, or undefined to leave it alone. */
function rewriteRelative(spec, oldFile, newFile) {
  const trailing = spec.endsWith('/') ? '/' : '';
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(oldFile), spec)).replace(/\/$/, '');
  const inRepo = !target.startsWith('../') && target !== '..';
  const moved = newFile !== oldFile;
  if (inRepo) {
    if (!existsOld(target === '.' ? '' : target)) return undefined;
    const newTarget = target === '.' ? '.' : mapPath(target);
    if (!moved && newTarget === target) return undefined;
    return relativeSpec(path.posix.dirname(newFile), newTarget, trailing);
  }
  if (!moved || !existsSync(path.join(root, target))) return undefined;
  return relativeSpec(path.posix.dirname(newFile), target, trailing);
}

function relativeSpec(fromDir, to, trailing) {
  let rel = path.posix.relative(fromDir, to);
  if (rel === '') rel = '.';
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel + (rel.endsWith('/') ? '' : trailing);
}

/** Repo paths of old folders and moved files, as one pattern (longest first). */
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mentionSources = moves.flatMap(({ from }) => (from.endsWith('/') ? [from, from.slice(0, -1)] : [from]));
const mention = new RegExp(
  `(?<![\\w./@-])(?:\\./)?(${mentionSources
    .sort((a, b) => b.length - a.length)
    .map((s) => (s.endsWith('/') || /\.\w+$/.test(s) ? escape(s) : `${escape(s)}(?![\\w-])`))
    .join('|')})`,
  'g',
);

const mentionEscaped = new RegExp(
  `(?<![\\w.@-])(${mentionSources
    .sort((a, b) => b.length - a.length)
    .map((s) => escape(s.replaceAll('/', '\\/')) + (s.endsWith('/') || /\.\w+$/.test(s) ? '' : '(?![\\w-])'))
    .join('|')})`,
  'g',
);

/** The text of `oldFile`, with every path in it pointing where its target went. */
export function rewrite(text, oldFile, newFile) {
  let out = text;
  if (CODE.test(oldFile) || oldFile.endsWith('.json')) {
    // path.resolve/join(<this file's folder>, '..', 'x', …)
    const anchors = ['import\\.meta\\.dirname', 'path\\.dirname\\(fileURLToPath\\(import\\.meta\\.url\\)\\)'];
    for (const m of out.matchAll(/const (\w+) = path\.dirname\(fileURLToPath\(import\.meta\.url\)\)/g)) anchors.push(`\\b${m[1]}\\b`);
    const segs = new RegExp(`((?:${anchors.join('|')})\\s*,\\s*)((?:'[^'\\n]*'\\s*,\\s*)*'[^'\\n]*')`, 'g');
    out = out.replace(segs, (all, head, list) => {
      const parts = [...list.matchAll(/'([^']*)'/g)].map((m) => m[1]);
      const next = rewriteRelative(parts.join('/'), oldFile, newFile);
      if (next === undefined) return all;
      const nextParts = next === '.' ? [] : next.replace(/^\.\//, '').split('/').filter(Boolean);
      return nextParts.length === 0 ? head.replace(/\s*,\s*$/, '') : head + nextParts.map((p) => `'${p}'`).join(', ');
    });
    // Repo paths as segment lists: path.join(repoRoot, 'services', 'cli', 'commands'), path.join('services', 'cli', f)
    out = out.replace(/'([\w.-]+)'((?:\s*,\s*'[\w.-]+')+)/g, (all, first, rest) => {
      const parts = [first, ...[...rest.matchAll(/'([^']*)'/g)].map((m) => m[1])];
      const joined = parts.join('/');
      if (!oldDirs.has(first) || !existsOld(joined)) return all;
      const next = mapPath(joined);
      return next === joined ? all : next.split('/').map((p) => `'${p}'`).join(', ');
    });
    // '…', "…", `…` (up to the first ${) starting with ./ or ../
    out = out.replace(/(['"`])(\.\.?\/[^'"`\n$]*)/g, (all, q, spec) => {
      const next = rewriteRelative(spec, oldFile, newFile);
      return next === undefined ? all : q + next;
    });
  }
  if (oldFile.endsWith('.md')) {
    out = out.replace(/\]\((\.\.?\/[^)\s#]*)/g, (all, spec) => {
      const next = rewriteRelative(spec, oldFile, newFile);
      return next === undefined ? all : `](${next}`;
    });
  }
  // `./services/…` in a string run from the repo root (a script for tsx -e, a spawn's argument) is a repo path too.
  out = out.replace(mention, (all, p) => (all.startsWith('./') ? './' : '') + mapPath(p));
  // The same paths in regular-expression literals (`/not in services\/cli\/manifest.ts/`).
  return out.replace(mentionEscaped, (p) => mapPath(p.replaceAll('\\/', '/')).replaceAll('/', '\\/'));
}

/** The README folder table from mapping.json. */
function folderTable() {
  const rows = mapping.folders.map(([paths, what]) => `| ${paths.map((p) => `\`${p}\``).join(', ')} | ${what} |`);
  return ['| folder | what |', '|---|---|', ...rows].join('\n');
}

// ---- 1. move ----
const planned = files.filter((f) => newOf.get(f) !== f);
console.log(`rehouse: ${planned.length} of ${files.length} tracked files move`);
if (dryRun) {
  for (const f of planned) console.log(`  ${f} -> ${newOf.get(f)}`);
  process.exit(0);
}
for (const f of planned) {
  const to = newOf.get(f);
  if (existsSync(path.join(root, to))) throw new Error(`rehouse: ${to} exists already (mapped from ${f})`);
  mkdirSync(path.join(root, path.dirname(to)), { recursive: true });
  git('mv', f, to);
}
// Folders the move emptied (untracked leftovers such as editor files keep theirs).
const removeEmpty = (dir) => {
  const abs = path.join(root, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return;
  for (const e of readdirSync(abs)) if (!['node_modules', '.git'].includes(e)) removeEmpty(path.join(dir, e));
  if (readdirSync(abs).length === 0) rmdirSync(abs);
};
for (const d of new Set(planned.map((f) => path.posix.dirname(f)))) removeEmpty(d.split('/')[0]);

// ---- 2. rewrite paths ----
let changed = 0;
for (const oldFile of files) {
  const newFile = newOf.get(oldFile);
  if (SELF.has(oldFile) || !TEXT.test(newFile) || oldFile === 'package-lock.json') continue;
  const abs = path.join(root, newFile);
  const text = readFileSync(abs, 'utf8');
  const next = rewrite(text, oldFile, newFile);
  if (next !== text) {
    writeFileSync(abs, next);
    changed += 1;
  }
}
console.log(`rehouse: rewrote paths in ${changed} files`);

// ---- 3. README folder table ----
const readmePath = path.join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const table = /(<!-- folders:begin -->\n)[\s\S]*?(\n<!-- folders:end -->)/;
if (table.test(readme)) writeFileSync(readmePath, readme.replace(table, (_, a, b) => a + folderTable() + b));
else console.warn('rehouse: README.md has no <!-- folders:begin/end --> markers; folder table not written');

// ---- 4. tsconfig include: new top-level source folders ----
const tsconfigPath = path.join(root, 'tsconfig.json');
const tsconfig = readFileSync(tsconfigPath, 'utf8');
const include = tsconfig.match(/"include":\s*\[([^\]]*)\]/);
if (include) {
  const listed = [...include[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const topNew = [...new Set(planned.map((f) => newOf.get(f).split('/')[0]))].filter((d) => !listed.includes(d) && !listed.includes(`${d}/`));
  if (topNew.length > 0) {
    const next = [...listed, ...topNew].map((d) => JSON.stringify(d)).join(', ');
    writeFileSync(tsconfigPath, tsconfig.replace(include[0], `"include": [${next}]`));
    console.log(`rehouse: tsconfig.json includes ${topNew.join(', ')}`);
  }
}

// ---- 5. Prettier, when asked and installed ----
if (args.has('--prettier')) {
  const bin = path.join(root, 'node_modules', '.bin', 'prettier');
  if (existsSync(bin)) execFileSync(bin, ['--print-width', '120', '--single-quote', '--write', '.'], { cwd: root, stdio: 'inherit' });
  else console.warn('rehouse: Prettier is not installed (npm install --save-exact --save-dev prettier); formatting skipped');
}
git('add', '-A', '--', ...new Set([...planned.map((f) => newOf.get(f).split('/')[0]), ...files.map((f) => f.split('/')[0])].filter((p) => existsSync(path.join(root, p)))));
console.log('rehouse: done; check with npx tsc --noEmit && npx eslint . && npx vitest run --project unit, then commit');
