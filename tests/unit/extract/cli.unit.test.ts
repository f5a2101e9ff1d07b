import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Runs the command through commander in a child process, as `claimwatch extract` would.
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const script = `
import { Command } from 'commander';
import { registerExtractCommand } from './services/app/cli/commands/extract.ts';
const program = new Command().name('claimwatch');
registerExtractCommand(program);
await program.parseAsync(process.argv.slice(1), { from: 'user' });
`;

function run(args: string[], stdin = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, 'extract', ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const good = JSON.stringify({
  id: 'a1',
  url: null,
  source: 'fixture',
  published_at: '2024-08-15',
  title: 'x',
  text: 'Russian forces captured 12 villages in Donetsk region.',
});
const bad = JSON.stringify({ id: '', source: 'fixture', published_at: 'yesterday' });

// Each test spawns a tsx child process (~3 s quiet, ~10 s at load 9): room past the unit tier's 20 s.
describe('claimwatch extract', { timeout: 60_000 }, () => {
  it('reads stdin, writes one claim per line, reports a bad line with every problem and exits 1', () => {
    const r = run([], `${good}\n${bad}\nnot json\n${good.replace('a1', 'a2')}\n`);
    const claims = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { articleId: string; topic: string });
    expect(claims.map((c) => [c.articleId, c.topic])).toEqual([
      ['a1', 'settlements-captured'],
      ['a2', 'settlements-captured'],
    ]);
    expect(r.err).toMatch(/stdin:2: .*id.*published_at.*text/);
    expect(r.err).toMatch(/stdin:3: not valid JSON/);
    expect(r.status).toBe(1);
  });

  it('reads --input and --taxonomy files and exits 0 when every line is good', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-extract-'));
    const input = path.join(dir, 'in.jsonl');
    writeFileSync(
      input,
      JSON.stringify({
        id: 'p1',
        source: 'f',
        published_at: '2024-03-18T00:00:00Z',
        text: 'Russian drone strikes left 5,000 households without power in Odesa.',
      }) + '\n',
    );
    const r = run([
      '--input',
      input,
      '--taxonomy',
      path.join(root, 'tests/fixtures/extract/power-outages.taxonomy.json'),
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ articleId: 'p1', topic: 'power-outages', quantity: { value: 5000 } });
  });
});
