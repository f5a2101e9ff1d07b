import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SmokeActivities } from './activities.ts';

const { describeWorker } = proxyActivities<SmokeActivities>({ startToCloseTimeout: '30 seconds' });

/**
 * Round-trips through one activity: `claimwatch doctor` and the stack tests run it to prove
 * that a worker serves the task queue end to end.
 */
export async function smokeWorkflow(echo: string): Promise<{ echo: string; worker: string; workflowId: string }> {
  const answer = await describeWorker(echo);
  return { echo: answer.echo, worker: answer.worker, workflowId: workflowInfo().workflowId };
}
