import { createPipelineContext, dispatcherService, workerService } from '../../pipeline.ts';
import { superviseServices, type Service } from '../../../platform/service.ts';
import { cliContext } from '../context.ts';
import { alertsService } from '../../../pipeline/webhooks/service.ts';

/** Runs services until SIGINT/SIGTERM, then stops them in reverse order and closes shared clients. */
export async function runUntilSignal(
  build: (ctx: Awaited<ReturnType<typeof createPipelineContext>>) => Service[],
  taxonomyFile?: string,
): Promise<void> {
  const { config, log } = cliContext();
  const ctx = await createPipelineContext(config, log, { taxonomyFile });
  const supervisor = await superviseServices(build(ctx), log);
  await supervisor.done;
  await ctx.close();
}

/** `claimwatch worker`. */
export const runWorker = (opts: { taxonomy?: string }) => runUntilSignal((ctx) => [workerService(ctx)], opts.taxonomy);
/** `claimwatch dispatcher`. */
export const runDispatcher = () => runUntilSignal((ctx) => [dispatcherService(ctx)]);
/** `claimwatch alerts`. */
export const runAlerts = (opts: { allowPrivateWebhooks?: boolean }) =>
  runUntilSignal((ctx) => [alertsService(ctx, { allowPrivate: opts.allowPrivateWebhooks })]);
