import type { Role, Topic } from '../../../schemas/taxonomy.ts';
import type { EntityHit } from '../taxonomy/compile.ts';
import type { PhraseMatch } from '../text/phrases.ts';
import { AUX, BE_FORMS, PLACE_ADJECTIVES, PREPOSITIONS, PRONOUNS } from '../text/words.ts';
import { isClausePunct, type SentenceContext } from './context.ts';
import type { NounPhrase } from './noun-phrase.ts';
import type { GoverningVerb } from './verb.ts';

/** Actor and counterpart of one claim (claims.md §1 columns). */
export interface Roles {
  actor: string | null;
  counterpart: string | null;
}

const SUBJECT_WINDOW = 10;
const POSSESS = new Set(['has', 'have', 'had', 'holds', 'hold', 'hosts', 'host', 'controls']);
/** Nouns that count soldiers. */
export const MILITARY_PEOPLE = new Set(
  'soldiers soldier troops servicemen serviceman servicemembers fighters personnel marines paratroopers conscripts mercenaries'.split(
    ' ',
  ),
);
// The entity before a speech verb is the speaker, not the subject of the reported verb.
const SPEECH = new Set(
  'said says say told estimate estimates estimated assessed assesses believes believed calculated reckons suggests suggest claimed claims reported reports stated'.split(
    ' ',
  ),
);
const PP_WINDOW = 14;
// Nouns after a demonym that name the one who strikes ("Russian shelling killed …").
const ATTACK_NOUNS = new Set(
  'strike strikes attack attacks shelling shell missile missiles rocket rockets bombardment bombing airstrike airstrikes forces troops army drone drones artillery fire invasion occupiers'.split(
    ' ',
  ),
);

// Nouns after a demonym that name who acts ("Ukrainian units took down …", "Russian officials said …").
const UNIT_NOUNS = new Set(
  'government military officials authorities intelligence navy air units unit soldiers servicemen defenders crews crew gunners brigade brigades battalion battalions pilots marines paratroopers commanders command sailors border guards police'.split(
    ' ',
  ),
);

const SOLDIER_NOUNS = new Set([
  ...MILITARY_PEOPLE,
  'fighters',
  'defenders',
  'servicemembers',
  'militants',
  'occupiers',
  'invaders',
  'infantrymen',
]);

function entityEndingAt(ctx: SentenceContext, end: number): PhraseMatch<EntityHit> | undefined {
  return ctx.entities.find((e) => e.end === end);
}

// The entity a preposition governs: "from North Korea", "to the DPRK".
function prepositionBefore(ctx: SentenceContext, e: PhraseMatch<EntityHit>): string | null {
  let i = e.start - 1;
  // "in occupied Ukraine", "in the east of": a place adjective stays inside the prepositional phrase.
  if (PLACE_ADJECTIVES.has(ctx.tokens[i]?.norm ?? '') && !e.value.demonym) i--;
  if (ctx.tokens[i]?.norm === 'the') i--;
  const t = ctx.tokens[i];
  // "according to Seoul": the source of the figure, no party to it.
  if (t?.norm === 'to' && ctx.tokens[i - 1]?.norm === 'according') return 'according to';
  return t !== undefined && PREPOSITIONS.has(t.norm) ? t.norm : null;
}

/** Subject of a verb: the nearest entity (or pronoun) before it in the clause that no preposition governs. */
const FIRST_PERSON = new Set(['we', 'i', 'our']);

