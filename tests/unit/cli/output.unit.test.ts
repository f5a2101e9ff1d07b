import { describe, expect, it } from 'vitest';
import { formatInstant, parseFormat, renderTable, resolveZone } from '../../../services/app/cli/output.ts';
import { renderCsv } from '../../../services/platform/io/csv.ts';

const columns = [{ header: 'ID' }, { header: 'LABEL', shrink: true }, { header: 'N' }];
const rows = [
  ['territory-area:ukraine:russia:-:kursk-oblast', 'ukraine → russia · kursk-oblast · a long label', '1,294'],
];

describe('CLI listings', () => {
  it('fit the terminal by shortening the shrinkable columns, never the ids', () => {
    const wide = renderTable(columns, rows);
    expect(wide.split('\n')[2]).toBe(
      'territory-area:ukraine:russia:-:kursk-oblast  ukraine → russia · kursk-oblast · a long label  1,294',
    );
    const narrow = renderTable(columns, rows, 70);
    for (const line of narrow.split('\n')) expect([...line].length).toBeLessThanOrEqual(70);
    expect(narrow).toContain('territory-area:ukraine:russia:-:kursk-oblast');
    expect(narrow).toContain('ukraine → russia…');
  });

  it('print CSV with quoting where needed', () => {
    expect(renderCsv(columns, [['a', 'b, "c"', '1']])).toBe('ID,LABEL,N\r\na,"b, ""c""",1');
  });

  it('format instants in the named zone and refuse unknown zones and formats', () => {
    expect(formatInstant('2024-08-27T21:30:00Z', 'UTC')).toBe('2024-08-27 21:30');
    expect(formatInstant('2024-08-27T21:30:00Z', 'Europe/Kyiv')).toBe('2024-08-28 00:30');
    expect(resolveZone('UTC')).toBe('UTC');
    expect(() => resolveZone('Mars/Olympus')).toThrow(/--tz Mars\/Olympus: not a time zone/);
    expect(parseFormat('csv')).toBe('csv');
    expect(() => parseFormat('xml')).toThrow(/expected table, json or csv/);
  });
});
