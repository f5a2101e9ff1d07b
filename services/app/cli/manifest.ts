import type { Command } from 'commander';

/** One module of commands/: the top-level commands it registers and how to load it. */
export interface CommandModule {
  /** Top-level command names with the one-line summary shown by `claimwatch --help`. */
  commands: ReadonlyArray<readonly [name: string, summary: string]>;
  load: () => Promise<(program: Command) => void>;
}

// Only the module of the command being run is imported: `claimwatch tallies` never loads Kafka, Temporal or fastify.
// Each module takes its commands' summaries from here (summaryOf), so `--help` and `CMD --help` agree.
/** Every command module in `--help` order; main.ts loads one of them per run. */
export const commandModules: readonly CommandModule[] = [
  {
    commands: [['start', 'bring up the local stack, run every service, ingest the sample corpus and show the tallies']],
    load: async () => (await import('./commands/start.ts')).registerStartCommand,
  },
  {
    commands: [['stack', 'manage the embedded local Kafka + Temporal stack']],
    load: async () => (await import('./commands/stack.ts')).registerStackCommand,
  },
  {
    commands: [
      ['tallies', 'print the series tallies: latest figure, sources, disputes (read model)'],
      ['claims', 'print the standing claims, newest first (read model)'],
      ['topics', 'print the claim topics with their series and claim counts (read model)'],
      ['series', 'print one series: its headline and every report with its evidence (read model)'],
    ],
    load: async () => (await import('./commands/query.ts')).registerQueryCommands,
  },
  {
    commands: [
      ['ingest', 'publish articles to the raw topic from JSON-lines files/folders/stdin, or poll RSS/Atom feeds'],
    ],
    load: async () => (await import('./commands/ingest.ts')).registerIngestCommand,
  },
  {
    commands: [
      ['extract', 'extract claims from articles (JSON lines from --input or stdin) and print one claim per line'],
    ],
    load: async () => (await import('./commands/extract.ts')).registerExtractCommand,
  },
  {
    commands: [
      [
        'dedup',
        'mark re-deliveries and syndicated copies: one JSON line per article with duplicateOf, similarity and reason',
      ],
    ],
    load: async () => (await import('./commands/dedup.ts')).registerDedupCommand,
  },
  {
    commands: [
      ['subscribe', 'print claims of the given claim topics as they are published (from Kafka; Ctrl-C stops)'],
    ],
    load: async () => (await import('./commands/subscribe.ts')).registerSubscribeCommand,
  },
  {
    commands: [['subscriptions', 'webhook subscriptions: alerts POSTed to your URL when a condition holds']],
    load: async () => (await import('./commands/subscriptions.ts')).registerSubscriptionsCommand,
  },
  {
    commands: [
      [
        'dead-letters',
        'refused input on the dead-letter topic: list, show ID, replay ID (unchanged or fixed with --input) to the raw topic',
      ],
    ],
    load: async () => (await import('./commands/dead-letters.ts')).registerDeadLettersCommand,
  },
  {
    commands: [
      [
        'backfill',
        're-process history (raw topic or a JSON-lines archive) with the current extractor; follows it with a progress bar',
      ],
    ],
    load: async () => (await import('./commands/backfill.ts')).registerBackfillCommand,
  },
  {
    commands: [
      ['worker', 'run a Temporal worker (processArticle, seriesTally) on the task queue'],
      ['dispatcher', 'run the dispatcher: raw articles topic → one processArticle workflow per article'],
      [
        'alerts',
        'run the alert router and webhook deliveries: claims and tallies topics → subscription workflows → POST',
      ],
    ],
    load: async () => (await import('./commands/pipeline.ts')).registerPipelineCommands,
  },
  {
    commands: [
      ['projector', 'fold the claims topics into the read model until SIGINT/SIGTERM'],
      ['api', 'serve the read model over HTTP on HTTP_HOST:HTTP_PORT (bearer token: API_TOKEN)'],
      [
        'rebuild',
        'replay the claims topics from offset 0 into a fresh read model and swap it in (--dedup-index: the dedup index from its verdicts)',
      ],
    ],
    load: async () => (await import('./commands/read-model.ts')).registerReadModelCommands,
  },
  {
    commands: [
      ['asyncapi', 'print the AsyncAPI 3.0 document of the Kafka topics (one channel per claim topic) as JSON'],
    ],
    load: async () => (await import('./commands/asyncapi.ts')).registerAsyncApiCommand,
  },
];

/** The summary of a top-level command, for its module's `.description(…)`; throws on a name missing from the manifest. */
export function summaryOf(name: string): string {
  for (const m of commandModules) for (const [n, summary] of m.commands) if (n === name) return summary;
  throw new Error(`command ${name} is not in services/app/cli/manifest.ts`);
}

/** The module that registers the command named by argv (after `node claimwatch`), if any: `help X` names X. */
export function moduleFor(args: readonly string[]): CommandModule | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return commandModules.find((m) => m.commands.some(([n]) => n === name));
}
