import type { TallyFigure } from '../../schemas/tally.ts';
import type { AlertEvent, Condition, Observation, TallyObservation } from '../../schemas/webhook.ts';

/** Where a figure stands relative to a threshold condition. */
export type ThresholdSide = 'above' | 'below' | 'inside';

/**
 * What one subscription remembers of one series between snapshots (plain JSON: it crosses
 * continue-as-new). A series not seen yet counts as "no figure, not disputed, inside the thresholds",
 * so the first snapshot a subscription sees can alert once (level at first sight, then edges).
 */
export interface SeriesMemory {
  version: number;
  figure: TallyFigure | null;
  disputed: boolean;
  side: ThresholdSide;
}

export const emptyMemory = (): SeriesMemory => ({ version: -1, figure: null, disputed: false, side: 'inside' });

/** A figure's identity for new-figure: which outlet repeats it or on which day does not make it new. */
function sameFigure(a: TallyFigure | null, b: TallyFigure | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.value === b.value && a.unit === b.unit && a.qualifier === b.qualifier && a.low === b.low && a.high === b.high
  );
}

/** The side of `value` for a threshold; `above` wins when a value satisfies both (below ≤ above is validated). */
export function sideOf(value: number, threshold: { above?: number; below?: number }): ThresholdSide {
  if (threshold.above !== undefined && value > threshold.above) return 'above';
  if (threshold.below !== undefined && value < threshold.below) return 'below';
  return 'inside';
}

function remember(previous: SeriesMemory, o: TallyObservation, condition: Condition): SeriesMemory {
  const side = condition.kind === 'threshold' && o.latest !== null ? sideOf(o.latest.value, condition) : previous.side;
  return { version: o.version, figure: o.latest, disputed: o.disputed, side };
}

function tallyEvent(
  condition: Condition,
  before: SeriesMemory,
  after: SeriesMemory,
  o: TallyObservation,
): AlertEvent | null {
  const base = { seriesId: o.seriesId, topic: o.topic, version: o.version };
  switch (condition.kind) {
    case 'new-figure':
      return o.latest !== null && !sameFigure(before.figure, o.latest)
        ? { kind: 'new-figure', ...base, previous: before.figure, latest: o.latest }
        : null;
    case 'disputed':
      return o.disputed && !before.disputed
        ? { kind: 'disputed', ...base, disputes: o.disputes, latest: o.latest }
        : null;
    case 'threshold': {
      if (o.latest === null || after.side === before.side || after.side === 'inside') return null;
      const threshold = after.side === 'above' ? condition.above : condition.below;
      if (threshold === undefined) return null;
      return {
        kind: 'threshold',
        ...base,
        direction: after.side,
        threshold,
        previous: before.figure?.value ?? null,
        latest: o.latest,
      };
    }
    case 'new-claim':
      return null;
    default: {
      const never: never = condition;
      return never;
    }
  }
}

/**
 * Decides whether an observation is an alert for a subscription, edge-triggered. Tally conditions read the series'
 * headline, whose latest figure and disputes come from standing figures only (domain/tally/scope.ts): a period count
 * ("12 since Friday") or an increment never fires new-figure or a threshold, nor makes a series disputed. A snapshot alerts
 * only when it changes what the condition reads compared with the series' memory, and a snapshot no newer
 * than the remembered version (a re-delivery, a republished version) changes nothing. Pure and
 * deterministic: the subscription workflow calls it in its signal handler.
 */
export function evaluate(
  condition: Condition,
  memory: SeriesMemory | undefined,
  observation: Observation,
): { memory: SeriesMemory | undefined; event: AlertEvent | null } {
  if (observation.type === 'claim') {
    if (condition.kind !== 'new-claim') return { memory, event: null };
    const { seriesId, topic, claim, source, url } = observation;
    return { memory, event: { kind: 'new-claim', seriesId, topic, claim, source, url } };
  }
  const before = memory ?? emptyMemory();
  if (observation.version <= before.version) return { memory, event: null };
  const after = remember(before, observation, condition);
  return { memory: after, event: tallyEvent(condition, before, after, observation) };
}