function subjectOf(
  ctx: SentenceContext,
  verbStart: number,
  speaker: string | null,
  referent: string | null = speaker,
): string | null {
  const gerund = /ing$/.test(ctx.tokens[verbStart]?.norm ?? '');
  for (let i = verbStart - 1, d = 0; i >= 0 && d < SUBJECT_WINDOW; i--, d++) {
    // "the US would provide $300m (£235m) in … and had approved": a bracketed aside is skipped whole.
    if (ctx.tokens[i]?.text === ')') {
      const open = ctx.tokens
        .slice(Math.max(0, i - 8), i)
        .map((x) => x.text)
        .lastIndexOf('(');
      if (open >= 0) {
        i = Math.max(0, i - 8) + open;
        continue;
      }
    }
    const t = ctx.tokens[i];
    if (t === undefined || isClausePunct(t)) break;
    if (t.norm === 'that' || t.norm === 'which' || t.norm === 'who' || SPEECH.has(t.norm)) break;
    if (PRONOUNS.has(t.norm) && d <= 3) return FIRST_PERSON.has(t.norm) ? speaker : referent;
    const e = entityEndingAt(ctx, i + 1);
    // "with North Korea … sending troops": an absolute clause whose gerund has "with X" as subject; so does "led to
    // Russia losing …" (the entity right before the gerund).
    const prep = e === undefined ? null : prepositionBefore(ctx, e);
    if (e !== undefined && (prep === null || (gerund && (prep === 'with' || e.end === verbStart)))) {
      const next = ctx.tokens[e.end]?.norm ?? '';
      // "Russian losses amounted to …": a demonym right before an event noun is its owner.
      if (!e.value.demonym || e.end === verbStart || ATTACK_NOUNS.has(next) || UNIT_NOUNS.has(next)) return e.value.id;
    }
    // "Russia launched 30 drones and Ukrainian units took down 26": the subject is not behind another clause's verb.
    if (t.norm === 'and' && ctx.verbs.some((v) => v.end <= i && v.end > i - 4)) break;
  }
  return null;
}

const VALUE_WORDS = new Set(['valued', 'estimated', 'priced', 'worth']);

// "was hit", "were reportedly struck", "has been attacked": a form of "be" right before a participle.
export function isPassive(ctx: SentenceContext, verbStart: number): boolean {
  const verb = ctx.tokens[verbStart]?.norm ?? '';
  // "the US package is valued at $425m" puts a value on its subject; nobody is acted upon.
  if (/ing$/.test(verb) || VALUE_WORDS.has(verb)) return false;
  for (let i = verbStart - 1; i >= 0 && i >= verbStart - 3; i--) {
    const t = ctx.tokens[i]?.norm ?? '';
    if (BE_FORMS.has(t)) return true;
    if (!/ly$/.test(t) && t !== 'also' && t !== 'then') return false;
  }
  return false;
}

// "28 of 33 drones launched by Russia": the agent of a participle between the figure and "by" is that
// participle's, not the figure's verb's (only the figure's own verb, or none, may sit there).
function agentOfAnotherVerb(ctx: SentenceContext, verb: GoverningVerb | null, np: NounPhrase, byAt: number): boolean {
  for (let i = np.end; i < byAt - 1; i++) {
    const t = ctx.tokens[i];
    // "… may have been supplied to Russia by North Korea": auxiliaries are the figure's own verb's.
    if (t === undefined || AUX.has(t.norm) || BE_FORMS.has(t.norm)) continue;
    if (verb !== null && i >= verb.match.start && i < verb.match.end) continue;
    if (/^[a-z]+ed$/.test(t.norm) || ctx.verbs.some((v) => v.start === i)) return true;
  }
  return false;
}

function assign(roles: Roles, role: Role, id: string | null): void {
  if (id === null || role === 'none') return;
  if (role === 'actor') roles.actor ??= id;
  else roles.counterpart ??= id;
}

const HELD_WINDOW = 10;
const CUSTODY = new Set(['captivity', 'custody']);
// "28 settlements … were under the control of Ukrainian forces", "… under Ukrainian control": the holder.
function heldBy(ctx: SentenceContext, topic: Topic, from: number): string | null {
  if (topic.heldBy.length === 0) return null;
  for (let i = from; i < ctx.tokens.length && i < from + HELD_WINDOW; i++) {
    const t = ctx.tokens[i];
    if (t === undefined || isClausePunct(t)) break;
    // "returned from Russian captivity", "held in Ukrainian custody": the state named before it holds them.
    if (CUSTODY.has(t.norm)) {
      const e = ctx.entities.find((x) => x.end === i);
      if (e !== undefined) return e.value.id;
    }
    if (t.norm === 'under' && ctx.tokens[i + 2]?.norm === 'control') {
      const e = ctx.entities.find((x) => x.start === i + 1 && x.end === i + 2);
      if (e !== undefined) return e.value.id;
    }
    const phrase = topic.heldBy.find((p) => {
      const words = p.toLowerCase().split(/\s+/);
      return words.every((w, k) => ctx.tokens[i + k]?.norm === w);
    });
    if (phrase !== undefined) {
      let at = i + phrase.split(/\s+/).length;
      if (ctx.tokens[at]?.norm === 'the') at++;
      const e = ctx.entities.find((x) => x.start === at);
      if (e !== undefined) return e.value.id;
    }
  }
  return null;
}

