import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { placeInfo } from '../../../domain/places/roll-up.ts';
import { describeIssues } from '../../../schemas/problems.ts';

/** Most places one `GET /api/places?ids=` answers; the dashboard asks for the places of the series it shows. */
export const MAX_PLACE_IDS = 500;

const IdsQuerySchema = z.strictObject({
  ids: z
    .string()
    .max(20_000)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      ),
    ])
    .refine((ids) => ids.length <= MAX_PLACE_IDS, { message: `at most ${MAX_PLACE_IDS} ids` }),
});

/**
 * `GET /api/places/:id` (the place's name, kind, region and country from the gazetteer; 404 when unknown) and
 * `GET /api/places?ids=a,b` (`{places: [...]}` for the known ones). Registered by the API with the read routes.
 */
export function registerPlaceRoutes(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>('/api/places/:id', async (req, reply) => {
    const info = placeInfo(req.params.id);
    return info ?? reply.code(404).send({ error: `unknown place ${req.params.id}` });
  });
  app.get('/api/places', async (req, reply) => {
    const query = IdsQuerySchema.safeParse(req.query);
    if (!query.success) return reply.code(400).send({ error: 'invalid query', problems: describeIssues(query.error) });
    return { places: query.data.ids.flatMap((id) => placeInfo(id) ?? []) };
  });
}
