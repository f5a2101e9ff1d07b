// Rows as CSV text: pure (no Node), shared by the CLI's listings (`--format csv`) and the dashboard's CSV export.

/** One column of a listing: its header, and whether it may be shortened (with …) to fit the terminal. */
export interface Column {
  header: string;
  shrink?: boolean;
}

/** RFC 4180 CSV: a header line, then one line per row; cells with commas, quotes or line breaks are quoted. */
export function renderCsv(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return [columns.map((c) => cell(c.header)), ...rows.map((r) => r.map(cell))].map((r) => r.join(',')).join('\r\n');
}
