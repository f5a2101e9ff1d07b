// Records real workflow histories from the dev server into tests/histories/*.json, for the replay
// test. Run `npx tsx tests/histories/record.ts [NAME…]` (only the named ones; default all) with the
// stack up, after an intentional workflow change (and think about versioning: old histories must
// still replay).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { WorkflowHandle } from '@temporalio/client';
import { createSmokeActivities } from '../../workflows/smoke/activities.ts';
import { testContext, uniqueName } from '../support/harness.ts';
import { withWorker } from '../support/temporal.ts';
import { sampleCorpus, startPipeline } from '../support/pipeline.ts';
import { repoRoot } from '../../services/platform/config.ts';
import { articleWorkflowId } from '../../workflows/process-article/messages.ts';
import { seriesWorkflowId } from '../../workflows/series-tally/messages.ts';
import { canonicalArticleId } from '../../domain/ingest/canonical-id.ts';

const dir = path.join(repoRoot, 'tests', 'histories');
const save = async (name: string, handle: WorkflowHandle) => {
  if (!wanted(name)) return;
  await writeFile(path.join(dir, `${name}.json`), historyToJSON(await handle.fetchHistory()));
  process.stdout.write(`recorded tests/histories/${name}.json\n`);
};

const only = process.argv.slice(2); // e.g. `process-article-batch`: record just these
const wanted = (name: string) => only.length === 0 || only.includes(name);
const ctx = testContext();
const taskQueue = uniqueName('record');
await withWorker(ctx, { taskQueue, activities: createSmokeActivities({ workerIdentity: 'recorder' }) }, async (client) => {
  const handle = await client.workflow.start('smokeWorkflow', { taskQueue, workflowId: uniqueName('smoke'), args: ['recorded'] });
  await handle.result();
  await save('smoke', handle);
});

// A Kursk article, its syndicated copy, and the settlements series they feed.
const corpus = await sampleCorpus();
const p = await startPipeline();
try {
  const kursk = corpus.filter((a) => /kursk/i.test(a.text)).slice(0, 6);
  await p.publish(kursk);
  await p.settle(kursk);
  const first = kursk[0]!;
  await save('process-article', p.client.workflow.getHandle(articleWorkflowId(p.scope, canonicalArticleId(first))));
  await save('series-tally', p.client.workflow.getHandle(seriesWorkflowId(p.scope, 'settlements-captured:ukraine:russia:-:kursk-oblast')));
} finally {
  await p.stop();
}

// A micro-batch (DISPATCH_BATCH_MAX > 1): the same articles through processArticleBatch.
const batched = await startPipeline({ dispatchBatchMax: 10, dispatchBatchMin: 2 });
try {
  const kursk = corpus.filter((a) => /kursk/i.test(a.text)).slice(0, 12);
  await batched.publish(kursk);
  await batched.settle(kursk);
  for await (const wf of batched.client.workflow.list({ query: `TaskQueue = '${batched.taskQueue}' AND WorkflowType = 'processArticleBatch'` })) {
    await save('process-article-batch', batched.client.workflow.getHandle(wf.workflowId));
    break;
  }
} finally {
  await batched.stop();
}
