import type { FeedEntry } from '../../../schemas/feed.ts';
import { seriesInPlaces } from '../places/filter.ts';

/** Which feed entries one subscriber wants: null means any topic / any series. */
export interface FeedFilter {
  topics: ReadonlySet<string> | null;
  series: ReadonlySet<string> | null;
  /** Series of these places or of places inside them (services/surfaces/places/filter.ts); absent means any place. */
  places?: ReadonlySet<string>;
}

/** The filter of a subscription query; an absent or empty list matches everything. */
export function feedFilter(query: {
  topics?: readonly string[];
  series?: readonly string[];
  places?: readonly string[];
}): FeedFilter {
  return {
    topics: query.topics && query.topics.length > 0 ? new Set(query.topics) : null,
    series: query.series && query.series.length > 0 ? new Set(query.series) : null,
    ...(query.places && query.places.length > 0 && { places: new Set(query.places) }),
  };
}

/** True when the entry is one the subscriber asked for. Called by the hub for every new entry and subscriber. */
export function filterMatches(filter: FeedFilter, entry: Pick<FeedEntry, 'topic' | 'seriesId'>): boolean {
  return (
    (filter.topics === null || filter.topics.has(entry.topic)) &&
    (filter.series === null || filter.series.has(entry.seriesId)) &&
    (filter.places === undefined || seriesInPlaces(entry.seriesId, filter.places))
  );
}

/** The filter as a read model query (for a subscriber catching up from the store; places are filtered after). */
export function feedQueryOf(
  filter: FeedFilter,
  limit: number,
): { topics?: string[]; series?: string[]; limit: number } {
  return {
    limit,
    ...(filter.topics && { topics: [...filter.topics] }),
    ...(filter.series && { series: [...filter.series] }),
  };
}
