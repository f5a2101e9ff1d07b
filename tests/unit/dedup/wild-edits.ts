// The edits a wire copy picks up in the wild (issue 16), as the wild-copy audit applies them: our own edit functions
// and wordings (not the eval generator's), deterministic: a variant number picks each edit's wording and place.
// Used by wild-copies.unit.test.ts.
import type { Article } from '../../../schemas/article.ts';

/** The body edits, one kind each. */
export const BODY_EDITS = [
  'quotes',
  'editor-lead',
  'footer',
  'cut-half',
  'trimmed',
  'double-spaces',
  'synonyms',
  'also-read',
  'dateline',
  'swap',
  'headline',
] as const;
export type BodyEdit = (typeof BODY_EDITS)[number];

// Our own wordings of what copy desks add; several on purpose differ from the examples in normalise-rules.ts.
export const EDITOR_LEADS = [
  'This story was first published by Harbour Wire, a partner outlet, and is reproduced here with permission.',
  "Editor's note: This report originally appeared on a partner site and is republished as part of a news-sharing agreement.",
  'This article was originally published by our partners at the Continental Press Service.',
  'This story has been republished from a partner newsroom without changes to its text.',
  'Editor\u2019s note: The following dispatch was filed by a partner agency and is shared under licence.',
];
export const FOOTERS: ReadonlyArray<readonly string[]> = [
  ['\u00a9 2025 Harbour Wire. All rights reserved.'],
  ['Copyright 2025 Continental Press Service. Reproduction without written permission is prohibited.'],
  ['(c) 2025 Harbour Wire Ltd', 'Follow us on Telegram and X for updates from the front.'],
  ['\u00a9 Continental Press Service 2025 - all rights reserved.'],
];
export const ALSO_READ = [
  'Also Read | Kyiv metro stations open as night shelters again',
  'ALSO READ: Moldova tightens checks on its border crossings',
  'Also Read | Poland extends ban on Ukrainian grain imports',
  'Read also - Baltic states plan joint air defence network',
];
const DATELINES = [
  'KYIV - ',
  'KYIV (Harbour Wire) - ',
  'ODESA, Ukraine (Continental Press) \u2014 ',
  'Kyiv, Nov 4 (Harbour Wire) - ',
  'BRUSSELS: ',
];
const HEADLINES = [
  'What we know about the overnight strikes',
  'Ukraine latest: officials count the cost',
  'War in Ukraine: key developments on the day',
];

/**
 * Swaps a copy desk makes: house style throughout (a verb of saying, spelling; normalisation folds these), and a few
 * plain synonyms, each once in the copy (normalisation does not fold these).
 */
const SYNONYMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bsaid\b/g, 'stated'],
  [/\bdefence\b/g, 'defense'],
  [/\barmoured\b/g, 'armored'],
  [/\btowards\b/g, 'toward'],
  [/\bmore than\b/, 'over'],
  [/\babout\b/, 'around'],
  [/\battack\b/, 'assault'],
];

