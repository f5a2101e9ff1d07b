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
  /**
   * `total` or `increment` (claims.md, unchanged). Tallies tell three kinds apart (domain/tally/scope.ts): a `total` with
   * no period, or one counted from the start of an operation of the taxonomy ("since the incursion began"), is a
   * standing figure and feeds the headline; a `total` with any other period ("since Friday", "overnight", "in March")
   * is a period count, shown per period and never as the standing figure; an `increment` is listed and never added to
   * or put in place of a total.
   */
  kind: z.enum(['total', 'increment']),
  /** The span the figure covers, when the text states one; drawn as a span, never used as the figure's date. */
  period: PeriodSchema.nullable(),
  /** When the figure was stated: the statement's day ("told lawmakers on Wednesday"), else publication; where it is plotted. */
  asOf: IsoDateSchema,
  attribution: z.array(z.string()),
  hedge: z.enum(['reported']).nullable(),
  evidence: EvidenceSchema,
  extractor: ExtractorInfoSchema,
});
export type Claim = z.infer<typeof ClaimSchema>;
