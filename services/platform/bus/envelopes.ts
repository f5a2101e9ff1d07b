import { createHash, randomUUID } from 'node:crypto';
import type { Envelope, MessageMetadata } from '../../../schemas/envelope.ts';

/** Wraps data in the message envelope; pass `id` for idempotent messages (same fact → same id). */
export function envelope<T extends string, D>(
  type: T,
  data: D,
  options: { id?: string; metadata?: Partial<MessageMetadata>; now?: Date } = {},
): Envelope<T, D> {
  const id = options.id ?? randomUUID();
  return {
    id,
    type,
    occurredAt: (options.now ?? new Date()).toISOString(),
    data,
    metadata: {
      correlationId: options.metadata?.correlationId ?? id,
      causationId: options.metadata?.causationId ?? null,
    },
  };
}

/** A stable id derived from parts (e.g. claim id + event type), so re-publishing yields the same message id. */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}
