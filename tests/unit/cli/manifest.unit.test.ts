import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandModules, moduleFor, summaryOf } from '../../../services/app/cli/manifest.ts';

describe('CLI manifest', () => {
  it('lists exactly the top-level commands each module registers, with the same summaries', async () => {
    for (const m of commandModules) {
      const program = new Command();
      (await m.load())(program);
      const registered = program.commands.map((c) => [c.name(), c.description()]);
      expect(registered).toEqual(m.commands.map(([name, summary]) => [name, summary]));
    }
  }, 60_000);

  it('names every command once', () => {
    const names = commandModules.flatMap((m) => m.commands.map(([n]) => n));
    expect(new Set(names).size).toBe(names.length);
  });

  it('finds the module of the command in argv, after options and after help', () => {
    expect(moduleFor(['tallies', '--json'])?.commands.map(([n]) => n)).toContain('tallies');
    expect(moduleFor(['help', 'stack'])?.commands[0]?.[0]).toBe('stack');
    expect(moduleFor(['--help'])).toBeUndefined();
    expect(moduleFor(['talies'])).toBeUndefined();
    expect(() => summaryOf('nope')).toThrow(/not in services\/app\/cli\/manifest.ts/);
  });
});
