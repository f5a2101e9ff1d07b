import type { Article } from '../../schemas/article.ts';
import type { Claim } from '../../schemas/claim.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { claimId } from './claim-id.ts';
import { findQuantities } from './quantity/index.ts';
import type { QuantityMention } from './quantity/types.ts';
import {
  analyseMention,
  namesSwap,
  type ArticleMemory,
  type DraftClaim,
  type SentenceFacts,
} from './sentence/analyse.ts';
import { buildContext, type SentenceContext } from './sentence/context.ts';
import { isQuestion } from './sentence/filters.ts';
import { pairInterceptions } from './sentence/interceptions.ts';
import { transferIn } from './sentence/transfer.ts';
import { completeParties } from './sentence/parties.ts';
import { MILITARY_PEOPLE } from './sentence/roles.ts';
import { unitClass } from './sentence/topic.ts';
import { compileTaxonomy, type CompiledTaxonomy } from './taxonomy/compile.ts';
import { unsupportedLanguage } from './text/language.ts';
import { splitSentences, type Span } from './text/sentences.ts';
import { EXTRACTOR_NAME, EXTRACTOR_VERSION } from './version.ts';

/** Options for extractClaims; none are required. */
export interface ExtractOptions {
  /** Sentences longer than this are analysed only around their figures' windows (untrusted input). */
  maxSentenceChars?: number;
}

const compiled = new WeakMap<Taxonomy, CompiledTaxonomy>();

function compile(tax: Taxonomy): CompiledTaxonomy {
  let c = compiled.get(tax);
  if (c === undefined) {
    c = compileTaxonomy(tax);
    compiled.set(tax, c);
  }
  return c;
}

// One claim per distinct figure per article (claims.md §4): the same figure for the same thing,
// however qualified ("60", "about 60"), is one claim; later copies only fill gaps.
function otherClaimant(a: DraftClaim, b: DraftClaim): boolean {
  return a.attribution.length > 0 && b.attribution.length > 0 && a.attribution[0] !== b.attribution[0];
}

function dedupeKey(c: DraftClaim): string {
  return [c.topic, c.item, c.quantity.unit, c.quantity.value].join('|');
}

const CONTEXT_BEFORE = 600;
const QUARTER =
  /^(?:eastern|western|southern|northern|central|north-eastern|south-eastern|north-western|south-western)-ukraine$/;
const TOWN_IN_QUARTER =
  /\b(?:city|town|village)\s+in\s+(?:the\s+)?(?:\w+[-\s])?(?:eastern|western|southern|northern|central)\b/i;
// How many sentences on a launched figure still answers "N of them were shot down".
const LAUNCHED_REACH = 2;
const MEMORY_SENTENCE_MAX = 2000;

// Earlier sentences supply the place of displaced people and the referent of "it"/"they".
function remember(memory: ArticleMemory, ctx: SentenceContext): void {
  // A capital that is also its government's name ("in Kyiv", "in Moscow") is where officials spoke, rarely the
  // place later figures are about: it does not become the story's place.
  // "…, where Moscow's forces are pressing towards the hub of Pokrovsk": where an advance heads is not where it is.
  const place = ctx.places.findLast(
    (p) =>
      !ctx.entities.some((e) => !e.value.demonym && e.start === p.start && e.end === p.end) && !headedFor(ctx, p.start),
  );
  if (place !== undefined) [memory.place, memory.placeAge] = [place.value.id, 0];
  else if (refersBackToPlace(ctx)) memory.placeAge = 0;
  else memory.placeAge += 1;
  const towns = ctx.places.filter((p) => !ctx.tax.regional.has(p.value.id)).map((p) => p.value.id);
  for (const id of towns) memory.towns.set(id, (memory.towns.get(id) ?? 0) + 1);
  if (place !== undefined) memory.recentTowns = towns;
  if (namesSwap(ctx)) memory.swap = true;
  memory.speakerSide = speakingSide(ctx) ?? memory.speakerSide;
  const transfer = transferIn(ctx);
  if (transfer !== null) memory.transfer = { ...transfer, age: 0 };
  else if (memory.transfer !== undefined) memory.transfer.age += 1;
  // The last named entity: in "X did …, but Kyiv has said …" the next "it" is usually Kyiv.
  const entity = ctx.entities.findLast((e) => !e.value.demonym);
  if (entity !== undefined) memory.entity = entity.value.id;
}

