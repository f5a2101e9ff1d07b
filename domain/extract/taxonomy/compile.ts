import type { Role, Taxonomy, Topic } from '../../../schemas/taxonomy.ts';
import { PhraseIndex } from '../text/phrases.ts';

/** A taxonomy noun found after a figure: the topic it counts for, and the item it names, if any. */
export interface NounHit {
  topic: string;
  item: string | null;
  /** True when the noun alone makes the claim ("refugees"), without any verb. */
  standalone: boolean;
}

/** A taxonomy verb: the topic, the role its subject plays and the item it implies. */
export interface VerbHit {
  topic: string;
  subject: Role;
  object: Role;
  item: string | null;
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
  context: PhraseIndex<string[]>;
  civilian: PhraseIndex<string[]>;
  anchors: PhraseIndex<string>;
  offTopic: PhraseIndex<true>;
  warContext: PhraseIndex<true>;
}

// Several topics share words ("drones", "killed"), so each index holds a list of hits per phrase.
function multi<T>(entries: Map<string, T[]>): PhraseIndex<T[]> {
  const index = new PhraseIndex<T[]>();
  for (const [phrase, hits] of entries) index.add(phrase, hits);
  return index;
}
function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const k = key.toLowerCase();
  const list = map.get(k) ?? [];
  list.push(value);
  map.set(k, list);
}

function otherRole(r: Role): Role {
  return r === 'actor' ? 'counterpart' : r === 'counterpart' ? 'actor' : 'none';
}

/** Compiles taxonomy data into lookups; called by extractClaims (cached per taxonomy object). */
export function compileTaxonomy(tax: Taxonomy): CompiledTaxonomy {
  const nouns = new Map<string, NounHit[]>();
  const verbs = new Map<string, VerbHit[]>();
  const context = new Map<string, string[]>();
  const civilian = new Map<string, string[]>();
  for (const t of tax.topics) {
    for (const s of t.standalone) for (const w of s.words) push(nouns, w, { topic: t.id, item: s.item, standalone: true });
    for (const it of t.items) for (const w of it.synonyms) push(nouns, w, { topic: t.id, item: it.id, standalone: false });
    for (const w of t.nouns) push(nouns, w, { topic: t.id, item: null, standalone: false });
    for (const v of t.verbs) for (const w of v.words) push(verbs, w, { topic: t.id, subject: v.subject, object: v.object ?? otherRole(v.subject), item: v.item });
    for (const w of t.contextWords) push(context, w, t.id);
    for (const w of t.civilianNouns) push(civilian, w, t.id);
  }
  const entities = new PhraseIndex<EntityHit>();
  for (const e of tax.entities) {
    for (const a of e.aliases) entities.add(a, { id: e.id, demonym: false }, true);
    for (const d of e.demonyms) entities.add(d, { id: e.id, demonym: true }, true);
  }
  const places = new PhraseIndex<EntityHit>();
  for (const p of tax.places) for (const a of p.aliases) places.add(a, { id: p.id, demonym: false }, true);
  const anchors = new PhraseIndex<string>();
  for (const a of tax.dateAnchors) for (const p of a.phrases) anchors.add(p, a.date);
  const offTopic = new PhraseIndex<true>();
  for (const w of tax.offTopic) offTopic.add(w, true, true);
  const warContext = new PhraseIndex<true>();
  for (const w of tax.warContext) warContext.add(w, true);
  return {
    topics: new Map(tax.topics.map((t) => [t.id, t])),
    topicOrder: tax.topics.map((t) => t.id),
    nouns: multi(nouns),
    verbs: multi(verbs),
    entities,
    places,
    placeCountry: new Map(tax.places.map((p) => [p.id, p.country])),
    context: multi(context),
    civilian: multi(civilian),
    anchors,
    offTopic,
    warContext,
  };
}
