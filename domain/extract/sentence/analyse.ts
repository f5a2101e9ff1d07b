import type { Claim } from '../../../schemas/claim.ts';
import type { Topic } from '../../../schemas/taxonomy.ts';
import type { QuantityMention } from '../quantity/types.ts';
import { asOfDate, findDates, periodOf, type DateMention } from '../dates/period.ts';
import { attributionFor, findSpeakers, hedgeOf, SAY, type Speaker } from './attribution.ts';
import { figureEnd, isClausePunct, placeList, tokenAt, type SentenceContext } from './context.ts';
import type { Token } from '../text/tokens.ts';
import { isAppositiveAge, isDesignation, countsNamedPlaces, isRate, isSubset, isUnrealised } from './filters.ts';
import { BE_FORMS, PREPOSITIONS } from '../text/words.ts';
import { readNounPhrase, type NounPhrase } from './noun-phrase.ts';
import { assignRoles, isPassive, MILITARY_PEOPLE } from './roles.ts';
import { chooseTopic } from './topic.ts';
import { transferIn } from './transfer.ts';
import type { GoverningVerb } from './verb.ts';

/** A claim before the article-level fields (id, articleId, extractor) are added. */
export type DraftClaim = Omit<Claim, 'id' | 'articleId' | 'extractor'>;

const DATE_WINDOW = 250;
// Sentences up to this length (the splitter's cap) are read for dates once, whole.
const WHOLE_SENTENCE = 1000;
const EVIDENCE_MAX = 1200;
const INCREMENT_BEFORE = new Set(['another', 'additional', 'further', 'extra']);
// Prepositions that put the counted somewhere ("keeps 20,000 soldiers near the border").
const LOCATING = new Set([
  'in',
  'near',
  'along',
  'at',
  'on',
  'inside',
  'around',
  'across',
  'to',
  'into',
  'within',
  'close',
]);

/** What earlier sentences of the article established: the last place and entity named. */
export interface ArticleMemory {
  place: string | null;
  /** Sentences read since the place was last named. */
  placeAge: number;
  entity: string | null;
  /** How often each town (not region) was named so far, the title included: "the city" is the most named one. */
  towns: Map<string, number>;
  /** The side of the war whose speaker the story last quoted ("the Russian Defence Ministry said"). */
  speakerSide?: string;
  /** Whether the story so far (its title included) told of a prisoner exchange. */
  swap?: boolean;
  /** The towns the sentence that last named a place named, in order. */
  recentTowns: string[];
  /** Who gave to whom in the last sentence that said so ("Iran delivered missiles to Russia"), and sentences since. */
  transfer?: { actor: string; counterpart: string; age: number };
}

/** Per-sentence facts computed once and shared by all its figures. */
export interface SentenceFacts {
  speakers?: Speaker[];
  hedge?: 'reported' | null;
  dates?: { window: [number, number]; list: DateMention[] };
}

// The claim's place is the most specific place the sentence names for it (a city over its region).
// A place after one of the topic's origin prepositions is where it came from, not where the figure happened
// ("drones launched from Kursk" at Ukraine).
const IN_WORDS = new Set(['in', 'inside', 'within', 'to', 'into']);
const IN_COUNTRY_REACH = 6;
// "1,000 engineers already in Russia", "troops sent to Belarus": troops the text places in a whole country are not in the
// region the story was in. (Ground taken "in Russia" is still in the region the story is about.)
function inCountry(ctx: SentenceContext, from: number): boolean {
  for (let i = from; i < ctx.tokens.length && i - from <= IN_COUNTRY_REACH; i++) {
    const t = ctx.tokens[i] as Token;
    if (isClausePunct(t) || t.text === ',') return false;
    if (!IN_WORDS.has(t.norm)) continue;
    const at = ctx.tokens[i + 1]?.norm === 'the' ? i + 2 : i + 1;
    return ctx.entities.some((e) => e.start === at && !e.value.demonym && ctx.tax.sides.sideOf.has(e.value.id));
  }
  return false;
}

const MOSTLY = new Set(['mostly', 'mainly', 'largely', 'primarily', 'chiefly', 'majority']);
// "sent 10,000 soldiers to Russia, most of them to the Kursk region": where most went is not where all did.
function whereMost(ctx: SentenceContext, first: number, p: { start: number }): boolean {
  if (p.start <= first) return false;
  const before = ctx.tokens.slice(Math.max(first, p.start - 5), p.start);
  return before.some((t, k) => MOSTLY.has(t.norm) || (t.norm === 'most' && before[k + 1]?.norm === 'of'));
}

