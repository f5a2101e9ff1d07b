// Calendar arithmetic on ISO dates in UTC, so results never depend on the machine's time zone.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO date for year, month (1-12), day. */
export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** ISO date `days` after (negative: before) an ISO date. */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  const d = new Date(t);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** ISO date `months` before an ISO date, clamped to the month's last day. */
export function subMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Number of days in a month (1-12). */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Last day of the month as an ISO date. */
export function monthEnd(y: number, m: number): string {
  return isoDate(y, m, daysInMonth(y, m));
}

/** Day of the week, 0 = Sunday, of an ISO date. */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}
