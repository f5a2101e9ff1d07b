import type { Decision } from '../../../domain/dedup/types.ts';
import type { DedupVerdict } from '../../../schemas/topics.ts';
import type { EventProducer } from '../kafka.ts';
import { envelope, stableId } from './envelopes.ts';

/**
 * Publishes the dedup index's verdicts, in the order it gave them, to the verdicts topic (key: article id; the same
 * verdict always has the same message id). Called by the analysis activities right after `checkAndInsertMany`, so the
 * log holds what the index decided. Throws the producer's errors.
 */
export async function publishDedupVerdicts(
  producer: EventProducer,
  topic: string,
  verdicts: ReadonlyArray<{ articleId: string; decision: Decision }>,
): Promise<void> {
  if (verdicts.length === 0) return;
  await producer.send(
    topic,
    verdicts.map(({ articleId, decision }) => {
      const data = {
        articleId,
        duplicateOf: decision.duplicateOf,
        similarity: decision.similarity,
        reason: decision.reason,
      };
      const env: DedupVerdict = envelope('DedupVerdict', data, {
        id: stableId('verdict', articleId, decision.duplicateOf ?? ''),
      });
      return { key: articleId, value: JSON.stringify(env), headers: { type: 'DedupVerdict' } };
    }),
  );
}

/** A verdict as read back from the topic. */
export type RecordedVerdict = DedupVerdict['data'];

/**
 * Pure: the order in which a rebuilt index must see the articles of the verdicts topic. The first verdict of each
 * article counts (a retried activity publishes it again, later); an article comes after the original it was judged a
 * copy of, even when the copy's verdict reached the topic first (two workers publish in either order), so the rebuilt
 * index sees every original before its copies. Used by `rebuildDedupIndex`.
 */
export function rebuildOrder(verdicts: readonly RecordedVerdict[]): RecordedVerdict[] {
  const first = new Map<string, RecordedVerdict>();
  for (const v of verdicts) if (!first.has(v.articleId)) first.set(v.articleId, v);
  const out: RecordedVerdict[] = [];
  const placed = new Set<string>();
  const waiting = new Map<string, RecordedVerdict[]>(); // by the original they wait for
  const place = (v: RecordedVerdict) => {
    const stack = [v];
    while (stack.length > 0) {
      const next = stack.pop() as RecordedVerdict;
      if (placed.has(next.articleId)) continue;
      out.push(next);
      placed.add(next.articleId);
      const after = waiting.get(next.articleId);
      if (after) {
        waiting.delete(next.articleId);
        stack.push(...after.reverse());
      }
    }
  };
  for (const v of first.values()) {
    const original = v.duplicateOf;
    if (original !== null && original !== v.articleId && first.has(original) && !placed.has(original)) {
      waiting.set(original, [...(waiting.get(original) ?? []), v]);
      continue;
    }
    place(v);
  }
  // Originals that never became placeable (a cycle, which the index cannot produce): keep their topic order.
  for (const list of waiting.values()) for (const v of list) if (!placed.has(v.articleId)) place(v);
  return out;
}
