import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { asyncApiDocumentFor } from '../../../surfaces/api/asyncapi-route.ts';
import { claimTopicIds, taxonomyFromFile } from '../../taxonomy.ts';
import { summaryOf } from '../manifest.ts';
import { cliContext } from '../context.ts';

/** `claimwatch asyncapi [--out FILE]`: the AsyncAPI 3.0 document of the Kafka topics (prefix, brokers and claim topics from the config). */
export function registerAsyncApiCommand(program: Command): void {
  program
    .command('asyncapi')
    .description(summaryOf('asyncapi'))
    .option('--out <file>', 'write the document to FILE instead of stdout')
    .action((opts: { out?: string }) => {
      const { config } = cliContext();
      const document = asyncApiDocumentFor({
        prefix: config.kafka.topicPrefix,
        brokers: config.kafka.brokers,
        claimTopics: claimTopicIds(taxonomyFromFile(config.taxonomyFile)),
      });
      const json = `${JSON.stringify(document, null, 2)}\n`;
      if (opts.out === undefined) process.stdout.write(json);
      else writeFileSync(opts.out, json);
    });
}