const LOSS_NOUNS = new Set(['losses', 'casualties', 'death']);
const POSSESSIVE_S = new Set(["'s", '’s', 's', "'", '’']);

/** The side a "<side> losses"/"<side>'s casualties" phrase before the figure names, else null. */
function lossOwner(ctx: SentenceContext, first: number): string | null {
  for (const e of ctx.entities) {
    if (e.end > first || !ctx.tax.sides.sideOf.has(e.value.id)) continue;
    // "the total combat losses of the enemy are: personnel — 595,000, tanks — 8,480": the owner heads the list.
    if (ctx.tokens[e.start - 1]?.norm === 'of' && LOSS_NOUNS.has(ctx.tokens[e.start - 2]?.norm ?? ''))
      return e.value.id;
    if (first - e.end > PP_WINDOW * 2) continue;
    let at = e.end;
    while (POSSESSIVE_S.has(ctx.tokens[at]?.text ?? '')) at++;
    // "Russian tank losses": an item noun may stand between the side and its losses.
    if (!LOSS_NOUNS.has(ctx.tokens[at]?.norm ?? '')) at = ctx.tax.nouns.matchAt(ctx.tokens, at)?.end ?? at;
    const noun = ctx.tokens[at]?.norm;
    if (noun === 'death' && ctx.tokens[at + 1]?.norm !== 'toll') continue;
    if (noun !== undefined && LOSS_NOUNS.has(noun)) return e.value.id;
  }
  return null;
}

/** Whether the topic counts a side's own losses ("losses of …" names its actor). */
function ownsLosses(topic: Topic): boolean {
  return topic.verbs.some((v) => v.subject === 'actor' && v.words.some((w) => w.startsWith('losses ')));
}

/** Whether the figure before this one in the sentence, up to this one, counts soldiers ("300 soldiers … and 2,700"). */
function soldiersBefore(ctx: SentenceContext, first: number): boolean {
  let prev = -1;
  for (const f of ctx.figureStarts) if (f < first && f > prev) prev = f;
  if (prev < 0) return false;
  for (let i = prev + 1; i < first; i++) {
    const t = ctx.tokens[i];
    if (t === undefined || isClausePunct(t)) return false;
    if (MILITARY_PEOPLE.has(t.norm)) return true;
  }
  return false;
}

/** Nouns that say people without saying civilians or soldiers. */
const GENERIC_PEOPLE = new Set(['people', 'persons', 'person', 'individuals', 'others', 'men']);

