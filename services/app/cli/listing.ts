import { UsageError } from './errors.ts';
import { parseFormat, renderTable, resolveZone, type ListFormat } from './output.ts';
import { renderCsv, type Column } from '../../platform/io/csv.ts';

// How every listing command prints (`tallies`, `claims`, `topics`, `series`, `dead-letters list`, `subscriptions
// list`, `backfill list`): the same options, the same table/JSON/CSV writer, the same zone rule.

/** The options every listing takes. */
export interface ListOptions {
  format: string;
  json?: boolean;
  tz?: string;
}

/** `--format`, its help and default, for commander's `.option(...)`. */
export const formatOption = ['--format <format>', 'table, json or csv', 'table'] as const;
/** `--tz`, for commander's `.option(...)`. */
export const tzOption = [
  '--tz <zone>',
  'time zone of printed times: local, UTC or an IANA name (default: local on a terminal, else UTC); the header names it',
] as const;

/** Writes to stdout and waits for the pipe to drain (large listings piped into `head`, `less`). */
export async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

/** Runs `f`; a thrown message becomes a UsageError (exit 2). */
export function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The listing's format, zone and width: `--json` is `--format json`; local time on a terminal, else UTC. Throws UsageError. */
export function outputOf(opts: ListOptions): { format: ListFormat; zone: string; width: number } {
  const format = opts.json ? 'json' : usage(() => parseFormat(opts.format));
  const zone = usage(() => resolveZone(opts.tz ?? (process.stdout.isTTY ? 'local' : 'UTC')));
  return { format, zone, width: process.stdout.isTTY ? process.stdout.columns : Infinity };
}

/** An argument check (services-needed.ts) refusing a bad `--format` or `--tz` before any service is probed. */
export const listOptionsAreValid = (cmd: { opts(): unknown }): void => {
  outputOf(cmd.opts() as ListOptions);
};

/** Prints `data` as JSON, or `rows` as CSV or a table fitted to the terminal (`empty` when there are none). */
export async function printListing(
  opts: ListOptions,
  data: unknown,
  columns: Column[],
  rows: string[][],
  empty: string,
): Promise<void> {
  const { format, width } = outputOf(opts);
  if (format === 'json') await write(`${JSON.stringify(data, null, 2)}\n`);
  else if (format === 'csv') await write(`${renderCsv(columns, rows)}\r\n`);
  else await write(rows.length === 0 ? `${empty}\n` : `${renderTable(columns, rows, width)}\n`);
}
