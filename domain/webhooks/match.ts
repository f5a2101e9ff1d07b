import type { Condition, Observation } from '../../schemas/webhook.ts';
import { placeMatches, placeOfSeriesId } from '../places/roll-up.ts';

const inPlace = (place: string | undefined, seriesId: string) =>
  place === undefined || placeMatches(place, placeOfSeriesId(seriesId));

/**
 * Whether an observation concerns a subscription at all (its topic/series and the kind of event it reads).
 * The alert router calls it for every message and subscription, so it only filters; whether the
 * observation is an edge worth an alert is `evaluate`'s job, in the subscription's workflow.
 */
export function matches(condition: Condition, observation: Observation): boolean {
  switch (condition.kind) {
    case 'new-claim':
      return (
        observation.type === 'claim' &&
        observation.topic === condition.topic &&
        (condition.series === undefined || observation.seriesId === condition.series) &&
        inPlace(condition.place, observation.seriesId)
      );
    case 'new-figure':
    case 'threshold':
      return observation.type === 'tally' && observation.seriesId === condition.series;
    case 'disputed':
      return (
        observation.type === 'tally' &&
        (condition.topic === undefined || observation.topic === condition.topic) &&
        (condition.series === undefined || observation.seriesId === condition.series) &&
        inPlace(condition.place, observation.seriesId)
      );
    default: {
      const never: never = condition;
      return never;
    }
  }
}