/** Fills actor and counterpart from the noun phrase, prepositions, the verb's subject and object, and the place. */
export function assignRoles(
  ctx: SentenceContext,
  topic: Topic,
  np: NounPhrase,
  verb: GoverningVerb | null,
  first: number,
  place: string | null,
  speaker: string | null,
  referent: string | null = speaker,
): Roles {
  const roles: Roles = { actor: null, counterpart: null };
  const civilian = ctx.tax.civilian.matchAt(ctx.tokens, np.end - 1);
  // "five were injured" is about civilians unless the sentence is about soldiers; "5,800 Russian
  // deaths" names its state, while "Ukrainian civilians" stay civilians.
  const standaloneHead = np.hits?.every((h) => h.standalone) ?? false;
  const military = ctx.tokens.some((t) => MILITARY_PEOPLE.has(t.norm));
  // "300 North Korean soldiers were killed and 2,700 wounded": a bare outcome word after soldiers counted by the
  // figure before it is said of those soldiers.
  const elided =
    np.hits?.some((h) => h.standalone && h.topic === topic.id) === true &&
    np.entity === null &&
    soldiersBefore(ctx, first);
  const isCivilian =
    topic.civilianNouns.length > 0 &&
    !elided &&
    (np.head === null
      ? !np.entity && !military
      : (civilian !== undefined || topic.civilianNouns.includes(np.head)) && !(np.entity !== null && standaloneHead));
  // "tens of thousands of civilians and soldiers": mixed victims have no single actor.
  const mixed =
    ctx.tokens[np.end]?.norm === 'and' &&
    ctx.tax.nouns.matchAt(ctx.tokens, np.end + 1)?.value.some((h) => h.topic === topic.id) === true &&
    ctx.tax.civilian.matchAt(ctx.tokens, np.end + 1) === undefined;
  const hit = verb?.hits.find((h) => h.topic === topic.id);
  // "losses of 20,000 people", "lost 300 men": a side's losses are its own people, unless the text says civilians.
  // "Russia has lost 180,000 killed", "North Korean forces suffered 3,000 killed and wounded": a bare outcome as the
  // object of a side's loss is that side's.
  const sidesLoss =
    hit?.subject === 'actor' &&
    (np.head === null ||
      GENERIC_PEOPLE.has(np.head) ||
      (verb?.before === true && np.hits?.some((h) => h.standalone) === true));
  // "Russian losses … stand at 16,000 killed": the side named as the loss's owner is the actor.
  const owner = ownsLosses(topic) && np.entity === null ? lossOwner(ctx, first) : null;
  if (isCivilian && !mixed && !sidesLoss && owner === null) roles.actor = 'civilians';
  if (owner !== null) roles.actor = owner;
  if (np.entity !== null) assign(roles, topic.nounPhraseRole, np.entity.id);
  if (verb !== null && hit !== undefined) {
    // "supplied Moscow with …", "had fled Ukraine": an entity right after the verb is its object.
    const obj = ctx.entities.find((e) => e.start === verb.match.end && (!verb.before || e.end <= first));
    if (obj !== undefined) assign(roles, hit.object, obj.value.id);
  }
  // A phrase before the verb belongs to another clause ("since Russia's invasion of Ukraine began, Moscow has lost …").
  const lo = verb?.before ? verb.match.start : Math.max(0, first - PP_WINDOW);
  const hi = Math.min(ctx.tokens.length, np.end + PP_WINDOW);
  for (const e of ctx.entities) {
    if (e.start < lo || e.end > hi) continue;
    const prep = prepositionBefore(ctx, e);
    const role = prep === null ? undefined : topic.prepositions[prep];
    if (role !== undefined && !(prep === 'by' && agentOfAnotherVerb(ctx, verb, np, e.start)))
      assign(roles, role, e.value.id);
  }
  // "US security assistance", "British military aid": a state right before the topic's own context words gives it.
  if (topic.contextWords.length > 0) {
    const giver = ctx.entities.find(
      (e) =>
        e.end <= first &&
        first - e.end <= PP_WINDOW &&
        ctx.tax.context.matchAt(ctx.tokens, e.end)?.value.includes(topic.id) === true,
    );
    if (giver !== undefined) assign(roles, 'actor', giver.value.id);
  }
  // After an aside ("… people — troops and civilians — were returned from Russian captivity") the verb goes on.
  const holder =
    heldBy(ctx, topic, np.end) ??
    (verb !== null && !verb.before && verb.match.start > np.end ? heldBy(ctx, topic, verb.match.start) : null);
  if (holder !== null) roles.actor ??= holder;
  // "Ukraine has almost 1,000 km² …", "Poland has 1.25 million refugees": the possessor is the actor.
  if (verb === null && POSSESS.has(ctx.tokens[first - 1]?.norm ?? ''))
    assign(roles, 'actor', subjectOf(ctx, first - 1, speaker, referent));
  // Only an active verb before the figure has a subject of its own; after it, the figure is the subject.
  // A passive one ("Kyiv was hit by 10 missiles") has the verb's object as its subject.
  if (verb !== null && hit !== undefined && verb.before)
    assign(
      roles,
      isPassive(ctx, verb.match.start) ? hit.object : hit.subject,
      subjectOf(ctx, verb.match.start, speaker, referent),
    );
  if (roles.counterpart === null && hit?.subject === 'counterpart') {
    const attacker = ctx.entities.find((e) => ATTACK_NOUNS.has(ctx.tokens[e.end]?.norm ?? ''));
    if (attacker !== undefined) roles.counterpart = attacker.value.id;
  }
  const country = place === null ? null : (ctx.tax.placeCountry.get(place) ?? null);
  if (topic.actorFromPlace) roles.actor ??= country;
  if (topic.counterpartFromPlace && roles.actor !== null && country !== roles.actor) roles.counterpart ??= country;
  // "claiming it had killed 600 fighters": soldiers struck by one side of the war are the other side's.
  if (
    topic.civilianNouns.length > 0 &&
    roles.actor === null &&
    roles.counterpart !== null &&
    np.head !== null &&
    SOLDIER_NOUNS.has(np.head)
  ) {
    const side = ctx.tax.sides.sideOf.get(roles.counterpart);
    if (side === roles.counterpart) roles.actor = ctx.tax.sides.opponent.get(side) ?? null;
  }
  if (roles.counterpart === roles.actor) roles.counterpart = null;
  return roles;
}
