/** Why an article was judged a copy; null when it is the first of its group. Shared by domain, index and CLI. */
export type DedupReason = 'same-url' | 'content' | 'near-duplicate' | null;

/** Reasons written before issue 16 named re-deliveries of a canonical URL `url`; read them as `same-url`. */
export function readDedupReason(stored: string | null): DedupReason {
  if (stored === 'url') return 'same-url';
  return stored === 'same-url' || stored === 'content' || stored === 'near-duplicate' ? stored : null;
}

/** True for a re-delivery of a known canonical URL, in either spelling (`url` in results recorded before issue 16). */
export function isSameUrlReason(reason: string | null | undefined): boolean {
  return reason === 'same-url' || reason === 'url';
}

/** Everything dedup needs to know about one article; built by `fingerprint`, stored compactly by the index. */
export interface Fingerprint {
  articleId: string;
  /** published_at in epoch milliseconds: the optional publication-gap window and eviction run on it. */
  publishedAt: number;
  /** When ingest received the article (epoch ms), when known: breaks ties of equal publication times. */
  receivedAt?: number;
  /** sha-256 (52 bits) of the canonical URL; null when the URL is missing or a bare host. */
  urlKey: number | null;
  /** sha-256 (52 bits) of the normalised body tokens; null when the body is too short to trust. */
  contentKey: number | null;
  /** Distinct shingles in the body; 0 disables the near-duplicate layer for this article. */
  shingleCount: number;
  /** LSH band keys of the MinHash signature, then any containment keys (empty when shingleCount is 0). */
  bandKeys: number[];
  /** Compact MinHash signature (8 bits per hash): the Jaccard estimate when a candidate has no sketch. */
  signature: Uint8Array;
  /** Bottom-k sketch of the shingle hashes (sketch.ts): verification by containment. Absent in stores built before it. */
  sketch?: Uint32Array;
  /** The article's outlet and URL as delivered, kept by the index so a later, earlier-published copy can credit them. */
  ref?: ArticleRef;
}

/** An article's outlet and URL (the fields a copy record carries). */
export interface ArticleRef {
  source: string;
  url: string;
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
  /** See `Fingerprint.sketch`; a store that does not keep it gets the signature's estimate. */
  sketch?: Uint32Array;
  /** published_at in epoch ms, when the store keeps it: the optional publication-gap window. */
  publishedAt?: number;
}

/** The dedup verdict for one article, as the CLI and the pipeline report it. */
export interface Decision {
  duplicateOf: string | null;
  /** Estimated similarity to the matched (or, when none matched, the closest) candidate, 0..1. */
  similarity: number;
  reason: DedupReason;
  /**
   * Set on an article published before its group's original, which arrived first: it is the group's original now
   * and this names the former one, a copy of it from now on. Absent otherwise.
   */
  supersedes?: string;
  /** With `supersedes`: the former original's outlet and URL, for its copy record (empty strings when the index lacks them). */
  supersedesRef?: ArticleRef;
}
