import { dropBoilerplate, foldWords, stripLead } from './boilerplate.ts';
import { fmix32 } from './hash.ts';

// Typographic variants that syndication changes freely: curly vs straight quotes, dash kinds,
// non-breaking and zero-width spaces. NFKC already folds ellipsis and full-width forms.
const FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a]/g, '"'],
  [/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-'],
  [/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' '],
  [/[\u200b-\u200d\u2060\ufeff\u00ad]/g, ''],
];

// Any character some FOLDS entry changes: most bodies have none, and one test is cheaper than five replaces.
const ANY_FOLD = new RegExp(`[${FOLDS.map(([re]) => re.source.slice(1, -1)).join('')}]`);
// Whitespace that `\s+` → ' ' would change: any whitespace but a space, or two spaces in a row.
const ODD_SPACE = /[^\S ]| {2}/;

/** Folds quotes, dashes and odd spaces to ASCII and applies NFKC. Used by `normaliseBody`. */
export function foldTypography(text: string): string {
  let t = text.normalize('NFKC');
  if (!ANY_FOLD.test(t)) return t;
  for (const [re, to] of FOLDS) t = t.replace(re, to);
  return t;
}

/**
 * The body with syndication noise removed: typography folded, boilerplate lines and editor's notes dropped
 * (rules in normalise-rules.ts), a leading dateline stripped, whitespace collapsed, lower-cased, spelling
 * variants folded; paragraphs joined by '\n'. Called by `fingerprint`; pure and never throws.
 */
export function normaliseBody(text: string): string {
  const paragraphs: string[] = [];
  for (const rawLine of foldTypography(text).split(/\r?\n|\r/)) {
    let line = dropBoilerplate((ODD_SPACE.test(rawLine) ? rawLine.replace(/\s+/g, ' ') : rawLine).trim());
    if (line === '') continue;
    if (paragraphs.length === 0) line = stripLead(line).trim();
    if (line !== '') paragraphs.push(foldWords(line.toLowerCase()));
  }
  return paragraphs.join('\n');
}

/** Word tokens (letters and digits) of normalised text, punctuation dropped. The reference for `scanTokens`. */
export function tokens(normalised: string): string[] {
  return normalised.match(TOKEN) ?? [];
}

const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/** Reusable output of `scanTokens`; grows as needed. One per fingerprinter (not shared across calls in flight). */
export interface TokenScan {
  /** hashString32 of each token, in order (first `count` entries). */
  hashes: Uint32Array;
  count: number;
  /** UTF-8 of the tokens joined by single spaces, i.e. of `tokens(text).join(' ')` (first `byteLength` bytes). */
  bytes: Buffer;
  byteLength: number;
  /** Index of the first token of each paragraph (line) that has tokens, ascending (first `paragraphs` entries). */
  starts: Uint32Array;
  paragraphs: number;
}

/** Scratch for `scanTokens`. */
export function createTokenScan(): TokenScan {
  return {
    hashes: new Uint32Array(1024),
    count: 0,
    bytes: Buffer.alloc(8192),
    byteLength: 0,
    starts: new Uint32Array(256),
    paragraphs: 0,
  };
}

// Character classes of UTF-16 code units, filled lazily: 0 unknown, 1 letter (\p{L}), 2 number (\p{N}), 3 neither.
const LETTER = 1;
const NUMBER = 2;
const OTHER = 3;
const BMP_CLASS = new Uint8Array(0x10000);
const ASTRAL_CLASS = new Map<number, number>();
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
const classOf = (ch: string): number => (IS_LETTER.test(ch) ? LETTER : IS_NUMBER.test(ch) ? NUMBER : OTHER);

function bmpClass(c: number): number {
  let k = BMP_CLASS[c] as number;
  if (k === 0) {
    // Lone surrogates are code points of their own (category Cs) under the u flag.
    k = c >= 0xd800 && c <= 0xdfff ? OTHER : classOf(String.fromCharCode(c));
    BMP_CLASS[c] = k;
  }
  return k;
}

