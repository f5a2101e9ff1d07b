import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * True when an `Authorization` header carries the bearer token. Both sides are hashed first so the comparison
 * takes the same time whatever the length or content of the guess. Called by the API's onRequest hook.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  const given = match?.[1]?.trim() ?? '';
  return timingSafeEqual(digest(given), digest(token)) && given !== '';
}
