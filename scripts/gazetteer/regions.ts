/**
 * How GeoNames' first-level divisions (admin1) become the gazetteer's regions. The dataset's admin1 names are
 * uneven ("Donetsk", "Kursk Oblast", "Rostov", "Stavropol Kray", "Tatarstan Republic"); the table below gives the
 * English name and kind of division for the irregular ones, the rest follow from the name's suffix.
 */

/** A first-level division as the gazetteer names it. */
export interface RegionName {
  /** `donetsk-oblast`, `krasnodar-krai`, `tatarstan`, `crimea`, `transnistria`. */
  id: string;
  /** The stem used with "Oblast"/"region" ("Donetsk"); for republics the republic's name. */
  stem: string;
  division: 'oblast' | 'krai' | 'republic' | 'okrug' | 'region' | 'special';
  /** Names written out in full, besides the generated "<stem> Oblast", "<stem> region" … */
  extraAliases: string[];
}

/** Divisions that are cities: their places get no region (Kyiv, Moscow, St Petersburg, Minsk, Chișinău). */
export const CITY_DIVISIONS = new Set(['UA.12', 'RU.48', 'RU.66', 'BY.04', 'MD.57']);

/** Russian regions on or near the front whose every settlement (≥ 500 people) is kept; elsewhere only cities. */
export const WAR_REGIONS = new Set(['RU.41', 'RU.09', 'RU.10', 'RU.61', 'RU.86', 'RU.38']);