function astralClass(cp: number): number {
  let k = ASTRAL_CLASS.get(cp);
  if (k === undefined) {
    k = classOf(String.fromCodePoint(cp));
    ASTRAL_CLASS.set(cp, k);
  }
  return k;
}

/**
 * Single pass over normalised text with the token rule of `tokens` (a run of letters and digits,
 * optionally followed by an apostrophe and letters): writes each token's `hashString32` and the
 * UTF-8 of the space-joined tokens into `scan`, and where each line's tokens start, without match arrays or
 * intermediate strings.
 * Used by `fingerprint`; equal to `tokens` + `hashString32` + `join(' ')` (tests check it).
 */
export function scanTokens(text: string, scan: TokenScan): void {
  const n = text.length;
  // At most 3 bytes per code unit plus a space per token; at most one token per code unit.
  if (scan.bytes.length < 4 * n + 4) scan.bytes = Buffer.alloc(4 * n + 4096);
  if (scan.hashes.length < n + 1) scan.hashes = new Uint32Array(n + 1024);
  if (scan.starts.length < n + 1) scan.starts = new Uint32Array(n + 256);
  const bytes = scan.bytes;
  const hashes = scan.hashes;
  const starts = scan.starts;
  let paragraphs = 0;
  let newParagraph = true;
  let count = 0;
  let at = 0;
  let i = 0;
  // Token state: 0 outside a token, 1 in the letters-and-digits run, 2 after "'" (letters only).
  let state = 0;
  let h = 0;
  while (i <= n) {
    // Class and width (code units) of the code point at i; the end of the text is OTHER.
    let cls = OTHER;
    let width = 1;
    if (i < n) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        cls =
          (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)
            ? c <= 0x39
              ? NUMBER
              : LETTER
            : OTHER;
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        cls = astralClass(((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000);
        width = 2;
      } else {
        cls = bmpClass(c);
      }
    }
    if (cls === OTHER || (state === 2 && cls === NUMBER)) {
      if (state === 1 && i + 1 < n && text.charCodeAt(i) === 0x27 && nextIsLetter(text, i + 1)) {
        // "'" followed by a letter: the token goes on through the following letters.
        h = Math.imul(h ^ 0x27, 0x01000193);
        bytes[at++] = 0x27;
        state = 2;
        i++;
        continue;
      }
      if (state !== 0) {
        hashes[count++] = fmix32(h);
        state = 0;
        // A digit right after the letters of an apostrophe part starts the next token.
        if (cls !== OTHER) continue;
      }
      if (i < n && text.charCodeAt(i) === 0x0a) newParagraph = true;
      i += width;
      continue;
    }
    if (state === 0) {
      if (newParagraph) {
        starts[paragraphs++] = count;
        newParagraph = false;
      }
      if (count > 0) bytes[at++] = 0x20;
      h = 0x811c9dc5;
      state = 1;
    }
    // Append the code point to the FNV-1a hash (over UTF-16 code units) and the UTF-8 output.
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    if (c < 0x80) {
      bytes[at++] = c;
    } else if (c < 0x800) {
      bytes[at++] = 0xc0 | (c >> 6);
      bytes[at++] = 0x80 | (c & 0x3f);
    } else if (width === 2) {
      const d = text.charCodeAt(i + 1);
      h = Math.imul(h ^ d, 0x01000193);
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      bytes[at++] = 0xf0 | (cp >> 18);
      bytes[at++] = 0x80 | ((cp >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[at++] = 0x80 | (cp & 0x3f);
    } else {
      bytes[at++] = 0xe0 | (c >> 12);
      bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[at++] = 0x80 | (c & 0x3f);
    }
    i += width;
  }
  scan.count = count;
  scan.byteLength = at;
  scan.paragraphs = paragraphs;
}

function nextIsLetter(text: string, j: number): boolean {
  const c = text.charCodeAt(j);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c >= 0xd800 && c <= 0xdbff && j + 1 < text.length && (text.charCodeAt(j + 1) & 0xfc00) === 0xdc00) {
    return astralClass(((c - 0xd800) << 10) + (text.charCodeAt(j + 1) - 0xdc00) + 0x10000) === LETTER;
  }
  return bmpClass(c) === LETTER;
}
