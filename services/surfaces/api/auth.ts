import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time equality of two strings of any length (both are hashed first). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected)) && given !== '';
}

/**
 * True when an `Authorization` header carries the bearer token. Both sides are hashed first so the comparison
 * takes the same time whatever the length or content of the guess. Called by the API's onRequest hook.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return sameSecret(match?.[1]?.trim() ?? '', token);
}

/** True when a token typed into the dashboard's login form is the API token (constant time). */
export function tokenMatches(given: string, token: string): boolean {
  return sameSecret(given, token);
}

/** Name of the dashboard's session cookie (set by POST /api/session). */
export const SESSION_COOKIE = 'cw_session';

/**
 * The session cookie's value for a token: an HMAC of a fixed label keyed by the token, so the cookie jar never
 * holds the token itself, yet every API process that knows API_TOKEN accepts it (no server-side session store).
 * Changing API_TOKEN invalidates every session.
 */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('claimwatch-dashboard-session-v1').digest('base64url');
}

/** The value of one cookie in a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** True when the `Cookie` header carries a valid session for the token. Called by the API's onRequest hook. */
export function sessionMatches(cookieHeader: string | undefined, token: string): boolean {
  return sameSecret(readCookie(cookieHeader, SESSION_COOKIE) ?? '', sessionValue(token));
}

/** The `Set-Cookie` header that logs a browser in (or out, with `value` ''): HttpOnly, SameSite=Strict, whole site. */
export function sessionCookie(value: string, options: { secure: boolean; maxAgeSeconds?: number }): string {
  const maxAge = value === '' ? 0 : (options.maxAgeSeconds ?? 7 * 24 * 3600);
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAge}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * Header a browser must send on cookie-authenticated writes. A cross-site page cannot add a custom header
 * without a CORS preflight (which this API never grants), so with SameSite=Strict it closes CSRF twice.
 */
export const CSRF_HEADER = 'x-claimwatch-csrf';

/** Hosts that only this machine can reach; an open API is allowed there. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
