// Dates as people read them: a calendar date ("12 Aug 2024", no zone: it is a day, not an instant) and an instant
// with its zone ("7 Dec 2026, 06:09 UTC"). Pure; the zone defaults to the browser's, tests pass one.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Aug 2024" for `2024-08-12` (an asOf); anything not a date comes back unchanged. */
export function humanDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? '?'} ${m[1]}`;
}

/** "7 Dec 2026, 06:09 UTC" (or "…, 08:09 EET" in the reader's zone): an instant, always labelled with its zone. */
export function humanDateTime(iso: string, timeZone?: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(t));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

/** "3 min ago", "2 h ago", else the day with its zone's date ("12 Aug 2024"): how old an update is, at a glance. */
export function ago(iso: string | null, now = Date.now(), timeZone?: string): string {
  if (!iso) return '—';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(s)) return iso;
  if (s < 60) return `${Math.max(0, s)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return humanDateTime(iso, timeZone).replace(/,.*$/, '');
}
