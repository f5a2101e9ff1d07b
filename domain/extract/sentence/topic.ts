import type { Topic } from '../../../schemas/taxonomy.ts';
import type { QuantityMention } from '../quantity/types.ts';
import type { NounHit } from '../taxonomy/compile.ts';
import { isClausePunct, type SentenceContext } from './context.ts';
import { eventAfter, type NounPhrase } from './noun-phrase.ts';
import { findGoverningVerb, type GoverningVerb } from './verb.ts';
import { PLACE_ADJECTIVES } from '../text/words.ts';

/** The topic a figure counts for, its canonical item, and the verb that decided it (if any). */
export interface TopicChoice {
  topic: Topic;
  item: string | null;
  verb: GoverningVerb | null;
}

const CONTEXT_WINDOW = 8;
// "The death toll from Wednesday's Russian missile strike on Zaporizhzhia has risen to 13": the noun whose level
// the figure gives may stand a long phrase before its verb (still within the clause).
const LEVEL_WINDOW = 14;

/** Maps a mention's unit to the topic unit class; null for units that are never claims (percent, km, year …). */
export function unitClass(unit: string): 'count' | 'km2' | 'currency' | null {
  if (unit === 'count' || unit === 'km2') return unit;
  return /^[A-Z]{3}$/.test(unit) ? 'currency' : null;
}

// Words that put a value on the noun phrase before them: "a military aid package, worth $200m".
const VALUE_OF = new Set(['worth', 'valued', 'totalling', 'totaling', 'amounting', 'estimated']);

function currencyTopic(ctx: SentenceContext, first: number, last: number, topics: Topic[]): TopicChoice | null {
  // The aid words must describe this figure: near it and within its comma-delimited phrase, or the phrase the
  // figure's own phrase values ("its 25th military aid package, worth 200 million euros").
  let from = first;
  let commas = 0;
  while (from > 0 && first - from < CONTEXT_WINDOW && !isClausePunct(ctx.tokens[from - 1])) {
    if (ctx.tokens[from - 1]?.text === ',') {
      if (commas > 0 || !VALUE_OF.has(ctx.tokens[from]?.norm ?? '')) break;
      commas += 1;
    }
    from--;
  }
  // "$300m (£235m) in military financing": a bracketed conversion right after the figure is skipped.
  let to = last;
  if (ctx.tokens[to]?.text === '(') {
    const close = ctx.tokens.slice(to, to + 6).findIndex((t) => t.text === ')');
    if (close > 0) to += close + 1;
  }
  const afterAside = to;
  while (
    to < ctx.tokens.length &&
    to - afterAside < CONTEXT_WINDOW &&
    ctx.tokens[to]?.text !== ',' &&
    !isClausePunct(ctx.tokens[to])
  )
    to++;
  const found = new Set(ctx.tax.context.findAll(ctx.tokens, from, to).flatMap((m) => m.value));
  const excluded = new Set(ctx.tax.contextExclude.findAll(ctx.tokens, from, to).flatMap((m) => m.value));
  const topic = topics.find((t) => found.has(t.id) && !excluded.has(t.id));
  if (topic === undefined) return null;
  return { topic, item: null, verb: findGoverningVerb(ctx, first, last, new Set([topic.id])) };
}

// "10,000 North Korean troops in Kursk": a counted noun present in a known place.
// "10,000 troops are now in Kursk": presence may be stated with a copula and an adverb before "in".
const COPULAS = new Set(['are', 'were', 'is', 'was', 'remain', 'remained', 'stay', 'stayed', 'been']);
const PRESENCE_ADVERBS = new Set(['now', 'already', 'still', 'currently', 'reportedly', 'also']);

function inKnownPlace(ctx: SentenceContext, from: number): boolean {
  let at = from;
  if (COPULAS.has(ctx.tokens[at]?.norm ?? '')) at += 1;
  // "1,000 engineers already in Russia", "troops are now in Kursk".
  if (PRESENCE_ADVERBS.has(ctx.tokens[at]?.norm ?? '')) at += 1;
  const t = ctx.tokens[at];
  if (t === undefined || (t.norm !== 'in' && t.norm !== 'at' && t.norm !== 'inside')) return false;
  let next = ctx.tokens[at + 1]?.norm === 'the' ? at + 2 : at + 1;
  // "in occupied Ukraine", "in eastern Ukraine": a place adjective before the place.
  if (PLACE_ADJECTIVES.has(ctx.tokens[next]?.norm ?? '')) next += 1;
  return ctx.places.some((p) => p.start === next) || ctx.entities.some((e) => e.start === next && !e.value.demonym);
}

function withItem(topic: Topic, hits: NounHit[], verbItem: string | null): TopicChoice['item'] | undefined {
  // A counted noun that names a status ("190 prisoners of war") yields to the outcome its verb gives ("exchanged");
  // one that makes a claim alone ("45 deaths", "refugees") keeps its own item.
  const noun = hits.find((h) => h.topic === topic.id && h.item !== null);
  const item =
    noun !== undefined && (noun.standalone || verbItem === null) ? noun.item : (verbItem ?? noun?.item ?? null);
  if (topic.requireItem && item === null) return undefined;
  return topic.items.length === 0 ? null : item;
}

