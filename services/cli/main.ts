import { Command } from 'commander';
import { registerStackCommand } from './commands/stack.ts';
import { registerExtractCommand } from './commands/extract.ts';
import { registerPipelineCommands } from './commands/pipeline.ts';
import { registerIngestCommand } from './commands/ingest.ts';
import { registerDedupCommand } from './commands/dedup.ts';
import { registerReadModelCommands } from './commands/read-model.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerAsyncApiCommand } from './commands/asyncapi.ts';
import { registerSubscribeCommand } from './commands/subscribe.ts';
import { registerSubscriptionsCommand } from './commands/subscriptions.ts';
import { registerBackfillCommand } from './commands/backfill.ts';

// A closed pipe (`claimwatch extract | head`) is the reader saying it has enough.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// The `claimwatch` CLI: each command lives in commands/ and registers itself here.
const program = new Command()
  .name('claimwatch')
  .description('claimwatch: trustworthy, traceable numbers from war reporting (Kafka + Temporal)')
  .showHelpAfterError();

registerStackCommand(program);
registerExtractCommand(program);
registerPipelineCommands(program);
registerIngestCommand(program);
registerDedupCommand(program);
registerReadModelCommands(program);
registerStartCommand(program);
registerAsyncApiCommand(program);
registerBackfillCommand(program);
registerSubscribeCommand(program);
registerSubscriptionsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`claimwatch: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = process.exitCode || 1;
}
