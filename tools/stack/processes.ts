import { spawn } from 'node:child_process';
import { openSync, closeSync, existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs a command to completion; rejects with its output tail when it exits non-zero. */
export function runCommand(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; account?: { uid: number; gid: number } | undefined } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options.account,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', (err) => reject(new Error(`${cmd} could not start: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out.slice(-4000)}`));
    });
  });
}

/** A started background service: its PID and a marker proving the PID is still ours. */
interface PidRecord {
  pid: number;
  marker: string;
}

/** True when PID is alive and its command line still carries our marker (PIDs get reused). */
export function isOurProcess(record: PidRecord): boolean {
  try {
    process.kill(record.pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    return cmdline.includes(record.marker);
  } catch {
    return false;
  }
}

/** Reads a PID file written by `startDetached`; undefined when absent or unreadable. */
export async function readPidFile(pidFile: string): Promise<PidRecord | undefined> {
  if (!existsSync(pidFile)) return undefined;
  try {
    return JSON.parse(await readFile(pidFile, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

/** Starts a long-running service detached from this process, logging to logFile, and records its PID. */
export async function startDetached(spec: {
  cmd: string;
  args: string[];
  logFile: string;
  pidFile: string;
  marker: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this account (root starting a server that refuses root). */
  account?: { uid: number; gid: number } | undefined;
}): Promise<number> {
  await mkdir(path.dirname(spec.logFile), { recursive: true });
  await mkdir(path.dirname(spec.pidFile), { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  const child = spawn(spec.cmd, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', fd, fd],
    ...spec.account,
  });
  closeSync(fd);
  const pid = await new Promise<number>((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`${spec.cmd} could not start: ${err.message}`)));
    child.once('spawn', () => resolve(child.pid ?? -1));
  });
  child.unref();
  await writeFile(spec.pidFile, JSON.stringify({ pid, marker: spec.marker } satisfies PidRecord));
  return pid;
}

/** Stops the process recorded in pidFile (`signal`, SIGTERM by default, then SIGKILL after graceMs) if it is still ours. */
export async function stopByPidFile(
  pidFile: string,
  graceMs = 20_000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<'stopped' | 'not-running'> {
  const record = await readPidFile(pidFile);
  if (!record || !isOurProcess(record)) {
    await rm(pidFile, { force: true });
    return 'not-running';
  }
  process.kill(record.pid, signal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isOurProcess(record)) await sleep(100);
  if (isOurProcess(record)) process.kill(record.pid, 'SIGKILL');
  while (isOurProcess(record)) await sleep(50);
  await rm(pidFile, { force: true });
  return 'stopped';
}

/** The last `lines` lines of a log file, for error messages. */
export async function tailFile(file: string, lines = 40): Promise<string> {
  if (!existsSync(file)) return '(no log file)';
  const text = await readFile(file, 'utf8');
  return text.split('\n').slice(-lines).join('\n');
}
