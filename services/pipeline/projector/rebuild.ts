import { randomUUID } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { topicNames } from '../../../schemas/topics.ts';
import { UnavailableError } from '../../platform/errors.ts';
import type { KafkaBus } from '../../platform/kafka.ts';
import type { Logger } from '../../platform/logger.ts';
import { openSqliteReadModel } from '../../stores/read-model/sqlite-read-model.ts';
import { createProjector } from './projector.ts';

export interface RebuildOptions {
  bus: KafkaBus;
  prefix: string;
  claimTopics: readonly string[];
  /** The read model file to produce. Its `-wal`/`-shm` companions are replaced too. */
  targetPath: string;
  log: Logger;
  /** Rename the fresh file over `targetPath` (default); false leaves it at the returned path. */
  swap?: boolean;
  /** Give up when the watermarks are not reached in time (default 10 minutes). */
  timeoutMs?: number;
}

export interface RebuildResult {
  /** Tally events folded (distinct envelope ids). */
  events: number;
  series: number;
  deadLetters: number;
  /** Where the rebuilt read model is: `targetPath` after a swap, else the temporary file. */
  path: string;
  durationMs: number;
}

/** Files SQLite keeps beside a database in WAL mode. */
const companions = (file: string): string[] => [`${file}-wal`, `${file}-shm`];

/**
 * Replays the claims and dead-letter topics from offset 0 into a fresh SQLite read model with the projector's
 * own code, under a new consumer group, until every partition reaches the high watermark captured at the start;
 * then closes it (checkpointing the WAL into the file) and renames it over `targetPath`, which is atomic on one
 * filesystem. Called by `claimwatch rebuild`, which first checks that no projector or API holds the old file open
 * (a process with the old file open would keep reading the replaced inode, and its WAL would not match the new
 * file). The live projector then resumes from its own committed offsets: what it re-reads is skipped by envelope id.
 * Throws UnavailableError on timeout (the fresh file is deleted; the old read model is untouched).
 */
export async function rebuildReadModel(options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const names = topicNames(options.prefix);
  const topics = [...options.claimTopics.map(names.claims), names.deadLetters];
  const log = options.log.child({ component: 'rebuild' });
  const targets = new Map<string, bigint>();
  for (const topic of topics) {
    for (const p of await options.bus.topicOffsets(topic))
      if (BigInt(p.high) > BigInt(p.low)) targets.set(`${topic}/${p.partition}`, BigInt(p.high));
  }

  const freshPath = `${options.targetPath}.rebuild-${randomUUID().slice(0, 8)}`;
  const discard = (file: string) => [file, ...companions(file)].forEach((f) => rmSync(f, { force: true }));
  const readModel = openSqliteReadModel({ path: freshPath });
  const projector = createProjector({
    bus: options.bus,
    readModel,
    prefix: options.prefix,
    claimTopics: options.claimTopics,
    groupId: `${options.prefix}.rebuild.${randomUUID()}`,
    log: options.log,
  });
  let counts: Omit<RebuildResult, 'path' | 'durationMs'> | undefined;
  try {
    await projector.start();
    const deadline = started + (options.timeoutMs ?? 600_000);
    for (;;) {
      const reached = new Map(readModel.positions().map((p) => [`${p.topic}/${p.partition}`, BigInt(p.nextOffset)]));
      const behind = [...targets].filter(([key, high]) => (reached.get(key) ?? 0n) < high);
      if (behind.length === 0) break;
      if (Date.now() > deadline)
        throw new UnavailableError(`rebuild did not reach the end of ${behind.length} partition(s) in time`);
      await sleep(100);
    }
    await projector.stop();
    const stats = projector.stats();
    counts = {
      events: stats.applied,
      series: readModel.listTopics().reduce((sum, t) => sum + t.series, 0),
      deadLetters: stats.deadLetters,
    };
  } finally {
    if (!counts)
      await projector.stop().catch((err: unknown) => log.warn({ err }, 'rebuild consumer did not stop cleanly'));
    readModel.close(); // the last connection checkpoints the WAL into the file and removes it
    if (!counts) discard(freshPath);
  }
  let path = freshPath;
  if (options.swap ?? true) {
    companions(freshPath).forEach((f) => rmSync(f, { force: true }));
    companions(options.targetPath).forEach((f) => rmSync(f, { force: true }));
    renameSync(freshPath, options.targetPath);
    path = options.targetPath;
  }
  const out: RebuildResult = { ...counts, path, durationMs: Date.now() - started };
  log.info({ ...out }, 'read model rebuilt from the log');
  return out;
}
