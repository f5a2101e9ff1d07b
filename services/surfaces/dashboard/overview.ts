import type { SeriesKey, TallyFigure } from '../../../schemas/tally.ts';
import type { TallyListing, TopicOverview } from '../../stores/read-model/read-model.ts';

/** One series as the overview lists it: the headline figures and a sparkline, not every report and its evidence. */
export interface OverviewSeries {
  seriesId: string;
  key: SeriesKey;
  unit: string | null;
  /** The latest standing figure; for a series of period counts only (nightly interceptions), its latest period count. */
  latest: TallyFigure | null;
  /** True when `latest` is a period count (the series has no standing figure). */
  latestIsPeriodCount: boolean;
  independentSources: number;
  reports: number;
  disputed: boolean;
  updatedAt: string;
  /** Standing figures (else period counts) in the series unit as [asOf, value], oldest first: the sparkline. */
  points: Array<[string, number]>;
}

export interface OverviewTopic extends TopicOverview {
  tallies: OverviewSeries[];
}

/** `GET /api/dashboard/overview`: what the first screen needs in one request, a fraction of the tallies' bytes. */
export interface DashboardOverview {
  topics: OverviewTopic[];
}

/** Condenses the read model's topics and tallies into the overview (pure). Called by the dashboard route. */
export function overviewOf(topics: readonly TopicOverview[], listings: readonly TallyListing[]): DashboardOverview {
  const byTopic = new Map<string, OverviewSeries[]>();
  for (const { summary, updatedAt } of listings) {
    const scopeOf = (r: (typeof summary.reports)[number]) =>
      r.scope ?? (r.kind === 'increment' ? 'increment' : 'standing');
    const plotted = summary.latest !== null || !summary.latestPeriodCount ? 'standing' : 'period';
    const points = summary.reports
      .filter((r) => scopeOf(r) === plotted && r.quantity.unit === summary.unit)
      .map((r): [string, number] => [r.asOf, r.quantity.value])
      .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    const entry: OverviewSeries = {
      seriesId: summary.seriesId,
      key: summary.key,
      unit: summary.unit,
      latest: summary.latest ?? summary.latestPeriodCount ?? null,
      latestIsPeriodCount: summary.latest === null && Boolean(summary.latestPeriodCount),
      independentSources: summary.independentSources,
      reports: summary.reports.length,
      disputed: summary.disputed,
      updatedAt,
      points,
    };
    const list = byTopic.get(summary.key.topic) ?? [];
    list.push(entry);
    byTopic.set(summary.key.topic, list);
  }
  return {
    topics: topics.map((t) => ({
      ...t,
      // Most recently changed first: what moved is what a reader looks for.
      tallies: (byTopic.get(t.topic) ?? []).sort(
        (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.seriesId.localeCompare(b.seriesId),
      ),
    })),
  };
}
