import * as chrono from 'chrono-node';
import type { Period } from '../../../schemas/claim.ts';
import type { PhraseIndex } from '../text/phrases.ts';
import { tokenize } from '../text/tokens.ts';
import { addDays, isoDate, monthEnd } from './calendar.ts';
import { findRelativeSpans, spanEnding, spanStarting } from './spans.ts';

/** A date expression chrono found, with what it means for claims: the speech date, or the event's time. */
export interface DateMention {
  text: string;
  index: number;
  end: number;
  start: string;
  last: string;
  speech: boolean;
}

const SPEECH_VERB = String.raw`\b(?:said|says|told|announced|reported|stated|published|claimed|confirmed|added|wrote|tweeted|posted|declared|briefed)`;
// "said on Monday", and "told lawmakers on Wednesday" / "told President Vladimir Putin on Monday" / "said in an
// interview on Monday": up to six words after the verb, none opening a reported clause ("said that … on Monday").
const SPEECH = new RegExp(
  SPEECH_VERB + String.raw`\s+(?:(?!that\b|which\b|when\b|how\b|since\b)[\p{L}.’'-]+,?\s+){0,6}?(?:on\s+)?$`,
  'iu',
);
const SPEECH_AFTER =
  /^,?\s+(?:[\p{Lu}][\p{L}’'-]*,?\s+){1,5}(?:the\s+[\p{L} ]{0,40},\s+)?(?:had\s+|has\s+|also\s+|later\s+)?(?:said|says|told|announced|reported|claimed)\b/u;
const EVENT_LEAD = /\b(?:on|in|during)\s+$/i;
const CHRONO_CAP = 1000;

function components(c: chrono.ParsedComponents): { y: number; m: number; d: number } | null {
  const y = c.get('year');
  const m = c.get('month');
  const d = c.get('day');
  return y === null || m === null || d === null ? null : { y, m, d };
}

/** Every date chrono finds in a capped piece of text, classified as speech date or event date. */
export function findDates(text: string, published: string): DateMention[] {
  const capped = text.length > CHRONO_CAP ? text.slice(0, CHRONO_CAP) : text;
  const [y, m, d] = published.split('-').map(Number) as [number, number, number];
  // Noon local time: chrono reads the reference in the machine's zone; components are read back directly.
  const ref = new Date(y, m - 1, d, 12);
  const out: DateMention[] = [];
  for (const r of chrono.en.parse(capped, ref, { forwardDate: false })) {
    const c = components(r.start);
    if (c === null) continue;
    const before = capped.slice(Math.max(0, r.index - 80), r.index);
    const after = capped.slice(r.index + r.text.length, r.index + r.text.length + 80);
    const dayKnown = r.start.isCertain('day') || r.start.isCertain('weekday');
    let start = isoDate(c.y, c.m, dayKnown ? c.d : 1);
    let last = dayKnown ? start : monthEnd(c.y, c.m);
    // A bare weekday chrono placed after publication means the one before it.
    if (start > published && r.start.isCertain('weekday') && !r.start.isCertain('day'))
      start = last = addDays(start, -7);
    if (start > published) continue;
    // A statement is made on a day: "this year" or "since August" next to "said" is what the figure covers, not when.
    const speech = dayKnown && !/\bsince\s+$/i.test(before) && (SPEECH.test(before) || SPEECH_AFTER.test(after));
    out.push({ text: r.text, index: r.index, end: r.index + r.text.length, start, last, speech });
  }
  return out;
}

/** The date a claim is reported as of: the speech date in the sentence when it has one, else publication. */
export function asOfDate(dates: readonly DateMention[], published: string): string {
  return dates.find((x) => x.speech)?.start ?? published;
}

function startOf(text: string, published: string): { start: string; last: string } | null {
  const x = findDates(text, published)[0];
  return x === undefined ? null : { start: x.start, last: x.last };
}

// "between August 2023 and January 2024", "from May 3 to June 1, 2022": chrono reads the two ends
// as unrelated dates, so the range is found here and each end handed to chrono.
const END = String.raw`((?:early\s+|mid-|late\s+)?\p{Lu}[\p{L}.]*(?:\s+\d{1,2}(?!\d))?,?(?:\s+\d{4})?)`;
const RANGE = new RegExp(
  String.raw`\b(?:[Bb]etween|[Ff]rom)\s+` + END + String.raw`\s+(?:and|to|until|till)\s+` + END,
  'u',
);

const SINCE_BEGAN = /^[\p{L}’' -]{0,50}?\b(?:began|started|begun|launched|crossed)\s+(?:on\s+)?/u;
// "so far this year", "this year", "this month": from the first day of the year or month to asOf.
const THIS_YEAR_OR_MONTH = /\b(?:so far\s+)?this\s+(year|month)\b/i;
// "99 drones overnight", "last night": the night before asOf.
const OVERNIGHT = /\b(?:overnight|last\s+night|during\s+the\s+night)\b/i;

const CLAUSE_BREAK = /\s[–—]\s|;\s|\swhile\s|\swhereas\s/g;

/** The clause of `text` holding offset `at`, split at dashes, semicolons and "while". */
export function clauseAround(text: string, at: number): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m !== null; m = CLAUSE_BREAK.exec(text)) {
    if (m.index + m[0].length <= at) start = m.index + m[0].length;
    else if (m.index >= at) {
      end = m.index;
      break;
    }
  }
  return { start, end };
}

/**
 * The period a figure covers, read from the clause around it (`at` = the figure's offset in
 * `text`): explicit ranges, relative spans, "since …", then "on <day>" / "in <month>".
 */
export function periodOf(
  text: string,
  at: number,
  allDates: readonly DateMention[],
  asOf: string,
  published: string,
  anchors: PhraseIndex<string>,
): Period | null {
  const c = clauseAround(text, at);
  const clause = text.slice(c.start, c.end);
  const dates = allDates
    .filter((x) => x.index >= c.start && x.end <= c.end)
    .map((x) => ({ ...x, index: x.index - c.start, end: x.end - c.start }));
  at -= c.start;
  const range = RANGE.exec(clause);
  if (range !== null && range[1] !== undefined && range[2] !== undefined) {
    const a = startOf(range[1], published);
    const b = startOf(range[2], published);
    if (a !== null && b !== null && a.start <= b.last) return { start: a.start, end: b.last };
  }
  const rel = findRelativeSpans(clause)[0];
  if (rel !== undefined) {
    // "within a week of crossing the border on August 6": the span starts on that date, not a week before asOf.
    const relEnd = rel.index + rel.length;
    const of = /^\s+of\b/i.test(clause.slice(relEnd))
      ? dates.find((x) => !x.speech && x.index >= relEnd && x.index <= relEnd + 60)
      : undefined;
    const p = of !== undefined ? spanStarting(of.start, rel.n, rel.unit) : spanEnding(asOf, rel.n, rel.unit);
    if (p !== null) return p;
  }
  const since = /\bsince\s+/gi;
  for (let s = since.exec(clause); s !== null; s = since.exec(clause)) {
    const rest = clause.slice(s.index + s[0].length, s.index + s[0].length + 60);
    const toks = tokenize(rest);
    const anchor = anchors.matchAt(toks, toks[0]?.norm === 'the' && anchors.matchAt(toks, 0) === undefined ? 1 : 0);
    if (anchor !== undefined) return { start: anchor.value, end: asOf };
    const date = dates.find((x) => x.index >= s!.index && x.index <= s!.index + s![0].length + 2);
    if (date !== undefined) return { start: date.start, end: asOf };
    // "since the cross-border operation began on August 6": the start is the date the clause gives.
    const began = SINCE_BEGAN.exec(rest);
    if (began !== null) {
      const dated = dates.find(
        (x) =>
          !x.speech &&
          x.index >= s!.index + s![0].length + began.index &&
          x.index <= s!.index + s![0].length + began.index + began[0].length + 2,
      );
      if (dated !== undefined) return { start: dated.start, end: asOf };
    }
  }
  const sofar = THIS_YEAR_OR_MONTH.exec(clause);
  if (sofar !== null)
    return {
      start: sofar[1]?.toLowerCase() === 'year' ? `${asOf.slice(0, 4)}-01-01` : `${asOf.slice(0, 7)}-01`,
      end: asOf,
    };
  if (OVERNIGHT.test(clause)) return { start: addDays(asOf, -1), end: asOf };
  let best: DateMention | null = null;
  for (const x of dates) {
    if (x.speech || !(EVENT_LEAD.test(clause.slice(Math.max(0, x.index - 8), x.index)) || /^(?:on|in)\s/i.test(x.text)))
      continue;
    if (best === null || Math.abs(x.index - at) < Math.abs(best.index - at)) best = x;
  }
  return best === null ? null : { start: best.start, end: best.last };
}
