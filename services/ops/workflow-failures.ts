import type { Client } from '@temporalio/client';
import { connectClient } from '../platform/temporal.ts';
import { pipelineWorkflowQuery } from './health.ts';

/** Counts this pipeline's failed workflows through Temporal's visibility count API (one cheap RPC). */
export interface FailedWorkflowCounter {
  count(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Connects on first use (the HTTP service must start even while Temporal is down) and keeps the connection;
 * a failed connect is retried on the next call. Called by the HTTP service for GET /api/pipeline/health.
 */
export function createFailedWorkflowCounter(options: { address: string; namespace: string; prefix: string }): FailedWorkflowCounter {
  let conn: Promise<{ client: Client; close: () => Promise<void> }> | undefined;
  const query = pipelineWorkflowQuery(options.prefix, 'Failed');
  return {
    async count() {
      conn ??= connectClient(options).catch((err: unknown) => {
        conn = undefined;
        throw err;
      });
      const { client } = await conn;
      return (await client.workflow.count(query)).count;
    },
    async close() {
      const c = conn;
      conn = undefined;
      await c?.then((x) => x.close()).catch(() => undefined);
    },
  };
}
