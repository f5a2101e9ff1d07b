import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../services/platform/config.ts';

// The README's folder table names every folder a newcomer meets, and only folders that exist.
const CONTAINERS = ['domain', 'workflows', 'services', 'tools', 'tests'];

/** Folders the table must list: top-level folders, the children of CONTAINERS, and the children of a services/ or tools/ folder that only groups folders. */
function expectedFolders(tracked: readonly string[]): string[] {
  const dirs = new Set<string>();
  const holdsFiles = new Set<string>();
  for (const f of tracked) {
    holdsFiles.add(path.posix.dirname(f));
    for (let d = path.posix.dirname(f); d !== '.'; d = path.posix.dirname(d)) dirs.add(d);
  }
  return [...dirs]
    .filter((d) => !d.startsWith('.'))
    .filter((d) => {
      const parts = d.split('/');
      if (parts.length === 1) return true;
      const parent = parts.slice(0, -1).join('/');
      if (parts.length === 2) return CONTAINERS.includes(parent);
      return parts.length === 3 && ['services', 'tools'].includes(parts[0] as string) && !holdsFiles.has(parent);
    })
    .sort();
}

/** The backticked paths of the folder table's first column. */
function listedFolders(readme: string): string[] {
  const table = readme.match(/<!-- folders:begin -->\n([\s\S]*?)\n<!-- folders:end -->/)?.[1] ?? '';
  return table
    .split('\n')
    .slice(2)
    .flatMap((row) =>
      [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => (m[1] as string).replace(/\/$/, '')),
    );
}

describe('README folder table', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const listed = listedFolders(readme);
  const tracked = execFileSync('git', ['ls-files'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);

  it('given the README, when its folder table is read, then it has rows', () => {
    expect(listed.length).toBeGreaterThan(10);
  });
  it('given the tree, when every listed path is looked up, then each exists', () => {
    expect(listed.filter((p) => !existsSync(path.join(repoRoot, p)))).toEqual([]);
  });
  it('given the tree, when its folders are listed, then the table names every one', () => {
    expect(expectedFolders(tracked).filter((d) => !listed.includes(d))).toEqual([]);
  });
});
