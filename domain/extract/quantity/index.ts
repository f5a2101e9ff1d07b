/** Public surface of the quantity parser; the claim extractor imports from here only. */
export { findQuantities } from './find-quantities.ts';
export type { QuantityMention } from './types.ts';
