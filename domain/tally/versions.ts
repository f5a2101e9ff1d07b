import { compareText } from './sorted.ts';

const DIGITS = /^\d+$/;

/**
 * Orders extractor versions: dot/dash-separated segments, numeric ones numerically ("1.10" > "1.9"),
 * a prefix before its extensions ("1.0" < "1.0.1" and, unlike semver, "1.0.0" < "1.0.0-rc1").
 * Returns 0 only for identical strings, so "1.01" and "1.1" stay two (ordered) versions. Never throws.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const as = a.split(/[.\-+]/);
  const bs = b.split(/[.\-+]/);
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] ?? '';
    const y = bs[i] ?? '';
    const c = DIGITS.test(x) && DIGITS.test(y) ? Math.sign(Number(x) - Number(y)) : compareText(x, y);
    if (c !== 0) return c;
  }
  return as.length !== bs.length ? Math.sign(as.length - bs.length) : compareText(a, b);
}
