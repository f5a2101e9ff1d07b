import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../../../platform/config.ts';
import type { ClaimView, ReadModel, TallyListing } from '../../../stores/read-model/read-model.ts';
import { defaultReadModelPath, openSqliteReadModel } from '../../../stores/read-model/sqlite-read-model.ts';
import { formatFigure, formatSeriesKey } from '../../../stores/read-model/format.ts';
import { summaryOf } from '../manifest.ts';
import { cliConfig } from '../cli-config.ts';
import { UsageError } from '../errors.ts';
import { knownTopics, requireKnown } from '../known-names.ts';
import { formatInstant } from '../output.ts';
import { formatOption, outputOf, printListing as print, tzOption, write, type ListOptions } from '../listing.ts';

// One-shot queries of the read model: no Kafka, no Temporal, so they answer at once (and with the stack down).

/** Opens the read model for a one-shot query; exits with a hint when none was built yet. */
function readModelForQuery(config: Config): ReadModel {
  const file = defaultReadModelPath(config.dataDir);
  if (!existsSync(file)) {
    process.stderr.write(
      `claimwatch: no read model at ${file} yet: run \`claimwatch projector\` or \`claimwatch rebuild\`\n`,
    );
    process.exit(1);
  }
  return openSqliteReadModel({ path: file });
}

function withReadModel<T>(run: (readModel: ReadModel) => Promise<T>): Promise<T> {
  const readModel = readModelForQuery(cliConfig());
  return run(readModel).finally(() => readModel.close());
}

async function printTallies(opts: ListOptions & { topic?: string; place?: string }): Promise<void> {
  if (opts.topic !== undefined) requireKnown('topic', [opts.topic], await knownTopics(cliConfig()), '--topic');
  if (opts.place !== undefined) {
    const refusal = (await import('../../../../domain/places/known.ts')).refuseUnknownPlace(opts.place);
    if (refusal) throw new UsageError(`--place: ${refusal}`);
  }
  const { zone } = outputOf(opts);
  await withReadModel(async (readModel) => {
    const all = readModel.listTallies(opts.topic === undefined ? {} : { topic: opts.topic });
    // The gazetteer (0.7 MB of places) loads only when a place filter asks for it: `tallies` must start fast.
    const listings =
      opts.place === undefined
        ? all
        : (await import('../../../surfaces/places/filter.ts')).talliesInPlace(all, opts.place);
    const rows = listings.map(({ summary, updatedAt }) => [
      summary.seriesId,
      formatSeriesKey(summary.key),
      summary.latest ? formatFigure(summary.latest) : '—',
      summary.latest?.asOf ?? '—',
      String(summary.independentSources),
      summary.disputed ? 'disputed' : '',
      formatInstant(updatedAt, zone),
    ]);
    const columns = [
      { header: 'SERIES ID' },
      { header: 'SERIES', shrink: true },
      { header: 'LATEST' },
      { header: 'AS OF' },
      { header: 'SOURCES' },
      { header: 'DISPUTED' },
      { header: `UPDATED (${zone})` },
    ];
    await print(opts, listings, columns, rows, 'no tallies yet');
  });
}

const SinceSchema = z.iso.date();

