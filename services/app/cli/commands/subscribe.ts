import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { checkArguments, needsServices } from '../services-needed.ts';
import { cliConfig } from '../cli-config.ts';
import { knownSeries, knownTopics, requireKnown } from '../known-names.ts';
import type { SubscribeOptions } from './subscribe.actions.ts';

const commaList = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
];

/**
 * `claimwatch subscribe TOPIC… [--since DATE] [--series ID] [--json]`: reads the claims topics straight from Kafka
 * (a reader that commits nothing), validates each message with the claims-topic schema and prints every claim as
 * it arrives. Registered by services/app/cli/main.ts.
 */
export function registerSubscribeCommand(program: Command): void {
  const cmd = checkArguments(program.command('subscribe'), async (c) => {
    const config = cliConfig();
    requireKnown('topic', c.args, await knownTopics(config));
    const series = c.opts<SubscribeOptions>().series ?? [];
    const known = series.length > 0 ? knownSeries(config) : undefined;
    if (known) requireKnown('series', series, known, '--series');
  });
  needsServices(cmd, ['kafka'])
    .description(summaryOf('subscribe'))
    .argument('<topics...>', 'claim topics, e.g. territory-area settlements-captured')
    .option(
      '--since <date>',
      'start with messages published at/after this date (YYYY-MM-DD, UTC) or ISO date-time, not only new ones',
    )
    .option('--series <id>', 'only this series id (repeatable or comma-separated)', commaList, [])
    .option(
      '--json',
      'one JSON object per claim and line: {seriesId, source, url, reportedAt, claim, event, envelopeId, copyOf}',
    )
    .action(async (topics: string[], opts: SubscribeOptions) =>
      (await import('./subscribe.actions.ts')).runSubscribe(topics, opts),
    );
}
