import { stripVTControlCharacters } from 'node:util';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { formatPrettyLine, type LogFormat } from './log-format.ts';

export type { Logger } from 'pino';
export type { LogFormat } from './log-format.ts';

/** Writes each pino JSON line to stderr as one human line (log-format.ts); stderr on a terminal writes synchronously. */
function prettyStderr(colours: boolean): NodeJS.WritableStream {
  return {
    write(chunk: string) {
      let line: string;
      try {
        line = formatPrettyLine(JSON.parse(chunk) as Record<string, unknown>, { colours });
      } catch {
        line = chunk;
      }
      return process.stderr.write(line);
    },
  } as NodeJS.WritableStream;
}

/**
 * Creates the one root logger of a process; components take `log.child({ component })`. JSON lines on stderr by
 * default (or to `destination`); `format: 'pretty'` writes one coloured human line per event instead. Strings
 * logged never carry ANSI sequences (Temporal core colours its messages), so JSON lines stay clean.
 */
export function createRootLogger(
  level: LevelWithSilent,
  destination?: NodeJS.WritableStream,
  options: { format?: LogFormat } = {},
): Logger {
  const stream =
    destination ??
    (options.format === 'pretty'
      ? prettyStderr(process.stderr.isTTY === true)
      : pino.destination({ dest: 2, sync: true }));
  return pino(
    {
      level,
      base: { app: 'claimwatch' },
      // Secrets never reach a log line, wherever they appear in a logged object.
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'apiToken',
          '*.apiToken',
          'secret',
          '*.secret',
          // Request/response objects as fastify and HTTP clients log them: bearer tokens and dashboard session cookies.
          'cookie',
          '*.cookie',
          'headers.cookie',
          '*.headers.authorization',
          '*.headers.cookie',
          '*.headers["set-cookie"]',
          'headers["set-cookie"]',
          '*.*.headers.authorization',
          '*.*.headers.cookie',
          '*.*.token',
        ],
        censor: '[redacted]',
      },
      serializers: { err: pino.stdSerializers.err },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a: unknown) =>
            typeof a === 'string' ? stripVTControlCharacters(a) : a,
          ) as Parameters<typeof method>;
          method.apply(this, clean);
        },
      },
    },
    stream,
  );
}
