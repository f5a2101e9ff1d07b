import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { needsServices } from '../services-needed.ts';
import type { SubscribeOptions } from './subscribe.actions.ts';

const commaList = (value: string, previous: string[]): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];

/**
 * `claimwatch subscribe TOPIC… [--since DATE] [--series ID] [--json]`: reads the claims topics straight from Kafka
 * (a reader that commits nothing), validates each message with the claims-topic schema and prints every claim as
 * it arrives. Registered by services/cli/main.ts.
 */
export function registerSubscribeCommand(program: Command): void {
  needsServices(program.command('subscribe'), ['kafka'])
    .description(summaryOf('subscribe'))
    .argument('<topics...>', 'claim topics, e.g. territory-area settlements-captured')
    .option('--since <date>', 'start with messages published at/after this date (YYYY-MM-DD, UTC) or ISO date-time, not only new ones')
    .option('--series <id>', 'only this series id (repeatable or comma-separated)', commaList, [])
    .option('--json', 'one JSON object per claim and line: {seriesId, source, url, reportedAt, claim, event, envelopeId, copyOf}')
    .action(async (topics: string[], opts: SubscribeOptions) => (await import('./subscribe.actions.ts')).runSubscribe(topics, opts));
}
