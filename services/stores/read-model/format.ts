import type { Qualifier } from '../../../schemas/claim.ts';

// How figures read in the CLI and the dashboard: the qualifier as a sign ("> 70", "≈ 1.6 M"), a range as
// "70–80", large figures compacted. Pure; no locale lookup, so output is the same on every machine.

export interface FigureLike {
  value: number;
  unit: string;
  qualifier: Qualifier;
  low: number | null;
  high: number | null;
}

const SIGN: Record<Exclude<Qualifier, 'range'>, string> = {
  exact: '',
  approx: '≈ ',
  'more-than': '> ',
  'at-least': '≥ ',
  'less-than': '< ',
  'up-to': '≤ ',
};

const SCALES: ReadonlyArray<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
];

function grouped(n: number, maxDecimals: number): string {
  const raw = n.toFixed(maxDecimals);
  const fixed = raw.includes('.') ? raw.replace(/0+$/, '').replace(/\.$/, '') : raw;
  const [whole = '', decimals] = fixed.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${decimals ? `.${decimals}` : ''}`;
}

/** A number for people: `1,263`, `0.5`, `1.6 M`, `6 M`, `2.25 B`. Used by `formatFigure` and the dashboard. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  for (const [scale, suffix] of SCALES) {
    if (abs >= scale) return `${grouped(n / scale, 2)} ${suffix}`;
  }
  return grouped(n, abs >= 100 ? 0 : 2);
}

/** The unit as written after a figure; a count has none, currencies keep their ISO code. */
export function formatUnit(unit: string): string {
  if (unit === 'count') return '';
  if (unit === 'km2') return 'km²';
  if (unit === 'percent') return '%';
  return unit;
}

/**
 * A figure with its qualifier and unit: "74", "> 70", "≈ 1.6 M", "70–80", "≥ 1,000 km²", "≈ 61 B USD".
 * A range without both bounds falls back to its value. Used by `claimwatch tallies` and the dashboard.
 */
export function formatFigure(figure: FigureLike): string {
  const unit = formatUnit(figure.unit);
  const suffix = unit === '' ? '' : unit === '%' ? '%' : ` ${unit}`;
  if (figure.qualifier === 'range') {
    if (figure.low !== null && figure.high !== null)
      return `${formatNumber(figure.low)}–${formatNumber(figure.high)}${suffix}`;
    return `≈ ${formatNumber(figure.value)}${suffix}`;
  }
  return `${SIGN[figure.qualifier]}${formatNumber(figure.value)}${suffix}`;
}

/**
 * A series id as a short label: its parts without nulls, e.g. `ukraine → russia · kursk-oblast`. A counterpart without
 * an actor keeps its arrow (`→ ukraine · drones`: drones launched at Ukraine, not by it).
 */
export function formatSeriesKey(key: {
  actor: string | null;
  counterpart: string | null;
  item: string | null;
  place: string | null;
}): string {
  const who =
    key.actor === null && key.counterpart !== null
      ? `→ ${key.counterpart}`
      : [key.actor, key.counterpart].filter((p) => p !== null).join(' → ');
  return [who, key.item, key.place].filter((p) => p !== null && p !== '').join(' · ') || '(any)';
}

/** What `formatClaimLine` needs: a claim (or any ClaimView-like record) and its outlet. */
export interface ClaimLineInput {
  source: string;
  copyOf?: string | null;
  claim: {
    asOf: string;
    topic: string;
    actor: string | null;
    counterpart: string | null;
    item: string | null;
    place: string | null;
    quantity: FigureLike;
    kind: 'total' | 'increment';
    attribution: readonly string[];
    evidence: { quote: string };
  };
}

/**
 * One claim on one line, for people following a stream (`claimwatch subscribe`): date, topic, the figure with its
 * qualifier, who/what/where, the outlet (and whom it cites), and the quote it rests on, whitespace collapsed.
 * E.g. `2024-08-12  territory-area  ≈ 1,000 km²  ukraine → russia · kursk-oblast  [Harbour Post]  “Troops hold …”`.
 */
export function formatClaimLine({ source, copyOf, claim }: ClaimLineInput): string {
  const figure = formatFigure(claim.quantity) + (claim.kind === 'increment' ? ' (+)' : '');
  const cites = claim.attribution.length > 0 ? ` per ${claim.attribution.join(', ')}` : '';
  const copy = copyOf ? `, copy of ${copyOf}` : '';
  const quote = claim.evidence.quote.replace(/\s+/g, ' ').trim();
  return `${claim.asOf}  ${claim.topic}  ${figure}  ${formatSeriesKey(claim)}  [${source}${copy}${cites}]  “${quote}”`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthOf = (iso: string): string => `${MONTHS[Number(iso.slice(5, 7)) - 1] ?? '?'} ${iso.slice(0, 4)}`;
const dayOf = (iso: string): string => `${Number(iso.slice(8, 10))} ${monthOf(iso)}`;
const isMonthEnd = (iso: string): boolean => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).getUTCDate() === 1;

/**
 * The span a figure covers, as a reader says it: "Aug 2023 – Jan 2024" for whole months, "23 Aug 2024 – 28 Aug 2024"
 * otherwise, one date for a single day, "since …" / "until …" when one end is open. Used by the dashboard and the CLI.
 */
export function formatPeriod(period: { start: string | null; end: string | null }): string {
  const { start, end } = period;
  if (start === null && end === null) return '';
  if (start === null) return `until ${dayOf(end as string)}`;
  if (end === null) return `since ${dayOf(start)}`;
  if (start === end) return dayOf(start);
  if (start.endsWith('-01') && isMonthEnd(end))
    return start.slice(0, 7) === end.slice(0, 7) ? monthOf(start) : `${monthOf(start)} – ${monthOf(end)}`;
  return `${dayOf(start)} – ${dayOf(end)}`;
}
