// Where the figure sits in its evidence sentence, so the series view can highlight it. The read model keeps the
// sentence (evidence.quote, with offsets into the article), not the figure's own offsets: the figure is found
// again by parsing the numbers of the sentence and keeping the one equal to the claim's value or bounds, widened
// to the qualifier words before it and the unit after it. Pure; runs in the browser and in unit tests.

export interface Highlighted {
  before: string;
  match: string;
  after: string;
}

interface Quantityish {
  value: number;
  low: number | null;
  high: number | null;
}

const NUMBER = /(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:trillion|billion|million|thousand|bn|tn|m|k)\b)?/gi;
const SCALE: Record<string, number> = {
  trillion: 1e12,
  tn: 1e12,
  billion: 1e9,
  bn: 1e9,
  million: 1e6,
  m: 1e6,
  thousand: 1e3,
  k: 1e3,
};
const QUALIFIER_BEFORE =
  /(?:more than|over|above|in excess of|upwards of|at least|no fewer than|a minimum of|about|around|approximately|roughly|some|an estimated|nearly|almost|close to|just under|less than|fewer than|under|below|up to|as many as|at most|no more than|a maximum of|between|from)\s+$/i;
const UNIT_AFTER =
  /^(?:\s?(?:square kilomet(?:re|er)s|sq\.? km|km²|km2|square miles|hectares|per ?cent|percent|%)|\+)/i;
const RANGE_AFTER =
  /^(\s*(?:–|-|to|and)\s*)((?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:trillion|billion|million|thousand|bn|tn|m|k)\b)?)/i;

/** The number a token of text stands for: `$25m` → 25e6, `1,263` → 1263, `1.6 million` → 1.6e6. */
export function numberOf(token: string): number {
  const m = /(\d[\d,]*(?:\.\d+)?)\s?([a-z]+)?/i.exec(token);
  if (!m) return Number.NaN;
  const base = Number((m[1] ?? '').replace(/,/g, ''));
  const scale = m[2] ? (SCALE[m[2].toLowerCase()] ?? 1) : 1;
  return base * scale;
}

const close = (a: number, b: number | null): boolean =>
  b !== null && Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-6);

/** Splits `quote` around the figure of `quantity`; when no number of the sentence matches, the whole quote is `before`. */
export function highlightFigure(quote: string, quantity: Quantityish): Highlighted {
  for (const m of quote.matchAll(NUMBER)) {
    const n = numberOf(m[0]);
    if (!close(n, quantity.value) && !close(n, quantity.low) && !close(n, quantity.high)) continue;
    let start = m.index;
    let end = m.index + m[0].length;
    const qualifier = QUALIFIER_BEFORE.exec(quote.slice(Math.max(0, start - 40), start));
    if (qualifier) start -= qualifier[0].length;
    const range = RANGE_AFTER.exec(quote.slice(end));
    if (range && quantity.high !== null && close(numberOf(range[2] ?? ''), quantity.high)) end += range[0].length;
    const unit = UNIT_AFTER.exec(quote.slice(end));
    if (unit) end += unit[0].length;
    return { before: quote.slice(0, start), match: quote.slice(start, end), after: quote.slice(end) };
  }
  return { before: quote, match: '', after: '' };
}

/**
 * A link to the article that opens at the evidence sentence in browsers supporting text fragments
 * (`#:~:text=start,end`); others just open the article.
 */
export function evidenceLink(url: string, quote: string): string {
  const words = quote.trim().split(/\s+/);
  if (words.length === 0 || words[0] === '') return url;
  const fragment =
    words.length <= 8
      ? encodeURIComponent(words.join(' '))
      : `${encodeURIComponent(words.slice(0, 4).join(' '))},${encodeURIComponent(words.slice(-4).join(' '))}`;
  // Text-fragment syntax reserves '-', ',' and '&' inside the terms.
  return `${url.split('#')[0]}#:~:text=${fragment.replace(/-/g, '%2D')}`;
}
