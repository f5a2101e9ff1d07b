// What the SQLite and the Postgres dedup index share: the stored row and its mapping to a `Candidate`, the blob
// codecs, the candidate limits, the identity a store records and checks on open, and the step from `decide`'s answer
// to the stored decision (follow the group to its original, earliest publication wins).
import { earliestOriginal, type GroupOriginal } from '../../../domain/dedup/decide.ts';
import { FINGERPRINT_VERSION, type DedupParams } from '../../../domain/dedup/params.ts';
import {
  readDedupReason,
  type ArticleRef,
  type Candidate,
  type Decision,
  type Fingerprint,
} from '../../../domain/dedup/types.ts';

/** An indexed article as both stores select it (`CANDIDATE_COLUMNS`). */
export interface ArticleRow {
  seq: number;
  article_id: string;
  canonical_id: string | null;
  url_key: number | null;
  content_key: number | null;
  shingles: number;
  signature: Uint8Array;
  sketch: Uint8Array | null;
  published_at: number;
}

/** The columns of `ArticleRow`, in both stores' SQL. */
export const CANDIDATE_COLUMNS =
  'seq, article_id, canonical_id, url_key, content_key, shingles, signature, sketch, published_at';

/** The stored decision of an article and what a later arrival needs of it (`STORED_COLUMNS`). */
export interface StoredRow {
  seq: number;
  article_id: string;
  canonical_id: string | null;
  published_at: number;
  similarity: number;
  reason: string | null;
  supersedes: string | null;
  source: string | null;
  url: string | null;
  received_at: number | null;
}

/** The columns of `StoredRow`. */
export const STORED_COLUMNS =
  'seq, article_id, canonical_id, published_at, similarity, reason, supersedes, source, url, received_at';

/**
 * At most this many LSH candidates are confirmed per article: those sharing the most bands. Real reporting
 * rarely brings more than a few dozen; formulaic text (wire templates, generated benchmark articles) can
 * make most of the index a candidate and each insert O(index size) — measured 4.8 ms per article at 20k
 * generated articles. A true copy shares ~12 of 16 bands and sorts first. URL and content matches are
 * never cut.
 */
export const MAX_BAND_CANDIDATES = 32;

/**
 * A band key shared by more articles than this is boilerplate (a wire template, a standard sign-off): only its
 * newest articles are looked at. A copy shares ~12 of its 16 band keys with its original, most of them rare, so
 * it is still found through those; what a cap could lose is a copy whose every shared band is that crowded.
 */
export const MAX_PER_BAND = 32;

/** Most links followed from a group member to its original (a chain grows by one each time an earlier publication arrives). */
export const MAX_ORIGINAL_HOPS = 16;

/**
 * Layout of each store's tables; bump a store's with any change to them (part of `indexIdentity`). SQLite 3: the LSH
 * band rows left the file (`dedup_bands`; the band lookup is held in memory, band-multimap.ts).
 */
export const STORE_FORMAT = { sqlite: 3, postgres: 2 } as const;

/**
 * What an index must have been built with to be reused: the store's layout, the fingerprint version and every
 * parameter that shapes a stored fingerprint (shingles, MinHash family, LSH bands, sketch, content-key minimum).
 * Recorded on first open; `identityMismatch` compares. Threshold and length guard are not in it: they only
 * steer decisions still to come.
 */
export function indexIdentity(params: DedupParams, store: keyof typeof STORE_FORMAT): string {
  return JSON.stringify({
    store: STORE_FORMAT[store],
    fingerprint: FINGERPRINT_VERSION,
    k: params.shingleSize,
    h: params.hashes,
    b: params.bands,
    r: params.rows,
    s: params.seed,
    K: params.sketchSize,
    ...(params.containmentKeys > 0 && { c: params.containmentKeys }),
    m: params.minContentWords,
  });
}

/**
 * The refusal when an index was built otherwise (`stored` undefined: an index that has articles but recorded no
 * parameters, from before they were recorded), naming the fix; undefined when it may be used. `fix` names how to
 * start over for this store.
 */
export function identityMismatch(
  where: string,
  stored: string | undefined,
  wanted: string,
  fix: string,
): Error | undefined {
  if (stored === wanted) return undefined;
  return new Error(
    `dedup index ${where} was built with other fingerprint parameters (${stored ?? 'not recorded'}; this build uses ${wanted}): ` +
      `its fingerprints would not compare with new ones, so it is not reused. ${fix}`,
  );
}

