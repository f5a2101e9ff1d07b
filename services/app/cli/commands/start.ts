import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { repoRoot } from '../../../platform/config.ts';
import { createStack } from '../../../../tools/stack/stack.ts';
import type { StackService } from '../../../../tools/stack/layout.ts';
import { createPipelineContext, dispatcherService, workerService } from '../../pipeline.ts';
import { httpService } from '../../http.ts';
import { superviseServices, type Service } from '../../../platform/service.ts';
import { createProjector } from '../../../pipeline/projector/projector.ts';
import { defaultReadModelPath, openSqliteReadModel } from '../../../stores/read-model/sqlite-read-model.ts';
import { talliesTable } from '../../../stores/read-model/table.ts';
import { articleMessageId, createArticlePublisher } from '../../../pipeline/ingest/publisher.ts';
import { topicHoldsMessages } from '../../../pipeline/ingest/already-published.ts';
import { ArticleSchema } from '../../../../schemas/article.ts';
import { ingestJsonLines } from '../../../pipeline/ingest/jsonl-ingest.ts';
import { groupLag } from '../../../platform/bus/lag.ts';
import { summaryOf } from '../manifest.ts';
import { cliContext } from '../context.ts';
import { alertsService } from '../../../pipeline/webhooks/service.ts';

const sampleCorpus = path.join(repoRoot, 'samples', 'corpus.jsonl');

/**
 * Waits until the pipeline is quiet: both consumer groups have no lag and the claims topics have
 * stopped growing for three looks in a row (workflows publish claims after the dispatcher commits).
 */
async function settled(look: () => Promise<{ lag: number; size: number }>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let lastSize = -1;
  while (Date.now() < deadline) {
    const { lag, size } = await look();
    quiet = lag === 0 && size === lastSize ? quiet + 1 : 0;
    lastSize = size;
    if (quiet >= 3) return true;
    await sleep(700);
  }
  return false;
}

/**
 * `claimwatch start` (`npm start`): the main job on one machine. Brings the local stack up, runs
 * worker, dispatcher, projector and HTTP API in one supervised process, ingests the sample
 * corpus, prints where everything is and the tallies, and stops cleanly on Ctrl-C.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(summaryOf('start'))
    .option('--no-sample', 'do not ingest the sample corpus')
    .option('--keep-stack', 'leave Kafka and Temporal running after Ctrl-C')
    .option('--allow-private-webhooks', 'deliver webhook alerts to loopback/private addresses too')
    .action(async (opts: { sample: boolean; keepStack?: boolean; allowPrivateWebhooks?: boolean }) => {
      const { config, log } = cliContext();
      const stack = createStack(config, log);
      const up = await stack.up();
      const startedStack = (['kafka', 'temporal', 'postgres'] as StackService[]).filter((s) => up[s] === 'started');
      const ctx = await createPipelineContext(config, log);
      const readModel = openSqliteReadModel({ path: defaultReadModelPath(config.dataDir) });
      const projector = createProjector({
        bus: ctx.bus,
        readModel,
        prefix: config.kafka.topicPrefix,
        claimTopics: ctx.claimTopics,
        log,
        onLatency: (s) => ctx.metrics.ingestToTally.observe(s),
      });
      const api = await httpService(ctx, readModel, { projector });
      const release: Service = {
        name: 'connections',
        start: async () => undefined,
        async stop() {
          readModel.close();
          await ctx.close();
          if (!opts.keepStack && startedStack.length > 0) await stack.down(startedStack);
        },
      };
      const supervisor = await superviseServices(
        [
          release,
          workerService(ctx),
          dispatcherService(ctx),
          projector,
          api,
          alertsService(ctx, { allowPrivate: opts.allowPrivateWebhooks }),
        ],
        log,
      );
      const { topics } = ctx;
      const out = (line: string) => process.stdout.write(`${line}\n`);
      out(`\nclaimwatch is running`);
      out(
        `  API            ${api.url() ?? '?'}   (GET /api/topics, /api/tallies, /api/series/:id, /api/claims; POST /api/articles)`,
      );
      out(`  Dashboard      ${api.url() ?? '?'}/dashboard/   (topics, series, live, backfills, pipeline health)`);
      out(`  Temporal UI    ${config.temporal.uiUrl}`);
      out(
        `  Kafka          ${config.kafka.brokers.join(',')}   topics ${topics.rawArticles}, ${topics.claims('<topic>')}, ${topics.tallies}`,
      );
      if (opts.sample) {
        // Ingest gives the same article through the same channel the same message id: a restart finds the sample there.
        const sampleIds = (await readFile(sampleCorpus, 'utf8'))
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => articleMessageId(ArticleSchema.parse(JSON.parse(l)), 'file'));
        if (await topicHoldsMessages(ctx.bus, topics.rawArticles, sampleIds)) {
          out(`  sample corpus  already on ${topics.rawArticles}: not published again`);
        } else {
          const publisher = createArticlePublisher({ producer: ctx.clients.producer, topics, log });
          const counts = await ingestJsonLines({ paths: [sampleCorpus], publisher, log });
          out(
            `  sample corpus  published ${counts.published} articles from ${path.relative(process.cwd(), sampleCorpus)}`,
          );
        }
        const claimTopics = ctx.claimTopics.map((t) => topics.claims(t));
        const done = await settled(async () => {
          const lag =
            (await groupLag(ctx.bus, `${config.kafka.topicPrefix}.dispatcher`, [topics.rawArticles])) +
            (await groupLag(ctx.bus, `${config.kafka.topicPrefix}.projector`, claimTopics));
          let size = 0;
          for (const t of claimTopics) for (const p of await ctx.bus.topicOffsets(t)) size += Number(p.high);
          return { lag, size };
        }, 180_000);
        if (!done) out('  (still processing; `npx claimwatch tallies` shows the current state)');
      }
      out(`\n${talliesTable(readModel.listTallies({}))}`);
      out('Ctrl-C stops everything.');
      await supervisor.done;
    });
}
