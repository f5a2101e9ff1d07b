import { canonicalUrl } from './url.ts';
import { createHash } from 'node:crypto';
import { sha256Key52 } from './hash.ts';
import { bandKeys, compactSignature, minHashFamily, minHashSignature } from './minhash.ts';
import { createTokenScan, normaliseBody, scanTokens } from './normalise.ts';
import { DEDUP_PARAMS, type DedupParams } from './params.ts';
import { shingleHashesOf } from './shingles.ts';
import { bottomK, containmentKeys } from './sketch.ts';
import type { Fingerprint } from './types.ts';

/** The article fields dedup reads (a subset of schemas/article.ts). */
export interface DedupArticle {
  id: string;
  url: string;
  /** The outlet; when given, the fingerprint carries it and the URL as `ref`. */
  source?: string;
  /** When ingest received it (ISO time), when known: the tie-break of equal publication times. */
  receivedAt?: string;
  published_at: string;
  text: string;
}

/** Returns a fingerprint function for one parameter set (the MinHash family is built once). Used by the CLI, eval and bench. */
export function createFingerprinter(params: DedupParams = DEDUP_PARAMS): (article: DedupArticle) => Fingerprint {
  const family = minHashFamily(Math.max(params.hashes, params.bands * params.rows), params.seed);
  // Scratch reused by every call (fingerprinting is synchronous, so calls never overlap): the
  // returned Fingerprint holds only fresh copies (band keys, compact signature).
  const scan = createTokenScan();
  let shingleBuf = new Uint32Array(1024);
  const sig = new Uint32Array(family.xors.length);
  return (article) => {
    const url = canonicalUrl(article.url);
    scanTokens(normaliseBody(article.text), scan);
    const words = scan.count;
    if (shingleBuf.length < words) shingleBuf = new Uint32Array(words + 1024);
    const shingles = shingleHashesOf(scan.hashes, words, params.shingleSize, shingleBuf, scan.starts, scan.paragraphs);
    const hasBody = shingles.length > 0;
    if (hasBody) minHashSignature(shingles, family, sig);
    return {
      articleId: article.id,
      publishedAt: Date.parse(article.published_at),
      ...(article.receivedAt !== undefined &&
        Number.isFinite(Date.parse(article.receivedAt)) && { receivedAt: Date.parse(article.receivedAt) }),
      // A bare host ("example.com/") is a front page, not an article.
      urlKey: url === '' || /^[^/]+\/$/.test(url) ? null : sha256Key52(url),
      // sha-256 (52 bits) of the tokens joined by single spaces, hashed from the scanned UTF-8.
      contentKey: words >= params.minContentWords ? key52(scan.bytes.subarray(0, scan.byteLength)) : null,
      shingleCount: shingles.length,
      bandKeys: hasBody
        ? [...bandKeys(sig, params.bands, params.rows), ...containmentKeys(shingles, params.containmentKeys)]
        : [],
      signature: hasBody ? compactSignature(sig) : new Uint8Array(0),
      // The shingle hashes are sorted ascending: the sketch is their first sketchSize.
      sketch: bottomK(shingles, params.sketchSize),
      ...(article.source !== undefined && { ref: { source: article.source, url: article.url } }),
    };
  };
}

/** `sha256Key52` of the string whose UTF-8 is `bytes`. */
function key52(bytes: Uint8Array): number {
  const d = createHash('sha256').update(bytes).digest();
  return (d.readUInt32BE(0) & 0xfffff) * 2 ** 32 + d.readUInt32BE(4);
}

/** Fingerprint with the production parameters. Throws nothing; an unparsable date gives publishedAt NaN (schemas reject those first). */
export const fingerprint = createFingerprinter();
