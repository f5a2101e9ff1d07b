// One rule for names a user types that must exist (topics, series, places, sources), used by the API, the CLI,
// backfills, subscriptions and the SSE route: an unknown one is refused with the list of the known ones.

/** The kinds of names checked against what exists. */
export type KnownKind = 'topic' | 'series' | 'place' | 'source';

const PLURAL: Record<KnownKind, string> = { topic: 'topics', series: 'series', place: 'places', source: 'sources' };
/** Beyond this many known values the message names the first ones and how to list them all. */
const SHOWN = 30;
const LISTED_BY: Record<KnownKind, string> = {
  topic: '`claimwatch topics` or GET /api/topics',
  series: '`claimwatch tallies` or GET /api/tallies',
  place: '`claimwatch tallies`',
  source: '`claimwatch claims`',
};

function closest(value: string, known: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  // Exact but for case, else a known name the value begins (`donetsk-obl` → donetsk-oblast), else the longest known
  // name the value begins with (`territory-areas` → territory-area).
  const longestInside = known.filter((k) => v.startsWith(k.toLowerCase())).sort((a, b) => b.length - a.length)[0];
  return known.find((k) => k.toLowerCase() === v) ?? known.find((k) => k.toLowerCase().startsWith(v)) ?? longestInside;
}

/**
 * The sentence refusing the given values that are not among `known`, or undefined when all are known:
 * `unknown topic "terrain"; known topics: aerial-attacks, …`. Pure; callers map it to HTTP 400/404 or CLI exit 2.
 */
export function refuseUnknown(kind: KnownKind, given: readonly string[], known: readonly string[]): string | undefined {
  const knownSet = new Set(known);
  const unknown = [...new Set(given)].filter((g) => !knownSet.has(g));
  if (unknown.length === 0) return undefined;
  const names = unknown.map((u) => `"${u}"`).join(', ');
  const hint = unknown.length === 1 ? closest(unknown[0] ?? '', known) : undefined;
  const sorted = [...known].sort();
  const list =
    sorted.length === 0
      ? `there are no ${PLURAL[kind]} yet`
      : sorted.length <= SHOWN
        ? `known ${PLURAL[kind]}: ${sorted.join(', ')}`
        : `known ${PLURAL[kind]} include ${sorted.slice(0, SHOWN).join(', ')} … (${sorted.length} in all: ${LISTED_BY[kind]})`;
  return `unknown ${unknown.length === 1 ? kind : PLURAL[kind]} ${names}${hint ? ` (did you mean "${hint}"?)` : ''}; ${list}`;
}
