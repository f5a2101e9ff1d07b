import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../../workflows/bundle.ts';
import { repoRoot } from '../../../services/platform/config.ts';
import { dataConverter } from '../../../services/platform/payload-codec.ts';
import { testContext } from '../../support/harness.ts';

const ctx = testContext();

describe('backfill workflow determinism', () => {
  it('replays the saved backfill histories (pause/resume, continue-as-new) with the current workflow code', async () => {
    const dir = path.join(repoRoot, 'tests', 'workflow', 'backfill', 'histories');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(['continued-as-new.json', 'paused-resumed.json']);
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
    expect(replayed.sort()).toEqual(files);
  });
});
