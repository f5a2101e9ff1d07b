import { EXIT } from './exit.ts';

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a folder, expected a file',
  ENOTDIR: 'a part of the path is not a folder',
};

/** Thrown by a command for input the user must change (unknown topic, bad date, …): exit 2, the message as is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * What main.ts prints for an error that ended a command, and the exit code: a missing or unreadable file in words
 * (exit 2: the command line named it), a usage error as is (2), anything else as its message (1).
 */
export function describeFailure(err: unknown): { message: string; exitCode: number } {
  if (err instanceof UsageError || (err instanceof Error && err.name === 'UsageError'))
    return { message: err.message, exitCode: EXIT.usage };
  const e = err as NodeJS.ErrnoException;
  if (e instanceof Error && typeof e.code === 'string' && typeof e.path === 'string' && FILE_ERRORS[e.code]) {
    return { message: `cannot read ${e.path}: ${FILE_ERRORS[e.code]}`, exitCode: EXIT.usage };
  }
  return { message: err instanceof Error ? err.message : String(err), exitCode: EXIT.failure };
}
