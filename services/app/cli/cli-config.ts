import { loadConfig, ConfigError, type Config } from '../../platform/config.ts';
import { EXIT } from './exit.ts';

let cached: Config | undefined;

/** The CLI's configuration, read from process.env once; an invalid environment prints every problem and exits 2. */
export function cliConfig(): Config {
  if (cached) return cached;
  try {
    cached = loadConfig(process.env);
    return cached;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`claimwatch: ${err.message}\n`);
      process.exit(EXIT.usage);
    }
    throw err;
  }
}
