import type { Role, Taxonomy, Topic } from '../../../schemas/taxonomy.ts';
import { compileSides, type WarSides } from '../sentence/parties.ts';
import { gazetteerPlaces } from '../../places/index.ts';
import { PhraseIndex, type MatchMode } from '../text/phrases.ts';
import { lemmaOf } from '../text/lemma.ts';
import { tokenize } from '../text/tokens.ts';

/** A taxonomy noun found after a figure: the topic it counts for, and the item it names, if any. */
export interface NounHit {
  topic: string;
  item: string | null;
  /** True when the noun alone makes the claim ("refugees"), without any verb. */
  standalone: boolean;
  /** True for a standing status ("prisoners of war"): a claim without a verb, but a verb's item wins over its own. */
  status?: boolean;
}

/** A taxonomy verb: the topic, the role its subject plays and the item it implies. */
export interface VerbHit {
  topic: string;
  subject: Role;
  object: Role;
  item: string | null;
  /** False when a bare figure cannot take this verb's topic (taxonomy `bare`). */
  bare: boolean;
  /** Lower-cased cue words one of which the sentence must hold (taxonomy `needs`); empty: none needed. */
  needs: readonly string[];
  /** Governs only a figure right after it (taxonomy `adjacent`). */
  adjacent: boolean;
}

/** An entity or place alias; `demonym` marks adjectives ("Ukrainian"). */
export interface EntityHit {
  id: string;
  demonym: boolean;
}

/** The taxonomy turned into phrase indexes; built once per taxonomy by extractClaims. */
export interface CompiledTaxonomy {
  topics: ReadonlyMap<string, Topic>;
  topicOrder: readonly string[];
  nouns: PhraseIndex<NounHit[]>;
  verbs: PhraseIndex<VerbHit[]>;
  entities: PhraseIndex<EntityHit>;
  places: PhraseIndex<EntityHit>;
  placeCountry: ReadonlyMap<string, string | null>;
  /** The region (oblast) each place lies in, where the data says it. */
  placeRegion: ReadonlyMap<string, string>;
  /** Places that are some place's region (oblasts): a city of another one is not more specific than it. */
  regionIds: ReadonlySet<string>;
  /** Places that are regions (oblasts, macro-regions, countries): a city named with one is the more specific. */
  regional: ReadonlySet<string>;
  context: PhraseIndex<string[]>;
  contextExclude: PhraseIndex<string[]>;
  cues: PhraseIndex<string[]>;
  /** Year the war began (taxonomy `warSince`); figures in sentences dated before it are about other wars. */
  warSinceYear: number | null;
  civilian: PhraseIndex<string[]>;
  anchors: PhraseIndex<string>;
  offTopic: PhraseIndex<true>;
  warContext: PhraseIndex<true>;
  sides: WarSides;
  /** One-word verbs whose subject gives to its object in a topic between allies ("supplied", "sent"). */
  giveWords: ReadonlySet<string>;
}

// Several topics share words ("drones", "killed"), so each index holds a list of hits per phrase.
// Word lists are matched by lemma: "captured" and "capture" are one phrase, whose hits are merged.
// (The index is given an original phrase, never a lemma: a lemma is not always its own lemma — "wound".)
function multi<T>(entries: Entries<T>, mode: MatchMode): PhraseIndex<T[]> {
  const index = new PhraseIndex<T[]>(mode);
  for (const { phrases, hits } of entries.values()) index.addForms(phrases, hits);
  return index;
}
type Entries<T> = Map<string, { phrases: string[]; hits: T[] }>;
function push<T>(map: Entries<T>, phrase: string, value: T): void {
  const k = tokenize(phrase)
    .map((t) => lemmaOf(t.norm))
    .join(' ');
  const entry = map.get(k) ?? { phrases: [], hits: [] };
  if (!entry.phrases.includes(phrase)) entry.phrases.push(phrase);
  const seen = JSON.stringify(value);
  if (!entry.hits.some((v) => JSON.stringify(v) === seen)) entry.hits.push(value);
  map.set(k, entry);
}

function otherRole(r: Role): Role {
  return r === 'actor' ? 'counterpart' : r === 'counterpart' ? 'actor' : 'none';
}