const SPECIAL: Record<string, Omit<RegionName, 'id'> & { id: string }> = {
  'UA.11': {
    id: 'crimea',
    stem: 'Crimea',
    division: 'special',
    extraAliases: [
      'Crimea',
      'Crimean peninsula',
      'Crimean Peninsula',
      'Autonomous Republic of Crimea',
      'Republic of Crimea',
    ],
  },
  // Sevastopol is reported as part of Crimea; its places roll up there.
  'UA.20': { id: 'crimea', stem: 'Crimea', division: 'special', extraAliases: [] },
  'UA.02': { id: 'chernihiv-oblast', stem: 'Chernihiv', division: 'oblast', extraAliases: [] },
  'UA.13': { id: 'kyiv-oblast', stem: 'Kyiv', division: 'oblast', extraAliases: [] },
  'UA.19': { id: 'rivne-oblast', stem: 'Rivne', division: 'oblast', extraAliases: [] },
  'UA.27': { id: 'zhytomyr-oblast', stem: 'Zhytomyr', division: 'oblast', extraAliases: [] },
  'MD.58': {
    id: 'transnistria',
    stem: 'Transnistria',
    division: 'special',
    extraAliases: [
      'Transnistria',
      'Transdniestria',
      'Transdniester',
      'Trans-Dniester',
      'Pridnestrovie',
      'Transnistrian region',
    ],
  },
  'MD.51': { id: 'gagauzia', stem: 'Gagauzia', division: 'special', extraAliases: ['Gagauzia'] },
  'MD.62': { id: 'transnistria', stem: 'Transnistria', division: 'special', extraAliases: [] },
  'BY.03': {
    id: 'grodno-region',
    stem: 'Grodno',
    division: 'region',
    extraAliases: ['Hrodna region', 'Hrodna Region'],
  },
  'BY.02': { id: 'gomel-region', stem: 'Gomel', division: 'region', extraAliases: ['Homyel region', 'Homel region'] },
  'BY.06': {
    id: 'mogilev-region',
    stem: 'Mogilev',
    division: 'region',
    extraAliases: ['Mahilyow region', 'Mahilyou region'],
  },
  'BY.07': { id: 'vitebsk-region', stem: 'Vitebsk', division: 'region', extraAliases: ['Viciebsk region'] },
  'BY.01': { id: 'brest-region', stem: 'Brest', division: 'region', extraAliases: [] },
  'BY.05': { id: 'minsk-region', stem: 'Minsk', division: 'region', extraAliases: [] },
  'RU.81': { id: 'ulyanovsk-oblast', stem: 'Ulyanovsk', division: 'oblast', extraAliases: [] },
  'RU.61': { id: 'rostov-oblast', stem: 'Rostov', division: 'oblast', extraAliases: [] },
  'RU.56': { id: 'oryol-oblast', stem: 'Oryol', division: 'oblast', extraAliases: ['Orel region', 'Orel Oblast'] },
  'RU.49': { id: 'murmansk-oblast', stem: 'Murmansk', division: 'oblast', extraAliases: [] },
  'RU.42': { id: 'leningrad-oblast', stem: 'Leningrad', division: 'oblast', extraAliases: [] },
  'RU.06': { id: 'arkhangelsk-oblast', stem: 'Arkhangelsk', division: 'oblast', extraAliases: [] },
  'RU.13': { id: 'chelyabinsk-oblast', stem: 'Chelyabinsk', division: 'oblast', extraAliases: [] },
  'RU.29': { id: 'kemerovo-oblast', stem: 'Kemerovo', division: 'oblast', extraAliases: ['Kuzbass'] },
  'RU.70': { id: 'stavropol-krai', stem: 'Stavropol', division: 'krai', extraAliases: [] },
  'RU.93': { id: 'zabaykalsky-krai', stem: 'Zabaykalsky', division: 'krai', extraAliases: ['Transbaikal region'] },
  'RU.59': { id: 'primorsky-krai', stem: 'Primorsky', division: 'krai', extraAliases: ['Primorye'] },
  'RU.30': { id: 'khabarovsk-krai', stem: 'Khabarovsk', division: 'krai', extraAliases: [] },
  'RU.92': { id: 'kamchatka-krai', stem: 'Kamchatka', division: 'krai', extraAliases: [] },
  'RU.03': { id: 'altai-republic', stem: 'Altai Republic', division: 'republic', extraAliases: ['Altai Republic'] },
  'RU.68': {
    id: 'north-ossetia',
    stem: 'North Ossetia',
    division: 'republic',
    extraAliases: ['North Ossetia', 'North Ossetia-Alania', 'North Ossetia–Alania'],
  },
  'RU.80': { id: 'udmurtia', stem: 'Udmurtia', division: 'republic', extraAliases: ['Udmurtia'] },
  'RU.73': { id: 'tatarstan', stem: 'Tatarstan', division: 'republic', extraAliases: ['Tatarstan'] },
  'RU.46': { id: 'mordovia', stem: 'Mordovia', division: 'republic', extraAliases: ['Mordovia'] },
  'RU.45': { id: 'mari-el', stem: 'Mari El', division: 'republic', extraAliases: ['Mari El'] },
  'RU.27': {
    id: 'karachay-cherkessia',
    stem: 'Karachay-Cherkessia',
    division: 'republic',
    extraAliases: ['Karachay-Cherkessia'],
  },
  'RU.24': { id: 'kalmykia', stem: 'Kalmykia', division: 'republic', extraAliases: ['Kalmykia'] },
  'RU.22': {
    id: 'kabardino-balkaria',
    stem: 'Kabardino-Balkaria',
    division: 'republic',
    extraAliases: ['Kabardino-Balkaria'],
  },
  'RU.19': { id: 'ingushetia', stem: 'Ingushetia', division: 'republic', extraAliases: ['Ingushetia'] },
  'RU.17': { id: 'dagestan', stem: 'Dagestan', division: 'republic', extraAliases: ['Dagestan'] },
  'RU.16': {
    id: 'chuvashia',
    stem: 'Chuvashia',
    division: 'republic',
    extraAliases: ['Chuvashia', 'Chuvash Republic'],
  },
  'RU.12': { id: 'chechnya', stem: 'Chechnya', division: 'republic', extraAliases: ['Chechnya', 'Chechen Republic'] },
  'RU.08': {
    id: 'bashkortostan',
    stem: 'Bashkortostan',
    division: 'republic',
    extraAliases: ['Bashkortostan', 'Bashkiria'],
  },
  'RU.01': { id: 'adygea', stem: 'Adygea', division: 'republic', extraAliases: ['Adygea'] },
  'RU.79': { id: 'tuva', stem: 'Tuva', division: 'republic', extraAliases: ['Tuva'] },
  'RU.31': { id: 'khakassia', stem: 'Khakassia', division: 'republic', extraAliases: ['Khakassia'] },
  'RU.11': { id: 'buryatia', stem: 'Buryatia', division: 'republic', extraAliases: ['Buryatia'] },
  'RU.63': { id: 'yakutia', stem: 'Yakutia', division: 'republic', extraAliases: ['Yakutia', 'Sakha Republic'] },
  'RU.34': { id: 'komi', stem: 'Komi', division: 'republic', extraAliases: ['Komi Republic'] },
  'RU.28': { id: 'karelia', stem: 'Karelia', division: 'republic', extraAliases: ['Karelia', 'Republic of Karelia'] },
  'RU.50': { id: 'nenets-okrug', stem: 'Nenets', division: 'okrug', extraAliases: ['Nenets Autonomous Okrug'] },
  'RU.87': {
    id: 'yamalo-nenets-okrug',
    stem: 'Yamalo-Nenets',
    division: 'okrug',
    extraAliases: ['Yamalo-Nenets Autonomous Okrug', 'Yamal'],
  },
  'RU.32': {
    id: 'khanty-mansi-okrug',
    stem: 'Khanty-Mansi',
    division: 'okrug',
    extraAliases: ['Khanty-Mansi Autonomous Okrug'],
  },
  'RU.15': { id: 'chukotka', stem: 'Chukotka', division: 'okrug', extraAliases: ['Chukotka'] },
  'RU.89': {
    id: 'jewish-autonomous-oblast',
    stem: 'Jewish Autonomous',
    division: 'special',
    extraAliases: ['Jewish Autonomous Oblast'],
  },
};

