import { Command, CommanderError } from 'commander';
import { commandModules, moduleFor } from './manifest.ts';
import { EXIT } from './exit.ts';
import { describeFailure } from './errors.ts';
import { argumentCheckOf, requireServices, servicesNeededBy } from './services-needed.ts';
import packageJson from '../../../package.json' with { type: 'json' };

// A closed pipe (`claimwatch extract | head`) is the reader saying it has enough.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// The `claimwatch` CLI. Only the module of the command being run is loaded (see manifest.ts); for the top-level
// help, an unknown command or none, every command is listed by name and summary without loading any module.
const program = new Command()
  .name('claimwatch')
  .description('claimwatch: trustworthy, traceable numbers from war reporting (Kafka + Temporal)')
  .version(`${packageJson.version} (node ${process.versions.node})`, '-V, --version', 'print the version')
  .showHelpAfterError('(claimwatch help [command] shows the usage)')
  .exitOverride()
  .addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 failure (including a service that is down), 2 usage (bad option, unknown topic, series, …).\n' +
      'Logs go to stderr: LOG_FORMAT=pretty|json (pretty on a terminal), LOG_LEVEL=debug|info|warn|….\n',
  );

// A command that needs Kafka or Temporal checks they answer before it starts (≤ 2 s), and says how to start them.
program.hook('preAction', async (_program, action) => {
  await argumentCheckOf(action)?.(action);
  const services = servicesNeededBy(action);
  if (services.length === 0) return;
  const { cliConfig } = await import('./cli-config.ts'); // zod: not loaded by --help
  await requireServices(services, cliConfig());
});

const args = process.argv.slice(2);
const chosen = moduleFor(args);
if (chosen) (await chosen.load())(program);
else
  for (const m of commandModules) for (const [name, summary] of m.commands) program.command(name).description(summary);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed its message (help, version, or a usage error with the help after it).
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    const { message, exitCode } = describeFailure(err);
    process.stderr.write(`claimwatch: ${message}\n`);
    process.exitCode = process.exitCode || exitCode;
  }
}
