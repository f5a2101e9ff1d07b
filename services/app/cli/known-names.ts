import { existsSync } from 'node:fs';
import { refuseUnknown, type KnownKind } from '../../../schemas/known.ts';
import type { Config } from '../../platform/config.ts';
import { defaultReadModelPath, openSqliteReadModel } from '../../stores/read-model/sqlite-read-model.ts';
import { UsageError } from './errors.ts';

/** The claim topics of the configured taxonomy (CLAIMWATCH_TAXONOMY or the built-in one); loads the taxonomy code only when asked. */
export async function knownTopics(config: Config): Promise<string[]> {
  const { claimTopicIds, taxonomyFromFile } = await import('../taxonomy.ts');
  return claimTopicIds(taxonomyFromFile(config.taxonomyFile));
}

/** Series ids in the read model; undefined when there is no read model on this host (nothing to check against). */
export function knownSeries(config: Config): string[] | undefined {
  const file = defaultReadModelPath(config.dataDir);
  if (!existsSync(file)) return undefined;
  const readModel = openSqliteReadModel({ path: file });
  try {
    return readModel.listTallies().map((t) => t.summary.seriesId);
  } finally {
    readModel.close();
  }
}

/** Throws UsageError (exit 2) naming the unknown values and the known ones (schemas/known.ts). */
export function requireKnown(kind: KnownKind, given: readonly string[], known: readonly string[], flag?: string): void {
  const refusal = refuseUnknown(kind, given, known);
  if (refusal !== undefined) throw new UsageError(flag ? `${flag}: ${refusal}` : refusal);
}
