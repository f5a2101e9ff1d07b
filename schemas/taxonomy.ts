import { z } from 'zod';

const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug like "kursk-oblast"');
const Phrase = z.string().trim().min(1);
const Phrases = z.array(Phrase);

/** Which claim role a grammatical position fills for one topic ("Russia received …" → the subject is the counterpart). */
export const RoleSchema = z.enum(['actor', 'counterpart', 'none']);
export type Role = z.infer<typeof RoleSchema>;

/** A set of predicates that make a counted noun a claim of the topic, and the role their subject plays. */
export const VerbGroupSchema = z.object({
  words: Phrases.min(1),
  subject: RoleSchema.default('actor'),
  /** Role of an entity right after the verb ("supplied Moscow with …"); defaults to the other role. */
  object: RoleSchema.optional(),
  /** Item implied by the verb itself ("killed" → `killed`), for topics whose items are outcomes. */
  item: Slug.nullable().default(null),
  /** False when a bare figure ("20 were lost") is too vague to take this verb's topic: it needs a counted noun. */
  bare: z.boolean().default(true),
  /** Words one of which the sentence must hold for this verb to count ("returned home" needs "captivity", "swap" …). */
  needs: Phrases.default([]),
  /** True when the verb governs only a figure right after it ("Russia has 50,000 troops"): "has" anywhere else is no verb. */
  adjacent: z.boolean().default(false),
});

/** A canonical item and the words that name it ("rounds" → `artillery-shells`). */
export const ItemSchema = z.object({ id: Slug, synonyms: Phrases.min(1) });

