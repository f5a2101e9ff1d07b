import { z } from 'zod';

const Instant = z.iso.datetime({ offset: true }).or(z.iso.date().transform((d) => `${d}T00:00:00Z`));

/**
 * What to re-process (issue #6 §2): raw articles whose Kafka timestamp is in [from, to), or, with `input`,
 * the articles of a JSON-lines archive (file or folder on the worker's host) published in [from, to).
 * Used by POST /api/backfills and `claimwatch backfill`; every problem is reported at once.
 */
const RequestFields = z.object({
  from: Instant,
  to: Instant,
  source: z.string().trim().min(1).optional(),
  topic: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a claim topic id like "territory-area"')
    .optional(),
  input: z.string().trim().min(1).optional(),
});
const fromBeforeTo = (r: { from: string; to: string }) => Date.parse(r.from) < Date.parse(r.to);
const fromBeforeToIssue = { message: '`from` must be before `to`', path: ['to'] };

export const BackfillRequestSchema = RequestFields.refine(fromBeforeTo, fromBeforeToIssue);
export type BackfillRequest = z.infer<typeof BackfillRequestSchema>;

/** How a backfill runs: articles per batch activity and batches in flight at once. */
export const BackfillOptionsSchema = z.object({
  batchSize: z.coerce.number().int().min(1).max(10_000).default(4000),
  parallelism: z.coerce.number().int().min(1).max(32).default(2),
});
export type BackfillOptions = z.infer<typeof BackfillOptionsSchema>;

/** Body of POST /api/backfills: the request plus optional run options. */
export const StartBackfillBodySchema = RequestFields.extend(BackfillOptionsSchema.partial().shape)
  .strict()
  .refine(fromBeforeTo, fromBeforeToIssue);
export type StartBackfillBody = z.infer<typeof StartBackfillBodySchema>;

export const BackfillStateSchema = z.enum(['running', 'paused', 'cancelling', 'cancelled', 'completed', 'failed']);
export type BackfillState = z.infer<typeof BackfillStateSchema>;

/** A backfill as the API, the CLI and the dashboard show it. `done`/`total` count records in range. */
export const BackfillStatusSchema = z.object({
  id: z.string(),
  state: BackfillStateSchema,
  request: z.object({
    from: z.string(),
    to: z.string(),
    source: z.string().optional(),
    topic: z.string().optional(),
    input: z.string().optional(),
  }),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  batchesDone: z.number().int().nonnegative(),
  batchesTotal: z.number().int().nonnegative(),
  ratePerSec: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  extractorVersion: z.string(),
  error: z.string().optional(),
});
export type BackfillStatus = z.infer<typeof BackfillStatusSchema>;