/** Compiles taxonomy data into lookups; called by extractClaims (cached per taxonomy object). */
export function compileTaxonomy(tax: Taxonomy): CompiledTaxonomy {
  const nouns: Entries<NounHit> = new Map();
  const verbs: Entries<VerbHit> = new Map();
  const context: Entries<string> = new Map();
  const contextExclude: Entries<string> = new Map();
  const cues: Entries<string> = new Map();
  const civilian: Entries<string> = new Map();
  for (const t of tax.topics) {
    for (const s of t.standalone)
      for (const w of s.words)
        push(
          nouns,
          w,
          s.status
            ? { topic: t.id, item: s.item, standalone: false, status: true }
            : { topic: t.id, item: s.item, standalone: true },
        );
    for (const it of t.items)
      for (const w of it.synonyms) push(nouns, w, { topic: t.id, item: it.id, standalone: false });
    for (const w of t.nouns) push(nouns, w, { topic: t.id, item: null, standalone: false });
    for (const v of t.verbs)
      for (const w of v.words)
        push(verbs, w, {
          topic: t.id,
          subject: v.subject,
          object: v.object ?? otherRole(v.subject),
          item: v.item,
          bare: v.bare,
          needs: v.needs.map((n) => n.toLowerCase()),
          adjacent: v.adjacent,
        });
    for (const w of t.contextWords) push(context, w, t.id);
    for (const w of t.contextExclude) push(contextExclude, w, t.id);
    for (const w of t.cues) push(cues, w, t.id);
    for (const w of t.civilianNouns) push(civilian, w, t.id);
  }
  const entities = new PhraseIndex<EntityHit>();
  for (const e of tax.entities) {
    for (const a of e.aliases) entities.add(a, { id: e.id, demonym: false }, true);
    for (const d of e.demonyms) entities.add(d, { id: e.id, demonym: true }, true);
  }
  const places = new PhraseIndex<EntityHit>();
  // The taxonomy's own places first: an index answers a phrase with the entry added first.
  const allPlaces = [...tax.places, ...(tax.gazetteer ? gazetteerPlaces().filter((p) => p.kind !== 'country') : [])];
  for (const p of allPlaces) for (const a of p.aliases) places.add(a, { id: p.id, demonym: false }, true);
  const anchors = new PhraseIndex<string>();
  for (const a of tax.dateAnchors) for (const p of a.phrases) anchors.add(p, a.date);
  const offTopic = new PhraseIndex<true>();
  for (const w of tax.offTopic) offTopic.add(w, true, true);
  const warContext = new PhraseIndex<true>('lemma');
  for (const w of tax.warContext) warContext.add(w, true);
  const giveWords = new Set(
    tax.topics
      .filter((t) => t.sides === 'allied')
      .flatMap((t) => t.verbs.filter((v) => v.subject === 'actor').flatMap((v) => v.words))
      .filter((w) => !w.includes(' '))
      .map((w) => w.toLowerCase()),
  );
  return {
    giveWords,
    topics: new Map(tax.topics.map((t) => [t.id, t])),
    topicOrder: tax.topics.map((t) => t.id),
    nouns: multi(nouns, 'lemma'),
    verbs: multi(verbs, 'verb'),
    entities,
    places,
    placeCountry: new Map(allPlaces.toReversed().map((p) => [p.id, p.country])),
    placeRegion: new Map(allPlaces.toReversed().flatMap((p) => (p.region ? [[p.id, p.region] as const] : []))),
    regionIds: new Set(allPlaces.flatMap((p) => (p.region ? [p.region] : []))),
    regional: new Set(
      allPlaces
        .filter((p) =>
          p.kind !== undefined
            ? p.kind !== 'city' && p.kind !== 'town' && p.kind !== 'village'
            : /-oblast$|^(eastern|western|southern|northern|central)-|^(donbas|crimea)$/.test(p.id),
        )
        .map((p) => p.id),
    ),
    context: multi(context, 'lemma'),
    contextExclude: multi(contextExclude, 'lemma'),
    cues: multi(cues, 'lemma'),
    civilian: multi(civilian, 'lemma'),
    anchors,
    offTopic,
    warContext,
    sides: compileSides(tax),
    warSinceYear: tax.warSince === null ? null : Number(tax.warSince.slice(0, 4)),
  };
}
