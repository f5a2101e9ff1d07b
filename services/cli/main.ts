import { Command } from 'commander';
import { registerStackCommand } from './commands/stack.ts';

// The `claimwatch` CLI: each command lives in commands/ and registers itself here.
const program = new Command()
  .name('claimwatch')
  .description('claimwatch: trustworthy, traceable numbers from war reporting (Kafka + Temporal)')
  .showHelpAfterError();

registerStackCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`claimwatch: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = process.exitCode || 1;
}
