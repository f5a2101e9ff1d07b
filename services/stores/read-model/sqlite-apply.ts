import type { Database } from 'better-sqlite3';
import { evolve, initialTally, summarise } from '../../../domain/tally/index.ts';
import { seriesKeyOf, seriesKeyFromId } from '../../../domain/tally/series.ts';
import type { TallyEvent, TallyState } from '../../../schemas/tally.ts';
import { InvalidInputError } from '../../platform/errors.ts';
import type { ApplyResult, ClaimsEventInput, DeadLetterRecord, StreamPosition } from './read-model.ts';
import { claimRowOf, laterOf, type ClaimRow, type SeriesRow } from './rows.ts';
import type { NewFeedEntry } from './sqlite-feed.ts';

/** The article whose standing claims an event may change; a copy changes none (its claims arrive as ClaimReported). */
function articleOf(event: TallyEvent): string | undefined {
  switch (event.type) {
    case 'ClaimReported':
      return event.data.claim.articleId;
    case 'ArticleClaimsReplaced':
      return event.data.articleId;
    case 'ArticleCopyRecorded':
      return undefined;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function initialStateOf(input: ClaimsEventInput): TallyState {
  const key =
    seriesKeyFromId(input.seriesId) ??
    (input.envelope.event.type === 'ClaimReported' ? seriesKeyOf(input.envelope.event.data.claim) : undefined);
  if (key === undefined)
    throw new InvalidInputError('cannot apply tally event', [
      `${input.envelope.id}: "${input.seriesId}" is not a series id`,
    ]);
  return initialTally(input.seriesId, key);
}

interface Working {
  state: TallyState;
  updatedAt: string | undefined;
  changed: boolean;
  /** Claims of this series that stand now and did not before the batch, in the order they came. */
  newClaims: Map<string, ClaimRow>;
}

/** The ClaimView of a claims row as JSON, without parsing the stored claim back. */
const claimViewJson = (row: ClaimRow): string =>
  `{"seriesId":${JSON.stringify(row.series_id)},"source":${JSON.stringify(row.source)},"url":${JSON.stringify(row.url)},"reportedAt":${JSON.stringify(row.reported_at)},"claim":${row.json}}`;

/**
 * The write side of the SQLite read model: folds tally events with the shared `evolve` and keeps the claims
 * table equal to the standing claims of each state. Built once per connection by `openSqliteReadModel`.
 */
export function createSqliteApplier(
  db: Database,
  options: { recentDeadLetters: number; feed: { append(entries: readonly NewFeedEntry[]): unknown } },
) {
  const isApplied = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM applied_events WHERE envelope_id = ?');
  const markApplied = db.prepare<[string]>('INSERT INTO applied_events (envelope_id) VALUES (?)');
  const loadSeries = db.prepare<[string], Pick<SeriesRow, 'state_json' | 'updated_at'>>(
    'SELECT state_json, updated_at FROM series WHERE series_id = ?',
  );
  const saveSeries = db.prepare<[SeriesRow]>(
    `INSERT INTO series (series_id, topic, state_json, summary_json, version, updated_at)
     VALUES (@series_id, @topic, @state_json, @summary_json, @version, @updated_at)
     ON CONFLICT(series_id) DO UPDATE SET state_json = excluded.state_json, summary_json = excluded.summary_json,
       version = excluded.version, updated_at = excluded.updated_at`,
  );
  const articleClaims = db.prepare<[string, string], { id: string; reported_at: string }>(
    'SELECT id, reported_at FROM claims WHERE series_id = ? AND article_id = ?',
  );
  const deleteClaim = db.prepare<[string]>('DELETE FROM claims WHERE id = ?');
  const upsertClaim = db.prepare(
    `INSERT INTO claims (id, topic, series_id, article_id, source, url, as_of, reported_at, value, unit, qualifier, kind, json)
     VALUES (@id, @topic, @series_id, @article_id, @source, @url, @as_of, @reported_at, @value, @unit, @qualifier, @kind, @json)
     ON CONFLICT(id) DO UPDATE SET topic = excluded.topic, series_id = excluded.series_id, article_id = excluded.article_id,
       source = excluded.source, url = excluded.url, as_of = excluded.as_of, value = excluded.value, unit = excluded.unit,
       qualifier = excluded.qualifier, kind = excluded.kind, json = excluded.json`,
  );
  const savePosition = db.prepare<[string, number, string]>(
    `INSERT INTO projector_positions (topic, partition, next_offset) VALUES (?, ?, ?)
     ON CONFLICT(topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
  );
  const insertDeadLetter = db.prepare(
    `INSERT INTO dead_letters (id, occurred_at, source, reason, problems_json, location, payload_preview)
     VALUES (@id, @occurredAt, @source, @reason, @problems_json, @location, @payloadPreview)`,
  );
  const countDeadLetter = db.prepare<[string, string, string]>(
    `INSERT INTO dead_letter_counts (source, reason, count, last_at) VALUES (?, ?, 1, ?)
     ON CONFLICT(source, reason) DO UPDATE SET count = count + 1, last_at = max(last_at, excluded.last_at)`,
  );
  const pruneDeadLetters = db.prepare<[number]>(
    'DELETE FROM dead_letters WHERE seq <= (SELECT max(seq) FROM dead_letters) - ?',
  );

  /**
   * Claims rows of one article := the standing claims of its entry in the state; a claim keeps its first reportedAt.
   * `newClaims` collects the rows that were not there (for the feed) and forgets one dropped again in the same batch.
   */
  function syncArticleClaims(
    state: TallyState,
    articleId: string,
    occurredAt: string,
    newClaims: Map<string, ClaimRow>,
  ): void {
    const entry = state.articles.find((a) => a.articleId === articleId);
    const standing = new Map((entry?.claims ?? []).map((c) => [c.id, c]));
    const existing = new Map(articleClaims.all(state.seriesId, articleId).map((r) => [r.id, r.reported_at]));
    for (const id of existing.keys()) {
      if (standing.has(id)) continue;
      deleteClaim.run(id);
      newClaims.delete(id);
    }
    if (!entry) return;
    for (const claim of standing.values()) {
      const row = claimRowOf(claim, state.seriesId, entry, existing.get(claim.id) ?? occurredAt);
      upsertClaim.run(row);
      if (!existing.has(claim.id)) newClaims.set(claim.id, row);
    }
  }

  function savePositions(positions: readonly StreamPosition[] | undefined): void {
    for (const p of positions ?? []) savePosition.run(p.topic, p.partition, (BigInt(p.offset) + 1n).toString());
  }

  // Envelope ids seen in this batch or before: a re-delivery, or the same event published twice.
  const seenBefore = (batch: Set<string>, id: string): boolean => {
    if (batch.has(id) || isApplied.get(id) !== undefined) return true;
    batch.add(id);
    markApplied.run(id);
    return false;
  };

  const applyClaimsEvents = db.transaction(
    (events: readonly ClaimsEventInput[], positions?: readonly StreamPosition[]): ApplyResult => {
      const working = new Map<string, Working>();
      const batch = new Set<string>();
      let applied = 0;
      let skipped = 0;
      for (const input of events) {
        if (seenBefore(batch, input.envelope.id)) {
          skipped++;
          continue;
        }
        applied++;
        let w = working.get(input.seriesId);
        if (!w) {
          const row = loadSeries.get(input.seriesId);
          w = row
            ? {
                state: JSON.parse(row.state_json) as TallyState,
                updatedAt: row.updated_at,
                changed: false,
                newClaims: new Map(),
              }
            : { state: initialStateOf(input), updatedAt: undefined, changed: false, newClaims: new Map() };
          working.set(input.seriesId, w);
        }
        const next = evolve(w.state, input.envelope.event);
        if (next === w.state) continue;
        w.state = next;
        w.changed = true;
        w.updatedAt = laterOf(w.updatedAt, input.envelope.occurredAt);
        const articleId = articleOf(input.envelope.event);
        if (articleId !== undefined) syncArticleClaims(next, articleId, input.envelope.occurredAt, w.newClaims);
      }
      const changedSeries: string[] = [];
      const feed: NewFeedEntry[] = [];
      for (const [id, w] of working) {
        if (!w.changed) continue;
        changedSeries.push(id);
        // summarise once per series per batch, not per event: a catch-up batch of 500 events costs one summary.
        const summaryJson = JSON.stringify(summarise(w.state));
        const updatedAt = w.updatedAt ?? '';
        const topic = w.state.key.topic;
        saveSeries.run({
          series_id: id,
          topic,
          state_json: JSON.stringify(w.state),
          summary_json: summaryJson,
          version: w.state.version,
          updated_at: updatedAt,
        });
        // The series' new claims, then its tally: a subscriber sees the claim before the tally that counts it.
        for (const row of w.newClaims.values())
          feed.push({ kind: 'claim', topic, seriesId: id, occurredAt: row.reported_at, dataJson: claimViewJson(row) });
        feed.push({
          kind: 'tally',
          topic,
          seriesId: id,
          occurredAt: updatedAt,
          dataJson: `{"summary":${summaryJson},"updatedAt":${JSON.stringify(updatedAt)}}`,
        });
      }
      options.feed.append(feed);
      savePositions(positions);
      return { applied, skipped, changedSeries: changedSeries.sort() };
    },
  );

  const recordDeadLetters = db.transaction(
    (letters: readonly DeadLetterRecord[], positions?: readonly StreamPosition[]): number => {
      const batch = new Set<string>();
      let recorded = 0;
      for (const letter of letters) {
        if (seenBefore(batch, letter.id)) continue;
        recorded++;
        insertDeadLetter.run({ ...letter, problems_json: JSON.stringify(letter.problems) });
        countDeadLetter.run(letter.source, letter.reason, letter.occurredAt);
      }
      if (recorded > 0) pruneDeadLetters.run(options.recentDeadLetters);
      savePositions(positions);
      return recorded;
    },
  );

  return { applyClaimsEvents, recordDeadLetters };
}
