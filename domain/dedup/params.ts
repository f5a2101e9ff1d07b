/** Tuning of the near-duplicate layer; the values are chosen by `npm run eval:dedup` (see README in services/stores/dedup-index). */
export interface DedupParams {
  /** Words per shingle. */
  shingleSize: number;
  /** MinHash signature length (hash functions): the LSH bands use bands × rows of them; stored 8 bits each as a fallback estimate. */
  hashes: number;
  /** LSH banding over the first bands × rows hashes (≤ hashes). */
  bands: number;
  rows: number;
  /** Seed of the MinHash family; changing it invalidates every stored index. */
  seed: number;
  /**
   * The body's smallest shingle hashes also used as LSH keys (0: none): a copy cut to part of its original shares
   * one with it unless all of the original's smallest lie in the cut part (probability ~(1 − kept share)^n), so
   * cut copies that share no band still become candidates. Costs n more band entries per article.
   */
  containmentKeys: number;
  /** Shingle hashes kept in the bottom-k sketch that verification compares (4 bytes each, stored). */
  sketchSize: number;
  /** Link two articles only when published at most this many ms apart (0: any gap). Symmetric, so arrival order never matters. */
  maxPublishedGapMs: number;
  /** Minimum similarity (see `similarity` in decide.ts) to call a candidate a near-duplicate. */
  threshold: number;
  /** Containment of the shorter body in the longer counts only when the shorter has at least this share of the longer's shingles. */
  minLengthRatio: number;
  /** Bodies with fewer words get no content key: too short to call two articles the same text. */
  minContentWords: number;
}

/** The parameters used in production, by the CLI, the eval and the bench. */
export const DEDUP_PARAMS: DedupParams = {
  shingleSize: 4,
  hashes: 32,
  bands: 16,
  rows: 2,
  seed: 0x0c1a17ed,
  sketchSize: 64,
  containmentKeys: 4,
  maxPublishedGapMs: 0,
  threshold: 0.9,
  minLengthRatio: 0.25,
  minContentWords: 8,
};

/**
 * Version of what `fingerprint` computes from a text (normalisation rules, tokens, shingle and key hashing). Bump it
 * when a change alters any fingerprint: stores record it with the parameters and refuse an index built otherwise.
 */
export const FINGERPRINT_VERSION = 4;
