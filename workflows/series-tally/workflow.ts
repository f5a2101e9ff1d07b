import {
  allHandlersFinished,
  condition,
  makeContinueAsNewFunc,
  patched,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  boundedOf,
  boundedVersion,
  boundedSnapshotOf,
  compactTally,
  createArchiveIndex,
  createReportsMemo,
  evolveBounded,
  headlineViewOf,
  initialTally,
  publishedBoundedTallyOf,
} from '../../domain/tally/index.ts';
import type { SeriesTallyActivities } from './activities.ts';
import {
  tallyEventsSignal,
  tallyHeadlineQuery,
  tallySnapshotQuery,
  tallyStateQuery,
  type SeriesTallyInput,
  type TallyDelivery,
} from './messages.ts';

// Local activity: publishing a snapshot is one Kafka produce; no extra task round trip is worth it.
const { publishTallySnapshot } = proxyLocalActivities<SeriesTallyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', maximumInterval: '10s' },
});

/**
 * A run continues as new after 1,000 to 2,000 history events (the point fixed per series by a hash of its id), even if
 * the server suggests it later (real clusters suggest at several thousand). A worker that lost its cache replays the
 * run from its start, folding and summarising every delivery again: ~2.6 s for a 2,100-event run of a 750-report
 * series here. The spread matters as much: series fed by the same articles grow in step, and 32 of them continuing as
 * new at once (each carrying ~650 KB of state) stalled the pipeline for 30 s in bench:pipeline with 30k articles.
 */
export const CONTINUE_AS_NEW_AFTER_EVENTS = 1000;

/**
 * A publish that spanned workflow tasks this long may have had an attempt time out, leaving its produce retrying inside
 * kafkajs on some worker (a broker outage). Any attempt that times out takes 30 s; a quick publish takes no workflow time.
 */
export const SLOW_PUBLISH_MS = 10_000;
/**
 * How long after a slow publish the series publishes its latest version again. Past the longest an abandoned kafkajs
 * send can keep retrying (9 attempts of at most 30 s request + 3 s connect, ~60 s of backoff: ~6 min), so whatever
 * such a send still writes lands before the republished version and the topic's last record per series is the latest.
 */
export const TALLY_FENCE_AFTER_MS = 10 * 60_000;

/**
 * Pure: the fence time after a publish that started at `startedAt` and ended at `endedAt` (workflow time), given the
 * fence already set (null: none). A slow publish sets (or moves) the fence; a quick publish that started once the
 * fence was due is itself the fence and clears it.
 */
export function nextFence(
  fenceAt: number | null,
  startedAt: number,
  endedAt: number,
  afterMs = TALLY_FENCE_AFTER_MS,
): number | null {
  if (endedAt - startedAt >= SLOW_PUBLISH_MS) return endedAt + afterMs;
  if (fenceAt !== null && startedAt >= fenceAt) return null;
  return fenceAt;
}

/** Pure: the history length at which this series' runs continue as new, in [base, 2 × base). */
export function continueAsNewPoint(seriesId: string, base = CONTINUE_AS_NEW_AFTER_EVENTS): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seriesId.length; i++) h = Math.imul(h ^ seriesId.charCodeAt(i), 0x01000193) >>> 0;
  return base + (h % base);
}

/**
 * Entity workflow, one per series: folds tally events with the pure `evolve` shared with the projector (through the
 * bounded state of domain/tally/bounded.ts), publishes each new version (headline + changed reports), answers queries
 * with the headline and the most recent reports, and continues as new when Temporal suggests it, carrying only the
 * reports that can still change the headline and aggregates of the rest. Deliveries arriving while a snapshot is
 * published are folded in the next batch.
 */
