import type { QuantityMention } from '../quantity/types.ts';
import type { DraftClaim } from './analyse.ts';

const ARMS = 'arms-transferred';
const ATTACKS = 'aerial-attacks';
const INTERCEPTIONS = 'aerial-interceptions';
const DOWN = String.raw`(?:shot down|shoots? down|shooting down|intercept(?:ed|s|ing)?|downs|downed|destroy(?:ed|s)|neutrali[sz](?:ed|es)|(?:took|taken|takes?|brought|brings|knocked|knocks) down|suppressed|eliminated)`;
const INTERCEPT_VERB = new RegExp(String.raw`\b${DOWN}\b`, 'i');
const OF_THE = /^\s+(?:out\s+)?of\s+(?:the\s+)?["“]?$/i;
const OPENS_WITH_OF_THE = /^\s*of\s+(?:the|these|those)\s+$/i;
const OF_THEM = /^\s+of\s+(?:them|those|these)\b/i;
// "intercepted 70 Iskanders out of 180 fired": the part names the noun, the whole after it none.
const NOUN_OUT_OF = /^\s+(?:(?!and\b|or\b)[\w-]+\s+){1,3}out\s+of\s+(?:the\s+)?$/i;
// "Of those, 87 were shot down", "of which 20 were intercepted": the partitive stands before the figure.
const OF_THEM_BEFORE =
  /\bof\s+(?:them|those|these|which)\s*,?\s*(?:some\s+|about\s+|around\s+|nearly\s+|almost\s+|over\s+|more than\s+)?$/i;
// "47 drones were launched …; 35 were shot down": a bare figure whose own verb intercepts.
const WERE_DOWNED = new RegExp(
  String.raw`^\s+(?:were|was|have been|had been|of which were)\s+(?:\w+ly\s+)?${DOWN}\b`,
  'i',
);
const AND_DOWNED = new RegExp(
  String.raw`^[^.;:]{0,80}?\band\s+(?:were|was|have been|had been)\s+(?:\w+ly\s+)?${DOWN}\b`,
  'i',
);
// "destroyed all 18 drones launched by Russia": the launched figure is also the intercepted one.
const DOWNED_ALL = new RegExp(String.raw`\b${DOWN}\s+(?:all|each of the|every one of the)\s+(?:the\s+)?$`, 'i');
const AERIAL = new Set([ATTACKS, INTERCEPTIONS]);

/**
 * Air-defence reports give two figures in one breath: "shot down 21 of the 23 missiles" and
 * "launched 89 drones … 62 of them were shot down". The first figure is intercepted, the second
 * launched. Rewrites the drafts of one sentence (mention i ↔ drafts[i]) in place, and returns a
 * draft for an "N of them" figure that no noun named. Only when the taxonomy has both topics.
 * `previous` holds the launched figures of the sentences just before ("Russia launched 90 drones. Air
 * defences destroyed 38 of them."), used when the sentence itself launches nothing.
 */
export function pairInterceptions(
  sentence: string,
  mentions: readonly QuantityMention[],
  drafts: Array<DraftClaim | null>,
  topics: ReadonlySet<string>,
  previous: readonly DraftClaim[] = [],
): DraftClaim[] {
  if (!topics.has(ATTACKS) || !topics.has(INTERCEPTIONS) || !INTERCEPT_VERB.test(sentence)) return [];
  const added: DraftClaim[] = [];
  // "Of the 120 drones, 100 were shot down": the whole a sentence opens with was launched; its parts follow.
  mentions.forEach((m, i) => {
    const d = drafts[i] ?? null;
    if (d !== null && d.topic === INTERCEPTIONS && OPENS_WITH_OF_THE.test(sentence.slice(0, m.numberStart)))
      Object.assign(d, { topic: ATTACKS, actor: d.counterpart, counterpart: d.actor });
  });
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i] as QuantityMention;
    const d = drafts[i] ?? null;
    const next = mentions[i + 1];
    const nextDraft = drafts[i + 1] ?? null;
    if (
      next !== undefined &&
      nextDraft !== null &&
      (AERIAL.has(nextDraft.topic) || (d?.topic === INTERCEPTIONS && nextDraft.topic === ARMS)) &&
      OF_THE.test(sentence.slice(m.end, next.start))
    ) {
      // "shot down 70 of the 250 drones Iran supplied to Russia": a whole one party gave another stays a transfer;
      // the part was downed by whoever the sentence says, fired by the side that received them.
      if (nextDraft.topic === ARMS && d !== null && nextDraft.actor !== null && nextDraft.counterpart !== null) {
        if (d.counterpart === nextDraft.actor || d.actor === nextDraft.counterpart) d.actor = null;
        d.counterpart = nextDraft.counterpart;
        if (d.actor === d.counterpart) d.actor = null;
        continue;
      }
      // "downed 38 of the 47 drones Russia sent": the whole was launched, not supplied.
      if (nextDraft.topic === ARMS) nextDraft.item = d?.item ?? null;
      const interceptor =
        (nextDraft.topic === INTERCEPTIONS ? nextDraft.actor : nextDraft.counterpart) ??
        (d?.topic === INTERCEPTIONS ? d.actor : null);
      const attacker =
        (nextDraft.topic === INTERCEPTIONS ? nextDraft.counterpart : nextDraft.actor) ??
        (d?.topic === INTERCEPTIONS ? d.counterpart : null);
      const intercepted = d ?? { ...nextDraft, quantity: quantityOf(m) };
      Object.assign(intercepted, {
        topic: INTERCEPTIONS,
        item: nextDraft.item,
        actor: interceptor,
        counterpart: attacker,
      });
      Object.assign(nextDraft, { topic: ATTACKS, actor: attacker, counterpart: interceptor });
      if (d === null) added.push(intercepted);
      continue;
    }
    if (
      next !== undefined &&
      nextDraft === null &&
      d !== null &&
      d.topic === INTERCEPTIONS &&
      next.value >= m.value &&
      NOUN_OUT_OF.test(sentence.slice(m.end, next.start))
    ) {
      drafts[i + 1] = { ...d, topic: ATTACKS, actor: d.counterpart, counterpart: d.actor, quantity: quantityOf(next) };
      added.push(drafts[i + 1] as DraftClaim);
      i++;
      continue;
    }
    if (d !== null && d.topic === ATTACKS && DOWNED_ALL.test(sentence.slice(0, m.numberStart))) {
      added.push({ ...d, topic: INTERCEPTIONS, actor: d.counterpart, counterpart: d.actor });
      continue;
    }
    // "over 70 drones targeted the capital and were shot down": the launched figure was also intercepted.
    if (d !== null && d.topic === ATTACKS && AND_DOWNED.test(sentence.slice(m.end))) {
      added.push({ ...d, topic: INTERCEPTIONS, actor: d.counterpart, counterpart: d.actor });
      continue;
    }
    const partitive = OF_THEM.test(sentence.slice(m.end)) || OF_THEM_BEFORE.test(sentence.slice(0, m.numberStart));
    // "47 drones and 4 missiles were launched …, and 43 were neutralised": a bare figure with its own
    // intercepting verb is no list item of the launch.
    if (d !== null && d.topic === ATTACKS && WERE_DOWNED.test(sentence.slice(m.end))) {
      const launched = whole(
        drafts.slice(0, i).filter((x): x is DraftClaim => x !== null && x.topic === ATTACKS),
        m.value,
      );
      if (launched !== undefined)
        Object.assign(d, {
          topic: INTERCEPTIONS,
          item: launched.item,
          actor: launched.counterpart,
          counterpart: launched.actor,
        });
      continue;
    }
    // "Russia struck with 40 drones; 38 drones were shot down": who launched them did not intercept them.
    if (d !== null && d.topic === INTERCEPTIONS && d.actor !== null) {
      const launched = [...drafts.slice(0, i), ...previous].find(
        (x) => x !== null && x.topic === ATTACKS && x.item === d.item && x.actor === d.actor,
      );
      if (launched) Object.assign(d, { actor: launched.counterpart, counterpart: launched.actor });
    }
    if (d === null && (partitive || WERE_DOWNED.test(sentence.slice(m.end)))) {
      const inSentence = drafts.slice(0, i).filter((x): x is DraftClaim => x !== null && x.topic === ATTACKS);
      const launched = whole(inSentence.length > 0 ? inSentence : previous, m.value);
      if (launched)
        added.push({
          ...launched,
          topic: INTERCEPTIONS,
          actor: launched.counterpart,
          counterpart: launched.actor,
          quantity: quantityOf(m),
          kind: 'total',
        });
    }
  }
  return added;
}

// The launched figure a part belongs to: the last one at least as large ("90 drones and 5 missiles …
// 38 of them" are drones).
function whole(launched: readonly DraftClaim[], part: number): DraftClaim | undefined {
  return launched.findLast((x) => x.quantity.value >= part);
}

function quantityOf(m: QuantityMention): DraftClaim['quantity'] {
  return { value: m.value, unit: 'count', qualifier: m.qualifier, low: m.low, high: m.high };
}
