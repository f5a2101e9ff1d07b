import type { Qualifier } from '../../../schemas/claim.ts';

/**
 * A number mention found in text, with its qualifier and unit, before any topic is decided.
 * Produced by `findQuantities` (domain/extract/quantity), consumed by the claim extractor.
 */
export interface QuantityMention {
  /** Offsets into the scanned text: the whole phrase including qualifier and unit ("more than 1,000 square kilometers"). */
  start: number;
  end: number;
  /** Offsets of the number itself ("1,000"; for a range, from the first to the last number). */
  numberStart: number;
  numberEnd: number;
  /** The figure as stated, converted to the unit below (square miles -> km2, "$40bn" -> 40000000000). */
  value: number;
  qualifier: Qualifier;
  low: number | null;
  high: number | null;
  /** 'count' for plain numbers, 'km2' for areas, ISO currency code (USD, EUR, GBP, CAD …) for money, 'percent', 'km' (distance), 'year' … for non-claims that the extractor must skip. */
  unit: string;
  /** True for vague amounts ("dozens", "hundreds of thousands", "several thousand"). */
  vague: boolean;
  /** True when the number is written with words ("five million", "seventy"). */
  words: boolean;
  /** Set when the currency is a bare "$" read as USD by default ("Canada's $50m"): the caller may know better. */
  bareDollar?: boolean;
}