export async function seriesTally(input: SeriesTallyInput): Promise<never> {
  // A run continued from one before the bounded state carries the whole fold's state: it is the kept part, nothing archived.
  let tally = input.bounded ?? boundedOf(input.state ?? initialTally(input.seriesId, input.key));
  // Unpacked archive hashes, reused while the archive's article list is unchanged: only speed, like the memo.
  const archiveIndex = createArchiveIndex();
  const pending: TallyDelivery[] = [...(input.pending ?? [])];
  let publishedVersion = input.publishedVersion ?? -1;
  let publishedReports = input.publishedReports ?? {};
  let deliveriesThisRun = 0;
  // Reports of unchanged groups are reused between versions: a delivery costs what it changed plus linear scans,
  // not a rebuild of every report. A cache only (same results without it), so replays need nothing from it.
  const memo = createReportsMemo();

  setHandler(tallyEventsSignal, (delivery) => {
    pending.push(delivery);
  });
  setHandler(tallySnapshotQuery, () => boundedSnapshotOf(tally));
  setHandler(tallyHeadlineQuery, () => headlineViewOf(tally));
  setHandler(tallyStateQuery, () => tally);

  // Runs started before the length rule existed keep the old rule on replay.
  const byLength = patched('continue-as-new-by-history-length');
  const lengthLimit = continueAsNewPoint(input.seriesId);
  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested ||
    (byLength && workflowInfo().historyLength >= lengthLimit) ||
    (input.continueAsNewEvery !== undefined && deliveriesThisRun >= input.continueAsNewEvery);

  // A continue-as-new task that meets a newly arrived signal is refused (UnhandledCommand) and the run replays from its
  // start; the task's length is the window for that. So the task that continues as new no longer also publishes (a
  // local activity: a Kafka produce inside the task); the new run publishes first thing. Older runs replay unchanged.
  const publishInNextRun = patched('continue-as-new-before-publishing');

  // The tally fence: after a slow publish the latest version is published again once any produce an attempt left
  // behind has ended, so a late older version never stays the last record of the series on the compacted topic.
  const fenced = patched('tally-fence');
  // Runs before the bounded state continue as new with the whole state, never archiving (their histories replay so).
  const bounded = patched('bounded-series-state');
  let fenceAt: number | null = input.fenceAt ?? null;
  const fenceAfterMs = input.fenceAfterMs ?? TALLY_FENCE_AFTER_MS;
  // Issue 17's chaos test: workflow time around a local activity that spans workflow tasks is not the same on replay
  // (a replay set no fence where the live run had, and the series failed every task with a nondeterminism error). Runs
  // from then on take the publish's duration from the activity's result, which replays from its marker.
  const measured = fenced && patched('tally-fence-measured');
  const publish = async (make: () => Parameters<typeof publishTallySnapshot>[0]) => {
    const startedAt = Date.now();
    const timing = await publishTallySnapshot(make());
    if (measured) {
      if (timing) fenceAt = nextFence(fenceAt, timing.startedAt, timing.endedAt, fenceAfterMs);
    } else if (fenced) fenceAt = nextFence(fenceAt, startedAt, Date.now(), fenceAfterMs);
  };

  for (;;) {
    const due = () =>
      pending.length > 0 || shouldContinueAsNew() || (publishInNextRun && boundedVersion(tally) !== publishedVersion);
    if (fenced && fenceAt !== null) await condition(due, Math.max(1, fenceAt - Date.now()));
    else await condition(due);
    while (pending.length > 0 && !shouldContinueAsNew()) {
      const delivery = pending.shift() as TallyDelivery;
      // The fold ignores facts it has seen (kept seen keys, archived article hashes): redeliveries are no-ops.
      for (const event of delivery.events) tally = evolveBounded(tally, event, archiveIndex);
      deliveriesThisRun += 1;
    }
    if (boundedVersion(tally) !== publishedVersion && !(publishInNextRun && shouldContinueAsNew())) {
      if (workflowInfo().unsafe.isReplaying) {
        // Replaying after an eviction: this version went out when the run first got here (a replayed local activity
        // is resolved from its history marker; its argument is not sent again). Working the message out anyway would
        // summarise every delivery of the run again, and evictions are routine here: a continue-as-new that meets a
        // newly arrived signal is refused (UnhandledCommand) and the run is replayed from its start — seconds for a
        // big series, during which the workflow thread serves nothing else. `publishedReports` stays as last worked
        // out live, so the next live message repeats what changed since then (readers upsert reports by claim id).
        await publish(() => null);
      } else {
        // The headline in full, but only the reports that changed: the message does not grow with the series.
        let published = publishedReports;
        await publish(() => {
          const next = publishedBoundedTallyOf(tally, publishedReports, memo);
          published = next.published;
          return next.tally;
        });
        publishedReports = published;
      }
      publishedVersion = boundedVersion(tally);
    }
    if (
      fenced &&
      fenceAt !== null &&
      Date.now() >= fenceAt &&
      boundedVersion(tally) === publishedVersion &&
      publishedVersion >= 0 &&
      !shouldContinueAsNew()
    ) {
      // The same version (same message id, the headline in full, no reports: none changed); readers skip it unless
      // it is news to them. A quick publish once the fence is due clears it.
      await publish(() =>
        workflowInfo().unsafe.isReplaying ? null : publishedBoundedTallyOf(tally, publishedReports, memo).tally,
      );
    }
    if (shouldContinueAsNew()) {
      await condition(allHandlersFinished);
      if (bounded) {
        // Archive what can no longer change the headline (same version, same headline): the next run's input stays
        // bounded. Archived reports are not "removed": they are dropped from the published fingerprints.
        const { tally: compacted, archivedClaims } = compactTally(tally, undefined, archiveIndex);
        tally = compacted;
        if (archivedClaims.length > 0) {
          const archived = new Set(archivedClaims);
          publishedReports = Object.fromEntries(Object.entries(publishedReports).filter(([id]) => !archived.has(id)));
        }
      }
      // The next run keeps this run's task timeout (set by the deliverer: queued tasks must not time out under load).
      await makeContinueAsNewFunc<typeof seriesTally>({ workflowTaskTimeout: workflowInfo().taskTimeoutMs })({
        seriesId: input.seriesId,
        key: input.key,
        ...(bounded ? { bounded: tally } : { state: tally.kept }),
        pending: pending.splice(0),
        publishedVersion,
        publishedReports,
        continueAsNewEvery: input.continueAsNewEvery,
        ...(fenced && fenceAt !== null ? { fenceAt } : {}),
        ...(input.fenceAfterMs !== undefined ? { fenceAfterMs: input.fenceAfterMs } : {}),
      });
    }
  }
}
