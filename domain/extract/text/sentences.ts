/** A sentence's character range in the article text (text.slice(start, end) is the sentence). */
export interface Span {
  start: number;
  end: number;
}

// Page furniture that scrapers leave in article text; such lines carry no claims.
const BOILERPLATE =
  /^(?:also read|read more|read also|also see|see also|related:|recommended|advertisement|follow us|follow @|share this|share on|share via|click here|sign up|subscribe|download the|download our|get the latest|watch:|watch video|listen:|photo:|image:|©|copyright|all rights reserved|with inputs from|this story has been|this article was|\(with inputs)/i;

/** True for scraped page furniture ("Also Read | …", share prompts, "Follow us on", footers). */
export function isBoilerplate(line: string): boolean {
  const t = line.trim();
  if (BOILERPLATE.test(t)) return true;
  // "Also Read | Headline" style: a short label, a pipe, then a headline.
  return /^[\p{L} ]{2,20}\|/u.test(t) && t.length < 300;
}

const ABBREV = new Set(
  'mr mrs ms dr gen lt col maj capt sgt st no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp jr sr prof rep sen gov approx est fig u.s u.k e.g i.e a.m p.m'.split(
    ' ',
  ),
);
const TERMINAL = '.!?';
const CLOSERS = '"”’)]\'';

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\u00a0' || c === '\r';
}

// Whether the word ending right before `dot` is an abbreviation or an initial ("Gen.", "J.").
function endsWithAbbreviation(line: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && s > dot - 12 && /[\p{L}.]/u.test(line[s - 1] ?? '')) s--;
  const word = line.slice(s, dot).toLowerCase();
  // "12 F-16s.", "Leopard 2s.": a letter glued to a number is a plural, not an initial.
  if (/\p{N}/u.test(line[s - 1] ?? '')) return false;
  return word.length === 1 || ABBREV.has(word.replace(/\.$/, ''));
}

// "… were inoperative.According to …": scraped text loses the space after a full stop; a lowercase word of three
// letters or more, the stop, then a capitalised word ("Yle.fi", "U.S." and "e.g." stay whole).
function gluedStart(line: string, dot: number, next: number): boolean {
  return (
    line[dot] === '.' &&
    next === dot + 1 &&
    /\p{Ll}{3}$/u.test(line.slice(Math.max(0, dot - 3), dot)) &&
    /^\p{Lu}\p{Ll}/u.test(line.slice(next, next + 2))
  );
}

/** Splits one line into sentences with a linear character scan (no regex backtracking on runs of dots). */
function splitLine(line: string, offset: number, out: Span[]): void {
  let start = 0;
  const n = line.length;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(line[a] ?? '')) a++;
    while (b > a && /\s/.test(line[b - 1] ?? '')) b--;
    if (b > a) out.push({ start: offset + a, end: offset + b });
  };
  for (let i = 0; i < n;) {
    if (!TERMINAL.includes(line[i] ?? '')) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && TERMINAL.includes(line[j] ?? '')) j++;
    while (j < n && CLOSERS.includes(line[j] ?? '')) j++;
    let k = j;
    while (k < n && isSpace(line[k] ?? '')) k++;
    const next = line[k] ?? '';
    if (
      (k > j || gluedStart(line, i, j)) &&
      k < n &&
      /[\p{Lu}\d"“‘(]/u.test(next) &&
      !(line[i] === '.' && j === i + 1 && endsWithAbbreviation(line, i))
    ) {
      push(start, j);
      start = k;
    }
    i = j;
  }
  push(start, n);
}

const MAX_SENTENCE = 1000;

// Untrusted text may have no sentence ends at all; rules that look across a sentence must stay
// linear, so overlong runs are cut into pieces at spaces.
function capLength(text: string, span: Span, out: Span[]): void {
  let start = span.start;
  while (span.end - start > MAX_SENTENCE) {
    let cut = text.lastIndexOf(' ', start + MAX_SENTENCE);
    if (cut <= start) cut = start + MAX_SENTENCE;
    out.push({ start, end: cut });
    start = cut;
    while (start < span.end && text[start] === ' ') start++;
  }
  if (span.end > start) out.push({ start, end: span.end });
}

