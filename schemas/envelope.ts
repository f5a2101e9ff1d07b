import { z } from 'zod';

/** Causality of a message: which request started the flow, and which message caused this one. */
export const MessageMetadataSchema = z.object({
  correlationId: z.string().min(1),
  causationId: z.string().nullable(),
});
export type MessageMetadata = z.infer<typeof MessageMetadataSchema>;

/** The envelope every Kafka message of claimwatch carries; `data` is checked by the topic's own schema. */
export function envelopeSchema<T extends string, D extends z.ZodType>(type: z.ZodType<T>, data: D) {
  return z.object({
    id: z.string().min(1),
    type,
    occurredAt: z.iso.datetime({ offset: true }),
    data,
    metadata: MessageMetadataSchema,
  });
}

export interface Envelope<T extends string = string, D = unknown> {
  id: string;
  type: T;
  occurredAt: string;
  data: D;
  metadata: MessageMetadata;
}
