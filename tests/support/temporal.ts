import { Worker, type WorkerOptions } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import {
  connectClient,
  connectWorker,
  dataConverter,
  installTemporalRuntime,
} from '../../services/platform/temporal.ts';
import { workflowBundle } from '../../workflows/bundle.ts';
import type { Config } from '../../services/platform/config.ts';
import type { Logger } from '../../services/platform/logger.ts';

/** Runs `body` with a real Worker on a fresh task queue of the dev server, then shuts the worker down. */
export async function withWorker<T>(
  ctx: { config: Config; log: Logger },
  options: {
    taskQueue: string;
    activities: object;
    workerOptions?: Partial<Pick<WorkerOptions, 'maxCachedWorkflows'>>;
  },
  body: (client: Client) => Promise<T>,
): Promise<T> {
  installTemporalRuntime(ctx.log);
  const connection = await connectWorker({ address: ctx.config.temporal.address });
  const { client, close } = await connectClient(ctx.config.temporal);
  try {
    const worker = await Worker.create({
      connection,
      namespace: ctx.config.temporal.namespace,
      taskQueue: options.taskQueue,
      workflowBundle: await workflowBundle(ctx.log),
      dataConverter,
      activities: options.activities,
      ...options.workerOptions,
    });
    return await worker.runUntil(body(client));
  } finally {
    await close();
    await connection.close();
  }
}

/** Terminates every running workflow of `taskQueue` (entity workflows run forever: a test ends its own). */
export async function terminateRunning(client: Client, taskQueue: string): Promise<void> {
  for await (const wf of client.workflow.list({
    query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
  })) {
    await client.workflow
      .getHandle(wf.workflowId)
      .terminate('test finished')
      .catch(() => undefined);
  }
}
