/** A token of the quantity scanner: a number, a word or a single symbol, with its offsets. */
export interface Token {
  kind: 'num' | 'word' | 'sym';
  start: number;
  end: number;
  /** Original text of the token. */
  text: string;
  /** Lower-cased text (words); the text itself otherwise. */
  lower: string;
  /** True when whitespace (or the start of the text) precedes the token. */
  gap: boolean;
  /** num only: the number as a plain decimal string without separators ("1234.5"). */
  digits: string;
  /** num only: digits before the decimal point, as written (4 for "2022", 4 for "1,000"). */
  intDigits: number;
  /** num only: written with thousands separators. */
  grouped: boolean;
  /** num only: part of a dotted run such as "192.168.1.2" or "24.02.2022". */
  dotted: boolean;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;
const isLetterAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c);
  return NON_ASCII_LETTER.test(s[i] ?? '');
};
const isSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x85 ||
  (c >= 0x2000 && c <= 0x200b) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
/** Characters that may separate digit groups of three ("40 000", "40 000" with a no-break space). */
const isGroupSpace = (c: number): boolean => c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009;

/** Exactly three digits at j, not followed by a fourth. */
function threeDigitsAt(s: string, j: number): boolean {
  return (
    isDigit(s.charCodeAt(j)) &&
    isDigit(s.charCodeAt(j + 1)) &&
    isDigit(s.charCodeAt(j + 2)) &&
    !isDigit(s.charCodeAt(j + 3))
  );
}

/** "600 155 mm howitzers" is two numbers, not 600155: a calibre follows the second group. */
function calibreAt(s: string, j: number): boolean {
  let k = j;
  if (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 45) k++;
  return (s.charCodeAt(k) | 32) === 109 && (s.charCodeAt(k + 1) | 32) === 109 && !isLetterAt(s, k + 2);
}

interface RawNumber {
  end: number;
  digits: string;
  intDigits: number;
  grouped: boolean;
  dottedEnd: number;
}

/** Reads one number starting at s; each character is looked at a bounded number of times. */
function readNumber(text: string, s: number, integerOnly: boolean): RawNumber {
  const n = text.length;
  let i = s;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  let int = text.slice(s, i);
  const intDigits = i - s;
  let grouped = false;
  if (intDigits >= 1 && intDigits <= 3) {
    while (text.charCodeAt(i) === 44 && threeDigitsAt(text, i + 1)) {
      int += text.slice(i + 1, i + 4);
      i += 4;
      grouped = true;
    }
    if (!grouped) {
      while (isGroupSpace(text.charCodeAt(i)) && threeDigitsAt(text, i + 1) && !calibreAt(text, i + 4)) {
        int += text.slice(i + 1, i + 4);
        i += 4;
        grouped = true;
      }
    }
  }
  let digits = int;
  let dottedEnd = -1;
  if (!integerOnly && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    let j = i + 1;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1)) && !grouped) {
      // A dotted run (IP address, dotted date, version): its parts are separate integers.
      let k = j;
      while (k < n && (isDigit(text.charCodeAt(k)) || (text.charCodeAt(k) === 46 && isDigit(text.charCodeAt(k + 1)))))
        k++;
      dottedEnd = k;
    } else {
      digits = (int === '' ? '0' : int) + '.' + text.slice(i + 1, j);
      i = j;
    }
  }
  // "2,5 thousand", "1,2 million": a decimal comma, read only before a scale word (a list "2,5" stays two numbers).
  if (!integerOnly && !grouped && digits === int && text.charCodeAt(i) === 44 && isDigit(text.charCodeAt(i + 1))) {
    let j = i + 1;
    while (j < n && j - i <= 3 && isDigit(text.charCodeAt(j))) j++;
    if (j - i <= 3 && isGroupSpace(text.charCodeAt(j)) && SCALE_AFTER_COMMA.test(text.slice(j + 1, j + 10))) {
      digits = `${int}.${text.slice(i + 1, j)}`;
      i = j;
    }
  }
  return { end: i, digits, intDigits, grouped, dottedEnd };
}

const SCALE_AFTER_COMMA = /^(?:thousand|million|billion|mln|bn)\b/i;

/** Splits text into number, word and symbol tokens in one linear pass; called by findQuantities. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let gap = true;
  let dottedEnd = -1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      gap = true;
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)) && !(i > 0 && isDigit(text.charCodeAt(i - 1))))) {
      const inDotted = i < dottedEnd;
      const r = readNumber(text, i, inDotted);
      if (r.dottedEnd > 0) dottedEnd = r.dottedEnd;
      i = r.end;
      const t = text.slice(start, i);
      tokens.push({
        kind: 'num',
        start,
        end: i,
        text: t,
        lower: t,
        gap,
        digits: r.digits,
        intDigits: r.intDigits,
        grouped: r.grouped,
        dotted: inDotted || r.dottedEnd > 0,
      });
    } else if (isLetterAt(text, i)) {
      i++;
      while (i < n && isLetterAt(text, i)) i++;
      const t = text.slice(start, i);
      tokens.push({
        kind: 'word',
        start,
        end: i,
        text: t,
        lower: t.toLowerCase(),
        gap,
        digits: '',
        intDigits: 0,
        grouped: false,
        dotted: false,
      });
    } else {
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      const t = text.slice(start, i);
      tokens.push({
        kind: 'sym',
        start,
        end: i,
        text: t,
        lower: t,
        gap,
        digits: '',
        intDigits: 0,
        grouped: false,
        dotted: false,
      });
    }
    gap = false;
  }
  return tokens;
}
