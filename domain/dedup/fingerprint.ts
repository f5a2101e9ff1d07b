import { canonicalUrl } from './url.ts';
import { sha256Key52 } from './hash.ts';
import { bandKeys, compactSignature, minHashFamily, minHashSignature } from './minhash.ts';
import { normaliseBody, tokens } from './normalise.ts';
import { DEDUP_PARAMS, type DedupParams } from './params.ts';
import { shingleHashes } from './shingles.ts';
import type { Fingerprint } from './types.ts';

/** The article fields dedup reads (a subset of schemas/article.ts). */
export interface DedupArticle {
  id: string;
  url: string;
  published_at: string;
  text: string;
}

/** Returns a fingerprint function for one parameter set (the MinHash family is built once). Used by the CLI, eval and bench. */
export function createFingerprinter(params: DedupParams = DEDUP_PARAMS): (article: DedupArticle) => Fingerprint {
  const family = minHashFamily(Math.max(params.hashes, params.bands * params.rows), params.seed);
  return (article) => {
    const url = canonicalUrl(article.url);
    const words = tokens(normaliseBody(article.text));
    const shingles = shingleHashes(words, params.shingleSize);
    const sig = minHashSignature(shingles, family);
    const hasBody = shingles.length > 0;
    return {
      articleId: article.id,
      publishedAt: Date.parse(article.published_at),
      // A bare host ("example.com/") is a front page, not an article.
      urlKey: url === '' || /^[^/]+\/$/.test(url) ? null : sha256Key52(url),
      contentKey: words.length >= params.minContentWords ? sha256Key52(words.join(' ')) : null,
      shingleCount: shingles.length,
      bandKeys: hasBody ? bandKeys(sig, params.bands, params.rows) : [],
      signature: hasBody ? compactSignature(sig) : new Uint8Array(0),
    };
  };
}

/** Fingerprint with the production parameters. Throws nothing; an unparsable date gives publishedAt NaN (schemas reject those first). */
export const fingerprint = createFingerprinter();
