import type { QuantityMention } from '../quantity/types.ts';
import type { DraftClaim } from './analyse.ts';

const ATTACKS = 'aerial-attacks';
const INTERCEPTIONS = 'aerial-interceptions';
const INTERCEPT_VERB = /\b(?:shot down|shoot down|shooting down|intercept(?:ed|s|ing)?|downed|destroyed|neutrali[sz]ed)\b/i;
const OF_THE = /^\s+(?:out\s+)?of\s+(?:the\s+)?$/i;
const OF_THEM = /^\s+of\s+(?:them|those)\b/i;
// "47 drones were launched …; 35 were shot down": a bare figure whose own verb intercepts.
const WERE_DOWNED = /^\s+(?:were|was|have been|had been|of which were)\s+(?:\w+ly\s+)?(?:shot down|intercepted|downed|destroyed|neutrali[sz]ed)\b/i;
const AERIAL = new Set([ATTACKS, INTERCEPTIONS]);

/**
 * Air-defence reports give two figures in one breath: "shot down 21 of the 23 missiles" and
 * "launched 89 drones … 62 of them were shot down". The first figure is intercepted, the second
 * launched. Rewrites the drafts of one sentence (mention i ↔ drafts[i]) in place, and returns a
 * draft for an "N of them" figure that no noun named. Only when the taxonomy has both topics.
 */
export function pairInterceptions(
  sentence: string,
  mentions: readonly QuantityMention[],
  drafts: Array<DraftClaim | null>,
  topics: ReadonlySet<string>,
): DraftClaim[] {
  if (!topics.has(ATTACKS) || !topics.has(INTERCEPTIONS) || !INTERCEPT_VERB.test(sentence)) return [];
  const added: DraftClaim[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i] as QuantityMention;
    const d = drafts[i] ?? null;
    const next = mentions[i + 1];
    const nextDraft = drafts[i + 1] ?? null;
    if (next !== undefined && nextDraft !== null && AERIAL.has(nextDraft.topic) && OF_THE.test(sentence.slice(m.end, next.start))) {
      const interceptor = (nextDraft.topic === INTERCEPTIONS ? nextDraft.actor : nextDraft.counterpart) ?? (d?.topic === INTERCEPTIONS ? d.actor : null);
      const attacker = (nextDraft.topic === INTERCEPTIONS ? nextDraft.counterpart : nextDraft.actor) ?? (d?.topic === INTERCEPTIONS ? d.counterpart : null);
      const intercepted = d ?? { ...nextDraft, quantity: quantityOf(m) };
      Object.assign(intercepted, { topic: INTERCEPTIONS, item: nextDraft.item, actor: interceptor, counterpart: attacker });
      Object.assign(nextDraft, { topic: ATTACKS, actor: attacker, counterpart: interceptor });
      if (d === null) added.push(intercepted);
      continue;
    }
    if (d === null && (OF_THEM.test(sentence.slice(m.end)) || WERE_DOWNED.test(sentence.slice(m.end)))) {
      const launched = drafts.slice(0, i).reverse().find((x): x is DraftClaim => x !== null && x.topic === ATTACKS);
      if (launched) added.push({ ...launched, topic: INTERCEPTIONS, actor: launched.counterpart, counterpart: launched.actor, quantity: quantityOf(m), kind: 'total' });
    }
  }
  return added;
}

function quantityOf(m: QuantityMention): DraftClaim['quantity'] {
  return { value: m.value, unit: 'count', qualifier: m.qualifier, low: m.low, high: m.high };
}
