import type { Token } from './tokens.ts';

/** A unit found after a figure: its name, the factor to its canonical unit, and the last token it covers. */
export interface UnitMatch {
  unit: string;
  factor: number;
  last: number;
}

type Step = string | ReadonlySet<string>;
interface UnitRule {
  steps: readonly Step[];
  unit: string;
  factor: number;
  glued?: 'required' | 'forbidden';
}

const set = (...w: string[]): ReadonlySet<string> => new Set(w);
const KM = set('km', 'kms', 'kilometre', 'kilometres', 'kilometer', 'kilometers');
const MILE = set('mile', 'miles', 'mi');
const METRE = set('metre', 'metres', 'meter', 'meters');
const SQUARE = set('square', 'sq');
const SQ_MARK = set('²', '^2', 'squared', '2');

// Order matters: longer and more specific rules first (km² before km, years old before years).
const RULES: readonly UnitRule[] = [
  { steps: [SQUARE, KM], unit: 'km2', factor: 1 },
  { steps: [SQUARE, MILE], unit: 'km2', factor: 2.58999 },
  { steps: [SQUARE, METRE], unit: 'km2', factor: 1e-6 },
  { steps: [SQUARE, 'm'], unit: 'km2', factor: 1e-6 },
  { steps: [KM, SQ_MARK], unit: 'km2', factor: 1 },
  { steps: [MILE, SQ_MARK], unit: 'km2', factor: 2.58999 },
  { steps: ['m', SQ_MARK], unit: 'km2', factor: 1e-6 },
  { steps: [set('sqkm', 'kmsq', 'kmsquared')], unit: 'km2', factor: 1 },
  { steps: [set('hectares', 'hectare', 'ha')], unit: 'km2', factor: 0.01 },
  { steps: [set('acres', 'acre')], unit: 'km2', factor: 0.00404686 },
  { steps: ['%'], unit: 'percent', factor: 1 },
  { steps: [set('percent', 'pct', 'percentage')], unit: 'percent', factor: 1 },
  { steps: ['per', 'cent'], unit: 'percent', factor: 1 },
  { steps: [set('year', 'years', 'yr', 'yrs'), 'old'], unit: 'age', factor: 1 },
  { steps: [KM, set('/', 'per'), set('h', 'hr', 'hour')], unit: 'km/h', factor: 1 },
  { steps: [set('kph', 'kmh', 'mph', 'knots')], unit: 'speed', factor: 1 },
  { steps: ['nautical', set('miles', 'mile')], unit: 'nmi', factor: 1 },
  { steps: [KM], unit: 'km', factor: 1 },
  { steps: [MILE], unit: 'mi', factor: 1 },
  { steps: [METRE], unit: 'm', factor: 1 },
  { steps: ['m'], unit: 'm', factor: 1, glued: 'forbidden' },
  {
    steps: [set('mm', 'millimetre', 'millimetres', 'millimeter', 'millimeters', 'calibre', 'caliber')],
    unit: 'mm',
    factor: 1,
  },
  {
    steps: [set('cm', 'centimetres', 'centimeters', 'feet', 'ft', 'foot', 'yards', 'yard', 'inches', 'inch')],
    unit: 'length',
    factor: 1,
  },
  {
    steps: [
      set(
        'second',
        'seconds',
        'minute',
        'minutes',
        'mins',
        'hour',
        'hours',
        'hrs',
        'day',
        'days',
        'week',
        'weeks',
        'month',
        'months',
        'year',
        'years',
        'decade',
        'decades',
        'yr',
        'yrs',
      ),
    ],
    unit: 'duration',
    factor: 1,
  },
  { steps: [set('am', 'pm')], unit: 'time', factor: 1 },
  { steps: [set('a', 'p'), '.', 'm'], unit: 'time', factor: 1 },
  {
    steps: [
      set(
        'kg',
        'kilograms',
        'kilogrammes',
        'kilogram',
        'tonnes',
        'tonne',
        'tons',
        'ton',
        'lbs',
        'lb',
        'grams',
        'mg',
        'ounces',
        'oz',
      ),
    ],
    unit: 'weight',
    factor: 1,
  },
  { steps: ['t'], unit: 'weight', factor: 1, glued: 'required' },
  {
    steps: [set('litres', 'liters', 'litre', 'liter', 'ml', 'gallons', 'gallon', 'barrels', 'bbl', 'cl')],
    unit: 'volume',
    factor: 1,
  },
  { steps: [set('°', 'degrees', 'degree', '℃', '℉')], unit: 'degree', factor: 1 },
  {
    steps: [
      set(
        'kb',
        'mb',
        'gb',
        'tb',
        'kw',
        'mw',
        'gw',
        'kwh',
        'mwh',
        'gwh',
        'twh',
        'ghz',
        'mhz',
        'hz',
        'ev',
        'kev',
        'mev',
        'tev',
      ),
    ],
    unit: 'technical',
    factor: 1,
  },
];

