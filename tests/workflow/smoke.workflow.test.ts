import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { createSmokeActivities } from '../../workflows/smoke/activities.ts';
import { workflowBundle } from '../../workflows/bundle.ts';
import { testContext, uniqueName } from '../support/harness.ts';
import { withWorker } from '../support/temporal.ts';
import { repoRoot } from '../../services/platform/config.ts';
import { dataConverter } from '../../services/platform/payload-codec.ts';

const ctx = testContext();

describe('Temporal dev server', () => {
  it('runs a workflow whose activity executes in a real worker, and the client gets the result', async () => {
    const taskQueue = uniqueName('test-smoke');
    const workflowId = uniqueName('smoke');
    const result = await withWorker(
      ctx,
      { taskQueue, activities: createSmokeActivities({ workerIdentity: 'test-worker' }) },
      (client) => client.workflow.execute('smokeWorkflow', { taskQueue, workflowId, args: ['ping'] }),
    );
    expect(result).toEqual({ echo: 'ping', worker: 'test-worker', workflowId });
  });

  it('replays every saved workflow history with the current workflow code (determinism guard)', async () => {
    const dir = path.join(repoRoot, 'tests', 'histories');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const histories = await Promise.all(
      files.map(async (f) => ({ workflowId: f, history: JSON.parse(await readFile(path.join(dir, f), 'utf8')) })),
    );
    const replayed: string[] = [];
    for await (const r of Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(ctx.log), dataConverter },
      histories,
    )) {
      expect(r.error, `${r.workflowId}: ${String(r.error)}`).toBeUndefined();
      replayed.push(r.workflowId);
    }
    expect(replayed.sort()).toEqual(files.sort());
  });
});
