import type { StackService } from './layout.ts';

/** Raised when a service of the local stack does not come up; carries its log tail. */
export class StackStartError extends Error {
  constructor(service: StackService, detail: string, logTail: string, logFile: string) {
    super(`${service} did not become healthy: ${detail}\n--- last lines of ${logFile} ---\n${logTail}`);
    this.name = 'StackStartError';
  }
}
