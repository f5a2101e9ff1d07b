import type Database from 'better-sqlite3';

/**
 * Sets a connection up for several processes on one file: a busy timeout, then WAL mode. Switching to WAL takes
 * an exclusive lock and SQLite answers SQLITE_BUSY at once (no busy handler) when another process opens the same
 * new file at that moment, so the switch is retried for up to `busyTimeoutMs`.
 */
export function useWal(db: Database.Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  const deadline = Date.now() + busyTimeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      db.pragma('journal_mode = WAL');
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() + wait > deadline) throw err;
      Atomics.wait(pause, 0, 0, wait); // synchronous on purpose: connections are opened before anything runs
    }
  }
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process crashes; the log replays the rest
}