/** One metric of the taxonomy (claims.md §1): what is counted, in what unit, and the words that signal it. */
export const TopicSchema = z.object({
  id: Slug,
  description: z.string().default(''),
  /** `count`, `km2`, or `currency` (the figure's own ISO code becomes the claim unit). */
  unit: z.string().min(1),
  /** Head nouns counted by this topic when one of its verbs governs them ("70 villages … captured"). */
  nouns: Phrases.default([]),
  /** Nouns that are a claim of this topic without any verb ("3.7 million refugees"), with the item they imply. */
  standalone: z
    .array(
      z.object({
        words: Phrases.min(1),
        item: Slug.nullable().default(null),
        /** A standing status ("prisoners of war"): a claim alone, but a verb's outcome wins ("exchanged 95 POWs"). */
        status: z.boolean().default(false),
      }),
    )
    .default([]),
  verbs: z.array(VerbGroupSchema).default([]),
  items: z.array(ItemSchema).default([]),
  /** When true, a figure whose noun names none of the items is not a claim (bridges are not equipment). */
  requireItem: z.boolean().default(false),
  /** Counted noun followed by "in/at <known place>" is a claim without a verb ("10,000 troops in Kursk"). */
  presenceInPlace: z.boolean().default(false),
  /** Role of the entity after a preposition ("from North Korea" → actor for arms-transferred). */
  prepositions: z.record(z.string(), RoleSchema).default({}),
  /** Prepositions whose place is where it came from, not where it happened ("drones launched from Kursk" at Sumy). */
  originPrepositions: Phrases.default([]),
  /** Phrases whose entity holds what is counted ("under the control of Ukrainian forces" → actor); "under X control" too. */
  heldBy: Phrases.default([]),
  /** Role of a demonym or entity inside the counted noun phrase ("50 Ukrainian prisoners"). */
  nounPhraseRole: RoleSchema.default('actor'),
  /** Actor when the counted people are described with one of these nouns ("civilians", "residents"). */
  civilianNouns: Phrases.default([]),
  /** Words that must occur in the clause for currency figures to count ("aid", "weapons"). */
  contextWords: Phrases.default([]),
  /** Words that make this topic win when a verb serves several ("air defences destroyed 60 drones" → interceptions). */
  cues: Phrases.default([]),
  /** Words that, near a currency figure, make it something else (a loan, a price): never this topic. */
  contextExclude: Phrases.default([]),
  /** A figure with no noun after it can be this topic's when its verb says so ("five were injured"). */
  bareFigures: z.boolean().default(false),
  /** Actor taken from the country of the place named in the sentence when nothing else says it. */
  actorFromPlace: z.boolean().default(false),
  /**
   * Prepositions whose state is where the counted people now are ("refugees in Poland", "moved to Russia"), and
   * verbs whose subject hosts them ("Germany is hosting …"): that state is the claim's place, or its actor for
   * the `hostIsActor` items (people displaced inside their own state).
   */
  /** Words anywhere in the sentence that turn one item into another ("in the latest swap, 90 soldiers returned" → exchanged). */
  itemCues: z.array(z.object({ item: Slug, words: Phrases.min(1), over: z.array(Slug).min(1) })).default([]),
  hostPrepositions: Phrases.default([]),
  hostVerbs: Phrases.default([]),
  hostIsActor: z.array(Slug).default([]),
  /** The role of the party that reports such figures when only the speaker or the story names it (attacks: the target). */
  reporterRole: RoleSchema.optional(),
  /** Actor when nothing in the text names one: the taxonomy's `homeSide` (refugees of the war are its people). */
  homeActor: z.boolean().default(false),
  /** Counterpart taken from the country of the place when it differs from the actor (captures in Kursk → russia). */
  counterpartFromPlace: z.boolean().default(false),
  /**
   * How the two sides of the war fill this topic's roles when the text states one of them (claims.md §1):
   * `opposed` — actor and counterpart are the two warring parties (territory, losses, attacks …), so one
   * implies the other; `allied` — the counterpart is the party the actor backs (arms, aid). Null: no rule.
   */
  sides: z.enum(['opposed', 'allied']).nullable().default(null),
  /** True where an announcement is the fact (aid packages): "will send", "decided to give" are not plans. */
  announcementsCount: z.boolean().default(false),
  /** False for figures that have no place (money, arms shipments): no place is ever set. */
  placed: z.boolean().default(true),
  /** When the figure's sentence names no place, the place named last before it (or in the title) is its place. */
  placeFromContext: z.boolean().default(false),
  /** For `opposed` topics: which role the country of the figure's place fills (attacks: the target). */
  placeSide: RoleSchema.default('none'),
  actorRole: z.string().default(''),
  counterpartRole: z.string().default(''),
});
export type Topic = z.infer<typeof TopicSchema>;

/** An entity slug and the names that resolve to it; demonyms are adjectives ("Ukrainian forces", "North Korean troops"). */
export const EntitySchema = z.object({ id: Slug, aliases: Phrases.default([]), demonyms: Phrases.default([]) });
export type Entity = z.infer<typeof EntitySchema>;

/** A place slug, its names, and the entity it belongs to (used for displaced people and counterparts). */
export const PlaceSchema = z.object({
  id: Slug,
  aliases: Phrases.min(1),
  country: Slug.nullable().default(null),
  /** The region (oblast) the place lies in, for roll-ups on the read side. */
  region: Slug.nullable().optional(),
  /** What kind of place: a claim takes the most specific one its sentence names. */
  kind: z.enum(['country', 'macro-region', 'region', 'city', 'town', 'village']).optional(),
});
export type Place = z.infer<typeof PlaceSchema>;

/** One side of the war: its party (an entity slug) and the states that back it. */
export const SideSchema = z.object({ party: Slug, allies: z.array(Slug).default([]) });
export type Side = z.infer<typeof SideSchema>;

/** A named moment that periods can start from ("since the war began" → 2022-02-24). */
export const DateAnchorSchema = z.object({ phrases: Phrases.min(1), date: z.iso.date() });

/**
 * An operation whose start makes a figure "since" then a standing (cumulative) one: "more than 70 settlements since
 * the incursion began" is the total so far, not a count over a recent span. `series` narrows it to the series whose
 * key has these values (the Kursk incursion: `place: kursk-oblast`); without it the operation applies to every series.
 */
