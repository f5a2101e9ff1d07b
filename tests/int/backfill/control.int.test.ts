import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBackfillRoutes } from '../../../services/surfaces/backfill/http-routes.ts';
import { BackfillStatusSchema } from '../../../schemas/backfill.ts';
import { backfillWorkflowId } from '../../../workflows/backfill/messages.ts';
import { generateArticles } from '../../bench/generate-articles.ts';
import { backfillEnv, WIDE, writeArchive, type BackfillEnv } from './support.ts';

/** Indexes (in history order) of the pause/resume signals and of every batch activity scheduled. */
async function historyMarks(env: BackfillEnv, id: string) {
  const history = await env.client.workflow.getHandle(backfillWorkflowId(env.scope, id)).fetchHistory();
  const marks: Array<{ signal?: string; batch?: true }> = [];
  for (const e of history.events ?? []) {
    if (e.workflowExecutionSignaledEventAttributes)
      marks.push({ signal: e.workflowExecutionSignaledEventAttributes.signalName ?? '' });
    if (e.activityTaskScheduledEventAttributes?.activityType?.name === 'runBackfillBatch') marks.push({ batch: true });
  }
  return marks;
}

describe('steering backfills on the real stack', () => {
  let env: BackfillEnv;
  let archive: string;
  beforeAll(async () => {
    env = await backfillEnv();
    await env.startWorker();
    archive = await writeArchive(generateArticles(120, 5));
  });
  afterAll(() => env?.stop());

  it('pauses (no batch is scheduled until resumed) and resumes to completion', async () => {
    const { id } = await env.backfills.start({ ...WIDE, input: archive }, { batchSize: 2, parallelism: 1 });
    const paused = await env.backfills.pause(id);
    expect(paused.state).toBe('paused');
    expect((await env.backfills.status(id)).state).toBe('paused');
    expect((await env.backfills.resume(id)).state).toBe('running');
    const done = await env.waitFinished(id);
    expect(done).toMatchObject({ state: 'completed', batchesDone: 60, batchesTotal: 60, done: 120, etaSeconds: null });
    expect(done.ratePerSec).toBeGreaterThan(0);

    const marks = await historyMarks(env, id);
    const pauseAt = marks.findIndex((m) => m.signal === 'pause');
    const resumeAt = marks.findIndex((m) => m.signal === 'resume');
    expect(pauseAt).toBeGreaterThanOrEqual(0);
    expect(resumeAt).toBeGreaterThan(pauseAt);
    expect(marks.slice(pauseAt, resumeAt).filter((m) => m.batch)).toEqual([]);
    expect(marks.filter((m) => m.batch)).toHaveLength(60);
  });

  it('cancels by signal, keeping the finished batches, and by Temporal cancellation', async () => {
    const bySignal = await env.backfills.start({ ...WIDE, input: archive }, { batchSize: 2, parallelism: 1 });
    await env.backfills.pause(bySignal.id);
    const cancelling = await env.backfills.cancel(bySignal.id);
    expect(['cancelling', 'cancelled']).toContain(cancelling.state);
    const cancelled = await env.waitFinished(bySignal.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.batchesDone).toBeLessThan(60);
    expect(cancelled.finishedAt).toBeDefined();
    await expect(env.backfills.resume(bySignal.id)).rejects.toThrow(/is cancelled/);

    const byTemporal = await env.backfills.start({ ...WIDE, input: archive }, { batchSize: 2, parallelism: 1 });
    await env.client.workflow.getHandle(backfillWorkflowId(env.scope, byTemporal.id)).cancel();
    const status = await env.waitFinished(byTemporal.id);
    expect(status.state).toBe('cancelled');
    expect(status.batchesDone).toBeLessThan(60);
  });

  describe('HTTP routes', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = Fastify();
      registerBackfillRoutes(app, { client: env.client, scope: env.scope, taskQueue: env.taskQueue, log: env.ctx.log });
      await app.ready();
    });
    afterAll(() => app?.close());

    it('answers 400 with every problem, 202 with the status, 404 for an unknown id and 409 once finished', async () => {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/backfills',
        payload: { from: 'yesterday', topic: 'Not A Slug', batchSize: 0 },
      });
      expect(bad.statusCode).toBe(400);
      const problems = (bad.json() as { problems: string[] }).problems.join('\n');
      for (const field of ['from', 'to', 'topic', 'batchSize']) expect(problems).toContain(`${field}:`);

      const started = await app.inject({
        method: 'POST',
        url: '/api/backfills',
        payload: { ...WIDE, input: archive, batchSize: 30 },
      });
      expect(started.statusCode).toBe(202);
      const { id, status } = started.json() as { id: string; status: unknown };
      expect(BackfillStatusSchema.parse(status).id).toBe(id);

      const paused = await app.inject({ method: 'POST', url: `/api/backfills/${id}/pause` });
      expect(paused.statusCode).toBe(202);
      expect(BackfillStatusSchema.parse(paused.json()).state).toBe('paused');
      expect((await app.inject({ method: 'POST', url: `/api/backfills/${id}/resume` })).statusCode).toBe(202);
      await env.waitFinished(id);

      const one = await app.inject({ method: 'GET', url: `/api/backfills/${id}` });
      expect(BackfillStatusSchema.parse(one.json())).toMatchObject({
        id,
        state: 'completed',
        request: { input: archive },
        batchesTotal: 4,
      });
      const list = await app.inject({ method: 'GET', url: '/api/backfills' });
      const listed = (list.json() as { backfills: unknown[] }).backfills.map((s) => BackfillStatusSchema.parse(s));
      expect(listed.map((s) => s.id)).toContain(id);
      expect((await app.inject({ method: 'GET', url: '/api/backfills/nope' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: `/api/backfills/${id}/cancel` })).statusCode).toBe(409);
    });
  });
});
