import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../platform/config.ts';
import type { KafkaBus } from '../../../platform/kafka.ts';
import { createPipelineContext, type PipelineContext } from '../../pipeline.ts';
import { httpService } from '../../http.ts';
import type { Logger } from '../../../platform/logger.ts';
import { createProjector } from '../../../pipeline/projector/projector.ts';
import { rebuildReadModel } from '../../../pipeline/projector/rebuild.ts';
import { defaultReadModelPath, openSqliteReadModel } from '../../../stores/read-model/sqlite-read-model.ts';
import { superviseServices, type Service } from '../../../platform/service.ts';
import { cliContext } from '../context.ts';

async function connectBus(
  config: Config,
  log: Logger,
): Promise<{ bus: KafkaBus; claimTopics: string[]; ctx: PipelineContext }> {
  const ctx = await createPipelineContext(config, log);
  return { bus: ctx.bus, claimTopics: ctx.claimTopics, ctx };
}

/** Releases connections after the supervised services stopped (first in the list, so stopped last). */
const releasing = (name: string, release: () => Promise<void> | void): Service => ({
  name,
  start: async () => undefined,
  stop: async () => release(),
});

export async function runProjector(): Promise<void> {
  const { config, log } = cliContext();
  const { bus, claimTopics } = await connectBus(config, log);
  const readModel = openSqliteReadModel({ path: defaultReadModelPath(config.dataDir) });
  const projector = createProjector({ bus, readModel, prefix: config.kafka.topicPrefix, claimTopics, log });
  const { done } = await superviseServices(
    [
      releasing('read-model', async () => {
        readModel.close();
        await bus.close();
      }),
      projector,
    ],
    log,
  );
  await done;
}

export async function runApi(): Promise<void> {
  const { config, log } = cliContext();
  const { ctx } = await connectBus(config, log);
  const readModel = openSqliteReadModel({ path: defaultReadModelPath(config.dataDir) });
  const api = await httpService(ctx, readModel);
  const { done } = await superviseServices(
    [
      releasing('read-model', async () => {
        readModel.close();
        await ctx.close();
      }),
      api,
    ],
    log,
  );
  process.stdout.write(`API at ${api.url() ?? '?'}\n`);
  await done;
}

export async function runRebuild(opts: { out?: string; force?: boolean; dedupIndex?: boolean }): Promise<void> {
  const { config, log } = cliContext();
  if (opts.dedupIndex) return runRebuildDedupIndex(config, log, opts);
  const target = opts.out ?? defaultReadModelPath(config.dataDir);
  // An open SQLite database in WAL mode keeps a -shm file beside it; replacing the file under a running
  // projector or API would leave them on the old inode with a WAL that no longer matches.
  if (opts.out === undefined && existsSync(`${target}-shm`) && !opts.force) {
    throw new Error(
      `${target} looks open (a projector or API is running?): stop them first, or pass --out FILE, or --force`,
    );
  }
  const { bus, claimTopics } = await connectBus(config, log);
  try {
    const result = await rebuildReadModel({
      bus,
      prefix: config.kafka.topicPrefix,
      claimTopics,
      targetPath: target,
      log,
    });
    process.stdout.write(
      `rebuilt ${result.path} from offset 0: ${result.events} events, ${result.series} series, ` +
        `${result.deadLetters} dead letters in ${(result.durationMs / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await bus.close();
  }
}

async function runRebuildDedupIndex(
  config: Config,
  log: Logger,
  opts: { out?: string; force?: boolean },
): Promise<void> {
  const { rebuildDedupIndex } = await import('./rebuild-dedup-index.ts');
  const { bus } = await connectBus(config, log);
  try {
    const r = await rebuildDedupIndex({
      bus,
      prefix: config.kafka.topicPrefix,
      targetPath: opts.out ?? path.join(config.dataDir, 'dedup-index.sqlite'),
      log,
      force: opts.force,
    });
    process.stdout.write(
      `rebuilt ${r.path} from the log: ${r.indexed} articles indexed in ${(r.durationMs / 1000).toFixed(1)} s, ${r.missing} verdicts without raw text, ` +
        `${r.mismatches} judged otherwise than the log${r.unreadable > 0 ? `, ${r.unreadable} unreadable verdicts` : ''}\n`,
    );
    for (const e of r.examples) process.stdout.write(`  ${e}\n`);
    if (r.mismatches > 0) process.exitCode = 1;
  } finally {
    await bus.close();
  }
}