// "air defences destroyed 60 drones": where a verb serves several topics, the one whose cue words the
// sentence holds wins (interceptions over equipment losses), else the taxonomy's order.
function preferred<T extends { topic: string }>(ctx: SentenceContext, hits: readonly T[]): T[] {
  if (hits.length < 2) return [...hits];
  const cued = new Set(ctx.tax.cues.findAll(ctx.tokens).flatMap((m) => m.value));
  return [...hits.filter((h) => cued.has(h.topic)), ...hits.filter((h) => !cued.has(h.topic))];
}

// Verbs that give a count's level ("the death toll rose to 45", "casualties among civilians reached 200").
const LEVEL_VERBS = new Set(
  'reached reach reaches rose rises risen climbed climbs increased increases grew jumped soared stood stands totalled totaled totals topped exceeded exceeds surpassed amounted reduced shrank shrunk fell dropped decreased declined'.split(
    ' ',
  ),
);
const LEVEL_SKIP = new Set([
  'to',
  'at',
  'has',
  'have',
  'had',
  'now',
  'already',
  'nearly',
  'almost',
  'about',
  'some',
  'over',
  'more',
  'than',
]);

// A bare figure after a level verb counts what the noun before that verb names, when it is a word that
// makes a claim alone ("casualties", "refugees"): the figure is that noun's level.
function levelOf(
  ctx: SentenceContext,
  first: number,
  topics: ReadonlySet<string>,
  eventTopics: ReadonlySet<string>,
): TopicChoice | null {
  let i = first - 1;
  while (i >= 0 && first - i <= 4 && LEVEL_SKIP.has(ctx.tokens[i]?.norm ?? '')) i--;
  if (!LEVEL_VERBS.has(ctx.tokens[i]?.norm ?? '')) return null;
  for (let k = i - 1; k >= 0 && i - k <= LEVEL_WINDOW; k--) {
    const t = ctx.tokens[k];
    if (t === undefined || isClausePunct(t) || t.text === ',') break;
    const noun = ctx.tax.nouns.matchAt(ctx.tokens, k);
    // "Russian tank losses … reached 130": an item noun before its topic's event noun counts too.
    const event = noun === undefined ? undefined : eventAfter(ctx, noun.value, noun.end);
    // "That area had been reduced to 482 km²": an area noun's level is the ground held.
    const hit =
      noun?.value.find((h) => (h.standalone || ctx.tax.topics.get(h.topic)?.unit === 'km2') && topics.has(h.topic)) ??
      event?.find((h) => eventTopics.has(h.topic));
    if (hit === undefined) continue;
    const topic = ctx.tax.topics.get(hit.topic) as Topic;
    return { topic, item: topic.items.length === 0 ? null : hit.item, verb: null };
  }
  return null;
}

/** Decides the topic of one figure from its noun, its verb and its unit; null when it fits no topic. */
export function chooseTopic(
  ctx: SentenceContext,
  m: QuantityMention,
  first: number,
  last: number,
  np: NounPhrase,
): TopicChoice | null {
  const cls = unitClass(m.unit);
  if (cls === null) return null;
  const topics = [...ctx.tax.topics.values()].filter(
    (t) => (t.unit === 'count' || t.unit === 'km2' ? t.unit : 'currency') === cls,
  );
  if (cls === 'currency') return currencyTopic(ctx, first, last, topics);
  // An area "of Russia's Kursk region" is not a partitive of some other noun: areas have no head noun.
  if (np.foreign && cls !== 'km2') return null;
  const allowed = new Set(topics.map((t) => t.id));
  if (np.hits !== null) {
    const hits = np.hits.filter((h) => allowed.has(h.topic));
    if (hits.length === 0) return null;
    const verb = findGoverningVerb(ctx, first, np.end, new Set(hits.map((h) => h.topic)));
    // The first topic (cued ones first) the verb serves whose items the noun fits: "downed 3 jets" is a loss,
    // "downed 30 drones" an interception.
    for (const byVerb of verb === null ? [] : preferred(ctx, verb.hits)) {
      const topic = ctx.tax.topics.get(byVerb.topic) as Topic;
      const item = withItem(topic, hits, byVerb.item);
      if (item !== undefined) return { topic, item, verb };
    }
    for (const h of hits) {
      const topic = ctx.tax.topics.get(h.topic) as Topic;
      const placed = topic.presenceInPlace && inKnownPlace(ctx, np.end);
      if (!h.standalone && h.status !== true && !placed && np.event !== true) continue;
      const item = withItem(topic, hits, null);
      if (item !== undefined) return { topic, item, verb: null };
    }
    return null;
  }
  const verbTopics = new Set(topics.filter((t) => t.bareFigures || t.unit === 'km2').map((t) => t.id));
  const verb = findGoverningVerb(ctx, first, np.end, verbTopics);
  if (verb === null) return levelOf(ctx, first, verbTopics, allowed);
  // "another 20 were lost": a verb too vague for a figure without its noun.
  if (verb.hits.some((h) => !h.bare)) return null;
  const distinct = new Set(verb.hits.map((h) => h.topic));
  if (distinct.size !== 1) return null;
  const hit = verb.hits[0];
  if (hit === undefined) return null;
  const topic = ctx.tax.topics.get(hit.topic) as Topic;
  return { topic, item: topic.items.length === 0 ? null : hit.item, verb };
}
