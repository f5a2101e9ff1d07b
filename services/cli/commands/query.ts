import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../../platform/config.ts';
import type { ClaimView, ReadModel } from '../../read-model/read-model.ts';
import { defaultReadModelPath, openSqliteReadModel } from '../../read-model/sqlite-read-model.ts';
import { claimsTable, talliesTable } from '../../read-model/table.ts';
import { summaryOf } from '../manifest.ts';
import { cliConfig } from '../cli-config.ts';
import { UsageError } from '../errors.ts';
import { knownTopics, requireKnown } from '../known-names.ts';

// One-shot queries of the read model: no Kafka, no Temporal, so they answer at once (and with the stack down).

/** Opens the read model for a one-shot query; exits with a hint when none was built yet. */
function readModelForQuery(config: Config): ReadModel {
  const file = defaultReadModelPath(config.dataDir);
  if (!existsSync(file)) {
    process.stderr.write(`claimwatch: no read model at ${file} yet: run \`claimwatch projector\` or \`claimwatch rebuild\`\n`);
    process.exit(1);
  }
  return openSqliteReadModel({ path: file });
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

async function printTallies(opts: { topic?: string; json?: boolean }): Promise<void> {
  if (opts.topic !== undefined) requireKnown('topic', [opts.topic], knownTopics(cliConfig()), '--topic');
  const readModel = readModelForQuery(cliConfig());
  try {
    const listings = readModel.listTallies(opts.topic === undefined ? {} : { topic: opts.topic });
    if (opts.json) await write(`${JSON.stringify(listings, null, 2)}\n`);
    else await write(listings.length === 0 ? 'no tallies yet\n' : `${talliesTable(listings)}\n`);
  } finally {
    readModel.close();
  }
}

const SinceSchema = z.iso.date();

async function printClaims(opts: { topic?: string; since?: string; limit: string; json?: boolean }): Promise<void> {
  if (opts.since !== undefined && !SinceSchema.safeParse(opts.since).success) throw new UsageError(`--since ${opts.since}: expected a date YYYY-MM-DD`);
  if (opts.topic !== undefined) requireKnown('topic', [opts.topic], knownTopics(cliConfig()), '--topic');
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit ${opts.limit}: expected a positive whole number`);
  const readModel = readModelForQuery(cliConfig());
  try {
    const claims: ClaimView[] = [];
    let cursor: string | undefined;
    do {
      const page = readModel.listClaims({ limit: Math.min(500, limit - claims.length), ...(opts.topic && { topic: opts.topic }), ...(opts.since && { since: opts.since }), ...(cursor && { cursor }) });
      claims.push(...page.claims);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && claims.length < limit);
    if (opts.json) await write(`${JSON.stringify(claims, null, 2)}\n`);
    else await write(claims.length === 0 ? 'no claims\n' : `${claimsTable(claims)}\n`);
  } finally {
    readModel.close();
  }
}


/** `claimwatch tallies|claims`: the read model in the terminal. Registered by services/cli/main.ts. */
export function registerQueryCommands(program: Command): void {
  program
    .command('tallies')
    .description(summaryOf('tallies'))
    .option('--topic <topic>', 'only this claim topic')
    .option('--json', 'print JSON')
    .action(printTallies);
  program
    .command('claims')
    .description(summaryOf('claims'))
    .option('--topic <topic>', 'only this claim topic')
    .option('--since <date>', 'only claims as of this date (YYYY-MM-DD) or later')
    .option('--limit <n>', 'at most this many claims', '50')
    .option('--json', 'print JSON')
    .action(printClaims);
}
