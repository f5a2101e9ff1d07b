import { z } from 'zod';
import { describeIssues } from '../../../schemas/problems.ts';
import { seriesKeyFromId } from '../../../domain/tally/series.ts';
import { refuseUnknown } from '../../../schemas/known.ts';
import { refuseUnknownPlace } from '../../../domain/places/known.ts';
import { parseSeq } from './sse-frame.ts';

const PLACE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Most series ids (and places) one subscription may name; a dashboard following more subscribes by topic. */
export const MAX_SERIES = 200;

/** `a,b` or repeated parameters (`topics=a&topics=b`) as one list without empties. */
const list = z.preprocess(
  (v) =>
    v === undefined
      ? undefined
      : (Array.isArray(v) ? v : [v])
          .flatMap((s) => String(s).split(','))
          .map((s) => s.trim())
          .filter((s) => s !== ''),
  z.array(z.string().max(500)).optional(),
);

const seq = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .optional()
    .refine((s) => s === undefined || parseSeq(s) !== undefined, { message: 'must be an event id (a whole number)' })
    .transform((s) => (s === undefined ? undefined : (parseSeq(s) as number))),
);

export interface SubscribeQuery {
  topics?: string[];
  series?: string[];
  /** Series of these places or of places inside them (`places=donetsk-oblast`). */
  places?: string[];
  /** Resume after this seq (the query form of Last-Event-ID). */
  lastEventId?: number;
  /** Start after this seq when no Last-Event-ID is given. */
  since?: number;
}

/**
 * The zod schema of `GET /api/subscribe`'s query for a taxonomy's claim topics: unknown parameters, unknown topics,
 * malformed series ids and series outside the chosen topics are all refused, each as its own problem.
 */
export function subscribeQuerySchema(claimTopics: readonly string[]) {
  const known = new Set(claimTopics);
  return z
    .strictObject({ topics: list, series: list, places: list, lastEventId: seq, since: seq })
    .superRefine((q, ctx) => {
      for (const [i, topic] of (q.topics ?? []).entries()) {
        if (!known.has(topic))
          ctx.addIssue({
            code: 'custom',
            path: ['topics', i],
            message: refuseUnknown('topic', [topic], claimTopics) ?? `unknown topic "${topic}"`,
          });
      }
      for (const [i, place] of (q.places ?? []).entries()) {
        const unknownPlace = PLACE_SLUG.test(place)
          ? refuseUnknownPlace(place)
          : `"${place}" is not a place slug like "donetsk-oblast"`;
        if (unknownPlace) ctx.addIssue({ code: 'custom', path: ['places', i], message: unknownPlace });
      }
      if ((q.places?.length ?? 0) > MAX_SERIES)
        ctx.addIssue({ code: 'custom', path: ['places'], message: `at most ${MAX_SERIES} places` });
      if ((q.series?.length ?? 0) > MAX_SERIES)
        ctx.addIssue({ code: 'custom', path: ['series'], message: `at most ${MAX_SERIES} series ids` });
      for (const [i, id] of (q.series ?? []).entries()) {
        const key = seriesKeyFromId(id);
        if (key === undefined)
          ctx.addIssue({ code: 'custom', path: ['series', i], message: `"${id}" is not a series id` });
        else if (!known.has(key.topic))
          ctx.addIssue({
            code: 'custom',
            path: ['series', i],
            message: `series "${id}" is of unknown topic "${key.topic}"`,
          });
        else if (q.topics !== undefined && q.topics.length > 0 && !q.topics.includes(key.topic)) {
          ctx.addIssue({
            code: 'custom',
            path: ['series', i],
            message: `series "${id}" is of topic "${key.topic}", which is not among topics`,
          });
        }
      }
    });
}

/** Parses the query; every problem at once as `field: message`. Called by the SSE route. */
export function parseSubscribeQuery(
  claimTopics: readonly string[],
  query: unknown,
): { ok: true; value: SubscribeQuery } | { ok: false; problems: string[] } {
  const parsed = subscribeQuerySchema(claimTopics).safeParse(query);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  const { topics, series, places, lastEventId, since } = parsed.data;
  return {
    ok: true,
    value: {
      ...(topics && { topics }),
      ...(series && { series }),
      ...(places && { places }),
      ...(lastEventId !== undefined && { lastEventId }),
      ...(since !== undefined && { since }),
    },
  };
}