const TOWARDS = new Set(['towards', 'toward']);
const ARRIVED = new Set(['arrived', 'arrive', 'arrives', 'arriving', 'reached', 'reach', 'reaching']);
/** Whether the place at token `start` is where a movement heads ("towards the town of X", "toward X"). */
function headedFor(ctx: SentenceContext, start: number): boolean {
  // "156 evacuees arrived in Zaporizhzhia": where people arrived is where they went, not where the story is.
  let k = ctx.tokens[start - 1]?.norm === 'the' ? start - 2 : start - 1;
  if (ctx.tokens[k]?.norm === 'in' || ctx.tokens[k]?.norm === 'at') k--;
  if (ARRIVED.has(ctx.tokens[k]?.norm ?? '')) return true;
  for (let i = start - 1; i >= 0 && start - i <= 5; i--) {
    const t = ctx.tokens[i]?.norm ?? '';
    if (TOWARDS.has(t)) return true;
    if (t !== 'the' && t !== 'of' && !/^[a-z-]+$/.test(t)) return false;
    if (t === 'in' || t === 'at' || t === 'near') return false;
  }
  return false;
}

const PLACE_NOUNS = new Set('region oblast province city town village area district districts settlement'.split(' '));
// "pushed 12 km into the region": a definite place noun names the place the story is about again.
function refersBackToPlace(ctx: SentenceContext): boolean {
  return ctx.tokens.some(
    (t, i) =>
      PLACE_NOUNS.has(t.norm.replace(/['’]s$/, '')) &&
      ctx.tokens[i - 1]?.norm === 'the' &&
      !/^\p{Lu}/u.test(ctx.tokens[i + 1]?.text ?? ''),
  );
}

// "the country" (and "the country's air defences") names the state the text was last about: the last
// entity before it in the sentence, else the one earlier sentences named.
function resolveCountry(ctx: SentenceContext, memory: ArticleMemory): SentenceContext {
  const added: SentenceContext['entities'] = [];
  for (let i = 0; i + 1 < ctx.tokens.length; i++) {
    if (ctx.tokens[i]?.norm !== 'the' || ctx.tokens[i + 1]?.norm !== 'country') continue;
    const before = ctx.entities.findLast((e) => e.end <= i && !e.value.demonym)?.value.id ?? memory.entity;
    if (before !== null) added.push({ start: i, end: i + 2, value: { id: before, demonym: false } });
  }
  if (added.length === 0) return ctx;
  return { ...ctx, entities: [...ctx.entities, ...added].sort((a, b) => a.start - b.start) };
}

// A figure counts only when its paragraph is about the war: it names an entity or place of the
// taxonomy, or a war word, in the sentence or just before it in the same paragraph, and no other war.
// `before` holds the sentences already read on the figure's line (each tokenised once, never again).
function aboutTheWar(
  span: Span,
  ctx: SentenceContext,
  before: readonly SentenceContext[],
  tax: CompiledTaxonomy,
): boolean {
  if (tax.offTopic.findAll(ctx.tokens).length > 0) return false;
  // "in 1992 after Russian troops …", "the civil war of 1918": a year before the war began dates another war.
  if (
    tax.warSinceYear !== null &&
    ctx.tokens.some((t) => /^(1[89]|20)\d\d$/.test(t.text) && Number(t.text) < (tax.warSinceYear as number))
  )
    return false;
  // The context is the text before the sentence on its line, the sentences reaching into the last CONTEXT_BEFORE characters.
  const window = before.filter((b) => b.span.end > span.start - CONTEXT_BEFORE);
  // "By this point, his forces had suffered …" after a sentence about Napoleon: another war.
  if (ctx.entities.length === 0 && window.some((b) => tax.offTopic.findAll(b.tokens).length > 0)) return false;
  if (tax.warContext.findAll(ctx.tokens).length > 0 || ctx.entities.length > 0 || ctx.places.length > 0) return true;
  return window.some(
    (b) => b.entities.length > 0 || b.places.length > 0 || tax.warContext.findAll(b.tokens).length > 0,
  );
}

/** Whether a sentence has no capitalised word after its first token (it names no person, place or body). */
function namesNobody(ctx: SentenceContext): boolean {
  // Months and weekdays are capitalised but name nobody ("They took 400 km² in August").
  return ctx.tokens.every((t, i) => i === 0 || !/^\p{Lu}/u.test(t.text) || CALENDAR_NAMES.test(t.norm));
}
const CALENDAR_NAMES =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

const WEAPON_TOPICS = new Set(['aerial-attacks', 'aerial-interceptions', 'equipment-losses']);

/** Whether a sentence counts civilians or soldiers by name ("civilian deaths", "troops"). */
function namesWarPeople(ctx: SentenceContext): boolean {
  if (ctx.tokens.some((t) => MILITARY_PEOPLE.has(t.norm) || t.norm === 'civilian' || t.norm === 'civilians'))
    return true;
  // … or weapons by an item's name ("of the 160 Iskanders fired over the summer, 70 were shot down").
  return ctx.tax.nouns
    .findAll(ctx.tokens)
    .some((m) => m.value.some((h) => WEAPON_TOPICS.has(h.topic) && h.item !== null));
}

const TOTAL_BEFORE =
  /\b(?:total|tally|toll|overall number|total number)\s+(?:of\s+\w+\s+)?(?:(?:since|this|so|in|for)\b[^.;:\d]{0,25}?\s)?(?:to|at)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|over\s+|more than\s+)?$/i;

// "a further 771 troops surrendered, bringing the total to 1,730": a bare running total after another figure of
// the sentence counts the same thing (a total, not an increment).
function runningTotals(sentence: string, mentions: readonly QuantityMention[], drafts: Array<DraftClaim | null>): void {
  for (let i = 1; i < mentions.length; i++) {
    const m = mentions[i] as QuantityMention;
    const before = drafts.slice(0, i).findLast((d): d is DraftClaim => d !== null);
    const own = drafts[i] ?? null;
    if (
      before === undefined ||
      (own !== null && own.topic !== before.topic) ||
      !TOTAL_BEFORE.test(sentence.slice(0, m.numberStart))
    )
      continue;
    const quantity = { ...before.quantity, value: m.value, qualifier: m.qualifier, low: m.low, high: m.high };
    drafts[i] = {
      ...(own ?? before),
      topic: before.topic,
      item: before.item,
      actor: before.actor,
      counterpart: before.counterpart,
      place: before.place,
      kind: 'total',
      quantity,
    };
  }
}

// "About 2,500 of the 3,000 troops were killed", "lost 20 of its 30 tanks": the verb is said of the part; the whole
// is only its frame. The part takes the whole's claim and the whole makes none. (Air defence's "21 of the 23 missiles"
// is pairInterceptions' business: there the whole was launched.)
const AMONG_THOSE =
  /^[\s\p{L}'-]{0,40}?\b(?:was|were|is|are)\s+(?:also\s+)?among\s+(?:those|the\s+(?:dead|killed|injured|wounded|victims|casualties))\b/iu;
const AMONG = /^[\s\p{L}'-]{0,40}?\b(?:was|were|is|are)\s+(?:also\s+)?among\s+(?:the\s+)?$/iu;
const PART_OF = /^\s+(?:out\s+)?of\s+(?:the|its|their|those|these)\s+$/i;
function partsOfWholes(sentence: string, mentions: readonly QuantityMention[], drafts: Array<DraftClaim | null>): void {
  // "two police officers were among those killed": a part of a figure the text gives elsewhere.
  mentions.forEach((m, i) => {
    if (AMONG_THOSE.test(sentence.slice(m.end))) drafts[i] = null;
  });
  for (let i = 0; i + 1 < mentions.length; i++) {
    const m = mentions[i] as QuantityMention;
    const next = mentions[i + 1] as QuantityMention;
    const whole = drafts[i + 1] ?? null;
    const own = drafts[i] ?? null;
    if (whole === null || (own !== null && own.topic !== whole.topic)) continue;
    // "two children were among the 14 people injured": the part is inside the whole's claim.
    if (m.unit === next.unit && m.value <= next.value && AMONG.test(sentence.slice(m.end, next.start))) {
      drafts[i] = null;
      continue;
    }
    if (AERIAL.has(whole.topic)) continue;
    if (m.unit !== next.unit || m.value > next.value || !PART_OF.test(sentence.slice(m.end, next.start))) continue;
    const quantity = { ...whole.quantity, value: m.value, qualifier: m.qualifier, low: m.low, high: m.high };
    drafts[i] = { ...whole, quantity };
    drafts[i + 1] = null;
  }
}
const AERIAL = new Set(['aerial-attacks', 'aerial-interceptions']);

// "Russian forces abducted 415 people … and 170 are still held": figures of one topic in one
// sentence share the roles the sentence states once.
const topicIdsOf = new WeakMap<CompiledTaxonomy, ReadonlySet<string>>();
function topicIds(tax: CompiledTaxonomy): ReadonlySet<string> {
  let ids = topicIdsOf.get(tax);
  if (!ids) topicIdsOf.set(tax, (ids = new Set(tax.topics.keys())));
  return ids;
}

// "480 km² remain under Ukrainian control, compared with 800 at the peak", "down from 1,100 in August": a figure a
// comparison gives is the same series as the figure it is compared with.
const COMPARED = /\b(?:compared (?:with|to)|down from|up from|versus|vs\.?|against)\s+(?:\S+\s+){0,3}$/i;
function comparedFigures(
  sentence: string,
  mentions: readonly QuantityMention[],
  drafts: Array<DraftClaim | null>,
): void {
  for (let i = 1; i < mentions.length; i++) {
    const d = drafts[i];
    const m = mentions[i] as QuantityMention;
    if (d == null || !COMPARED.test(sentence.slice((mentions[i - 1] as QuantityMention).end, m.start))) continue;
    const base = drafts
      .slice(0, i)
      .findLast((x) => x != null && x.topic === d.topic && x.quantity.unit === d.quantity.unit);
    if (base == null) continue;
    [d.actor, d.counterpart, d.item] = [base.actor, base.counterpart, base.item];
    d.place ??= base.place;
  }
}

function shareRoles(drafts: DraftClaim[]): void {
  for (const d of drafts) {
    const peer = drafts.find((o) => o !== d && o.topic === d.topic && (o.actor !== null || o.counterpart !== null));
    if (peer === undefined) continue;
    if (d.actor === null && peer.actor !== d.counterpart) d.actor = peer.actor;
    if (d.counterpart === null && peer.counterpart !== d.actor) d.counterpart = peer.counterpart;
  }
}

const SPEECH = new Set('said says say told reported reports claimed claims stated according'.split(' '));
const ENEMY_BEFORE = new Set(['the', 'our', 'their', "enemy's"]);

/** The side of the war of the sentence's speaker (an entity a verb of saying follows), else null. */
function speakingSide(ctx: SentenceContext): string | null {
  const { sideOf } = ctx.tax.sides;
  const speaker = ctx.entities.find(
    (e) => sideOf.has(e.value.id) && ctx.tokens.slice(e.end, e.end + 4).some((x) => SPEECH.has(x.norm)),
  );
  return speaker === undefined ? null : (sideOf.get(speaker.value.id) ?? null);
}

// "the enemy lost 300 troops": the enemy is the other side of whoever speaks — a party named before a speech
// verb in the sentence ("the Russian defence ministry said"), else the other side of the home side.
function resolveEnemy(ctx: SentenceContext, tax: CompiledTaxonomy, memory: ArticleMemory): SentenceContext {
  const { opponent, homeSide } = tax.sides;
  const added: SentenceContext['entities'] = [];
  for (let i = 1; i < ctx.tokens.length; i++) {
    const t = ctx.tokens[i];
    if (t === undefined || !/^enemy(?:'s|’s)?$/.test(t.norm) || !ENEMY_BEFORE.has(ctx.tokens[i - 1]?.norm ?? ''))
      continue;
    if (ctx.entities.some((e) => e.start <= i && e.end > i)) continue;
    // With no speaker in the sentence, the side whose speaker the story last quoted ("the Russian Defence Ministry
    // said …. In the Kharkiv direction, the enemy lost up to 55 servicemen").
    const side = speakingSide(ctx) ?? memory.speakerSide ?? homeSide;
    const enemy = side === null ? undefined : opponent.get(side);
    if (enemy !== undefined) added.push({ start: i - 1, end: i + 1, value: { id: enemy, demonym: false } });
  }
  if (added.length === 0) return ctx;
  return { ...ctx, entities: [...ctx.entities, ...added].sort((a, b) => a.start - b.start) };
}

/** What extraction made of one article: its claims, or why it was skipped, and the figures it refused. */
export interface ExtractionReport {
  claims: Claim[];
  /** Set when the article was not read at all (`unsupported language: Cyrillic script`). */
  skipped: string | null;
  /** Figures seen but refused, each with its offset and reason (`number out of range: 100000 digits`). */
  refused: Array<{ at: number; reason: string }>;
}

// Figures longer than this many digits are no count anyone reports; they are refused, not dropped silently.
const MAX_DIGITS = 15;
const LONG_NUMBER = /\d(?:[\d,.  ]*\d)?/g;

function refusedNumbers(text: string): ExtractionReport['refused'] {
  const out: ExtractionReport['refused'] = [];
  for (const m of text.matchAll(LONG_NUMBER)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits > MAX_DIGITS)
      out.push({ at: m.index ?? 0, reason: `number out of range: ${digits} digits (at most ${MAX_DIGITS})` });
  }
  return out;
}

/**
 * Extracts every claim an article makes and says what it could not read: a text not in English is
 * skipped with its reason, overlong numbers are refused. Pure; called by the CLI and the extract activity.
 */
export function extractReport(article: Article, taxonomy: Taxonomy, options: ExtractOptions = {}): ExtractionReport {
  const language = unsupportedLanguage(`${article.title}\n${article.text}`);
  if (language !== null) return { claims: [], skipped: `unsupported language: ${language}`, refused: [] };
  return { claims: extractClaims(article, taxonomy, options), skipped: null, refused: refusedNumbers(article.text) };
}

/** Extracts every claim an article makes (claims.md); pure and deterministic. Called by the CLI and the extract activity. */
export function extractClaims(article: Article, taxonomy: Taxonomy, _options: ExtractOptions = {}): Claim[] {
  const tax = compile(taxonomy);
  const text = article.text;
  const published = article.published_at.slice(0, 10);
  const drafts = new Map<string, DraftClaim>();
  const memory: ArticleMemory = { place: null, placeAge: 0, entity: null, towns: new Map(), recentTowns: [] };
  // The title names the story's place and parties; a figure whose sentence names none is read in its light.
  const title = article.title ?? '';
  if (title !== '') remember(memory, buildContext(title, { start: 0, end: title.length }, tax, [], false));
  // The sentences read so far on the current line (paragraph), for aboutTheWar.
  let line: SentenceContext[] = [];
  let paragraphBefore: SentenceContext[] = [];
  let lineEnd = 0;
  // Launched figures of the last sentences, for "… 38 of them were shot down" in the next one.
  let launched: { drafts: DraftClaim[]; at: number } = { drafts: [], at: -1 };
  let index = -1;
  for (const span of splitSentences(text)) {
    index += 1;
    if (text.slice(lineEnd, span.start).includes('\n')) {
      paragraphBefore = line;
      line = [];
    }
    lineEnd = span.end;
    const sentence = text.slice(span.start, span.end);
    const mentions = findQuantities(sentence).filter(
      (m) => unitClass(m.unit) !== null && Number.isFinite(m.value) && Math.abs(m.value) < 10 ** MAX_DIGITS,
    );
    if (mentions.length === 0) {
      if (span.end - span.start <= MEMORY_SENTENCE_MAX) {
        const read = buildContext(text, span, tax, [], false);
        remember(memory, read);
        line = [...line.filter((b) => b.span.end > span.start - CONTEXT_BEFORE), read];
      }
      continue;
    }
    const ctx = resolveEnemy(
      resolveCountry(
        buildContext(
          text,
          span,
          tax,
          mentions.map((m) => span.start + m.start),
        ),
        memory,
      ),
      tax,
      memory,
    );
    // "A Russian missile struck Sumy on Sunday.¶ At least 11 people were killed …": a paragraph's first sentence that
    // names nobody else (no capitalised word after its first) is read in the light of the paragraph before it.
    // So is one whose counted people are plainly civilians or soldiers ("the UN has verified 10,500 civilian deaths").
    const before = line.length === 0 && (namesNobody(ctx) || namesWarPeople(ctx)) ? paragraphBefore : line;
    line = [...line.filter((b) => b.span.end > span.start - CONTEXT_BEFORE), ctx];
    if (isQuestion(ctx)) continue;
    if (!aboutTheWar(span, ctx, before, tax)) {
      remember(memory, ctx);
      continue;
    }
    // "the region's governor put the number … at 28": the figure's own sentence names the story's place again.
    if (refersBackToPlace(ctx)) memory.placeAge = 0;
    const facts: SentenceFacts = {};
    const analysed = mentions.map((m) => analyseMention(ctx, facts, memory, m, span.start, published));
    runningTotals(sentence, mentions, analysed);
    partsOfWholes(sentence, mentions, analysed);
    const previous = index - launched.at <= LAUNCHED_REACH ? launched.drafts : [];
    const paired = pairInterceptions(sentence, mentions, analysed, topicIds(tax), previous);
    const inSentence: DraftClaim[] = [...analysed.filter((d): d is DraftClaim => d !== null), ...paired];
    const attacks = inSentence.filter((d) => d.topic === 'aerial-attacks');
    if (attacks.length > 0) launched = { drafts: attacks, at: index };
    comparedFigures(sentence, mentions, analysed);
    shareRoles(inSentence);
    for (const d of inSentence) {
      const topic = tax.topics.get(d.topic);
      const place = d.place ?? memory.place;
      if (topic !== undefined)
        Object.assign(
          d,
          completeParties(d, topic, tax.sides, {
            placeCountry: place === null ? null : (tax.placeCountry.get(place) ?? null),
            placed: place !== null,
          }),
        );
    }
    // "41 settlements liberated in southern Ukraine": a quarter of the country tells the parties where it happened,
    // but it is no one place; only "a city in central Ukraine", a town the text does not name, is placed there.
    for (const d of inSentence)
      if (d.place !== null && QUARTER.test(d.place) && !TOWN_IN_QUARTER.test(sentence)) d.place = null;
    // Whoever launched the sentence's drones or missiles did not shoot them down, once every role is filled in.
    for (const d of inSentence) {
      if (d.topic !== 'aerial-interceptions' || d.actor === null) continue;
      const launch = inSentence.find((x) => x.topic === 'aerial-attacks' && x.item === d.item && x.actor === d.actor);
      if (launch !== undefined && launch.counterpart !== null)
        [d.actor, d.counterpart] = [launch.counterpart, launch.actor];
    }
    remember(memory, ctx);
    const added = new Set<DraftClaim>();
    for (const draft of inSentence) {
      let key = dedupeKey(draft);
      // "Three civilians were killed in Vuhledar and another three in Lyman": one figure twice in a sentence, in two
      // places, is two figures.
      const twin = drafts.get(key);
      if (
        twin !== undefined &&
        added.has(twin) &&
        twin.place !== null &&
        draft.place !== null &&
        twin.place !== draft.place
      )
        key = `${key}|${draft.place}`;
      // "The Pentagon confirmed the White House's 1,000 … South Korean intelligence reported over 1,000": one number
      // that two claimants give, each in their own way, is two claims.
      else if (twin !== undefined && otherClaimant(twin, draft) && twin.quantity.qualifier !== draft.quantity.qualifier)
        key = `${key}|${draft.attribution[0]}`;
      added.add(draft);
      const seen = drafts.get(key);
      if (seen === undefined) drafts.set(key, draft);
      else {
        seen.actor ??= draft.actor;
        seen.counterpart ??= draft.counterpart;
        seen.place ??= draft.place;
      }
    }
  }
  return [...drafts.values()].map((d) => ({
    id: claimId([
      article.id,
      d.topic,
      d.actor,
      d.counterpart,
      d.item,
      d.place,
      d.quantity.value,
      d.quantity.unit,
      d.evidence.start,
      d.evidence.end,
    ]),
    articleId: article.id,
    ...d,
    extractor: { name: EXTRACTOR_NAME, version: EXTRACTOR_VERSION },
  }));
}
