// The edge kit: how a process reads what crosses its edge (a Kafka message through a zod schema), names where it
// came from, and tells Temporal what a failure means. One copy of each, used by every consumer and activity.
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { describeIssues } from '../../schemas/problems.ts';
import { ClaimwatchError } from './errors.ts';
import type { IncomingMessage } from './kafka.ts';

/** A decoded value, or every problem that kept it from decoding (`(root): not JSON (…)`, `field: words`). */
export type Decoded<T> = { ok: true; data: T } | { ok: false; problems: string[] };

/** Where a Kafka message sits: `topic/partition/offset`, as dead letters, logs and workflow outcomes name it. */
export function locationOf(m: Pick<IncomingMessage, 'topic' | 'partition' | 'offset'>): string {
  return `${m.topic}/${m.partition}/${m.offset}`;
}

/** A JSON text through `schema`; never throws. An empty (null) value is a problem of its own. */
export function decodeJson<S extends z.ZodType>(schema: S, value: string | null): Decoded<z.output<S>> {
  if (value === null) return { ok: false, problems: ['(root): empty message'] };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (err) {
    return { ok: false, problems: [`(root): not JSON (${(err as Error).message})`] };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, problems: describeIssues(parsed.error) };
}

/** A Kafka message's value through `schema`; never throws. */
export function decodeMessage<S extends z.ZodType>(schema: S, m: Pick<IncomingMessage, 'value'>): Decoded<z.output<S>> {
  return decodeJson(schema, m.value);
}

/**
 * Rethrows `err` with its retry meaning for Temporal: a non-retriable claimwatch error becomes a non-retryable
 * ApplicationFailure of its name (the workflow dead-letters the input), anything else is rethrown as is (retried).
 */
export function toApplicationFailure(err: unknown): never {
  if (err instanceof ClaimwatchError && !err.retriable) throw ApplicationFailure.nonRetryable(err.message, err.name);
  throw err;
}
