import type { Token } from './tokens.ts';

/** A currency written before or after a figure: its ISO code and the token span it covers. */
export interface CurrencyMatch {
  iso: string;
  first: number;
  last: number;
  bareDollar: boolean;
}

const SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₴', 'UAH'],
  ['₽', 'RUB'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₪', 'ILS'],
]);

/** Symbols that may follow the figure ("10 €", "100元"). */
const POSTFIX_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['元', 'CNY'],
  ['円', 'JPY'],
  ['₴', 'UAH'],
  ['₽', 'RUB'],
]);

/** Letters glued to "$" that name the dollar ("C$50m", "US$ 1bn", "HK$"). */
const DOLLAR_PREFIX: ReadonlyMap<string, string> = new Map([
  ['c', 'CAD'],
  ['ca', 'CAD'],
  ['can', 'CAD'],
  ['cdn', 'CAD'],
  ['us', 'USD'],
  ['usd', 'USD'],
  ['a', 'AUD'],
  ['au', 'AUD'],
  ['aud', 'AUD'],
  ['hk', 'HKD'],
  ['nz', 'NZD'],
  ['nzd', 'NZD'],
  ['s', 'SGD'],
  ['mex', 'MXN'],
  ['mx', 'MXN'],
  ['mxn', 'MXN'],
  ['cad', 'CAD'],
  ['r', 'BRL'],
]);

/** ISO codes recognised when written in capitals next to a figure ("USD 200", "50 million EUR"). */
const CODES = new Set([
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'UAH',
  'RUB',
  'JPY',
  'CNY',
  'CHF',
  'PLN',
  'SEK',
  'NOK',
  'DKK',
  'CZK',
  'HUF',
  'INR',
  'KRW',
  'TRY',
  'ILS',
  'NZD',
  'HKD',
  'RMB',
]);

/** Currency words after a figure; "pounds" is money only when the figure is scaled ("20 million pounds"). */
const WORDS: ReadonlyMap<string, string> = new Map([
  ['dollars', 'USD'],
  ['dollar', 'USD'],
  ['euros', 'EUR'],
  ['euro', 'EUR'],
  ['hryvnias', 'UAH'],
  ['hryvnia', 'UAH'],
  ['hryvnas', 'UAH'],
  ['hryvnya', 'UAH'],
  ['hryvnyas', 'UAH'],
  ['roubles', 'RUB'],
  ['rubles', 'RUB'],
  ['rouble', 'RUB'],
  ['ruble', 'RUB'],
  ['yen', 'JPY'],
  ['yuan', 'CNY'],
  ['renminbi', 'CNY'],
  ['rmb', 'CNY'],
  ['zlotys', 'PLN'],
  ['zloty', 'PLN'],
  ['zlotych', 'PLN'],
  ['kronor', 'SEK'],
  ['元', 'CNY'],
  ['円', 'JPY'],
  ['rupees', 'INR'],
  ['lira', 'TRY'],
  ['liras', 'TRY'],
  ['shekels', 'ILS'],
  ['sterling', 'GBP'],
]);

const ADJECTIVE_DOLLAR: ReadonlyMap<string, string> = new Map([
  ['us', 'USD'],
  ['american', 'USD'],
  ['canadian', 'CAD'],
  ['australian', 'AUD'],
  ['singapore', 'SGD'],
  ['taiwan', 'TWD'],
]);

/** Finds a currency symbol or code written right before the figure at token k ("$", "C$", "€", "USD "); null when none. */
export function currencyBefore(tokens: readonly Token[], k: number, floor: number): CurrencyMatch | null {
  const t = tokens[k - 1];
  if (t === undefined || k - 1 < floor) return null;
  if (t.kind === 'word' && CODES.has(t.text))
    return { iso: t.text === 'RMB' ? 'CNY' : t.text, first: k - 1, last: k - 1, bareDollar: false };
  if (t.kind !== 'sym') return null;
  const sym = SYMBOLS.get(t.text);
  if (sym !== undefined) return { iso: sym, first: k - 1, last: k - 1, bareDollar: false };
  if (t.text !== '$') return null;
  const p = tokens[k - 2];
  if (p !== undefined && k - 2 >= floor && p.kind === 'word') {
    const iso = DOLLAR_PREFIX.get(p.lower);
    // Glued ("C$", "US$") always; spaced only for the unambiguous "c", "us", "hk" of tokenised text.
    // Single letters count only in capitals ("A$", not "a $5bn deal"); spaced prefixes only when unambiguous ("c $ 16").
    const caseOk = p.text.length > 1 || !['a', 's', 'r'].includes(p.text);
    const ok = t.gap ? ['c', 'us', 'hk'].includes(p.lower) : caseOk;
    if (iso !== undefined && ok) return { iso, first: k - 2, last: k - 1, bareDollar: false };
    if (p.lower === 's' && tokens[k - 3]?.text === '.' && tokens[k - 4]?.lower === 'u' && k - 4 >= floor)
      return { iso: 'USD', first: k - 4, last: k - 1, bareDollar: false };
  }
  return { iso: 'USD', first: k - 1, last: k - 1, bareDollar: true };
}

/** Finds a currency word or code written right after a figure at token k ("5bn euros", "10 000 dollars"); null when none. */
export function currencyAfter(tokens: readonly Token[], k0: number, scaled: boolean): CurrencyMatch | null {
  // "one-yen bid": a glued hyphen joins the currency word.
  const h = tokens[k0];
  const k =
    h !== undefined && h.text === '-' && !h.gap && tokens[k0 + 1]?.kind === 'word' && !tokens[k0 + 1]?.gap
      ? k0 + 1
      : k0;
  const t = tokens[k];
  if (t === undefined) return null;
  if (t.kind === 'word' && CODES.has(t.text))
    return { iso: t.text === 'RMB' ? 'CNY' : t.text, first: k, last: k, bareDollar: false };
  if (t.kind === 'sym' && POSTFIX_SYMBOLS.has(t.text))
    return { iso: POSTFIX_SYMBOLS.get(t.text) ?? 'EUR', first: k, last: k, bareDollar: false };
  if (t.kind !== 'word') return null;
  const adj = ADJECTIVE_DOLLAR.get(t.lower);
  const n = tokens[k + 1];
  if (adj !== undefined && n !== undefined && (n.lower === 'dollars' || n.lower === 'dollar'))
    return { iso: adj, first: k, last: k + 1, bareDollar: false };
  if (t.lower === 'hong' && n?.lower === 'kong' && (tokens[k + 2]?.lower ?? '').startsWith('dollar'))
    return { iso: 'HKD', first: k, last: k + 2, bareDollar: false };
  if (t.lower === 'swiss' && (n?.lower === 'francs' || n?.lower === 'franc'))
    return { iso: 'CHF', first: k, last: k + 1, bareDollar: false };
  if (t.lower === 'pounds' || t.lower === 'pound') {
    if (n?.lower === 'sterling') return { iso: 'GBP', first: k, last: k + 1, bareDollar: false };
    return scaled ? { iso: 'GBP', first: k, last: k, bareDollar: false } : null;
  }
  if (t.lower === 'won' && !scaled) return null;
  const iso = t.lower === 'won' ? 'KRW' : WORDS.get(t.lower);
  return iso === undefined ? null : { iso, first: k, last: k, bareDollar: false };
}