function nearestPlace(ctx: SentenceContext, first: number, topic: Topic): string | null {
  let best: string | null = null;
  let dist = Infinity;
  const origin = (p: { start: number }): boolean => {
    let i = ctx.tokens[p.start - 1]?.norm === 'the' ? p.start - 2 : p.start - 1;
    // "from Russia's Kursk region": the possessive state belongs to the place.
    const owner = ctx.entities.find((e) => e.end === i + 1 && /['’]s$/.test(ctx.tokens[e.end - 1]?.text ?? ''));
    if (owner !== undefined) i = owner.start - 1;
    const word = ctx.tokens[i]?.norm ?? '';
    // "from Kursk and Bryansk": a conjunct shares the preposition of the place before it.
    if (word === 'and' || word === ',' || word === 'or') {
      const before = ctx.places.find((q) => q.end === i);
      return before !== undefined && origin(before);
    }
    return topic.originPrepositions.includes(word);
  };
  // "…, the defence ministry in Moscow said": where the speaker sits is not where the figure happened.
  // A passive ("… to Kursk was confirmed") is nobody speaking there.
  // (Not after a comma: "… in Russia's Kursk Oblast, said Budanov" is the figure's place, then its attribution.)
  const speaking = (p: { end: number }) =>
    p.end > first &&
    ctx.tokens[p.end]?.text !== ',' &&
    ctx.tokens
      .slice(p.end, p.end + 2)
      .some((t, k) => SAY.has(t.norm) && !BE_FORMS.has(ctx.tokens[p.end + k - 1]?.norm ?? ''));
  // "… Zelensky told reporters in Kyiv", "speaking at a summit in Vilnius": where words were spoken is not the place.
  const venue = (p: { start: number }) => {
    const at = ctx.tokens[p.start - 1]?.norm === 'the' ? p.start - 2 : p.start - 1;
    if (!['in', 'at', 'to'].includes(ctx.tokens[at]?.norm ?? '')) return false;
    return ctx.tokens.slice(Math.max(0, at - 3), at).some((t) => SPEECH_VENUE.has(t.norm));
  };
  // "337 drones …, including 91 at the Moscow region": a place inside the part's phrase is the part's.
  const ofPart = (p: { start: number }) =>
    p.start > first && ctx.tokens.slice(first, p.start).some((t) => t.norm === 'including');
  const several = severalRegions(ctx);
  const named = ctx.places
    .filter(
      (p) =>
        !origin(p) && !speaking(p) && !venue(p) && !ofPart(p) && !whereMost(ctx, first, p) && !several.has(p.start),
    )
    .map((p) => regionalBody(ctx, p));
  // "Serhiivka, 50km south of Odesa", "Ruska Lozova, near Kharkiv": a landmark that locates another place is not the place.
  // Only another town or village displaces it: "5 settlements near Lyman in Donetsk Oblast" are at Lyman.
  const located = named.filter((p) => !landmark(ctx, p));
  const placesAll = located.some((p) => !ctx.tax.regional.has(p.value.id)) ? located : named;
  // "eastern Ukraine's Donetsk region": an oblast named with its part of the country is the more specific place.
  const oblast = placesAll.some((p) => ctx.tax.regional.has(p.value.id) && !MACRO_AREA.test(p.value.id));
  const places = oblast ? placesAll.filter((p) => !MACRO_AREA.test(p.value.id)) : placesAll;
  // A city over its region ("Pokrovsk in the Donetsk region"), never a city of another region: "fighting in the
  // Kherson region, the focus of Kyiv's counter-offensive" happened in Kherson region.
  const regions = places.filter((p) => ctx.tax.regionIds.has(p.value.id)).map((p) => p.value.id);
  const local = places.filter((p) => {
    if (ctx.tax.regional.has(p.value.id)) return false;
    const region = ctx.tax.placeRegion.get(p.value.id);
    return regions.length === 0 || (region !== undefined && regions.includes(region));
  });
  // "killed 4 people in Kostiantynivka and 2 in Pokrovsk": a place the figure's own "in …" names is its place,
  // however close the place of the item before it.
  const candidates = local.length > 0 ? local : places;
  const own = candidates.find((p) => ownPlace(ctx, first, p.start));
  if (own !== undefined) return own.value.id;
  // "the village of X, one of a dozen captured in the Donetsk region": the one named is not where the dozen are.
  const oneOf = afterOneOf(ctx, first) ? places.filter((p) => p.start > first) : [];
  for (const p of oneOf.length > 0 ? oneOf : candidates) {
    const d = p.start >= first ? p.start - first : (first - p.end) * 1.5;
    if (d < dist) [best, dist] = [p.value.id, d];
  }
  return best;
}

/** Words of a speech's occasion: a place they introduce is where someone spoke. */
const SPEECH_VENUE = new Set(
  'reporters journalists press told speaking spoke speech conference briefing summit interview address visit visiting talks forum'.split(
    ' ',
  ),
);

const REGIONS = new Set(['regions', 'oblasts', 'provinces', 'oblasti']);
// "in the Dnipropetrovsk and Zaporizhzhia regions": a figure over several regions has no one place. Returns the
// token starts of the places so named.
function severalRegions(ctx: SentenceContext): Set<number> {
  const out = new Set<number>();
  for (const p of ctx.places) {
    if (!REGIONS.has(ctx.tokens[p.end]?.norm ?? '') && !twoLands(ctx, p)) continue;
    for (const q of placeList(ctx, p)) out.add(q.start);
  }
  return out;
}
// "in Ukraine and the Kursk area": a country and a region of another one, joined.
function twoLands(ctx: SentenceContext, p: { start: number; end: number; value: { id: string } }): boolean {
  const at = ctx.tokens[p.start - 1]?.norm === 'the' ? p.start - 2 : p.start - 1;
  if (ctx.tokens[at]?.norm !== 'and') return false;
  const country = (id: string) => ctx.tax.placeCountry.get(id) ?? null;
  const q = ctx.places.find((x) => x.end === at);
  // The land before "and" is a place, or a country named after "in" ("in Ukraine and the Kursk area").
  const land = ctx.entities.find(
    (e) => e.end === at && ctx.tax.sides.opponent.has(e.value.id) && ctx.tokens[e.start - 1]?.norm === 'in',
  );
  const b = q !== undefined ? country(q.value.id) : (land?.value.id ?? null);
  const a = country(p.value.id);
  return a !== null && b !== null && a !== b;
}

const OWN_PLACE_REACH = 4;
// A place after the figure, reached by "in"/"near"/"at" within a few words, with no other figure in between.
function ownPlace(ctx: SentenceContext, first: number, placeStart: number): boolean {
  if (placeStart <= first || placeStart - first > OWN_PLACE_REACH) return false;
  const at = ctx.tokens[placeStart - 1]?.norm === 'the' ? placeStart - 2 : placeStart - 1;
  if (!['in', 'near', 'at', 'over'].includes(ctx.tokens[at]?.norm ?? '')) return false;
  for (let i = first + 1; i < at; i++) if (ctx.figureStarts.has(i) || isClausePunct(ctx.tokens[i])) return false;
  return true;
}

/** Parts of a country wider than an oblast ("eastern Ukraine", "the Donbas"). */
const MACRO_AREA = /^(?:eastern|western|southern|northern|central)-|^donbas$/;

const DIRECTIONS =
  /^(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west|northern|southern|eastern|western)$/;
const NEAR = new Set(['near', 'outside', 'nearby']);

// A place named only to locate another one: "near X", "outside X", "(50km) south of X", "close to X", "not far from X".
function landmark(ctx: SentenceContext, p: { start: number }): boolean {
  const at = ctx.tokens[p.start - 1]?.norm === 'the' ? p.start - 1 : p.start;
  const one = ctx.tokens[at - 1]?.norm ?? '';
  const two = ctx.tokens[at - 2]?.norm ?? '';
  if (NEAR.has(one)) return true;
  if (one === 'to' && two === 'close') return true;
  if (one === 'from' && (two === 'far' || /^(?:km|kilometres|kilometers|miles)$/.test(two))) return true;
  return one === 'of' && DIRECTIONS.test(two);
}

const REGIONAL_BODY = new Set(['regional', 'oblast', 'provincial', 'region', 'province']);
// "Kharkiv's regional military administration", "the Sumy regional governor": a city named for its region's
// body stands for the region.
function regionalBody<P extends { start: number; end: number; value: { id: string } }>(ctx: SentenceContext, p: P): P {
  let at = p.end;
  if (/^['’]s$/.test(ctx.tokens[at]?.text ?? '')) at += 1;
  else if (/['’]s$/.test(ctx.tokens[p.end - 1]?.text ?? '') && at === p.end) at = p.end;
  if (!REGIONAL_BODY.has(ctx.tokens[at]?.norm ?? '')) return p;
  const region = ctx.tax.placeRegion.get(p.value.id);
  return region === undefined ? p : { ...p, value: { ...p.value, id: region } };
}

const TOWN_NOUNS = new Set(['city', 'town', 'village']);
// "the city" (not "the city of X", not "the City Council") refers back to a town the story named.
function namesTheTown(ctx: SentenceContext): boolean {
  return ctx.tokens.some(
    (t, i) =>
      TOWN_NOUNS.has(t.norm) &&
      ctx.tokens[i - 1]?.norm === 'the' &&
      ctx.tokens[i + 1]?.norm !== 'of' &&
      !/^\p{Lu}/u.test(t.text) &&
      !/^\p{Lu}/u.test(ctx.tokens[i + 1]?.text ?? ''),
  );
}

/**
 * The town "the city" refers to: of the towns the sentence just before named, the one the article named most
 * (the later one on a tie: "… Sloviansk … and Kramatorsk, where … three rockets hit the town"); else the
 * article's most named town so far. Null when none.
 */
const REGION_NOUNS = new Set(['region', 'oblast', 'province']);
// "the region", "the northwestern region" (not "the region of X", not "the Kursk region"): the story's region.
function namesTheRegion(ctx: SentenceContext): boolean {
  return ctx.tokens.some((t, i) => {
    if (!REGION_NOUNS.has(t.norm) || /^\p{Lu}/u.test(t.text) || ctx.tokens[i + 1]?.norm === 'of') return false;
    const before = ctx.tokens[i - 1];
    if (before?.norm === 'the') return true;
    return ctx.tokens[i - 2]?.norm === 'the' && before !== undefined && /^\p{Ll}+$/u.test(before.text);
  });
}

/** The region of the place the story last named (the place itself when it is a region), else null. */
function storyRegion(ctx: SentenceContext, memory: ArticleMemory): string | null {
  if (memory.place === null) return null;
  return ctx.tax.regionIds.has(memory.place) ? memory.place : (ctx.tax.placeRegion.get(memory.place) ?? null);
}

export function storyTown(memory: ArticleMemory): string | null {
  const recent = memory.placeAge <= CONTEXT_PLACE_AGE ? memory.recentTowns : [];
  let best: string | null = null;
  let count = 0;
  for (const id of recent) if ((memory.towns.get(id) ?? 0) >= count) [best, count] = [id, memory.towns.get(id) ?? 0];
  if (best !== null) return best;
  for (const [id, n] of memory.towns) if (n > count) [best, count] = [id, n];
  return best;
}

function isAlly(ctx: SentenceContext, id: string): boolean {
  const side = ctx.tax.sides.sideOf.get(id);
  return side !== undefined && side !== id;
}

// "Albanese said the contributions bring Australia's total military assistance to …": on an allied topic the
// giver is the ally the sentence names before the figure outside a prepositional phrase (one named after it is
// usually who reports: "… worth $10bn, US officials said").
function allyInSentence(ctx: SentenceContext, first: number, recipient: string | null): string | null {
  const free = ctx.entities.filter(
    (e) =>
      e.value.id !== recipient &&
      isAlly(ctx, e.value.id) &&
      !PREPOSITIONS.has(ctx.tokens[e.start - 1]?.norm ?? '') &&
      !(ctx.tokens[e.start - 1]?.norm === 'the' && PREPOSITIONS.has(ctx.tokens[e.start - 2]?.norm ?? '')),
  );
  return free.findLast((e) => e.end <= first)?.value.id ?? null;
}

function cuedItem(ctx: SentenceContext, topic: Topic, item: string | null): string | null {
  if (item === null) return item;
  const cue = topic.itemCues.find((c) => c.over.includes(item) && ctx.tokens.some((t) => c.words.includes(t.norm)));
  return cue?.item ?? item;
}

const HOST_WINDOW = 12;
// A place named in the previous sentence still frames the figure ("… into the Kursk region. Troops took 74
// settlements"); one named further back usually framed another figure (issue #14's wrong keys).
const CONTEXT_PLACE_AGE = 1;
/** How many sentences back a described transfer still gives a party-less figure its parties. */
const TRANSFER_AGE = 2;
// The state a figure's people are now in: a non-demonym entity after one of the topic's host prepositions
// near the figure, or the subject of a host verb just before it ("Poland has taken in 950,000 refugees").
function hostState(ctx: SentenceContext, topic: Topic, first: number, npEnd: number): string | null {
  if (topic.hostPrepositions.length === 0 && topic.hostVerbs.length === 0) return null;
  for (const e of ctx.entities) {
    if (e.value.demonym || e.start < first - HOST_WINDOW || e.start > npEnd + HOST_WINDOW) continue;
    const at = ctx.tokens[e.start - 1]?.norm === 'the' ? e.start - 2 : e.start - 1;
    if (topic.hostPrepositions.includes(ctx.tokens[at]?.norm ?? '')) return e.value.id;
  }
  const hosts = new Set(topic.hostVerbs.map((v) => v.toLowerCase()));
  for (let i = first - 1; i >= 0 && first - i <= 6; i--) {
    const one = ctx.tokens[i]?.norm ?? '';
    const two = `${one} ${ctx.tokens[i + 1]?.norm ?? ''}`;
    if (!hosts.has(one) && !hosts.has(two)) continue;
    const e = ctx.entities.findLast((x) => !x.value.demonym && x.end <= i && i - x.end <= 3);
    return e?.value.id ?? null;
  }
  return null;
}

// chrono and the span patterns see at most a window around the figure: long "sentences" in
// untrusted text must not reach them whole.
function datesFor(ctx: SentenceContext, facts: SentenceFacts, at: number, published: string) {
  const { span, text } = ctx;
  const small = span.end - span.start <= WHOLE_SENTENCE;
  const lo = small ? span.start : Math.max(span.start, at - DATE_WINDOW);
  const hi = small ? span.end : Math.min(span.end, at + DATE_WINDOW);
  if (small && facts.dates !== undefined) return { lo, window: text.slice(lo, hi), list: facts.dates.list };
  const window = text.slice(lo, hi);
  const list = findDates(window, published);
  if (small) facts.dates = { window: [lo, hi], list };
  return { lo, window, list };
}

function evidence(ctx: SentenceContext, m: QuantityMention, base: number): Claim['evidence'] {
  let { start, end } = ctx.span;
  if (end - start > EVIDENCE_MAX) {
    start = Math.max(start, base + m.start - EVIDENCE_MAX / 2);
    end = Math.min(end, start + EVIDENCE_MAX);
  }
  return { quote: ctx.text.slice(start, end), start, end };
}

const SPEAKER_PHRASE = 6;
const COUNT_NOUNS = new Set(['number', 'total', 'tally', 'count']);
const COUNT_WINDOW = 12;

// "bringing the number of settlements captured this year to 190": a bare figure after "the number of X"
// counts X. Only for a bare figure ("to 190", "at 190,"), and within its clause.
function countedBefore(ctx: SentenceContext, first: number): NounPhrase | null {
  const after = ctx.tokens[first + 1];
  if (after !== undefined && after.word && ctx.tax.nouns.matchAt(ctx.tokens, first + 1) !== undefined) return null;
  for (let k = first - 1; k >= 1 && first - k <= COUNT_WINDOW; k--) {
    const t = ctx.tokens[k];
    if (t === undefined || isClausePunct(t)) return null;
    if (t.norm !== 'of' || !COUNT_NOUNS.has(ctx.tokens[k - 1]?.norm ?? '')) continue;
    const np = readNounPhrase(ctx, k + 1);
    return np.hits === null ? null : np;
  }
  return null;
}

const GAP_JOINTS = new Set(['and', ',', 'while', 'but']);
const GAP_QUALIFIERS = new Set([
  'another',
  'a',
  'further',
  'more',
  'about',
  'some',
  'over',
  'nearly',
  'almost',
  'around',
]);
const GAP_REACH = 16;
const SUBJECT_WORDS = 4;
// The joint before a clause that ends in a verb right before the figure ("…, and Ukrainian crews intercepted just 21").
function jointBeforeClause(ctx: SentenceContext, k: number): number | null {
  let at = k;
  while (ONLY_WORDS.has(ctx.tokens[at]?.norm ?? '')) at--;
  const verb = ctx.verbs.find((v) => v.end === at + 1);
  if (verb === undefined) return null;
  for (let j = verb.start - 1; j >= 0 && verb.start - j <= SUBJECT_WORDS + 1; j--) {
    const t = ctx.tokens[j] as Token;
    if (GAP_JOINTS.has(t.norm)) return j;
    if (!t.word || ctx.figureStarts.has(j)) return null;
  }
  return null;
}
const ONLY_WORDS = new Set(['just', 'only', 'merely']);

// The figure token of the whole a later bare figure is a part of: "N X, of which … M", "Of the N X …, … M".
function wholeBefore(ctx: SentenceContext, first: number): number | null {
  for (let i = first - 1; i >= 1 && first - i <= GAP_REACH; i--) {
    const t = ctx.tokens[i] as Token;
    if (isClausePunct(t) || ctx.figureStarts.has(i)) break;
    if (t.norm === 'which' && ctx.tokens[i - 1]?.norm === 'of') return i - 1;
  }
  const opens = ctx.tokens[0]?.norm === 'of' && ctx.tokens[1]?.norm === 'the' && ctx.figureStarts.has(2);
  if (!opens) return null;
  const comma = ctx.tokens.findIndex((t, i) => i >= figureEnd(ctx, 2) && t.text === ',');
  return comma > 2 && comma < first ? comma : null;
}
function withGap(ctx: SentenceContext, first: number, last: number, np: NounPhrase): NounPhrase {
  // "three of seven": a part of the next figure reads as a foreign of-phrase, but names no noun either.
  const partOfNext = ctx.tokens[last]?.norm === 'of' && ctx.figureStarts.has(last + 1);
  const gapped = np.hits === null && (!np.foreign || partOfNext) ? gappedFigure(ctx, first, last) : null;
  return gapped === null ? np : { ...gapped, increment: np.increment };
}
// "Russia launched 40 drones on Monday and 55 on Tuesday", "30 drones over Kyiv and another 12 over Odesa": a figure
// with no noun, joined to an earlier figure of the sentence, counts what that one counts.
function gappedFigure(ctx: SentenceContext, first: number, last: number): NounPhrase | null {
  // A figure with a verb of its own ("…, and 52 were neutralised") is a subject whose noun the list before leaves open.
  const next = ctx.tokens[last];
  if (next !== undefined && next.word && !PREPOSITIONS.has(next.norm) && next.norm !== 'and') return null;
  let k = first - 1;
  while (GAP_QUALIFIERS.has(ctx.tokens[k]?.norm ?? '')) k--;
  // "…, of which air defences intercepted 210", "Of the 75 drones launched, air defences destroyed 60".
  const wholeEnd = wholeBefore(ctx, first) ?? undefined;
  // "five of 12 missiles on Monday and three of seven on Tuesday": the whole of a gapped part is gapped too.
  const ofPart =
    ctx.tokens[k]?.norm === 'of' && ctx.figureStarts.has(ctx.tokens[k - 1]?.norm === 'out' ? k - 2 : k - 1);
  if (wholeEnd !== undefined) k = wholeEnd;
  else if (!GAP_JOINTS.has(ctx.tokens[k]?.norm ?? '') && !ofPart) {
    // "Russia launched 130 Iskanders, and Ukrainian crews intercepted just 21": a clause of its own, verb and all.
    const joint = jointBeforeClause(ctx, k);
    if (joint === null) return null;
    k = joint;
  }
  for (let f = k - 1; f >= 0 && first - f <= GAP_REACH; f--) {
    const t = ctx.tokens[f];
    if (t === undefined || isClausePunct(t)) return null;
    if (!ctx.figureStarts.has(f)) continue;
    const end = figureEnd(ctx, f);
    // "three of seven": the part before the whole passes the question on.
    if (ctx.tokens[end]?.norm === 'of' || ctx.tokens[end]?.norm === 'out') continue;
    const np = readNounPhrase(ctx, end);
    if (np.foreign) return null;
    // "40 on Monday, 55 on Tuesday and 60 on Wednesday": a figure with no noun passes the question on.
    if (np.hits === null) continue;
    return { ...np, end: last, wholeEnd };
  }
  return null;
}

const LABEL_MARKS = new Set(['-', '‒', '–', '—', '―', ':']);
const LABEL_QUALIFIERS = new Set(['about', 'approximately', 'around', 'over', 'some', 'nearly', 'almost', 'up', 'to']);
const LABEL_WORDS = 5;
// "The total combat losses of the enemy are: personnel — about 595,000, tanks — 8,480, …": a figure after a label
// and a dash counts the label, as an event of the sentence's loss (or other event) noun before the list.
function labelledFigure(ctx: SentenceContext, first: number, last: number): NounPhrase | null {
  let k = first - 1;
  while (LABEL_QUALIFIERS.has(ctx.tokens[k]?.norm ?? '')) k--;
  if (!LABEL_MARKS.has(ctx.tokens[k]?.text ?? '')) return null;
  let start = k;
  while (start > 0 && k - start < LABEL_WORDS && ctx.tokens[start - 1]?.word === true) start--;
  for (; start < k; start++) {
    const np = readNounPhrase(ctx, start);
    if (np.hits === null || np.end !== k) continue;
    // "390 Ukrainians – 270 soldiers and 120 civilians": a counted noun before the dash is a whole, not a label.
    if (ctx.tokens.slice(start - 1, k).some((t) => /\d/.test(t.text))) return null;
    for (let e = 0; e < start; e++) {
      const t = ctx.tokens[e];
      if (t === undefined || !t.word) continue;
      const opened = ctx.tax.verbs.openedBy(t).flat();
      // "personnel — 595,000" under "losses" is killed-or-wounded, as "lost 595,000 personnel" is.
      const hits = np.hits.flatMap((h) => {
        const ev = opened.find((v) => v.topic === h.topic);
        return ev === undefined ? [] : [{ ...h, item: h.item ?? ev.item ?? null }];
      });
      if (hits.length > 0) return { ...np, hits, event: true, end: last + 1 };
    }
    return null;
  }
  return null;
}

/** Whether "one of" stands right before the figure ("one of nearly a dozen"). */
function afterOneOf(ctx: SentenceContext, first: number): boolean {
  for (let k = first - 1; k >= 1 && first - k <= 3; k--)
    if (ctx.tokens[k]?.norm === 'of' && ctx.tokens[k - 1]?.norm === 'one') return true;
  return false;
}

const ONE_OF_REACH = 8;
// "the village of Lozuvatske, one of nearly a dozen it has captured": a figure with no noun of its own after
// "one of" counts what the phrase before it names.
function oneOfThose(ctx: SentenceContext, first: number, last: number): NounPhrase | null {
  if (!afterOneOf(ctx, first) || readNounPhrase(ctx, last).hits !== null) return null;
  let of = first - 1;
  while (ctx.tokens[of]?.norm !== 'of' || ctx.tokens[of - 1]?.norm !== 'one') of--;
  for (let k = of - 2; k >= 0 && of - k <= ONE_OF_REACH; k--) {
    if (ctx.figureStarts.has(k)) return null;
    if (ctx.tax.nouns.matchAt(ctx.tokens, k) === undefined) continue;
    const np = readNounPhrase(ctx, k);
    return np.hits === null ? null : np;
  }
  return null;
}

// The nearest party of the war named in the sentence, else the speaker's, else the last one the article named.
function partyInContext(
  ctx: SentenceContext,
  first: number,
  speaker: string | null,
  remembered: string | null,
  verb: GoverningVerb | null,
): { party: string; said: boolean } | null {
  const objectOfOther =
    verb?.before !== true &&
    ctx.tax.verbs.findAll(ctx.tokens, Math.max(0, first - 3), first).some((m) => m.end >= first - 1);
  const isParty = (id: string | null): id is string => id !== null && ctx.tax.sides.opponent.has(id);
  let best: string | null = null;
  let dist = Infinity;
  for (const e of ctx.entities) {
    if (!isParty(e.value.id)) continue;
    // "into Russian defences", "from Ukraine's air force": an entity a preposition governs is not who acted.
    if (
      PREPOSITIONS.has(ctx.tokens[e.start - 1]?.norm ?? '') ||
      (ctx.tokens[e.start - 1]?.norm === 'the' && PREPOSITIONS.has(ctx.tokens[e.start - 2]?.norm ?? ''))
    )
      continue;
    // "Ukraine's commander said 21 of the 23 …": the entity of the speaker's phrase is who reports, not who acted.
    if (e.end <= first && ctx.tokens.slice(e.end, Math.min(first, e.end + SPEAKER_PHRASE)).some((t) => SAY.has(t.norm)))
      continue;
    // "Ukrainian forces intercepted all 12 missiles fired at …": the figure is the object of another verb right
    // before it, whose subject did not do what the figure's own verb (after it) says.
    if (objectOfOther && e.end <= first) continue;
    // "Ukraine shot down 72 of the 75 drones launched overnight": the subject of another verb before the figure did
    // not do what the figure's own verb after it says.
    if (verb !== null && !verb.before && e.end <= first && subjectOfOtherVerb(ctx, e.end, first, verb)) continue;
    const d = Math.abs(e.start - first);
    if (d < dist) [best, dist] = [e.value.id, d];
  }
  if (best !== null) return { party: best, said: true };
  if (isParty(speaker)) return { party: speaker, said: false };
  return isParty(remembered) ? { party: remembered, said: false } : null;
}

// Whether a taxonomy verb other than `verb` follows token `at` (after auxiliaries): the entity ending there is its subject.
// Only a verb of another topic, in the figure's clause: "Russian troops seized X, bringing the number of settlements
// captured to 41" is one act, and "Russia struck with 57 drones; 49 were shot down" two clauses.
function subjectOfOtherVerb(ctx: SentenceContext, at: number, first: number, verb: GoverningVerb): boolean {
  let k = at;
  while (AUX_BEFORE_VERB.has(ctx.tokens[k]?.norm ?? '') && k - at < 3) k++;
  const m = ctx.tax.verbs.matchAt(ctx.tokens, k);
  if (m === undefined || m.start === verb.match.start) return false;
  const own = new Set(verb.hits.map((h) => h.topic));
  if (m.value.some((h) => own.has(h.topic))) return false;
  for (let i = m.end; i < first; i++) if (isClausePunct(ctx.tokens[i])) return false;
  return true;
}
const AUX_BEFORE_VERB = new Set(['has', 'have', 'had', 'was', 'were', 'is', 'are', 'also', 'says', 'said', 'it']);

const SWAP_WORDS = new Set(['exchange', 'exchanges', 'exchanged', 'swap', 'swaps', 'swapped']);
/** Whether a sentence tells of a prisoner exchange. */
export function namesSwap(ctx: SentenceContext): boolean {
  return ctx.tokens.some((t) => SWAP_WORDS.has(t.norm));
}
const RUNNING_TOTAL = /\b(?:total|since|so far|in all|altogether|to date)\b/i;

const BACKERS = new Set(['allies', 'partners', 'backers', 'supporters', 'donors', 'friends']);
// "Ukraine's Western allies", "Kyiv's partners": the party whose backers the sentence names, else null.
function partyOfAllies(ctx: SentenceContext): string | null {
  for (const e of ctx.entities) {
    if (!/['’]s?$/.test(ctx.tokens[e.end - 1]?.text ?? '') && !/^['’]s?$/.test(ctx.tokens[e.end]?.text ?? '')) continue;
    const next = ctx.tokens.slice(e.end, e.end + 4);
    if (next.some((t) => BACKERS.has(t.norm))) return e.value.id;
  }
  return null;
}

const AIR_DEFENCE = /^(?:['’]s\s+)?(?:air[\s-]+defen[cs]es?|air\s+force|anti-aircraft)\b/i;

/** The party of the war whose air defence or air force the sentence names ("Poland's air defences"), else null. */
function airDefenceOwner(ctx: SentenceContext): string | null {
  for (const e of ctx.entities) {
    const start = ctx.tokens[e.end - 1]?.end;
    if (start === undefined || !ctx.tax.sides.sideOf.has(e.value.id)) continue;
    if (AIR_DEFENCE.test(ctx.text.slice(start, start + 40).trimStart())) return e.value.id;
  }
  return null;
}

const SUMMING = /^(?:in total|in all|overall|altogether|all told|across (?:the country|ukraine|russia))\b/i;
// "In total, Russia fired 3,000 glide bombs last week": a sentence that sums up is not about the place before it.
function sumsUp(ctx: SentenceContext): boolean {
  const start = ctx.tokens[0]?.start ?? 0;
  return SUMMING.test(ctx.text.slice(start, start + 40));
}

const OWNERS = new Set(['his', 'their', 'its', 'our']);
// "20,000 of his men", "of their own fighters": people a speaker or side calls its own are its forces.
function ownPeople(ctx: SentenceContext, first: number, npEnd: number): boolean {
  for (let i = first + 1; i < npEnd; i++)
    if (OWNERS.has(ctx.tokens[i]?.norm ?? '') && ctx.tokens[i - 1]?.norm === 'of') return true;
  return false;
}

const OBJECT_START = new Set(['half', 'their', 'its', 'his', 'her', 'the', 'a', 'an', 'all', 'most', 'much', 'many']);
// "Charles's army of 40,000 men soon lost half its strength": people counted as the active subject of a verb whose
// subject is the topic's actor, with an object of its own, are who lost something, not the people lost ("300 soldiers
// lost in the battle" stays a loss; instruments are their verb's subject: "three rockets hit the town").
function countsTheSubject(ctx: SentenceContext, topic: Topic, verb: GoverningVerb | null, np: NounPhrase): boolean {
  if (verb === null || verb.before || np.hits === null || topic.civilianNouns.length === 0) return false;
  const hit = verb.hits.find((h) => h.topic === topic.id);
  if (hit?.subject !== 'actor' || isPassive(ctx, verb.match.start)) return false;
  const next = verb.match.end;
  return OBJECT_START.has(ctx.tokens[next]?.norm ?? '') || ctx.figureStarts.has(next);
}

/** Turns one figure of a sentence into a draft claim, or null when it is not a claim (claims.md §4). */
export function analyseMention(
  ctx: SentenceContext,
  facts: SentenceFacts,
  memory: ArticleMemory,
  m: QuantityMention,
  base: number,
  published: string,
): DraftClaim | null {
  const first = tokenAt(ctx.tokens, base + m.start);
  const last = tokenAt(ctx.tokens, base + m.end);
  if (
    isSubset(ctx, first, m.unit === 'count') ||
    isAppositiveAge(ctx, first, last) ||
    isDesignation(ctx, m, base, first) ||
    countsNamedPlaces(ctx, m, first)
  )
    return null;
  // "(+1,160)": the day's change printed after a running total is part of that total's report.
  if (ctx.tokens[first - 1]?.text === '+' && ctx.tokens[first - 2]?.text === '(') return null;
  const np =
    countedBefore(ctx, first) ??
    oneOfThose(ctx, first, last) ??
    labelledFigure(ctx, first, last) ??
    withGap(ctx, first, last, readNounPhrase(ctx, last));
  const choice = chooseTopic(ctx, m, first, last, np);
  if (choice === null) return null;
  const { topic, verb } = choice;
  if (countsTheSubject(ctx, topic, verb, np)) return null;
  // "Of the 3,000 tanks lost, 2,000 were destroyed": a part of a whole of its own topic is no claim of its own
  // (launches and interceptions are two topics, so "75 drones launched, of which 60 were downed" keeps both).
  const wholeEnd = np.wholeEnd;
  if (wholeEnd !== undefined && ctx.verbs.some((v) => v.start < wholeEnd && v.value.some((h) => h.topic === topic.id)))
    return null;
  let item = cuedItem(ctx, topic, choice.item);
  // "Another 277 soldiers returned home", in a story of a prisoner swap: both sides of a swap count as exchanged;
  // a running total of returns ("4,552 have returned since the war began") stays returned.
  if (
    item === 'returned' &&
    (memory.swap === true || namesSwap(ctx)) &&
    !RUNNING_TOTAL.test(ctx.text.slice(ctx.span.start, ctx.span.end))
  )
    item = 'exchanged';
  if (isRate(ctx, first, np.end) || isUnrealised(ctx, first, np.end, verb, topic.announcementsCount)) return null;
  facts.speakers ??= findSpeakers(ctx);
  facts.hedge ??= hedgeOf(ctx);
  const attribution = attributionFor(facts.speakers, first);
  let place = topic.placed ? nearestPlace(ctx, first, topic) : null;
  const host = place === null ? hostState(ctx, topic, first, np.end) : null;
  // "… struck a market in the city", "attacks aimed at the city, one of the main centres of the Donbas region":
  // the city is the story's town, over a region the sentence names and over the place of the sentence before.
  if (topic.placed && host === null && (place === null || ctx.tax.regional.has(place)) && namesTheTown(ctx))
    place = storyTown(memory) ?? place;
  // "… were detected over the northwestern region": the region the story is in.
  if (topic.placed && host === null && place === null && namesTheRegion(ctx)) place = storyRegion(ctx, memory);
  if (
    place === null &&
    topic.placed &&
    topic.placeFromContext &&
    host === null &&
    memory.placeAge <= CONTEXT_PLACE_AGE &&
    !sumsUp(ctx) &&
    severalRegions(ctx).size === 0 &&
    !ctx.places.some((p) => whereMost(ctx, first, p)) &&
    !(topic.presenceInPlace && inCountry(ctx, np.end)) &&
    // "… refugees in Europe. ¶ The UN has verified 10,500 civilian deaths": a continent is no story's place.
    memory.place !== null &&
    ctx.tax.placeCountry.get(memory.place) != null
  )
    place = memory.place;
  // "…, they controlled 900 km², according to London's assessment": a speaker named after the figure is not who
  // "they" or "it" are; the party the story named last is.
  const said = facts.speakers.find((s) => !s.outer && s.entity !== null && s.entity === attribution.entity);
  const speaker = attribution.entity ?? memory.entity;
  const referent = said !== undefined && said.at > first ? (memory.entity ?? speaker) : speaker;
  const roles = assignRoles(ctx, topic, np, verb, first, place, speaker, referent);
  if (host !== null) {
    if (roles.actor === host || (roles.actor === null && item !== null && topic.hostIsActor.includes(item)))
      roles.actor = host;
    else if (topic.placed) place = host;
  }
  // "Iran delivered missiles to Russia. The shipment included 400 …": a figure with no party of its own is part of
  // the transfer the sentence before described.
  const transfer = memory.transfer;
  if (
    topic.sides === 'allied' &&
    roles.actor === null &&
    roles.counterpart === null &&
    transfer !== undefined &&
    transfer.age <= TRANSFER_AGE
  )
    [roles.actor, roles.counterpart] = [transfer.actor, transfer.counterpart];
  // "Finland sent Ukraine military aid worth €200m": the sentence's giver and taker, when the roles found took the
  // taker for the giver or found neither.
  if (topic.sides === 'allied' && (roles.actor === null || roles.counterpart === null)) {
    const here = transferIn(ctx);
    if (here !== null && (roles.actor === null || roles.actor === here.counterpart))
      [roles.actor, roles.counterpart] = [here.actor, here.counterpart];
  }
  // "Ukraine's Western allies have supplied 650 tanks": the party whose allies gave is who received.
  const helped = topic.sides === 'allied' ? partyOfAllies(ctx) : null;
  if (helped !== null && roles.actor === helped) [roles.actor, roles.counterpart] = [null, roles.counterpart ?? helped];
  if (topic.sides === 'allied' && roles.actor === null) roles.actor = allyInSentence(ctx, first, roles.counterpart);
  // "North Korea plans to send more, on top of 1,000 engineers already in Russia": troops whose host the sentence
  // names belong to the other party it names before them.
  if (topic.presenceInPlace && roles.actor === null && roles.counterpart !== null) {
    const sender = ctx.entities.findLast(
      (e) =>
        e.end <= first && !e.value.demonym && ctx.tax.sides.sideOf.has(e.value.id) && e.value.id !== roles.counterpart,
    );
    if (sender !== undefined) roles.actor = sender.value.id;
  }
  // "Russia has 50,000 troops in Kursk" is a deployment; "the army had 250,000 soldiers" is its size.
  if (
    topic.presenceInPlace &&
    place === null &&
    roles.counterpart === null &&
    verb?.hits.some((h) => h.topic === topic.id && h.adjacent) &&
    !LOCATING.has(ctx.tokens[np.end]?.norm ?? '')
  )
    return null;
  // "Ukraine has 3 US Patriot systems" was supplied; "Russia has 2,000 tanks in reserve" is its own stock.
  if (topic.sides === 'allied' && roles.actor === null && verb?.hits.some((h) => h.topic === topic.id && h.adjacent))
    return null;
  // "Moscow says 200,000 people have been moved out": with no place, the people are the speaking party's own.
  const speakingParty =
    attribution.entity != null && ctx.tax.sides.opponent.has(attribution.entity) ? attribution.entity : null;
  if (topic.homeActor) roles.actor ??= (place === null ? speakingParty : null) ?? ctx.tax.sides.homeSide;
  // "Poland's air defences tracked 19 drones": the side whose air defence the sentence names is the one attacked
  // (and the one intercepting): it fills the topic's `reporterRole`.
  const reporter = topic.reporterRole;
  const defender = reporter === 'actor' || reporter === 'counterpart' ? airDefenceOwner(ctx) : null;
  if (defender !== null && (reporter === 'actor' || reporter === 'counterpart')) {
    const other = reporter === 'actor' ? 'counterpart' : 'actor';
    if (roles[other] === defender) roles[other] = null;
    roles[reporter] ??= defender;
  }
  const placeSays = topic.placeSide !== 'none' && place !== null && ctx.tax.placeCountry.get(place) != null;
  if (
    topic.sides === 'opposed' &&
    (topic.civilianNouns.length === 0 || MILITARY_PEOPLE.has(np.head ?? '') || ownPeople(ctx, first, np.end)) &&
    !placeSays &&
    roles.actor === null &&
    roles.counterpart === null
  ) {
    // Neither role in the figure's clause: the party the sentence, its speaker or the story so far is about
    // did what the clause says ("… admitted that 13,000 soldiers had died"), then the other side follows.
    // "Prigozhin said 20,000 of his men had died": a speaker's own people are his side's, an ally's included.
    const speakerOwn =
      attribution.entity != null && ctx.tax.sides.sideOf.has(attribution.entity) && ownPeople(ctx, first, np.end)
        ? { party: attribution.entity, said: false }
        : null;
    const found = partyInContext(ctx, first, attribution.entity, memory.entity, verb) ?? speakerOwn;
    const hit = verb?.hits.find((h) => h.topic === topic.id);
    // The party did what the verb says, active or passive ("… 40 km² had been taken"): it fills the verb's subject role.
    // A party known only as the speaker (or from earlier sentences) is who reports: a commander counts the missiles
    // fired at his side and the ones his side shot down, so it fills the topic's `reporterRole` when it has one.
    // "… admitted that 13,000 soldiers had died": soldiers counted before their verb are the party's own.
    const ownSoldiers = topic.civilianNouns.length > 0 && verb !== null && !verb.before;
    const said =
      hit !== undefined && !ownSoldiers && hit.subject !== 'none'
        ? hit.subject
        : topic.nounPhraseRole === 'none'
          ? 'actor'
          : topic.nounPhraseRole;
    const role = found !== null && !found.said && topic.reporterRole !== undefined ? topic.reporterRole : said;
    if (found !== null && role !== 'none') roles[role] = found.party;
  }
  const at = base + m.start;
  const d = datesFor(ctx, facts, at, published);
  const asOf = asOfDate(d.list, published);
  const period = periodOf(d.window, at - d.lo, d.list, asOf, published, ctx.tax.anchors);
  const increment = np.increment || INCREMENT_BEFORE.has(ctx.tokens[first - 1]?.norm ?? '');
  return {
    topic: topic.id,
    actor: roles.actor,
    counterpart: roles.counterpart,
    item,
    place,
    quantity: {
      value: m.value,
      unit: topic.unit === 'currency' ? m.unit : topic.unit,
      qualifier: m.qualifier,
      low: m.low,
      high: m.high,
    },
    kind: increment ? 'increment' : 'total',
    period,
    asOf,
    attribution: attribution.chain,
    hedge: facts.hedge,
    evidence: evidence(ctx, m, base),
  };
}
