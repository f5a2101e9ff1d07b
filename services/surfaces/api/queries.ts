import { z } from 'zod';
import { describeIssues } from '../../../schemas/problems.ts';
import { decodeCursor } from '../../stores/read-model/cursor.ts';

/** Most claims one page returns; bounded so one request cannot read the whole store. */
export const MAX_PAGE = 500;

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).max(200).optional());

/** `GET /api/tallies` query. Unknown parameters are refused, so a typo (`topics=`) does not silently list everything. */
export const TalliesQuerySchema = z.strictObject({
  topic: optionalText,
  /** A place slug: its series and those of every place inside it (services/surfaces/places/filter.ts). */
  place: optionalText,
});

/** `GET /api/claims` query. */
export const ClaimsQuerySchema = z.strictObject({
  topic: optionalText,
  since: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional(),
  ),
  limit: z.preprocess((v) => (v === '' || v === undefined ? 50 : v), z.coerce.number().int().min(1).max(MAX_PAGE)),
  cursor: z
    .preprocess((v) => (v === '' ? undefined : v), z.string().max(1000).optional())
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        decodeCursor(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not a cursor returned by this API' });
      }
    }),
});

/** Parses a query with `schema`; every problem at once, as `field: message`. Used by the API routes. */
export function parseQuery<S extends z.ZodType>(
  schema: S,
  query: unknown,
): { ok: true; value: z.output<S> } | { ok: false; problems: string[] } {
  const parsed = schema.safeParse(query);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeIssues(parsed.error) };
}