function trimSpan(text: string, sp: Span): Span {
  let { start, end } = sp;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

const RUN_ON = 200;
// Words after which a capitalised word continues the phrase ("in Kursk", "the Kremlin", "President Zelensky").
const CONTINUES = new Set(
  'of in at on from to by the a an near into for with over across against via mr mrs ms dr gen president minister governor commander general mayor spokesman said says told'.split(
    ' ',
  ),
);
const CLAUSE_CUES = new Set(['and', 'but', 'while', 'whereas', 'as', 'after', 'when']);

// Text without sentence punctuation ("Russian forces captured 12 villages Ukraine shot down 30 drones …")
// is cut where a new clause plainly starts: before a capitalised word that no preposition, article or
// title leads in, or before the conjunction in front of it. A figure is then never read with a verb or
// a party of another clause.
function splitRunOn(text: string, span: Span, out: Span[]): void {
  const body = text.slice(span.start, span.end);
  if (body.length <= RUN_ON || /[.!?;]\s/.test(body)) {
    out.push(span);
    return;
  }
  const words = [...body.matchAll(/\S+/g)];
  let start = span.start;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as RegExpMatchArray;
    const prev = (words[i - 1] as RegExpMatchArray)[0];
    if (!/^\p{Lu}/u.test(w[0]) || !/^\p{Ll}/u.test(prev)) continue;
    const prevLower = prev.toLowerCase().replace(/[^a-z]/g, '');
    if (CONTINUES.has(prevLower)) continue;
    const at =
      span.start + (CLAUSE_CUES.has(prevLower) ? ((words[i - 1] as RegExpMatchArray).index ?? 0) : (w.index ?? 0));
    if (at > start) out.push({ start, end: at });
    start = at;
  }
  out.push({ start, end: span.end });
}

// "tanks ‒ 8,480 (+11)", "personnel: about 595,000": one labelled figure per line.
const LABELLED_ITEM =
  /^\s*[-•*]?\s*\p{L}[\p{L} ,/()-]{0,40}?\s*[‒–—:-]\s*(?:about|approximately|around|over|some)?\s*\d[\d,. ]*(?:\s*\(\+?[\d,. ]+\))?\s*[\p{L} ]{0,20}[.;,]?\s*$/u;
const LIST_ITEMS = 2;
// "• about 70,000 soldiers killed": a bulleted figure of a list whose header says what it counts.
const BULLET_ITEM = /^\s*[•*·▪‣]\s*[^\n]{0,120}\d[^\n]{0,120}$/u;

/**
 * A header line ending in a colon followed by at least two labelled figures, one per line ("The total combat
 * losses of the enemy are approximately:¶ personnel ‒ about 595,000¶ tanks ‒ 8,480 …"): the end of its last item,
 * else null.
 */
function labelledListEnd(text: string, lineStart: number, lineEnd: number): number | null {
  if (!/:\s*$/.test(text.slice(lineStart, lineEnd))) return null;
  let end = lineEnd;
  let items = 0;
  while (end < text.length) {
    let next = text.indexOf('\n', end + 1);
    if (next < 0) next = text.length;
    const item = text.slice(end + 1, next);
    if (!LABELLED_ITEM.test(item) && !BULLET_ITEM.test(item)) break;
    items += 1;
    end = next;
  }
  return items >= LIST_ITEMS ? end : null;
}

/** Sentence spans of an article, skipping boilerplate lines; the evidence and analysis unit of the extractor. */
export function splitSentences(text: string): Span[] {
  const raw: Span[] = [];
  const punctuated = new Set<Span>();
  const out: Span[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const listEnd = labelledListEnd(text, lineStart, lineEnd);
    if (listEnd !== null) {
      // The header and its items are one unit: "losses … are:" says what every item counts.
      const span = { start: lineStart, end: listEnd };
      raw.push(span);
      punctuated.add(span);
      lineStart = listEnd + 1;
      continue;
    }
    const line = text.slice(lineStart, lineEnd);
    if (!isBoilerplate(line)) {
      const before = raw.length;
      splitLine(line, lineStart, raw);
      // A line with a sentence end is punctuated text: its long sentences are sentences, not run-ons.
      if (raw.length - before > 1 || /[.!?]["”’)\]']*\s*$/.test(line))
        for (let i = before; i < raw.length; i++) punctuated.add(raw[i] as Span);
    }
    lineStart = lineEnd + 1;
  }
  const clauses: Span[] = [];
  for (const span of raw) {
    if (punctuated.has(span)) clauses.push(span);
    else splitRunOn(text, span, clauses);
  }
  for (const span of clauses) capLength(text, span, out);
  return out.map((sp) => trimSpan(text, sp)).filter((sp) => sp.end > sp.start);
}