/** Curly quotes to straight ones. */
export const straighten = (t: string): string => t.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
// The other way: guillemets and low-nine quotes, spaced dashes as em dashes.
const restyle = (t: string): string =>
  straighten(t)
    .replace(/"([^"]*)"/g, '\u00ab$1\u00bb')
    .replace(/'/g, '\u2019')
    .replace(/ - /g, ' \u2014 ');

/** The body edits in the order a copy desk applies them: cuts first, then wording, then what it adds, then typography. */
const ORDER: readonly BodyEdit[] = [
  'cut-half',
  'trimmed',
  'swap',
  'synonyms',
  'also-read',
  'dateline',
  'editor-lead',
  'headline',
  'footer',
  'quotes',
  'double-spaces',
];

const nth = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;

/** A copy's body: `edits` applied in ORDER to `original`'s paragraphs; `v` picks each edit's wording and place. */
export function editBody(original: string, edits: readonly BodyEdit[], v: number): string {
  let paras = original.split('\n\n');
  for (const kind of ORDER.filter((k) => edits.includes(k))) {
    switch (kind) {
      case 'cut-half':
        paras = paras.slice(0, Math.ceil(paras.length / 2));
        break;
      case 'trimmed':
        paras = paras.slice(0, paras.length - (1 + (v % 3)));
        break;
      case 'swap': {
        const i = 1 + (v % Math.max(1, paras.length - 2));
        [paras[i], paras[i + 1]] = [paras[i + 1] as string, paras[i] as string];
        break;
      }
      case 'synonyms':
        paras = SYNONYMS.reduce((t, [re, to]) => t.replace(re, to), paras.join('\n\n')).split('\n\n');
        break;
      case 'also-read':
        paras.splice(Math.floor(paras.length / 2), 0, nth(ALSO_READ, v));
        break;
      case 'dateline':
        paras[0] = `${nth(DATELINES, v)}${paras[0] ?? ''}`;
        break;
      case 'editor-lead':
        // As a paragraph of its own, or run into the first paragraph.
        if (v % 2 === 0) paras.unshift(nth(EDITOR_LEADS, v));
        else paras[0] = `${nth(EDITOR_LEADS, v)} ${paras[0] ?? ''}`;
        break;
      case 'headline':
        // The new headline is in the title; some sites also set it as the body's first line.
        if (v % 2 === 1) paras.unshift(nth(HEADLINES, v));
        break;
      case 'footer':
        paras.push(...nth(FOOTERS, v));
        break;
      case 'quotes':
        paras = paras.map(v % 2 === 0 ? straighten : restyle);
        break;
      case 'double-spaces':
        paras = paras.map((p) => p.replace(/([.,]) /g, '$1  ').replace(/ (the|and) /g, '  $1  '));
        if (v % 2 === 1) paras = paras.map((p) => ` ${p}  `);
        break;
    }
  }
  return paras.join(v % 3 === 2 ? '\n\n\n' : '\n\n');
}

/** A copy of `original` at another outlet, published two hours later. */
export function copyOf(original: Article, edits: readonly BodyEdit[], v: number): Article {
  return {
    id: `${original.id}~${edits.join('+')}~${v}`,
    source: 'otheroutlet',
    url: `https://otheroutlet.example/world/${original.id}-${edits.join('-')}-${v}`,
    published_at: new Date(Date.parse(original.published_at) + 2 * 3_600_000).toISOString(),
    title: edits.includes('headline') ? nth(HEADLINES, v) : original.title,
    text: editBody(original.text, edits, v),
  };
}

/** Every combination of `k` edits, never both cuts (a half cut trimmed again is no longer the story). */
export function combinations(k: number): BodyEdit[][] {
  const out: BodyEdit[][] = [];
  const walk = (from: number, acc: BodyEdit[]): void => {
    if (acc.length === k) {
      if (!(acc.includes('cut-half') && acc.includes('trimmed'))) out.push(acc);
      return;
    }
    for (let i = from; i < BODY_EDITS.length; i++) walk(i + 1, [...acc, BODY_EDITS[i] as BodyEdit]);
  };
  walk(0, []);
  return out;
}

/** Where a re-delivery of the page at `url` may turn up: host, AMP, tracking, slash, fragment and scheme variants. */
export const urlVariants = (url: string): string[] => {
  const u = new URL(url);
  const bare = u.hostname.replace(/^www\./, '');
  const path = u.pathname;
  return [
    `https://${u.hostname === bare ? `www.${bare}` : bare}${path}`,
    `https://m.${bare}${path}`,
    `https://${u.hostname}${path}/amp`,
    `https://amp.${bare}${path}`,
    `https://${bare.replace(/\./g, '-')}.cdn.ampproject.org/c/s/${u.hostname}${path}`,
    `${url}?utm_source=telegram&utm_medium=social&utm_campaign=morning-brief`,
    `${url}/`,
    `${url}#comments`,
    `http://${u.hostname.toUpperCase()}${path}`,
    `https://m.${bare}${path}/?utm_source=newsletter#top`,
    `https://${bare}${path}/amp/?fbclid=IwAR0abc&utm_medium=email`,
  ];
};
