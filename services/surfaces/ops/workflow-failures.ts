import type { Client } from '@temporalio/client';
import { connectClient } from '../../platform/temporal.ts';
import { STUCK_AFTER_MS, pipelineWorkflowQuery, stuckWorkflowQuery } from './health.ts';

/** Counts this pipeline's failed workflows through Temporal's visibility count API (one cheap RPC). */
export interface FailedWorkflowCounter {
  count(): Promise<number>;
  /** Article workflows running for more than STUCK_AFTER_MS (retrying), cluster-wide. */
  countStuck(now?: Date): Promise<number>;
  close(): Promise<void>;
}

/**
 * Connects on first use (the HTTP service must start even while Temporal is down) and keeps the connection;
 * a failed connect is retried on the next call. Called by the HTTP service for GET /api/pipeline/health.
 */
export function createFailedWorkflowCounter(options: { address: string; namespace: string; prefix: string }): FailedWorkflowCounter {
  let conn: Promise<{ client: Client; close: () => Promise<void> }> | undefined;
  const query = pipelineWorkflowQuery(options.prefix, 'Failed');
  const client = async () => {
    conn ??= connectClient(options).catch((err: unknown) => {
      conn = undefined;
      throw err;
    });
    return (await conn).client;
  };
  return {
    async count() {
      return (await (await client()).workflow.count(query)).count;
    },
    async countStuck(now = new Date()) {
      return (await (await client()).workflow.count(stuckWorkflowQuery(options.prefix, new Date(now.getTime() - STUCK_AFTER_MS)))).count;
    },
    async close() {
      const c = conn;
      conn = undefined;
      await c?.then((x) => x.close()).catch(() => undefined);
    },
  };
}