/** The fix a SQLite index names: rebuild it from the log, or start empty. */
export const SQLITE_IDENTITY_FIX =
  'Rebuild it from the log with `claimwatch rebuild --dedup-index` (workers stopped), or start empty with `claimwatch stack reset` (local stack) or by deleting the file.';

/** A stored row as an indexed candidate. */
export function toCandidate(r: ArticleRow): Candidate {
  return {
    articleId: r.article_id,
    canonicalId: r.canonical_id,
    seq: r.seq,
    urlKey: r.url_key,
    contentKey: r.content_key,
    shingleCount: r.shingles,
    signature: r.signature,
    publishedAt: r.published_at,
    ...(r.sketch !== null && { sketch: sketchOf(r.sketch) }),
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The sketch as stored: uint32 little-endian per hash. */
export function sketchBlob(sketch: Uint32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(sketch.buffer, sketch.byteOffset, sketch.byteLength);
  const out = Buffer.alloc(sketch.length * 4);
  for (let i = 0; i < sketch.length; i++) out.writeUInt32LE(sketch[i] as number, i * 4);
  return out;
}

/** A stored sketch back as hashes (a copy: drivers may hand out views of shared memory). */
export function sketchOf(blob: Uint8Array): Uint32Array {
  const n = blob.length >>> 2;
  if (LITTLE_ENDIAN) return new Uint32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + n * 4));
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/** The band keys as stored for eviction: int32 little-endian each. */
export function bandBlob(keys: readonly number[]): Buffer {
  const out = Buffer.alloc(keys.length * 4);
  for (let i = 0; i < keys.length; i++) out.writeInt32LE(keys[i] as number, i * 4);
  return out;
}

/**
 * The values both stores insert for an article, in this column order: article_id, canonical_id, published_at, url_key,
 * content_key, shingles, signature, sketch, similarity, reason, supersedes, source, url, received_at.
 */
export function articleValues(fp: Fingerprint, decision: Decision): Array<string | number | Buffer | null> {
  return [
    fp.articleId,
    decision.duplicateOf,
    fp.publishedAt,
    fp.urlKey,
    fp.contentKey,
    fp.shingleCount,
    signatureBlob(fp),
    fp.sketch === undefined ? null : sketchBlob(fp.sketch),
    decision.similarity,
    decision.reason,
    decision.supersedes ?? null,
    fp.ref?.source ?? null,
    fp.ref?.url ?? null,
    fp.receivedAt ?? null,
  ];
}

/** The signature bytes as a Buffer over the same memory (what the drivers bind). */
export function signatureBlob(fp: Fingerprint): Buffer {
  return Buffer.from(fp.signature.buffer, fp.signature.byteOffset, fp.signature.byteLength);
}

/** A group's original as a store reads it: with its outlet and URL, which a superseding copy passes on. */
export interface StoredOriginal extends GroupOriginal {
  ref: ArticleRef;
}

/** The original a stored row describes. */
export function storedOriginal(row: StoredRow): StoredOriginal {
  return {
    articleId: row.article_id,
    publishedAt: row.published_at,
    ...(row.received_at !== null && { receivedAt: row.received_at }),
    seq: row.seq,
    ref: { source: row.source ?? '', url: row.url ?? '' },
  };
}

/**
 * The decision to store, from `decide`'s answer and the original of the matched group (followed by the store from
 * the matched article): a copy points at that original, and an earlier publication supersedes it
 * (`earliestOriginal`), carrying its outlet and URL. Pure; both stores call it inside their transaction.
 */
export function linkDecision(fp: Fingerprint, matched: Decision, original: StoredOriginal | undefined): Decision {
  const linked = original === undefined ? matched : { ...matched, duplicateOf: original.articleId };
  const decision = earliestOriginal(fp, linked, original);
  return decision.supersedes !== undefined && original !== undefined
    ? { ...decision, supersedesRef: original.ref }
    : decision;
}

/**
 * A retried article's first answer, as given then: an original (reason null) may have been superseded since, which
 * re-pointed its stored link at the earlier publication; a copy's link never changes. `former` is the stored row of
 * the original it superseded, if any.
 */
export function storedDecision(row: StoredRow, former: StoredRow | undefined): Decision {
  const first: Decision = {
    duplicateOf: row.reason === null ? null : row.canonical_id,
    similarity: row.similarity,
    reason: readDedupReason(row.reason),
  };
  if (row.supersedes === null) return first;
  return {
    ...first,
    supersedes: row.supersedes,
    supersedesRef: { source: former?.source ?? '', url: former?.url ?? '' },
  };
}