async function printClaims(
  opts: ListOptions & { topic?: string; series?: string; since?: string; limit: string },
): Promise<void> {
  if (opts.since !== undefined && !SinceSchema.safeParse(opts.since).success)
    throw new UsageError(`--since ${opts.since}: expected a date YYYY-MM-DD`);
  if (opts.topic !== undefined) requireKnown('topic', [opts.topic], await knownTopics(cliConfig()), '--topic');
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit ${opts.limit}: expected a positive whole number`);
  outputOf(opts);
  const columns = [
    { header: 'AS OF' },
    { header: 'FIGURE' },
    { header: 'SERIES ID' },
    { header: 'SOURCE', shrink: true },
    { header: 'EVIDENCE', shrink: true },
  ];
  const figure = (r: { quantity: Parameters<typeof formatFigure>[0]; kind: string }) =>
    formatFigure(r.quantity) + (r.kind === 'increment' ? ' (+)' : '');
  const quote = (text: string) => text.replace(/\s+/g, ' ');
  await withReadModel(async (readModel) => {
    if (opts.series !== undefined) {
      // One series: its reports (every standing claim of the series, with its evidence), newest first.
      const series = readModel.getSeries(opts.series);
      if (!series)
        return requireKnown(
          'series',
          [opts.series],
          readModel.listTallies().map((t) => t.summary.seriesId),
          '--series',
        );
      const reports = series.summary.reports
        .filter((r) => opts.since === undefined || r.asOf >= opts.since)
        .sort((a, b) => b.asOf.localeCompare(a.asOf))
        .slice(0, limit);
      const rows = reports.map((r) => [r.asOf, figure(r), series.summary.seriesId, r.source, quote(r.evidence.quote)]);
      return print(opts, reports, columns, rows, 'no claims');
    }
    const claims: ClaimView[] = [];
    let cursor: string | undefined;
    do {
      const page = readModel.listClaims({
        limit: Math.min(500, limit - claims.length),
        ...(opts.topic && { topic: opts.topic }),
        ...(opts.since && { since: opts.since }),
        ...(cursor && { cursor }),
      });
      claims.push(...page.claims);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && claims.length < limit);
    const rows = claims.map(({ claim, source, seriesId }) => [
      claim.asOf,
      figure(claim),
      seriesId,
      source,
      quote(claim.evidence.quote),
    ]);
    return print(opts, claims, columns, rows, 'no claims');
  });
}

async function printTopics(opts: ListOptions): Promise<void> {
  const { zone } = outputOf(opts);
  const known = await knownTopics(cliConfig());
  await withReadModel(async (readModel) => {
    const seen = new Map(readModel.listTopics().map((t) => [t.topic, t]));
    const topics = known.map((topic) => seen.get(topic) ?? { topic, series: 0, claims: 0, lastUpdate: null });
    const rows = topics.map((t) => [
      t.topic,
      String(t.series),
      String(t.claims),
      t.lastUpdate ? formatInstant(t.lastUpdate, zone) : '—',
    ]);
    await print(
      opts,
      topics,
      [{ header: 'TOPIC' }, { header: 'SERIES' }, { header: 'CLAIMS' }, { header: `LAST UPDATE (${zone})` }],
      rows,
      'no topics',
    );
  });
}

async function printSeries(id: string, opts: ListOptions): Promise<void> {
  outputOf(opts);
  await withReadModel(async (readModel) => {
    const listing: TallyListing | undefined = readModel.getSeries(id);
    if (!listing) {
      requireKnown(
        'series',
        [id],
        readModel.listTallies().map((t) => t.summary.seriesId),
      );
      return;
    }
    const s = listing.summary;
    const rows = s.reports.map((r) => [
      r.asOf,
      formatFigure(r.quantity) + (r.kind === 'increment' ? ' (+)' : ''),
      r.source,
      r.hedge ? 'hedged' : '',
      r.evidence.quote.replace(/\s+/g, ' '),
    ]);
    const columns = [
      { header: 'AS OF' },
      { header: 'FIGURE' },
      { header: 'SOURCE', shrink: true },
      { header: 'HEDGE' },
      { header: 'EVIDENCE', shrink: true },
    ];
    if (outputOf(opts).format === 'table') {
      await write(
        `${s.seriesId}  (${formatSeriesKey(s.key)})\n` +
          `latest ${s.latest ? `${formatFigure(s.latest)} as of ${s.latest.asOf} (${s.latest.source})` : '—'}; ` +
          `${s.independentSources} independent source${s.independentSources === 1 ? '' : 's'}, ${s.sourcesAgreeingWithLatest} agreeing with the latest${s.disputed ? '; DISPUTED' : ''}\n\n`,
      );
    }
    await print(opts, listing, columns, rows, 'no reports');
  });
}

/** `claimwatch tallies|claims|topics|series ID`: the read model in the terminal. Registered by services/app/cli/main.ts. */
export function registerQueryCommands(program: Command): void {
  program
    .command('tallies')
    .description(summaryOf('tallies'))
    .option('--topic <topic>', 'only this claim topic')
    .option('--place <place>', 'only series of this place or of places inside it (e.g. donetsk-oblast)')
    .option(...formatOption)
    .option('--json', 'same as --format json')
    .option(...tzOption)
    .action(printTallies);
  program
    .command('claims')
    .description(summaryOf('claims'))
    .option('--topic <topic>', 'only this claim topic')
    .option('--series <id>', 'only the reports of this series (ids: claimwatch tallies)')
    .option(
      '--since <date>',
      "only claims whose figure is as of this date (YYYY-MM-DD) or later: the claim's own date, not when it was published or ingested",
    )
    .option('--limit <n>', 'at most this many claims', '50')
    .option(...formatOption)
    .option('--json', 'same as --format json')
    .action(printClaims);
  program
    .command('topics')
    .description(summaryOf('topics'))
    .option(...formatOption)
    .option(...tzOption)
    .action(printTopics);
  program
    .command('series')
    .description(summaryOf('series'))
    .argument('<id>', 'series id (the SERIES ID column of claimwatch tallies)')
    .option(...formatOption)
    .action(printSeries);
}
