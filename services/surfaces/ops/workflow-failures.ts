import type { Client } from '@temporalio/client';
import { STUCK_AFTER_MS, pipelineWorkflowQuery, stuckWorkflowQuery } from './health.ts';

/** Counts this pipeline's failed workflows through Temporal's visibility count API (one cheap RPC). */
export interface FailedWorkflowCounter {
  count(): Promise<number>;
  /** Article workflows running for more than STUCK_AFTER_MS (retrying), cluster-wide. */
  countStuck(now?: Date): Promise<number>;
}

/**
 * Counts on the process's shared Temporal client, whose connection dials on first use (the HTTP service must start
 * even while Temporal is down; a call then fails and the next one tries again). Called by the HTTP service for
 * GET /api/pipeline/health.
 */
export function createFailedWorkflowCounter(options: { client: Client; prefix: string }): FailedWorkflowCounter {
  const query = pipelineWorkflowQuery(options.prefix, 'Failed');
  return {
    async count() {
      return (await options.client.workflow.count(query)).count;
    },
    async countStuck(now = new Date()) {
      return (
        await options.client.workflow.count(
          stuckWorkflowQuery(options.prefix, new Date(now.getTime() - STUCK_AFTER_MS)),
        )
      ).count;
    },
  };
}
