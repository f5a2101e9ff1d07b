import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../services/platform/config.ts';
import { waitFor } from './harness.ts';

/**
 * One claimwatch service run as its own process (`node bin/claimwatch.mjs <command>`), as an operator runs it, with a
 * supervisor's manners: `kill()` is kill -9, `start()` starts it again; an exit nobody asked for is counted and, like
 * systemd's `Restart=always`, the process is started again after a second.
 */
export interface CliProcess {
  readonly name: string;
  pid(): number | undefined;
  /** Starts it and waits until it logged `started` for every service it runs. */
  start(): Promise<void>;
  /** SIGKILL, and waits for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (clean stop), and waits for the exit; no restart. */
  stop(): Promise<void>;
  /** Exits nobody asked for (each was followed by a restart). */
  unexpectedExits(): Array<{ code: number | null; signal: string | null; tail: string }>;
  /** The last lines it wrote (stderr and stdout). */
  tail(lines?: number): string;
}

/**
 * `services` are the names its supervisor logs as started (`worker`, `dispatcher`, `projector`, `api`); the process
 * logs JSON at info level so the test can see them.
 */
export function cliProcess(name: string, args: string[], env: Record<string, string>, services: string[]): CliProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let wanted = false;
  let started = new Set<string>();
  const lines: string[] = [];
  const unexpected: Array<{ code: number | null; signal: string | null; tail: string }> = [];
  const tail = (n = 30) => lines.slice(-n).join('\n');

  const onLine = (line: string) => {
    lines.push(line);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
    if (!line.startsWith('{')) return;
    try {
      const entry = JSON.parse(line) as { msg?: string; service?: string };
      if (entry.msg === 'started' && entry.service) started.add(entry.service);
    } catch {
      // not a log line
    }
  };

  const spawnOnce = () => {
    started = new Set();
    const c = spawn(process.execPath, [path.join(repoRoot, 'bin', 'claimwatch.mjs'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [c.stdout, c.stderr]) {
      let rest = '';
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        for (const l of parts) onLine(l);
      });
    }
    exited = new Promise<void>((resolve) =>
      c.once('exit', (code, signal) => {
        if (child === c) child = undefined;
        if (wanted) {
          unexpected.push({ code, signal, tail: tail() });
          setTimeout(() => {
            if (wanted && child === undefined) spawnOnce();
          }, 1000);
        }
        resolve();
      }),
    );
    child = c;
  };

  return {
    name,
    pid: () => child?.pid,
    async start() {
      wanted = true;
      if (child === undefined) spawnOnce();
      await waitFor(() => (services.every((s) => started.has(s)) ? true : undefined), {
        timeoutMs: 120_000,
        intervalMs: 100,
        what: `${name} to start:\n${tail()}`,
      });
    },
    async kill() {
      wanted = false;
      child?.kill('SIGKILL');
      await exited;
    },
    async stop() {
      wanted = false;
      child?.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
    unexpectedExits: () => unexpected,
    tail,
  };
}
