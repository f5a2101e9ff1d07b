/** What a gazetteer place is; settlements by size (city ≥ 50,000 people or a regional seat, town ≥ 5,000). */
export type PlaceKind = 'country' | 'macro-region' | 'region' | 'city' | 'town' | 'village';

/** A place of the gazetteer, in the shape of the taxonomy's Place plus its region and kind. */
export interface GazetteerPlace {
  id: string;
  /** Proper names as written (match them case-sensitively); each name belongs to one place only. */
  aliases: string[];
  /** Entity slug of the country (`ukraine`, `russia` …); for a macro-region the country it lies in, or null. */
  country: string | null;
  /** The first-level region (`donetsk-oblast`, `kursk-oblast`, `crimea`) a settlement lies in; null otherwise. */
  region: string | null;
  kind: PlaceKind;
}
