import { addDays, subMonths } from './calendar.ts';

// Spans chrono-node does not read as past periods: it returns nothing for "in the span of one
// week" and reads "in 24 hours" as the future; see tests/unit/extract/dates.unit.test.ts.

const COUNT: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  thirty: 30,
  several: 0,
  few: 0,
};

/** A period of `n` units ending on `end` (the figure's as-of date); null for vague counts ("several days"). */
export function spanEnding(end: string, n: number, unit: string): { start: string; end: string } | null {
  if (!(n > 0)) return null;
  const u = unit.toLowerCase().replace(/s$/, '');
  if (u === 'hour') return { start: addDays(end, -Math.max(1, Math.ceil(n / 24))), end };
  if (u === 'day' || u === 'night') return { start: addDays(end, -n), end };
  if (u === 'week') return { start: addDays(end, -7 * n), end };
  if (u === 'month') return { start: subMonths(end, n), end };
  if (u === 'year') return { start: subMonths(end, 12 * n), end };
  return null;
}

/** A period of `n` units starting on `start` ("within a week of August 6"); null for vague counts. */
export function spanStarting(start: string, n: number, unit: string): { start: string; end: string } | null {
  if (!(n > 0)) return null;
  const u = unit.toLowerCase().replace(/s$/, '');
  if (u === 'hour') return { start, end: addDays(start, Math.max(1, Math.ceil(n / 24))) };
  if (u === 'day' || u === 'night') return { start, end: addDays(start, n) };
  if (u === 'week') return { start, end: addDays(start, 7 * n) };
  if (u === 'month') return { start, end: subMonths(start, -n) };
  if (u === 'year') return { start, end: subMonths(start, -12 * n) };
  return null;
}

const UNIT = '(hours?|days?|nights?|weeks?|months?|years?)';
// Each pattern is a fixed sequence of words: no nested or overlapping quantifiers, so matching stays linear.
const PATTERNS: RegExp[] = [
  new RegExp(
    `\\b(?:in|over|during|within)\\s+the\\s+(?:span|course)\\s+of\\s+(?:the\\s+)?(?:(\\w+)\\s+)?${UNIT}\\b`,
    'gi',
  ),
  new RegExp(
    `\\b(?:in|over|during|within|for)\\s+the\\s+(?:past|last|previous|preceding)\\s+(?:(\\w+)\\s+)?${UNIT}\\b`,
    'gi',
  ),
  new RegExp(
    `\\b(?:in|within|over)\\s+(?:just\\s+)?(a|an|one|two|three|four|five|six|seven|ten|\\d{1,3})\\s+${UNIT}\\b`,
    'gi',
  ),
  new RegExp(`\\bpast\\s+(24|48|72)\\s+(hours)\\b`, 'gi'),
];

/** A relative span found in text: its character range and length in units ("in the past 24 hours"). */
export interface RelativeSpan {
  index: number;
  length: number;
  n: number;
  unit: string;
}

/** Finds relative spans in a (capped) sentence; the caller anchors them to the as-of date. */
export function findRelativeSpans(text: string): RelativeSpan[] {
  const out: RelativeSpan[] = [];
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const raw = (m[1] ?? 'one').toLowerCase();
      const n = /^\d+$/.test(raw) ? Number(raw) : COUNT[raw];
      if (n !== undefined && m[2] !== undefined) out.push({ index: m.index, length: m[0].length, n, unit: m[2] });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
