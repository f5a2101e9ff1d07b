// Failure types that cross the Temporal boundary: activities throw them by name, workflows test for them by name.
// A plain list in a zod-free module, so sandboxed workflow code may import it.

/** Error names that stop a Temporal retry at once (activities' `nonRetryableErrorTypes`, workflows' poison checks). */
export const PERMANENT_ERROR_TYPES = ['InvalidInputError', 'RefusedError'] as const;
