import { InvalidInputError } from '../../platform/errors.ts';

/** Where a page of claims ended: the (asOf, id) of its last row. Rows sort by both, so the cursor is stable. */
export interface ClaimCursor {
  asOf: string;
  id: string;
}

/** Opaque, URL-safe form of a cursor. Called by the read model when a page is full. */
export function encodeCursor(cursor: ClaimCursor): string {
  return Buffer.from(JSON.stringify([cursor.asOf, cursor.id]), 'utf8').toString('base64url');
}

/** Reads a cursor from a request; throws InvalidInputError when it was not made by `encodeCursor`. */
export function decodeCursor(text: string): ClaimCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((p) => typeof p === 'string' && p !== '')) {
    throw new InvalidInputError('invalid cursor', ['cursor: not a cursor returned by this API']);
  }
  return { asOf: parsed[0] as string, id: parsed[1] as string };
}