export const TallyOperationSchema = z.object({
  name: z.string().min(1),
  start: z.iso.date(),
  series: z.object({ topic: Slug, actor: Slug, counterpart: Slug, item: Slug, place: Slug }).partial().default({}),
});
export type TallyOperation = z.infer<typeof TallyOperationSchema>;

/**
 * How series are tallied (the `tally` block, kept apart from the extraction data above). `windowDays` per topic: how
 * close two standing figures' asOf must be for them to be compared (disputes), and the span over which the
 * conservative and highest figures are picked; topics not listed use `defaultWindowDays`.
 */
export const TallyRulesSchema = z.object({
  defaultWindowDays: z.number().int().positive().default(30),
  windowDays: z.record(Slug, z.number().int().positive()).default({}),
  operations: z.array(TallyOperationSchema).default([]),
});
export type TallyRules = z.infer<typeof TallyRulesSchema>;

/** The whole taxonomy file. Loaded by domain/extract/taxonomy/load.ts; users pass their own with --taxonomy. */
export const TaxonomySchema = z
  .object({
    version: z.string().min(1),
    topics: z.array(TopicSchema).min(1),
    entities: z.array(EntitySchema).default([]),
    places: z.array(PlaceSchema).default([]),
    /**
     * Also match the places of claimwatch's GeoNames gazetteer (`domain/places`: oblasts, cities, towns and villages
     * of Ukraine, Russia, Belarus, Moldova, and macro-regions; not countries). Places listed above win their names.
     */
    gazetteer: z.boolean().default(false),
    dateAnchors: z.array(DateAnchorSchema).default([]),
    /**
     * The two sides of the war the taxonomy covers. With them an `opposed` topic fills the other party when
     * the text makes one plain, and an `allied` one fills the recipient from the supplier's side.
     */
    sides: z.array(SideSchema).max(2).default([]),
    /** When the war began: a figure whose sentence is dated in an earlier year is about another conflict. */
    warSince: z.iso.date().nullable().default(null),
    /**
     * The party on whose land the war is fought: civilians belong to it when the figure's place does not say,
     * and aid whose donor is not named goes to it.
     */
    homeSide: Slug.nullable().default(null),
    /** A figure counts only when its paragraph names an entity, a place or one of these words (keeps other news out). */
    warContext: Phrases.default([]),
    /** Sentences naming these are about other conflicts or subjects and yield no claims ("Gaza"). */
    offTopic: Phrases.default([]),
    /** Tally rules (dispute windows per topic, operations); absent = the built-in defaults of domain/tally. */
    tally: TallyRulesSchema.optional(),
  })
  .superRefine((tax, ctx) => {
    const dup = (ids: string[], path: string) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${id}"` });
        seen.add(id);
      });
    };
    dup(
      tax.topics.map((t) => t.id),
      'topics',
    );
    dup(
      tax.entities.map((e) => e.id),
      'entities',
    );
    dup(
      tax.places.map((p) => p.id),
      'places',
    );
    tax.topics.forEach((t, i) => {
      const items = new Set(t.items.map((it) => it.id));
      const check = (item: string | null, path: (string | number)[]) => {
        if (item !== null && !items.has(item))
          ctx.addIssue({
            code: 'custom',
            path: ['topics', i, ...path],
            message: `item "${item}" is not among the topic's items`,
          });
      };
      t.verbs.forEach((v, j) => check(v.item, ['verbs', j, 'item']));
      t.standalone.forEach((s, j) => check(s.item, ['standalone', j, 'item']));
      if (t.nouns.length === 0 && t.standalone.length === 0 && t.items.length === 0 && t.unit === 'count')
        ctx.addIssue({
          code: 'custom',
          path: ['topics', i],
          message: 'a count topic needs nouns, standalone nouns or items',
        });
    });
  });
export type Taxonomy = z.infer<typeof TaxonomySchema>;
