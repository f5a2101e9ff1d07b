import { refuseUnknown } from '../../../schemas/known.ts';
import type { Condition } from '../../../schemas/webhook.ts';
import { refuseUnknownPlace } from '../../../domain/places/known.ts';

/** What a subscription condition's names are checked against: the taxonomy's topics and the read model's series. */
export interface KnownNames {
  topics: readonly string[];
  /** Undefined when this process has no read model to check series against (nothing is refused then). */
  series?: { has(id: string): boolean; list(): readonly string[] };
}

/**
 * `condition.topic: unknown topic "x"; known topics: …` for each name of the condition that does not exist (topic,
 * series, place): the same rule (schemas/known.ts) as the read API and the CLI. Used by POST /api/subscriptions.
 */
export function unknownNamesIn(condition: Condition, known: KnownNames): string[] {
  const problems: string[] = [];
  const c = condition as { topic?: string; series?: string; place?: string };
  if (c.topic !== undefined) {
    const r = refuseUnknown('topic', [c.topic], known.topics);
    if (r) problems.push(`condition.topic: ${r}`);
  }
  if (c.series !== undefined && known.series && !known.series.has(c.series)) {
    problems.push(
      `condition.series: ${refuseUnknown('series', [c.series], known.series.list()) ?? `unknown series "${c.series}"`}`,
    );
  }
  if (c.place !== undefined) {
    const r = refuseUnknownPlace(c.place);
    if (r) problems.push(`condition.place: ${r}`);
  }
  return problems;
}