// Most figures have no unit: reject on the first token before trying each rule.
const FIRST_STEPS = new Set(
  RULES.flatMap((r) => {
    const f = r.steps[0] as Step;
    return typeof f === 'string' ? [f] : [...f];
  }),
);

const stepMatches = (step: Step, t: Token): boolean =>
  typeof step === 'string' ? t.lower === step : step.has(t.lower);

/** Matches one rule at token k; returns the last token index or -1. "^2" is two tokens, treated as one step. */
function matchRule(tokens: readonly Token[], k: number, r: UnitRule): number {
  let j = k;
  for (let s = 0; s < r.steps.length; s++) {
    const step = r.steps[s] as Step;
    const t = tokens[j];
    if (t === undefined) return -1;
    if (step === SQ_MARK) {
      if (t.text === '^' && tokens[j + 1]?.text === '2' && !tokens[j + 1]?.gap) {
        j += 2;
        continue;
      }
      if (t.text === '2' && t.gap) return -1; // "km 2" is a distance then another number
      if (t.kind === 'num' && t.text !== '2') return -1;
    }
    if (!stepMatches(step, t)) return -1;
    j++;
    if (s + 1 < r.steps.length && tokens[j]?.text === '.' && step === SQUARE) j++; // "sq. km"
  }
  return j - 1;
}

/** Finds the unit written right after a figure at token k ("km²", "square miles", "%", "-year-old"); null when none. */
export function unitAfter(tokens: readonly Token[], k: number): UnitMatch | null {
  let start = k;
  const first = tokens[k];
  if (first === undefined) return null;
  // "45-acre", "30-kilometre", "45-year-old": a hyphen glued on both sides joins the unit.
  if (
    first.kind === 'sym' &&
    (first.text === '-' || first.text === '‐') &&
    !first.gap &&
    tokens[k + 1] !== undefined &&
    !tokens[k + 1]?.gap
  )
    start = k + 1;
  const t = tokens[start];
  if (t === undefined || !FIRST_STEPS.has(t.lower)) return null;
  for (const r of RULES) {
    if (r.glued === 'required' && (t.gap || start !== k)) continue;
    if (r.glued === 'forbidden' && !t.gap) continue;
    let last = matchRule(tokens, start, r);
    if (last < 0) continue;
    // "45-year-old": the hyphenated "year" takes a trailing "-old".
    if (r.unit === 'duration' && (tokens[last]?.lower === 'year' || tokens[last]?.lower === 'years')) {
      const h = tokens[last + 1];
      if (h !== undefined && h.text === '-' && tokens[last + 2]?.lower === 'old')
        return { unit: 'age', factor: 1, last: last + 2 };
    }
    if (r.unit === 'time' && tokens[last + 1]?.text === '.' && !tokens[last + 1]?.gap && r.steps.length > 1) last += 1;
    return { unit: r.unit, factor: r.factor, last };
  }
  return null;
}
