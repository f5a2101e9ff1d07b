// How CLI listings are printed (`--format table|json|csv`, `--tz`): pure, rows in, text out. CSV and the column type are
// shared with the dashboard's export: services/platform/io/csv.ts.
import type { Column } from '../../platform/io/csv.ts';

/** A listing's output format. */
export type ListFormat = 'table' | 'json' | 'csv';

const MIN_SHRUNK = 10;
const width = (s: string) => [...s].length;
const cut = (s: string, w: number) => (width(s) <= w ? s : `${[...s].slice(0, Math.max(1, w - 1)).join('')}…`);

/**
 * Columns padded to their widest cell, two spaces apart; when the table is wider than `maxWidth` (the terminal's
 * columns), the shrinkable columns lose characters, widest first, down to 10 each. Ids are never shrunk.
 */
export function renderTable(
  columns: readonly Column[],
  rows: ReadonlyArray<readonly string[]>,
  maxWidth = Infinity,
): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > maxWidth) {
    let widest = -1;
    for (const [i, c] of columns.entries())
      if (c.shrink && (widths[i] ?? 0) > MIN_SHRUNK && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0)))
        widest = i;
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        const t = cut(c, w);
        return t + ' '.repeat(Math.max(0, w - width(t)));
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Parses `--format`; throws a message naming the choices. */
export function parseFormat(text: string): ListFormat {
  if (text === 'table' || text === 'json' || text === 'csv') return text;
  throw new Error(`--format ${text}: expected table, json or csv`);
}

/** The zone `--tz` names: `local` (this machine's zone), `UTC`, or an IANA name; throws for an unknown one. */
export function resolveZone(tz: string): string {
  const zone = tz === 'local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : tz;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
  } catch {
    throw new Error(`--tz ${tz}: not a time zone (local, UTC or an IANA name such as Europe/Kyiv)`);
  }
  return zone;
}

/** An instant as `YYYY-MM-DD HH:MM` in `zone` (the zone is named once, in the column header). */
export function formatInstant(iso: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
