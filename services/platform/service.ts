import type { Logger } from './logger.ts';

/**
 * A long-running part of claimwatch (worker, dispatcher, projector, API, feed poller). `start`
 * resolves once it serves; `stop` finishes in-flight work and releases connections.
 */
export interface Service {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs services in one process: starts them in order, stops them in reverse on SIGTERM/SIGINT
 * (or when one fails), and resolves when all have stopped. Used by `npm start` and each
 * `claimwatch <service>` command.
 */
export async function superviseServices(
  services: Service[],
  log: Logger,
  options: { signals?: boolean } = {},
): Promise<{ stop: () => Promise<void>; done: Promise<void> }> {
  const started: Service[] = [];
  let stopping: Promise<void> | undefined;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const s of [...started].reverse()) {
        try {
          await s.stop();
          log.info({ service: s.name }, 'stopped');
        } catch (err) {
          log.error({ service: s.name, err }, 'failed to stop cleanly');
        }
      }
      resolveDone();
    })();
    return stopping;
  };

  if (options.signals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'shutting down');
      void stop();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  for (const s of services) {
    try {
      await s.start();
      started.push(s);
      log.info({ service: s.name }, 'started');
    } catch (err) {
      log.error({ service: s.name, err }, 'failed to start');
      await stop();
      throw err;
    }
  }
  return { stop, done };
}
