import { z } from 'zod';

/** Qualifiers of a figure (claims.md §3). */
export const QualifierSchema = z.enum(['exact', 'approx', 'more-than', 'at-least', 'less-than', 'up-to', 'range']);
export type Qualifier = z.infer<typeof QualifierSchema>;

export const IsoDateSchema = z.iso.date();

export const QuantitySchema = z.object({
  value: z.number(),
  unit: z.string().min(1),
  qualifier: QualifierSchema,
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type Quantity = z.infer<typeof QuantitySchema>;

export const PeriodSchema = z.object({ start: IsoDateSchema.nullable(), end: IsoDateSchema.nullable() });
export type Period = z.infer<typeof PeriodSchema>;

export const EvidenceSchema = z.object({
  quote: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const ExtractorInfoSchema = z.object({ name: z.string(), version: z.string() });
export type ExtractorInfo = z.infer<typeof ExtractorInfoSchema>;

/** One numeric figure an article reports (claims.md §2). Produced by domain/extract, consumed everywhere downstream. */
export const ClaimSchema = z.object({
  id: z.string().min(1),
  articleId: z.string().min(1),
  topic: z.string().min(1),
  actor: z.string().nullable(),
  counterpart: z.string().nullable(),
  item: z.string().nullable(),
  place: z.string().nullable(),
  quantity: QuantitySchema,
  kind: z.enum(['total', 'increment']),
  period: PeriodSchema.nullable(),
  asOf: IsoDateSchema,
  attribution: z.array(z.string()),
  hedge: z.enum(['reported']).nullable(),
  evidence: EvidenceSchema,
  extractor: ExtractorInfoSchema,
});
export type Claim = z.infer<typeof ClaimSchema>;
