import {
  ActivityCancellationType,
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { BackfillState } from '../../schemas/backfill.ts';
import type { BackfillActivities } from './activities.ts';
import {
  backfillProgressQuery,
  cancelBackfillSignal,
  pauseBackfillSignal,
  resumeBackfillSignal,
  type BackfillCarried,
  type BackfillInput,
  type BackfillProgress,
  type BatchResult,
} from './messages.ts';
import { batchAt, batchCount, countDone, markDone, nextPending, rateAndEta, recordCount } from './plan.ts';

const { planBackfill } = proxyActivities<BackfillActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '1s',
    maximumInterval: '30s',
    maximumAttempts: 10,
    nonRetryableErrorTypes: ['InvalidInputError'],
  },
});

// Regular activities (not local): each batch heartbeats its progress, so a retry on another worker
// resumes inside the batch, and the server, not this worker, owns the retries. Waiting for the
// cancellation to complete is what makes `cancelling` a state one can see.
const { runBackfillBatch } = proxyActivities<BackfillActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '30 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: {
    initialInterval: '1s',
    maximumInterval: '30s',
    maximumAttempts: 10,
    nonRetryableErrorTypes: ['InvalidInputError', 'ExtractorVersionChanged'],
  },
});

const emptyCounters = () => ({ done: 0, matched: 0, originals: 0, copies: 0, skipped: 0, errors: 0, events: 0 });

/**
 * Re-processes history with the worker's current extractor and taxonomy: plans the request into ranges
 * (one activity), then runs batches of records through `runBackfillBatch`, a few at a time. Finished
 * batches are kept as intervals, so a new worker, a retry or the next run after continue-as-new never
 * redoes one. Handles pause, resume and cancel (signal or Temporal cancellation); answers `backfillProgress`.
 */
export async function backfill(input: BackfillInput): Promise<BackfillProgress> {
  const startedAt = input.carried?.startedAt ?? new Date(Date.now()).toISOString();
  let carried: BackfillCarried | undefined = input.carried;
  let state: BackfillState = carried?.paused ? 'paused' : 'running';
  let paused = carried?.paused ?? false;
  let cancelRequested = false;
  let error: string | undefined;
  let finishedAt: string | undefined;
  let activeMs = carried?.activeMs ?? 0;
  let tickAt = Date.now();
  const inFlight = new Set<number>();
  const batchScope = new CancellationScope();

  // Running time only: paused stretches do not count against the rate.
  const tick = () => {
    const now = Date.now();
    if (!paused) activeMs += now - tickAt;
    tickAt = now;
  };

  const progress = (): BackfillProgress => {
    const ranges = carried?.ranges ?? [];
    const counters = carried?.counters ?? emptyCounters();
    const total = recordCount(ranges);
    const { ratePerSec, etaSeconds } = rateAndEta(counters.done, total, activeMs);
    return {
      state,
      request: input.request,
      done: counters.done,
      total,
      batchesDone: countDone(carried?.done ?? []),
      batchesTotal: batchCount(ranges, input.batchSize),
      ratePerSec,
      etaSeconds: state === 'running' || state === 'paused' ? etaSeconds : null,
      startedAt,
      ...(finishedAt !== undefined && { finishedAt }),
      extractorVersion: carried?.extractorVersion ?? '',
      errors: counters.errors,
      counters,
      ...(error !== undefined && { error }),
    };
  };

  setHandler(backfillProgressQuery, progress);
  setHandler(pauseBackfillSignal, () => {
    if (cancelRequested || paused) return;
    tick();
    paused = true;
    state = 'paused';
  });
  setHandler(resumeBackfillSignal, () => {
    if (cancelRequested || !paused) return;
    tick();
    paused = false;
    state = 'running';
  });
  setHandler(cancelBackfillSignal, () => {
    if (cancelRequested) return;
    cancelRequested = true;
    state = 'cancelling';
    batchScope.cancel();
  });

  const finish = (final: BackfillState): BackfillProgress => {
    tick();
    state = final;
    finishedAt = new Date(Date.now()).toISOString();
    return progress();
  };

  try {
    if (!carried) {
      const plan = await planBackfill({ request: input.request, batchSize: input.batchSize });
      carried = {
        ranges: plan.ranges,
        extractorVersion: plan.extractorVersion,
        done: [],
        counters: emptyCounters(),
        paused,
        startedAt,
        activeMs: 0,
      };
    }
    const plan: BackfillCarried = carried;
    const total = batchCount(plan.ranges, input.batchSize);
    let batchesThisRun = 0;
    let failure: unknown;

    const absorb = (index: number, r: BatchResult) => {
      const c = plan.counters;
      plan.counters = {
        done: c.done + r.records,
        matched: c.matched + r.matched,
        originals: c.originals + r.originals,
        copies: c.copies + r.copies,
        skipped: c.skipped + r.skipped,
        errors: c.errors + r.errors,
        events: c.events + r.events,
      };
      plan.done = markDone(plan.done, index);
    };

    const launch = (index: number) => {
      inFlight.add(index);
      batchesThisRun += 1;
      const task = {
        backfillId: input.id,
        index,
        request: input.request,
        extractorVersion: plan.extractorVersion,
        range: batchAt(plan.ranges, input.batchSize, index),
      };
      batchScope
        .run(() => runBackfillBatch(task))
        .then(
          (r) => absorb(index, r),
          (err: unknown) => {
            if (!(cancelRequested && isCancellation(err))) failure ??= err;
          },
        )
        .finally(() => {
          inFlight.delete(index);
          tick();
        });
    };

    const shouldContinueAsNew = () =>
      workflowInfo().continueAsNewSuggested ||
      (input.continueAsNewEvery !== undefined && batchesThisRun >= input.continueAsNewEvery);
    const pending = () => nextPending(plan.done, total, 0, inFlight);

    for (;;) {
      const stopLaunching = () => cancelRequested || failure !== undefined || shouldContinueAsNew();
      await condition(
        () =>
          (inFlight.size === 0 && (stopLaunching() || pending() === undefined)) ||
          (!stopLaunching() && !paused && inFlight.size < input.parallelism && pending() !== undefined),
      );
      if (inFlight.size === 0 && failure !== undefined) throw failure;
      if (inFlight.size === 0 && cancelRequested) return finish('cancelled');
      if (inFlight.size === 0 && pending() === undefined) return finish('completed');
      if (inFlight.size === 0 && shouldContinueAsNew()) {
        tick();
        await condition(allHandlersFinished);
        await continueAsNew<typeof backfill>({ ...input, carried: { ...plan, paused, activeMs, startedAt } });
      }
      const next = pending();
      if (next !== undefined && !stopLaunching() && !paused && inFlight.size < input.parallelism) launch(next);
    }
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err;
    if (isCancellation(err)) {
      // Temporal cancellation: the batches were cancelled with the workflow's scope; the run ends CANCELED.
      finish('cancelled');
      throw err;
    }
    error =
      err instanceof Error
        ? err.cause instanceof Error
          ? `${err.message}: ${err.cause.message}`
          : err.message
        : String(err);
    finish('failed');
    throw ApplicationFailure.nonRetryable(`backfill ${input.id} failed: ${error}`, 'BackfillFailed');
  }
}
