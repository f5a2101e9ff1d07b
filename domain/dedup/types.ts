/** Why an article was judged a copy; null when it is the first of its group. Shared by domain, index and CLI. */
export type DedupReason = 'url' | 'content' | 'near-duplicate' | null;

/** Everything dedup needs to know about one article; built by `fingerprint`, stored compactly by the index. */
export interface Fingerprint {
  articleId: string;
  /** published_at in epoch milliseconds: the index window and eviction run on it. */
  publishedAt: number;
  /** sha-256 (52 bits) of the canonical URL; null when the URL is missing or a bare host. */
  urlKey: number | null;
  /** sha-256 (52 bits) of the normalised body tokens; null when the body is too short to trust. */
  contentKey: number | null;
  /** Distinct shingles in the body; 0 disables the near-duplicate layer for this article. */
  shingleCount: number;
  /** LSH band keys of the MinHash signature (empty when shingleCount is 0). */
  bandKeys: number[];
  /** Compact MinHash signature (16 bits per hash) for the Jaccard estimate. */
  signature: Uint8Array;
}

/** An indexed article that shares a URL, content or LSH band key with the one being checked. */
export interface Candidate {
  articleId: string;
  /** Canonical of the candidate's group; null when the candidate is itself canonical. */
  canonicalId: string | null;
  /** Arrival order in the index; smaller is earlier. Breaks ties towards the first seen. */
  seq: number;
  urlKey: number | null;
  contentKey: number | null;
  shingleCount: number;
  signature: Uint8Array;
}

/** The dedup verdict for one article, as the CLI and the pipeline report it. */
export interface Decision {
  duplicateOf: string | null;
  /** Estimated similarity to the matched (or, when none matched, the closest) candidate, 0..1. */
  similarity: number;
  reason: DedupReason;
}
