// Records real workflow histories from the dev server into tests/histories/*.json, for the replay
// test. Run `npx tsx tests/histories/record.ts` after an intentional, versioned workflow change.
import { writeFile } from 'node:fs/promises';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import path from 'node:path';
import { createSmokeActivities } from '../../workflows/smoke/activities.ts';
import { testContext, uniqueName } from '../support/harness.ts';
import { withWorker } from '../support/temporal.ts';
import { repoRoot } from '../../services/platform/config.ts';

const ctx = testContext();
const taskQueue = uniqueName('record');
await withWorker(ctx, { taskQueue, activities: createSmokeActivities({ workerIdentity: 'recorder' }) }, async (client) => {
  const handle = await client.workflow.start('smokeWorkflow', { taskQueue, workflowId: uniqueName('smoke'), args: ['recorded'] });
  await handle.result();
  const history = await handle.fetchHistory();
  await writeFile(path.join(repoRoot, 'tests', 'histories', 'smoke.json'), historyToJSON(history));
});
process.stdout.write('recorded tests/histories/smoke.json\n');
