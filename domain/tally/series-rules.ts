import type { TallyRules } from '../../schemas/taxonomy.ts';
import type { SeriesKey } from '../../schemas/tally.ts';
import defaultTaxonomyJson from '../extract/taxonomy/default.json' with { type: 'json' };
import { compareText } from './sorted.ts';

/** The rules one series is tallied by, resolved from a taxonomy's `tally` block for its key. Plain JSON. */
export interface SeriesRules {
  /** How close (days) two standing figures' asOf must be to be compared; also the conservative/highest window. */
  windowDays: number;
  /** Start dates of the operations that apply to the series, ascending: "since" one of them = a standing figure. */
  operationStarts: string[];
}

const FALLBACK_WINDOW_DAYS = 30;

// Read without zod: workflow code calls this, and building zod schemas in workflow runs is what used to dominate
// the workflow threads' CPU. The default taxonomy's block is validated by its own unit test.
const builtIn = (defaultTaxonomyJson as { tally?: TallyRules }).tally;

function applies(series: Partial<Record<keyof SeriesKey, string>>, key: SeriesKey): boolean {
  return (Object.keys(series) as (keyof SeriesKey)[]).every(
    (field) => series[field] === undefined || series[field] === key[field],
  );
}

/**
 * The rules of the series `key` under a taxonomy's `tally` block (the built-in taxonomy's when none is given).
 * Called by `summarise`; pure, never throws.
 */
export function rulesFor(key: SeriesKey, block: TallyRules | undefined = builtIn): SeriesRules {
  const windowDays = block?.windowDays[key.topic] ?? block?.defaultWindowDays ?? FALLBACK_WINDOW_DAYS;
  const operationStarts = [
    ...new Set((block?.operations ?? []).filter((o) => applies(o.series ?? {}, key)).map((o) => o.start)),
  ].sort(compareText);
  return { windowDays, operationStarts };
}
