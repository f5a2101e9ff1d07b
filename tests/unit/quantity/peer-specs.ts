// Loading and scoring of the peer suites (Recognizers-Text, quantulum3) in ../shared/eval/peer-specs.
// Scope is decided by rules over each case (reasons below), never by listing cases that pass.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QuantityMention } from '../../../domain/extract/quantity/index.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const peerDir = path.resolve(repoRoot, '..', 'shared', 'eval', 'peer-specs');

/** Reads a peer-spec JSON file (the Recognizers files start with a BOM). */
export const readSpec = <T>(rel: string): T =>
  JSON.parse(readFileSync(path.join(peerDir, rel), 'utf8').replace(/^\uFEFF/, '')) as T;

export interface RecCase {
  Input: string;
  NotSupported?: string;
  Results: RecResult[];
}
export interface RecResult {
  Text: string;
  TypeName: string;
  Start: number;
  End: number;
  Resolution: Record<string, string | null | undefined>;
}
export interface QuCase {
  req: string;
  res: { value: number; unit: string; surface: string }[];
}

/** A case outside our scope and why (null = in scope). */
export type Scope = string | null;

export const OUT_OF_SCOPE_KINDS = {
  js: 'marked NotSupported for javascript by Recognizers-Text itself',
  fraction: 'fractions ("three quarters", "1/4", "½", "one over three")',
  power: 'scientific notation and powers ("1e10", "1.1^23")',
  negative: 'negative numbers ("-1", "minus five")',
  indian: 'Indian numbering (lakh, crore, "12,34,567")',
  decimalComma: 'decimal comma ("1,3", "5,00")',
  otherUnit: 'units other than area, currency and km/mile distance (weights, volumes, temperatures, speeds, data)',
  subUnit: 'sub-unit money (cents, pence, penny)',
  compoundMoney: 'compound amounts ("3 dollars 50 cents", "15 dollars and 50")',
  otherCurrency:
    'currencies without an ISO code or outside the major/war-party set (markka, franc, peseta, guilder, ₡, ₾, ₭)',
  comparatorMath:
    'mathematical comparisons ("less than or equal to", "equals", ">=", two-sided "greater than X and less than Y")',
  ordinal: 'ordinals ("between the tenth and the fifteenth")',
  empty: 'no expected result (specs for non-number text that belongs to another model)',
} as const;

const rel = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
const overlaps = (m: QuantityMention, s: number, e: number): boolean => m.start < e && s < m.end;
const CURRENCY_UNIT = /^[A-Z]{3}$/;

// ---------- Recognizers: NumberModel ----------
export function numberScope(c: RecCase): Scope {
  if (c.NotSupported?.includes('javascript')) return OUT_OF_SCOPE_KINDS.js;
  for (const r of c.Results) {
    const sub = r.Resolution.subtype;
    if (sub === 'fraction') return OUT_OF_SCOPE_KINDS.fraction;
    if (sub === 'power') return OUT_OF_SCOPE_KINDS.power;
    if (Number(r.Resolution.value) < 0) return OUT_OF_SCOPE_KINDS.negative;
    if (/\b(lakh|crore)\b/i.test(r.Text) || /\d,\d\d,\d{3}/.test(r.Text)) return OUT_OF_SCOPE_KINDS.indian;
    if (/^\d+,\d{1,2}$/.test(r.Text)) return OUT_OF_SCOPE_KINDS.decimalComma;
  }
  return null;
}

/** Every expected number found with its value and exact text; no extra count where none is expected. */
export function numberPass(c: RecCase, found: QuantityMention[]): boolean {
  const text = c.Input;
  for (const r of c.Results) {
    const v = Number(r.Resolution.value);
    const ok = found.some(
      (m) => rel(m.value, v) && text.slice(m.numberStart, m.numberEnd).toLowerCase() === r.Text.toLowerCase(),
    );
    if (!ok) return false;
  }
  return !found.some((m) => m.unit === 'count' && !c.Results.some((r) => overlaps(m, r.Start, r.End + 1)));
}

