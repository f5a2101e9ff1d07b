import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Client } from '@temporalio/client';
import { StartBackfillBodySchema } from '../../../schemas/backfill.ts';
import { describeIssues } from '../../../schemas/problems.ts';
import { refuseUnknown } from '../../../schemas/known.ts';
import type { Logger } from '../../platform/logger.ts';
import { createBackfills, type Backfills } from './backfills.ts';

export interface BackfillRoutesDeps {
  client: Client;
  /** The pipeline's topic prefix (workflow ids and listings) and the worker's task queue. */
  scope: string;
  taskQueue: string;
  log: Logger;
  /** The taxonomy's claim topics: a backfill naming another is refused (400) with the list. */
  claimTopics?: readonly string[];
}

function answerError(reply: FastifyReply, log: Logger, err: unknown) {
  const name = (err as Error).name;
  if (name === 'BackfillNotFoundError') return reply.code(404).send({ error: (err as Error).message });
  if (name === 'BackfillClosedError') return reply.code(409).send({ error: (err as Error).message });
  log.error({ err }, 'backfill request failed');
  return reply.code(503).send({ error: 'Temporal unavailable, retry later' });
}

/**
 * Registers the backfill routes on the HTTP service (services/app/http.ts):
 * `POST /api/backfills` (400 with every problem; 202 `{id, status}`), `GET /api/backfills`
 * (`{backfills}`: running and recent), `GET /api/backfills/:id` (404 when unknown) and
 * `POST /api/backfills/:id/pause|resume|cancel` (202 with the status; 409 once it has finished).
 */
export function registerBackfillRoutes(app: FastifyInstance, deps: BackfillRoutesDeps): void {
  const log = deps.log.child({ component: 'backfill-http' });
  const backfills: Backfills = createBackfills({ client: deps.client, scope: deps.scope, taskQueue: deps.taskQueue });

  app.post('/api/backfills', async (req, reply) => {
    const parsed = StartBackfillBodySchema.safeParse(req.body ?? {});
    if (!parsed.success)
      return reply.code(400).send({ error: 'invalid backfill request', problems: describeIssues(parsed.error) });
    const { batchSize, parallelism, ...request } = parsed.data;
    const unknown =
      request.topic === undefined || !deps.claimTopics
        ? undefined
        : refuseUnknown('topic', [request.topic], deps.claimTopics);
    if (unknown) return reply.code(400).send({ error: 'invalid backfill request', problems: [`topic: ${unknown}`] });
    try {
      const status = await backfills.start(request, {
        ...(batchSize !== undefined && { batchSize }),
        ...(parallelism !== undefined && { parallelism }),
      });
      return reply.code(202).send({ id: status.id, status });
    } catch (err) {
      return answerError(reply, log, err);
    }
  });

  app.get('/api/backfills', async (_req, reply) => {
    try {
      return { backfills: await backfills.list() };
    } catch (err) {
      return answerError(reply, log, err);
    }
  });

  app.get<{ Params: { id: string } }>('/api/backfills/:id', async (req, reply) => {
    try {
      return await backfills.status(req.params.id);
    } catch (err) {
      return answerError(reply, log, err);
    }
  });

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    app.post<{ Params: { id: string } }>(`/api/backfills/:id/${action}`, async (req, reply) => {
      try {
        return reply.code(202).send(await backfills[action](req.params.id));
      } catch (err) {
        return answerError(reply, log, err);
      }
    });
  }
}