/**
 * The region of an admin1 code, or null for divisions that are cities (CITY_DIVISIONS) and for Moldova's
 * districts other than Transnistria and Gagauzia (reporting names the towns, not the raions).
 */
export function regionName(code: string, datasetName: string): RegionName | null {
  if (CITY_DIVISIONS.has(code)) return null;
  const special = SPECIAL[code];
  if (special) return { ...special };
  if (code.startsWith('MD.')) return null;
  const m = /^(.*?)\s+(Oblast|oblast|Krai|Kray)$/.exec(datasetName);
  const stem = (m?.[1] ?? datasetName).trim();
  const division = m?.[2]?.toLowerCase().startsWith('kra') ? 'krai' : 'oblast';
  const slug = stem
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return { id: `${slug}-${division}`, stem, division, extraAliases: [] };
}

/** The names a region is written with: "Donetsk Oblast", "Donetsk oblast", "Donetsk region", "Donetsk Region" … */
export function regionAliases(region: RegionName, stems: readonly string[]): string[] {
  const out = new Set<string>(region.extraAliases);
  for (const stem of stems) {
    if (region.division === 'oblast' || region.division === 'region') {
      for (const suffix of ['Oblast', 'oblast', 'region', 'Region', 'province']) out.add(`${stem} ${suffix}`);
    } else if (region.division === 'krai') {
      for (const suffix of ['Krai', 'krai', 'Kray', 'Territory', 'region', 'Region']) out.add(`${stem} ${suffix}`);
    } else if (region.division === 'republic') {
      out.add(`Republic of ${stem}`);
    } else if (region.division === 'special' || region.division === 'okrug') {
      if (region.id === 'crimea' || region.id === 'transnistria') out.add(stem);
    }
  }
  return [...out];
}