// ---------- Recognizers: NumberRangeModel ----------
export function rangeScope(c: RecCase, skipJs: boolean): Scope {
  if (skipJs && c.NotSupported?.includes('javascript')) return OUT_OF_SCOPE_KINDS.js;
  if (c.Results.length === 0) return OUT_OF_SCOPE_KINDS.empty;
  for (const r of c.Results) {
    const t = r.Text.toLowerCase();
    if (/equal|[<>=]/.test(t)) return OUT_OF_SCOPE_KINDS.comparatorMath;
    if (/\b\w+(th|st|nd|rd)\b/.test(t) && /(tenth|fifteenth|first|second)/.test(t)) return OUT_OF_SCOPE_KINDS.ordinal;
    if (/\d\/\d|half|quarter/.test(t) || /\bin\b/.test(t)) return OUT_OF_SCOPE_KINDS.fraction;
    if (/negative|minus|-\d/.test(t.replace(/^\d/, ''))) return OUT_OF_SCOPE_KINDS.negative;
    const [lo, hi] = parseInterval(r.Resolution.value ?? '');
    if (lo !== null && hi !== null && !/between|through|\bto\b|[-–~]/.test(t)) return OUT_OF_SCOPE_KINDS.comparatorMath;
  }
  return null;
}

function parseInterval(s: string): [number | null, number | null, string, string] {
  const m = /^([[(])(-?[\d.]*),(-?[\d.]*)([\])])$/.exec(s);
  if (m === null) return [null, null, '', ''];
  return [m[2] === '' ? null : Number(m[2]), m[3] === '' ? null : Number(m[3]), m[1] ?? '', m[4] ?? ''];
}

/** The interval a mention implies, in Recognizers' notation terms. */
function mentionInterval(m: QuantityMention): [number | null, number | null, string, string] | null {
  switch (m.qualifier) {
    case 'exact':
      return [m.value, m.value, '[', ']'];
    case 'more-than':
      return [m.value, null, '(', ')'];
    case 'at-least':
      return [m.value, null, '[', ')'];
    case 'less-than':
      return [null, m.value, '(', ')'];
    case 'up-to':
      return [null, m.value, '(', ']'];
    case 'range':
      return [m.low, m.high, '[', ']'];
    default:
      return null;
  }
}

/** Each expected interval is matched by an overlapping mention with the same bounds (and openness when one-sided). */
export function rangePass(c: RecCase, found: QuantityMention[]): boolean {
  return c.Results.every((r) => {
    const [lo, hi, lb, hb] = parseInterval(r.Resolution.value ?? '');
    return found.some((m) => {
      const iv = mentionInterval(m);
      if (iv === null || !overlaps(m, r.Start, r.End + 1)) return false;
      if (iv[0] !== lo || iv[1] !== hi) return false;
      if (lo !== null && hi !== null) return true;
      return lo !== null ? iv[2] === lb : iv[3] === hb;
    });
  });
}

// ---------- Recognizers: DimensionModel (areas) ----------
const AREA_FACTOR: Record<string, number> = {
  'Square kilometer': 1,
  'Square mile': 2.58999,
  Hectare: 0.01,
  'Square meter': 1e-6,
  Acre: 0.00404686,
};

export function dimensionScope(c: RecCase): Scope {
  if (c.NotSupported?.includes('javascript')) return OUT_OF_SCOPE_KINDS.js;
  if (c.Results.length === 0) return OUT_OF_SCOPE_KINDS.empty;
  if (c.Results.some((r) => r.Resolution.subtype !== 'Area')) return OUT_OF_SCOPE_KINDS.otherUnit;
  return null;
}

export function dimensionPass(c: RecCase, found: QuantityMention[]): boolean {
  return c.Results.every((r) => {
    const f = AREA_FACTOR[r.Resolution.unit ?? ''];
    if (f === undefined) return false;
    const v = Number(r.Resolution.value) * f;
    return found.some((m) => m.unit === 'km2' && rel(m.value, v) && overlaps(m, r.Start, r.End + 1));
  });
}

