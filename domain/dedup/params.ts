/** Tuning of the near-duplicate layer; the values are chosen by `npm run eval:dedup` (see README in services/dedup-index). */
export interface DedupParams {
  /** Words per shingle. */
  shingleSize: number;
  /** MinHash signature length (hash functions); the confirmation estimates similarity from all of them. */
  hashes: number;
  /** LSH banding over the first bands × rows hashes (≤ hashes). */
  bands: number;
  rows: number;
  /** Seed of the MinHash family; changing it invalidates every stored index. */
  seed: number;
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
  hashes: 128,
  bands: 24,
  rows: 2,
  seed: 0x0c1a17ed,
  threshold: 0.87,
  minLengthRatio: 0.25,
  minContentWords: 8,
};
