import type { Config } from '../../platform/config.ts';
import { chooseLogFormat } from '../../platform/log-format.ts';
import { createRootLogger, type Logger } from '../../platform/logger.ts';
import { cliConfig } from './cli-config.ts';

export interface CliContext {
  config: Config;
  log: Logger;
}

let cached: CliContext | undefined;

/** The composition root of CLI commands that log: reads process.env once and builds the root logger (pretty on a terminal). */
export function cliContext(): CliContext {
  if (cached) return cached;
  const config = cliConfig();
  cached = {
    config,
    log: createRootLogger(config.logLevel, undefined, {
      format: chooseLogFormat(config.logFormat, process.stderr.isTTY === true),
    }),
  };
  return cached;
}
