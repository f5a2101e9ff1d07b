import type { Taxonomy, Topic } from '../../../schemas/taxonomy.ts';
import type { Roles } from './roles.ts';

/** The taxonomy's two sides of the war, prepared for role completion; built once per taxonomy. */
export interface WarSides {
  /** Party of an entity: itself for a party, the party it backs for an ally. */
  sideOf: ReadonlyMap<string, string>;
  /** The other party of each party. */
  opponent: ReadonlyMap<string, string>;
  homeSide: string | null;
}

/** Compiles `sides` and `homeSide` of a taxonomy; an empty map when the taxonomy names no war. */
export function compileSides(tax: Taxonomy): WarSides {
  const sideOf = new Map<string, string>();
  const opponent = new Map<string, string>();
  const [a, b] = tax.sides;
  for (const s of tax.sides) {
    sideOf.set(s.party, s.party);
    for (const ally of s.allies) sideOf.set(ally, s.party);
  }
  if (a !== undefined && b !== undefined) {
    opponent.set(a.party, b.party);
    opponent.set(b.party, a.party);
  }
  return { sideOf, opponent, homeSide: tax.homeSide };
}

/** What the figure's surroundings say about the parties: the place's country, if any. */
export interface PartyContext {
  placeCountry: string | null;
  /** True when the figure has a place at all (one with no country too: "eastern Europe"). */
  placed?: boolean;
}

function fill(roles: Roles, role: 'actor' | 'counterpart', id: string | null): void {
  if (id === null) return;
  const other = role === 'actor' ? roles.counterpart : roles.actor;
  if (other === id) return;
  if (role === 'actor') roles.actor ??= id;
  else roles.counterpart ??= id;
}

/**
 * Completes actor and counterpart from the two sides of the war (claims.md §1, issue #14): when the text makes
 * one party plain, an `opposed` topic's other role is the opposing party ("Ukraine captured 93 settlements" →
 * counterpart russia), civilians' losses are caused by the party opposing the land they were on, the place's
 * country fills the topic's `placeSide` (drones launched at Kyiv → target ukraine), and an `allied` topic's
 * recipient is the party its supplier backs (North Korean shells → russia). Never overrides what the text said.
 */
export function completeParties(roles: Roles, topic: Topic, sides: WarSides, ctx: PartyContext): Roles {
  const out: Roles = { ...roles };
  // A party is never its own counterpart ("… destroyed 17 of 20 missiles Russia fired" gave russia:russia): the actor
  // stands, the counterpart is worked out again below.
  if (out.actor !== null && out.actor === out.counterpart) out.counterpart = null;
  const country = ctx.placeCountry;
  // Only a state on one side of the war: Russian troops in Transnistria have no counterpart there.
  if (topic.placeSide !== 'none' && country !== null && sides.sideOf.has(country)) fill(out, topic.placeSide, country);
  if (topic.sides === 'opposed' && sides.opponent.size > 0) {
    if (out.actor === 'civilians') {
      // Civilians killed in Belgorod were on Russia's side of the line; elsewhere on the home side's.
      const land = country !== null ? (sides.sideOf.get(country) ?? null) : sides.homeSide;
      fill(out, 'counterpart', land === null ? null : (sides.opponent.get(land) ?? null));
    } else if (out.actor !== null && out.counterpart === null) {
      // An ally fighting for a party ("North Korean soldiers killed in Kursk") faces that party's opponent.
      const side = sides.sideOf.get(out.actor);
      if (side !== undefined) fill(out, 'counterpart', sides.opponent.get(side) ?? null);
    } else if (out.actor === null && out.counterpart !== null && topic.civilianNouns.length === 0) {
      // Where victims may be civilians, who struck says nothing of whose people died (mixed tolls stay null).
      const side = sides.sideOf.get(out.counterpart);
      if (side === out.counterpart) fill(out, 'actor', sides.opponent.get(side) ?? null);
    }
  }
  // "North Korea has sent 10,000 troops": an ally's troops go to the party it backs, when the figure has no place
  // (British troops sent to eastern Europe are not sent to Ukraine).
  if (
    topic.sides === null &&
    topic.placeSide === 'counterpart' &&
    ctx.placed !== true &&
    out.actor !== null &&
    out.counterpart === null
  ) {
    const side = sides.sideOf.get(out.actor);
    if (side !== undefined && side !== out.actor) fill(out, 'counterpart', side);
  }
  if (topic.sides === 'allied' && out.counterpart === null) {
    const side = out.actor === null ? sides.homeSide : (sides.sideOf.get(out.actor) ?? null);
    if (side !== out.actor) fill(out, 'counterpart', side);
  }
  return out;
}
