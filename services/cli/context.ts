import { loadConfig, ConfigError, type Config } from '../platform/config.ts';
import { createRootLogger, type Logger } from '../platform/logger.ts';

export interface CliContext {
  config: Config;
  log: Logger;
}

let cached: CliContext | undefined;

/** The composition root of CLI commands: reads process.env once and builds the root logger. */
export function cliContext(): CliContext {
  if (cached) return cached;
  try {
    const config = loadConfig(process.env);
    cached = { config, log: createRootLogger(config.logLevel) };
    return cached;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`claimwatch: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
