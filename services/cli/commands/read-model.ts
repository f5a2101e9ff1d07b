import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../../platform/config.ts';
import type { KafkaBus } from '../../platform/kafka.ts';
import { createPipelineContext, type PipelineContext } from '../../runtime/pipeline.ts';
import { httpService } from '../../runtime/http.ts';
import type { Logger } from '../../platform/logger.ts';
import { createProjector } from '../../projector/projector.ts';
import { rebuildReadModel } from '../../projector/rebuild.ts';
import type { ClaimView, ReadModel } from '../../read-model/read-model.ts';
import { defaultReadModelPath, openSqliteReadModel } from '../../read-model/sqlite-read-model.ts';
import { claimsTable, talliesTable } from '../../read-model/table.ts';
import { superviseServices, type Service } from '../../runtime/service.ts';
import { cliContext } from '../context.ts';
import { talliesInPlace } from '../../places/filter.ts';

async function connectBus(config: Config, log: Logger): Promise<{ bus: KafkaBus; claimTopics: string[]; ctx: PipelineContext }> {
  const ctx = await createPipelineContext(config, log);
  return { bus: ctx.bus, claimTopics: ctx.claimTopics, ctx };
}

/** Releases connections after the supervised services stopped (first in the list, so stopped last). */
const releasing = (name: string, release: () => Promise<void> | void): Service => ({ name, start: async () => undefined, stop: async () => release() });

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

async function runProjector(): Promise<void> {
  const { config, log } = cliContext();
  const { bus, claimTopics } = await connectBus(config, log);
  const readModel = openSqliteReadModel({ path: defaultReadModelPath(config.dataDir) });
  const projector = createProjector({ bus, readModel, prefix: config.kafka.topicPrefix, claimTopics, log });
  const { done } = await superviseServices([releasing('read-model', async () => { readModel.close(); await bus.close(); }), projector], log);
  await done;
}

async function runApi(): Promise<void> {
  const { config, log } = cliContext();
  const { ctx } = await connectBus(config, log);
  const readModel = openSqliteReadModel({ path: defaultReadModelPath(config.dataDir) });
  const api = await httpService(ctx, readModel);
  const { done } = await superviseServices([releasing('read-model', async () => { readModel.close(); await ctx.close(); }), api], log);
  process.stdout.write(`API at ${api.url() ?? '?'}\n`);
  await done;
}

async function runRebuild(opts: { out?: string; force?: boolean }): Promise<void> {
  const { config, log } = cliContext();
  const target = opts.out ?? defaultReadModelPath(config.dataDir);
  // An open SQLite database in WAL mode keeps a -shm file beside it; replacing the file under a running
  // projector or API would leave them on the old inode with a WAL that no longer matches.
  if (opts.out === undefined && existsSync(`${target}-shm`) && !opts.force) {
    throw new Error(`${target} looks open (a projector or API is running?): stop them first, or pass --out FILE, or --force`);
  }
  const { bus, claimTopics } = await connectBus(config, log);
  try {
    const result = await rebuildReadModel({ bus, prefix: config.kafka.topicPrefix, claimTopics, targetPath: target, log });
    process.stdout.write(
      `rebuilt ${result.path} from offset 0: ${result.events} events, ${result.series} series, ` +
        `${result.deadLetters} dead letters in ${(result.durationMs / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await bus.close();
  }
}

async function printTallies(opts: { topic?: string; place?: string; json?: boolean }): Promise<void> {
  const readModel = readModelForQuery(cliContext().config);
  try {
    const all = readModel.listTallies(opts.topic === undefined ? {} : { topic: opts.topic });
    const listings = opts.place === undefined ? all : talliesInPlace(all, opts.place);
    if (opts.json) await write(`${JSON.stringify(listings, null, 2)}\n`);
    else await write(listings.length === 0 ? 'no tallies yet\n' : `${talliesTable(listings)}\n`);
  } finally {
    readModel.close();
  }
}

const SinceSchema = z.iso.date();

async function printClaims(opts: { topic?: string; since?: string; limit: string; json?: boolean }): Promise<void> {
  if (opts.since !== undefined && !SinceSchema.safeParse(opts.since).success) throw new Error(`--since ${opts.since}: expected a date YYYY-MM-DD`);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit ${opts.limit}: expected a positive whole number`);
  const readModel = readModelForQuery(cliContext().config);
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

/**
 * `claimwatch projector|api|rebuild|tallies|claims`: the read side (the API also takes POST
 * /api/articles). Registered by services/cli/main.ts.
 */
export function registerReadModelCommands(program: Command): void {
  program
    .command('projector')
    .description('fold the claims topics into the read model until SIGINT/SIGTERM')
    .action(runProjector);
  program
    .command('api')
    .description('serve the read model over HTTP on HTTP_HOST:HTTP_PORT (bearer token: API_TOKEN)')
    .action(runApi);
  program
    .command('rebuild')
    .description('replay the claims topics from offset 0 into a fresh read model and swap it in')
    .option('--out <file>', 'build into this file instead of replacing the read model')
    .option('--force', 'replace the read model even though it looks open')
    .action(runRebuild);
  program
    .command('tallies')
    .description('print the series tallies: latest figure, sources, disputes')
    .option('--topic <topic>', 'only this claim topic')
    .option('--place <place>', 'only series of this place or of places inside it (e.g. donetsk-oblast)')
    .option('--json', 'print JSON')
    .action(printTallies);
  program
    .command('claims')
    .description('print the standing claims, newest first')
    .option('--topic <topic>', 'only this claim topic')
    .option('--since <date>', 'only claims as of this date (YYYY-MM-DD) or later')
    .option('--limit <n>', 'at most this many claims', '50')
    .option('--json', 'print JSON')
    .action(printClaims);
}
