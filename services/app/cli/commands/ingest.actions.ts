import { readFileSync } from 'node:fs';
import { defaultTaxonomy, loadTaxonomy } from '../../../../domain/extract/index.ts';
import { topicNames } from '../../../../schemas/topics.ts';
import { ensurePipelineTopics } from '../../../platform/bus/topics.ts';
import { formatLineError } from '../../../platform/io/jsonl.ts';
import { createKafkaBus } from '../../../platform/kafka.ts';
import { superviseServices } from '../../../platform/service.ts';
import { parseDuration } from '../../../pipeline/ingest/duration.ts';
import { createFeedPoller } from '../../../pipeline/ingest/feeds/poller.ts';
import { ingestJsonLines } from '../../../pipeline/ingest/jsonl-ingest.ts';
import { resolveJsonLinesSources, totalBytes } from '../../../platform/io/jsonl-sources.ts';
import { createByteProgress } from '../../../pipeline/ingest/progress.ts';
import { createArticlePublisher } from '../../../pipeline/ingest/publisher.ts';
import { cliContext } from '../context.ts';

export interface IngestOptions {
  feed: string[];
  every: string;
  allowPrivateFeeds?: boolean;
  once?: boolean;
  batchSize: string;
}

function claimTopics(taxonomyFile: string | undefined): string[] {
  const taxonomy =
    taxonomyFile === undefined ? defaultTaxonomy() : loadTaxonomy(JSON.parse(readFileSync(taxonomyFile, 'utf8')));
  return taxonomy.topics.map((t) => t.id);
}

export async function runIngest(paths: string[], opts: IngestOptions): Promise<void> {
  const { config, log } = cliContext();
  const every = parseDuration(opts.every);
  const batchSize = Number(opts.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`--batch-size must be a positive integer, got ${opts.batchSize}`);
  const readLines = paths.length > 0 || opts.feed.length === 0;
  // Resolve inputs before touching Kafka, so a typo fails at once.
  const sources = readLines ? await resolveJsonLinesSources(paths) : [];

  const bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-ingest`, log });
  let failed = false;
  try {
    await ensurePipelineTopics(bus, config.kafka.topicPrefix, claimTopics(config.taxonomyFile));
    const producer = await bus.createProducer();
    const publisher = createArticlePublisher({
      producer,
      topics: topicNames(config.kafka.topicPrefix),
      log: log.child({ component: 'ingest' }),
    });
    const counts = { published: 0, deadLettered: 0 };

    if (readLines) {
      const progress = createByteProgress(process.stderr, totalBytes(sources));
      try {
        const r = await ingestJsonLines({
          paths,
          sources,
          publisher,
          log,
          batchSize,
          onBadLine: (bad) => progress.log(formatLineError(bad.label, bad.line, bad.problems)),
          onProgress: (read) => progress.update(read),
        });
        counts.published += r.published;
        counts.deadLettered += r.deadLettered;
      } finally {
        progress.stop();
      }
      failed = counts.deadLettered > 0;
    }

    if (opts.feed.length > 0) {
      const poller = createFeedPoller({
        feeds: opts.feed.map((url) => ({ url, every })),
        publisher,
        log,
        allowPrivate: opts.allowPrivateFeeds ?? false,
      });
      if (opts.once) {
        for (const r of await poller.pollOnce()) {
          // The human summary goes to stdout, one line per feed; stderr carries only log lines (LOG_FORMAT).
          if (r.status === 'failed') {
            failed = true;
            process.stdout.write(`feed ${r.url}: failed: ${r.error}\n`);
          } else {
            counts.published += r.published;
            counts.deadLettered += r.deadLettered;
            process.stdout.write(`feed ${r.url}: published ${r.published}, dead-lettered ${r.deadLettered}\n`);
          }
        }
        failed ||= counts.deadLettered > 0;
      } else {
        // Runs until SIGINT/SIGTERM; the poller logs each poll.
        const { done } = await superviseServices([poller], log);
        await done;
      }
    }
    if (readLines || opts.once)
      process.stdout.write(`published ${counts.published}, dead-lettered ${counts.deadLettered}\n`);
  } finally {
    await bus.close();
  }
  if (failed) process.exitCode = 1;
}
