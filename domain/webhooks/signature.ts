import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a webhook delivery. */
export const SIGNATURE_HEADER = 'X-Claimwatch-Signature';
export const TIMESTAMP_HEADER = 'X-Claimwatch-Timestamp';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`: signing the timestamp with the body lets a
 * receiver reject replays of an old, validly signed delivery. Called by the deliverAlert activity.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The receiver's check (documented in the README; tests use it): the signature matches in constant time and
 * the timestamp (unix seconds) is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyWebhook(input: {
  secret: string;
  timestamp: string;
  body: string;
  signature: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(input.timestamp);
  if (!Number.isInteger(ts) || Math.abs(input.nowSeconds - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, input.timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
