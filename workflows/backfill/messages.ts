import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { BackfillRequest, BackfillState } from '../../schemas/backfill.ts';
import type { DoneIntervals, SourceRange } from './plan.ts';

/** Counters a backfill keeps across batches and continue-as-new (plain JSON). */
export interface BackfillCounters {
  /** Records (lines, messages) covered by finished batches. */
  done: number;
  /** Records that matched the request (time window, source) and were processed. */
  matched: number;
  originals: number;
  copies: number;
  /** Re-deliveries of one URL, and articles a newer extractor version already replaced. */
  skipped: number;
  /** Unreadable lines or messages. */
  errors: number;
  /** Tally events published and delivered. */
  events: number;
}

/** State a backfill carries over continue-as-new: the plan as ranges, finished batches as intervals. */
export interface BackfillCarried {
  ranges: SourceRange[];
  extractorVersion: string;
  done: DoneIntervals;
  counters: BackfillCounters;
  paused: boolean;
  startedAt: string;
  /** Milliseconds spent running (not paused) so far: the basis of the rate. */
  activeMs: number;
}

/** Input of the backfill workflow. `carried` is absent on the first run. */
export interface BackfillInput {
  id: string;
  request: BackfillRequest;
  batchSize: number;
  parallelism: number;
  carried?: BackfillCarried;
  /** Continue as new after this many batches even if Temporal does not suggest it yet (tests use small values). */
  continueAsNewEvery?: number;
}

/** What the `backfillProgress` query and the workflow result report (BackfillStatus without the id). */
export interface BackfillProgress {
  state: BackfillState;
  request: BackfillRequest;
  done: number;
  total: number;
  batchesDone: number;
  batchesTotal: number;
  ratePerSec: number;
  etaSeconds: number | null;
  startedAt: string;
  finishedAt?: string;
  extractorVersion: string;
  errors: number;
  counters: BackfillCounters;
  error?: string;
}

/** One batch as the batch activity gets it: its place in the plan and the records to read. */
export interface BatchTask {
  backfillId: string;
  index: number;
  request: BackfillRequest;
  extractorVersion: string;
  range: SourceRange;
}

/** What one batch did. */
export type BatchResult = Omit<BackfillCounters, 'done'> & { records: number };

export const backfillProgressQuery = defineQuery<BackfillProgress>('backfillProgress');
export const pauseBackfillSignal = defineSignal('pause');
export const resumeBackfillSignal = defineSignal('resume');
export const cancelBackfillSignal = defineSignal('cancel');

/** Workflow id of a backfill, scoped by the topic prefix like the pipeline's other workflows. */
export function backfillWorkflowId(scope: string, id: string): string {
  return `${scope}/backfill:${id}`;
}
