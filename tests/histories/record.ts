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
import { tallyEventsSignal, type TallyDelivery } from '../../workflows/series-tally/messages.ts';
import type { seriesTally } from '../../workflows/series-tally/workflow.ts';
import { defaultTaxonomy, extractClaims } from '../../domain/extract/index.ts';
import { seriesId, seriesKeyOf } from '../../domain/tally/series.ts';
import type { TallyEvent } from '../../schemas/tally.ts';

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
if (wanted('process-article') || wanted('series-tally')) {
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
}

// A micro-batch (DISPATCH_BATCH_MAX > 1): the same articles through processArticleBatch.
if (wanted('process-article-batch')) {
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
}

// A series run that continues as new with the bounded state (patch `bounded-series-state`): three deliveries, the first
// two a year older than the third, so the run that continues as new archives them (compactTally runs in its last task).
if (wanted('series-tally-bounded-continued')) {
  const claim = corpus.flatMap((a) => extractClaims(a, defaultTaxonomy()).map((c) => ({ c, a }))).find(({ c }) => c.kind === 'total' && c.period === null);
  if (!claim) throw new Error('no standing claim in the sample corpus');
  const key = seriesKeyOf(claim.c);
  const series = seriesId(key);
  const event = (i: number, asOf: string): TallyEvent => ({
    type: 'ClaimReported',
    data: { claim: { ...claim.c, id: `rec-${i}`, articleId: `rec-article-${i}`, asOf, quantity: { ...claim.c.quantity, value: claim.c.quantity.value + i } }, source: `Outlet ${i}`, url: `https://news.example/rec/${i}`, copyOf: null },
  });
  const deliveries: TallyDelivery[] = [
    { deliveryId: 'rec-1', events: [event(1, '2023-03-01'), event(2, '2023-03-02')] },
    { deliveryId: 'rec-2', events: [event(3, '2023-03-03')] },
    { deliveryId: 'rec-3', events: [event(4, '2024-03-01')] },
  ];
  const tallyQueue = uniqueName('record-tally');
  await withWorker(ctx, { taskQueue: tallyQueue, activities: { publishTallySnapshot: async () => {} } }, async (client) => {
    const workflowId = uniqueName('record-tally');
    let firstRun: string | undefined;
    for (const d of deliveries) {
      const handle = await client.workflow.signalWithStart<typeof seriesTally, [TallyDelivery]>('seriesTally', {
        workflowId,
        taskQueue: tallyQueue,
        args: [{ seriesId: series, key, continueAsNewEvery: 3 }],
        signal: tallyEventsSignal,
        signalArgs: [d],
      });
      firstRun ??= handle.signaledRunId;
    }
    const run = client.workflow.getHandle(workflowId, firstRun);
    for (let i = 0; i < 100 && (await run.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 200));
    await save('series-tally-bounded-continued', run);
    await client.workflow.getHandle(workflowId).terminate('recorded');
  });
}