// ---------- Recognizers: CurrencyModel ----------
const MAJOR_ISO = new Set([
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'JPY',
  'CNY',
  'CHF',
  'HKD',
  'NZD',
  'UAH',
  'RUB',
  'PLN',
  'SEK',
  'NOK',
  'DKK',
  'KRW',
  'INR',
  'TRY',
  'ILS',
]);
const NAME_ISO: Record<string, string> = { Dollar: 'USD', Pound: 'GBP', 'British pound': 'GBP', Euro: 'EUR' };
const isoOf = (r: RecResult): string | undefined => r.Resolution.isoCurrency ?? NAME_ISO[r.Resolution.unit ?? ''];

export function currencyScope(c: RecCase): Scope {
  if (c.NotSupported?.includes('javascript')) return OUT_OF_SCOPE_KINDS.js;
  for (const r of c.Results) {
    if (r.Resolution.value === null || r.Resolution.value === undefined) return OUT_OF_SCOPE_KINDS.empty;
    if (['Cent', 'Pence', 'Penny', 'Sen'].includes(r.Resolution.unit ?? '')) return OUT_OF_SCOPE_KINDS.subUnit;
    if (/\b(dollars?|usd|cents?)\b\s+\S/i.test(r.Text) || /\d\s+and\s+\w+$/.test(r.Text))
      return OUT_OF_SCOPE_KINDS.compoundMoney;
    if (/\b(lakh|crore)\b/i.test(r.Text) || /\d,\d\d,\d{3}/.test(r.Text)) return OUT_OF_SCOPE_KINDS.indian;
    const iso = isoOf(r);
    if (iso === undefined || !MAJOR_ISO.has(iso)) return OUT_OF_SCOPE_KINDS.otherCurrency;
  }
  return null;
}

/** Each expected amount is found with its ISO code and whole-unit value; no currency is invented elsewhere. */
export function currencyPass(c: RecCase, found: QuantityMention[]): boolean {
  const ok = c.Results.every((r) =>
    found.some(
      (m) => m.unit === isoOf(r) && rel(m.value, Number(r.Resolution.value)) && overlaps(m, r.Start, r.End + 1),
    ),
  );
  return (
    ok && !found.some((m) => CURRENCY_UNIT.test(m.unit) && !c.Results.some((r) => overlaps(m, r.Start, r.End + 1)))
  );
}

// ---------- quantulum3 ----------
const QU_UNITS: Record<string, { unit: string; factor: number }> = {
  dollar: { unit: 'USD', factor: 1 },
  euro: { unit: 'EUR', factor: 1 },
  'pound sterling': { unit: 'GBP', factor: 1 },
  'square kilometre': { unit: 'km2', factor: 1 },
  'square mile': { unit: 'km2', factor: 2.58999 },
  hectare: { unit: 'km2', factor: 0.01 },
  kilometre: { unit: 'km', factor: 1 },
  mile: { unit: 'mi', factor: 1 },
};

export function quantulumScope(c: QuCase): Scope {
  for (const r of c.res) {
    if (r.unit !== 'dimensionless' && QU_UNITS[r.unit] === undefined) return OUT_OF_SCOPE_KINDS.otherUnit;
    if (r.value < 0) return OUT_OF_SCOPE_KINDS.negative;
    if (/\d\s*[eE][-+]?\d|\^|×/.test(r.surface)) return OUT_OF_SCOPE_KINDS.power;
    if (/\/|[½⅓¼¾⅔]|half|halves|third|quarter|sixth/i.test(r.surface)) return OUT_OF_SCOPE_KINDS.fraction;
  }
  return null;
}

export function quantulumPass(c: QuCase, found: QuantityMention[]): boolean {
  const spans: [number, number][] = [];
  for (const r of c.res) {
    const s = c.req.indexOf(r.surface);
    if (s < 0) return false;
    spans.push([s, s + r.surface.length]);
    const want = QU_UNITS[r.unit];
    const ok = found.some((m) => {
      if (!overlaps(m, s, s + r.surface.length)) return false;
      const v = m.qualifier === 'range' && m.low !== null && m.high !== null ? (m.low + m.high) / 2 : m.value;
      if (want === undefined) return !CURRENCY_UNIT.test(m.unit) && m.unit !== 'km2' && rel(v, r.value);
      return m.unit === want.unit && rel(v, r.value * want.factor);
    });
    if (!ok) return false;
  }
  return !found.some((m) => m.unit === 'count' && !spans.some(([s, e]) => overlaps(m, s, e)));
}
