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
  if (typeof err === 'object' && err !== null && 'retriable' in err) return Boolean((err as { retriable: unknown }).retriable);
  return false;
}
