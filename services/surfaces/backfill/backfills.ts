import { randomUUID } from 'node:crypto';
import {
  WorkflowNotFoundError,
  type Client,
  type SignalDefinition,
  type WorkflowExecutionDescription,
  type WorkflowExecutionInfo,
} from '@temporalio/client';
import {
  BackfillOptionsSchema,
  type BackfillOptions,
  type BackfillRequest,
  type BackfillStatus,
} from '../../../schemas/backfill.ts';
import type { backfill } from '../../../workflows/backfill/workflow.ts';
import {
  backfillProgressQuery,
  backfillWorkflowId,
  cancelBackfillSignal,
  pauseBackfillSignal,
  resumeBackfillSignal,
  type BackfillInput,
  type BackfillProgress,
} from '../../../workflows/backfill/messages.ts';
import { ClaimwatchError } from '../../platform/errors.ts';

/** A backfill id no one knows in this pipeline. */
export class BackfillNotFoundError extends ClaimwatchError {
  constructor(id: string) {
    super('NOT_FOUND', `no backfill ${id}`, { retriable: false });
    this.name = 'BackfillNotFoundError';
  }
}

/** A control (pause, resume, cancel) sent to a backfill that has already finished. */
export class BackfillClosedError extends ClaimwatchError {
  constructor(id: string, state: string) {
    super('CONFLICT', `backfill ${id} is ${state}`, { retriable: false });
    this.name = 'BackfillClosedError';
  }
}

export interface BackfillsDeps {
  client: Client;
  /** The pipeline's topic prefix: workflow ids and listings are scoped by it. */
  scope: string;
  taskQueue: string;
  /** How many finished backfills `list` shows besides the running ones. */
  recent?: number;
}

type Described = Pick<WorkflowExecutionInfo, 'workflowId' | 'status' | 'startTime' | 'closeTime' | 'memo'>;

