// Records real backfill histories into tests/workflow/backfill/histories/ for the replay test: a run that was
// paused and resumed, and the first run of one that continued as new. `npx tsx tests/workflow/backfill/record.ts`
// with the stack up, after an intentional change to workflows/backfill (old histories must still replay).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { repoRoot } from '../../../services/platform/config.ts';
import { backfillWorkflowId } from '../../../workflows/backfill/messages.ts';
import { generateArticles } from '../../bench/generate-articles.ts';
import { backfillEnv, WIDE, writeArchive } from '../../int/backfill/support.ts';

const dir = path.join(repoRoot, 'tests', 'workflow', 'backfill', 'histories');
const env = await backfillEnv();
try {
  await env.startWorker();
  const archive = await writeArchive(generateArticles(24, 3));

  const paused = await env.backfills.start({ ...WIDE, input: archive }, { batchSize: 3, parallelism: 2 });
  await env.backfills.pause(paused.id);
  await env.backfills.resume(paused.id);
  await env.waitFinished(paused.id);
  const handle = env.client.workflow.getHandle(backfillWorkflowId(env.scope, paused.id));
  await writeFile(path.join(dir, 'paused-resumed.json'), historyToJSON(await handle.fetchHistory()));

  const continued = await env.backfills.start(
    { ...WIDE, input: archive },
    { batchSize: 2, parallelism: 2 },
    { continueAsNewEvery: 5 },
  );
  await env.waitFinished(continued.id);
  let first: string | undefined;
  for await (const wf of env.client.workflow.list({
    query: `WorkflowId = '${backfillWorkflowId(env.scope, continued.id)}' AND ExecutionStatus = 'ContinuedAsNew'`,
  }))
    first = wf.runId;
  const firstRun = env.client.workflow.getHandle(backfillWorkflowId(env.scope, continued.id), first);
  await writeFile(path.join(dir, 'continued-as-new.json'), historyToJSON(await firstRun.fetchHistory()));
  process.stdout.write(`recorded ${dir}/{paused-resumed,continued-as-new}.json\n`);
} finally {
  await env.stop();
}
process.exit(0);
