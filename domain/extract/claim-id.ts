import { createHash } from 'node:crypto';

/** Deterministic claim id: same article, topic, series, figure and evidence offsets → same id on every run. */
export function claimId(parts: readonly (string | number | null)[]): string {
  // A unit-separator join keeps ("a","bc") and ("ab","c") apart.
  return createHash('sha256')
    .update(parts.map((p) => (p === null ? '' : String(p))).join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}