/** Starts, inspects and steers backfills of one pipeline. Used by the CLI and the HTTP routes. */
export function createBackfills(deps: BackfillsDeps) {
  const prefix = backfillWorkflowId(deps.scope, '');
  const handleOf = (id: string) => deps.client.workflow.getHandle(backfillWorkflowId(deps.scope, id));

  const fromProgress = (id: string, p: BackfillProgress): BackfillStatus => ({
    id,
    state: p.state,
    request: p.request,
    done: p.done,
    total: p.total,
    batchesDone: p.batchesDone,
    batchesTotal: p.batchesTotal,
    ratePerSec: p.ratePerSec,
    etaSeconds: p.etaSeconds,
    startedAt: p.startedAt,
    ...(p.finishedAt !== undefined && { finishedAt: p.finishedAt }),
    extractorVersion: p.extractorVersion,
    ...(p.error !== undefined && { error: p.error }),
  });

  // When no worker answers the query: what the server alone knows.
  const fromServer = (id: string, d: Described, state: BackfillStatus['state'], error?: string): BackfillStatus => ({
    id,
    state,
    request: (d.memo?.request as BackfillRequest | undefined) ?? { from: '', to: '' },
    done: 0,
    total: 0,
    batchesDone: 0,
    batchesTotal: 0,
    ratePerSec: 0,
    etaSeconds: null,
    startedAt: d.startTime.toISOString(),
    ...(d.closeTime && { finishedAt: d.closeTime.toISOString() }),
    extractorVersion: '',
    ...(error !== undefined && { error }),
  });

  // A finished backfill never changes (ids are never reused): answer it once, not on every dashboard poll.
  const finished = new Map<string, BackfillStatus>();

  async function statusOf(d: Described): Promise<BackfillStatus> {
    const known = finished.get(d.workflowId);
    if (known) return known;
    const status = await currentStatusOf(d);
    if (d.status.name !== 'RUNNING' && d.status.name !== 'CONTINUED_AS_NEW' && status.total > 0) {
      if (finished.size >= 1000) finished.delete(finished.keys().next().value as string);
      finished.set(d.workflowId, status);
    }
    return status;
  }

  async function currentStatusOf(d: Described): Promise<BackfillStatus> {
    const id = d.workflowId.slice(prefix.length);
    const handle = deps.client.workflow.getHandle(d.workflowId);
    const closed = d.status.name !== 'RUNNING';
    let progress: BackfillProgress | undefined;
    try {
      // A closed run answers too: a worker replays its history. A completed one has its result stored.
      progress =
        d.status.name === 'COMPLETED'
          ? ((await handle.result()) as BackfillProgress)
          : await handle.query(backfillProgressQuery);
    } catch {
      progress = undefined;
    }
    if (d.status.name === 'TERMINATED' || d.status.name === 'TIMED_OUT') {
      const why = `workflow ${d.status.name.toLowerCase()}`;
      return progress
        ? {
            ...fromProgress(id, progress),
            state: 'failed',
            error: why,
            finishedAt: d.closeTime?.toISOString() ?? progress.startedAt,
          }
        : fromServer(id, d, 'failed', why);
    }
    if (progress) return fromProgress(id, progress);
    if (!closed) return fromServer(id, d, 'running');
    return fromServer(
      id,
      d,
      d.status.name === 'CANCELLED' ? 'cancelled' : d.status.name === 'COMPLETED' ? 'completed' : 'failed',
    );
  }

  async function describe(id: string): Promise<WorkflowExecutionDescription> {
    try {
      return await handleOf(id).describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new BackfillNotFoundError(id);
      throw err;
    }
  }

  async function control(id: string, signal: SignalDefinition<[]>): Promise<BackfillStatus> {
    const d = await describe(id);
    if (d.status.name !== 'RUNNING') throw new BackfillClosedError(id, (await statusOf(d)).state);
    await handleOf(id).signal(signal);
    return statusOf(d);
  }

  return {
    /** Starts a backfill (options default from BackfillOptionsSchema); resolves once Temporal accepted it, with its initial status. */
    async start(
      request: BackfillRequest,
      options: Partial<BackfillOptions> = {},
      extra: Pick<BackfillInput, 'continueAsNewEvery'> = {},
    ): Promise<BackfillStatus> {
      const { batchSize, parallelism } = BackfillOptionsSchema.parse(options);
      const id = `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
      const input: BackfillInput = { id, request, batchSize, parallelism, ...extra };
      const handle = await deps.client.workflow.start<typeof backfill>('backfill', {
        workflowId: backfillWorkflowId(deps.scope, id),
        taskQueue: deps.taskQueue,
        args: [input],
        memo: { request },
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      // Not a query: it would wait for a worker, and none may be polling yet. The plan comes with the first batch.
      return fromServer(
        id,
        {
          workflowId: handle.workflowId,
          status: { code: 1, name: 'RUNNING' },
          startTime: new Date(),
          closeTime: undefined,
          memo: { request },
        },
        'running',
      );
    },
    /** The status of one backfill; throws BackfillNotFoundError. */
    async status(id: string): Promise<BackfillStatus> {
      return statusOf(await describe(id));
    },
    /** Running backfills and the most recent finished ones of this pipeline, newest first. */
    async list(): Promise<BackfillStatus[]> {
      const found: Described[] = [];
      const query = `WorkflowType = 'backfill' AND WorkflowId STARTS_WITH '${prefix.replace(/'/g, "\\'")}'`;
      let finished = 0;
      for await (const wf of deps.client.workflow.list({ query })) {
        if (wf.status.name === 'CONTINUED_AS_NEW') continue; // an earlier run of a backfill listed under its latest
        if (wf.status.name !== 'RUNNING' && ++finished > (deps.recent ?? 20)) continue;
        found.push(wf);
      }
      const statuses = await Promise.all(found.map(statusOf));
      return statuses.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
    },
    /** Stops starting batches (running ones finish); throws BackfillNotFoundError or BackfillClosedError. */
    pause: (id: string) => control(id, pauseBackfillSignal),
    resume: (id: string) => control(id, resumeBackfillSignal),
    /** Cancels the running batches and ends the backfill; finished batches stay applied. */
    cancel: (id: string) => control(id, cancelBackfillSignal),
  };
}

export type Backfills = ReturnType<typeof createBackfills>;
