/**
 * The one errors module: every error claimwatch raises says whether retrying can help.
 * Retry logic (consumers, activities) reads only `retriable`.
 */
export class ClaimwatchError extends Error {
  readonly retriable: boolean;
  readonly code: string;
  constructor(code: string, message: string, options: { retriable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'ClaimwatchError';
    this.code = code;
    this.retriable = options.retriable;
  }
}

/** Bad input that no retry can fix (schema violations, unparseable payloads). */
export class InvalidInputError extends ClaimwatchError {
  readonly problems: string[];
  constructor(message: string, problems: string[]) {
    super('INVALID_INPUT', `${message}: ${problems.join('; ')}`, { retriable: false });
    this.name = 'InvalidInputError';
    this.problems = problems;
  }
}

/** A dependency (broker, server, store) that is down or slow; retrying later may succeed. */
export class UnavailableError extends ClaimwatchError {
  constructor(message: string, cause?: unknown) {
    super('UNAVAILABLE', message, { retriable: true, cause });
    this.name = 'UnavailableError';
  }
}

/** True when an error (ours or a client library's with a `retriable` flag) is worth retrying. */
export function isRetriable(err: unknown): boolean {
  if (err instanceof ClaimwatchError) return err.retriable;
  if (typeof err === 'object' && err !== null && 'retriable' in err)
    return Boolean((err as { retriable: unknown }).retriable);
  return false;
}

/**
 * A dependency refused this input for good (a message over the topic's `max.message.bytes`, a payload over
 * Temporal's blob limit, an id too long): retrying the same input fails the same way, so the caller dead-letters it.
 */
export class RefusedError extends ClaimwatchError {
  constructor(message: string, cause?: unknown) {
    super('REFUSED', message, { retriable: false, cause });
    this.name = 'RefusedError';
  }
}

// The names of InvalidInputError and RefusedError are schemas/failures.ts's PERMANENT_ERROR_TYPES (workflow code reads it).

/** Each error in `err`'s `cause` chain, `err` first (bounded: a cycle ends the walk). */
export function causeChain(err: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = err;
  while (cur !== undefined && cur !== null && out.length < 10 && !out.includes(cur)) {
    out.push(cur);
    cur = typeof cur === 'object' && 'cause' in cur ? (cur as { cause: unknown }).cause : undefined;
  }
  return out;
}
