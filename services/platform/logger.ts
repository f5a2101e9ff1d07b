import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/** Creates the one root logger of a process; components take `log.child({ component })`. */
export function createRootLogger(level: LevelWithSilent, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'claimwatch' },
      // Secrets never reach a log line, wherever they appear in a logged object.
      redact: {
        paths: [
          'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'apiToken', '*.apiToken', 'secret', '*.secret',
          // Request/response objects as fastify and HTTP clients log them: bearer tokens and dashboard session cookies.
          'cookie', '*.cookie', 'headers.cookie', '*.headers.authorization', '*.headers.cookie', '*.headers["set-cookie"]', 'headers["set-cookie"]',
          '*.*.headers.authorization', '*.*.headers.cookie', '*.*.token',
        ],
        censor: '[redacted]',
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
