import type { Command } from 'commander';
import { createPipelineContext, dispatcherService, workerService } from '../../runtime/pipeline.ts';
import { superviseServices, type Service } from '../../runtime/service.ts';
import { summaryOf } from '../manifest.ts';
import { cliContext } from '../context.ts';
import { alertsService } from '../../alerts/service.ts';

/** Runs services until SIGINT/SIGTERM, then stops them in reverse order and closes shared clients. */
async function runUntilSignal(build: (ctx: Awaited<ReturnType<typeof createPipelineContext>>) => Service[], taxonomyFile?: string): Promise<void> {
  const { config, log } = cliContext();
  const ctx = await createPipelineContext(config, log, { taxonomyFile });
  const supervisor = await superviseServices(build(ctx), log);
  await supervisor.done;
  await ctx.close();
}

/** `claimwatch worker` and `claimwatch dispatcher`: each pipeline process alone, against any cluster. */
export function registerPipelineCommands(program: Command): void {
  program
    .command('worker')
    .description(summaryOf('worker'))
    .option('--taxonomy <file>', 'taxonomy JSON file (default: built-in)')
    .action(async (opts: { taxonomy?: string }) => runUntilSignal((ctx) => [workerService(ctx)], opts.taxonomy));

  program
    .command('dispatcher')
    .description(summaryOf('dispatcher'))
    .action(async () => runUntilSignal((ctx) => [dispatcherService(ctx)]));

  program
    .command('alerts')
    .description(summaryOf('alerts'))
    .option('--allow-private-webhooks', 'deliver to loopback/private addresses too (local development)')
    .action(async (opts: { allowPrivateWebhooks?: boolean }) => runUntilSignal((ctx) => [alertsService(ctx, { allowPrivate: opts.allowPrivateWebhooks })]));
}
