// The edits a wire copy picks up on its way to another outlet, as the eval stream applies them. Every
// sentence here is our own; the edit kinds follow issue 16 (curly/straight quotes, an editor's lead, a
// copyright footer, a cut to the first half or by a few paragraphs, doubled spaces, synonym swaps, an
// "Also Read | …" line, a dateline, two paragraphs swapped, a byline).

/** Seeded random source in [0, 1). */
export type Rng = () => number;

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

const DATELINES = [
  'KYIV (Reuters) - ',
  'KYIV, Ukraine (AP) — ',
  'LONDON: ',
  'MOSCOW (AFP) - ',
  'Kyiv, March 3 (Reuters) - ',
  'WASHINGTON — ',
  'BRUSSELS (dpa) – ',
  'KYIV - ',
  'KHARKIV – ',
];
const ALSO_READ = [
  'Also Read | ',
  'ALSO READ | ',
  'READ MORE: ',
  'Read more: ',
  'See also: ',
  'Also read: ',
  'Related: ',
  'Watch | ',
];
const FOOTERS = [
  '© {year} {outlet}. All rights reserved.',
  '(c) {year} {outlet} Ltd. All rights reserved.',
  'Copyright {year} {outlet}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  'Follow us on Twitter, Facebook and Telegram for the latest updates.',
  'Follow {outlet} on Google News',
  'Share this article',
  'This article was originally published by {outlet}.',
  'Join our WhatsApp channel for breaking news alerts.',
  '(Reporting by Staff Writers; Editing by the News Desk)',
];
const EDITOR_LEADS = [
  'This story was first published by a partner outlet and is republished here under a content-sharing agreement.',
  "Editor's note: This article was first published by {partner} and appears here with permission.",
  "Editor's note: This report has been updated with comment from officials.",
  'This story was first published by {partner}.',
  'This article is republished from {partner} under a syndication licence.',
];
const PARTNERS = ['The Frontline Wire', 'Eastern Desk', 'the Associated Newsroom', 'Capital Report'];
const BYLINES = [
  'By Maria Kovalenko',
  'By JOHN HARLOW and ANNA REED',
  'By Staff Reporter',
  'By Olena Marchuk, Kyiv correspondent',
  'By Tom Eriksen | Wire',
];

/** Word swaps a copy desk makes: a verb of saying, and British to American spelling. */
const SYNONYMS: ReadonlyArray<[RegExp, string]> = [
  [/\bsaid\b/g, 'stated'],
  [/\bsays\b/g, 'states'],
  [/\bdefence\b/g, 'defense'],
  [/\bDefence\b/g, 'Defense'],
  [/\boffence\b/g, 'offense'],
  [/\barmoured\b/g, 'armored'],
  [/\bcentre\b/g, 'center'],
  [/\borganisation(s?)\b/g, 'organization$1'],
  [/\bneighbouring\b/g, 'neighboring'],
  [/\blabour\b/g, 'labor'],
  [/\bmobilisation\b/g, 'mobilization'],
  [/\brecognised\b/g, 'recognized'],
];

/** The body edit kinds a copy can get; a copy gets 2–5 of them. */
export const EDIT_KINDS = [
  'quotes',
  'editor-lead',
  'footer',
  'cut-half',
  'trimmed',
  'paragraph-removed',
  'whitespace',
  'synonyms',
  'also-read',
  'dateline',
  'swap',
  'byline',
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

// Order of application: cuts first (they act on the source's paragraphs), then word edits, then
// what the copy desk adds, then typography.
const ORDER: readonly EditKind[] = [
  'cut-half',
  'trimmed',
  'paragraph-removed',
  'swap',
  'synonyms',
  'also-read',
  'dateline',
  'byline',
  'editor-lead',
  'footer',
  'quotes',
  'whitespace',
];

/** Context of one copy: its outlet and year (for footers), and headlines of other articles (for "Also Read" lines). */
export interface EditContext {
  outlet: string;
  year: number;
  otherTitle: () => string;
}

/** Chooses 2–5 distinct edit kinds (never both cuts). */
export function chooseEdits(rng: Rng, min = 2, max = 5): EditKind[] {
  const want = int(rng, min, max);
  const pool = [...EDIT_KINDS];
  const out: EditKind[] = [];
  while (out.length < want && pool.length > 0) {
    const k = pool.splice(Math.floor(rng() * pool.length), 1)[0] as EditKind;
    if ((k === 'cut-half' && out.includes('trimmed')) || (k === 'trimmed' && out.includes('cut-half'))) continue;
    out.push(k);
  }
  return ORDER.filter((k) => out.includes(k));
}

/** Applies the edits in order to a body's paragraphs; returns the edits that could be applied (a swap needs two paragraphs). */
export function applyEdits(
  paras0: readonly string[],
  edits: readonly EditKind[],
  ctx: EditContext,
  rng: Rng,
): { text: string; applied: EditKind[] } {
  let paras = [...paras0];
  const applied: EditKind[] = [];
  let whitespace = false;
  for (const kind of edits) {
    switch (kind) {
      case 'cut-half': {
        const cut = trimEnd(paras, 0.45 + rng() * 0.1);
        if (cut.length === 0) continue;
        paras = cut;
        break;
      }
      case 'trimmed': {
        // A few paragraphs off the end, or a sentence-level cut of a one-paragraph body.
        if (paras.length >= 5)
          paras = paras.slice(0, paras.length - int(rng, 1, Math.min(3, Math.floor(paras.length / 3))));
        else {
          const cut = trimEnd(paras, 0.6 + rng() * 0.3);
          if (cut.length === 0) continue;
          paras = cut;
        }
        break;
      }
      case 'paragraph-removed': {
        // A middle paragraph of at most a fifth of the body: editors cut a paragraph, not the story.
        const total = paras.reduce((n, p) => n + p.length, 0);
        const removable = paras
          .map((_, i) => i)
          .filter((i) => i > 0 && i < paras.length - 1 && (paras[i] ?? '').length <= total / 5);
        if (removable.length === 0) continue;
        paras.splice(pick(rng, removable), 1);
        break;
      }
      case 'swap': {
        if (paras.length < 3) continue;
        const i = int(rng, 1, paras.length - 2);
        [paras[i], paras[i + 1]] = [paras[i + 1] as string, paras[i] as string];
        break;
      }
      case 'synonyms': {
        const before = paras.join('\n\n');
        paras = paras.map((p) =>
          SYNONYMS.reduce(
            (t, [re, to]) =>
              t.replace(re, (m: string, plural?: string) => (rng() < 0.75 ? to.replace('$1', plural ?? '') : m)),
            p,
          ),
        );
        if (paras.join('\n\n') === before) continue;
        break;
      }
      case 'also-read': {
        const at = int(rng, 1, Math.max(1, paras.length - 1));
        paras.splice(at, 0, `${pick(rng, ALSO_READ)}${ctx.otherTitle()}`);
        break;
      }
      case 'dateline':
        paras[0] = `${pick(rng, DATELINES)}${paras[0] ?? ''}`;
        break;
      case 'byline':
        paras.unshift(pick(rng, BYLINES));
        break;
      case 'editor-lead': {
        const lead = pick(rng, EDITOR_LEADS).replace('{partner}', pick(rng, PARTNERS));
        // Mostly a paragraph of its own; sometimes run into the first paragraph.
        if (rng() < 0.75) paras.unshift(lead);
        else paras[0] = `${lead} ${paras[0] ?? ''}`;
        break;
      }
      case 'footer':
        for (let n = int(rng, 1, 2); n > 0; n--)
          paras.push(
            pick(rng, FOOTERS)
              .replace('{year}', String(ctx.year))
              .replace(/\{outlet\}/g, ctx.outlet),
          );
        break;
      case 'quotes': {
        const before = paras.join('\n\n');
        paras = paras.map((p) => (rng() < 0.5 ? straighten(p) : curl(p)));
        if (paras.join('\n\n') === before) continue;
        break;
      }
      case 'whitespace':
        whitespace = true; // last, over the finished text
        continue;
      default: {
        const never: never = kind;
        throw new Error(`unknown edit ${String(never)}`);
      }
    }
    applied.push(kind);
  }
  let text = paras.join('\n\n');
  if (whitespace) {
    text = changeWhitespace(text, rng);
    applied.push('whitespace');
  }
  return { text, applied };
}

/** Cuts the end of a body at the paragraph or sentence boundary nearest to `keep` of its characters; [] when no boundary is inside the body. */
export function trimEnd(paras: readonly string[], keep: number): string[] {
  const total = paras.reduce((n, p) => n + p.length, 0);
  let best: { paras: string[]; miss: number } | null = null;
  let kept = 0;
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i] as string;
    const sentences = p.split(/(?<=[.!?]["'\u201d\u2019]?)\s+/);
    let cut = '';
    for (const sentence of sentences) {
      cut = cut === '' ? sentence : `${cut} ${sentence}`;
      const length = kept + cut.length;
      if (length >= total) break;
      const miss = Math.abs(length - keep * total);
      if (best === null || miss < best.miss) best = { paras: [...paras.slice(0, i), cut], miss };
    }
    kept += p.length;
  }
  return best?.paras ?? [];
}

/** One of the whitespace changes feeds and CMSs make: doubled spaces, CRLF, extra blank lines, no-break spaces. */
export function changeWhitespace(text: string, rng: Rng): string {
  const ops = [
    (t: string) => t.replace(/ /g, () => (rng() < 0.15 ? '  ' : ' ')),
    (t: string) => t.replace(/\. /g, '.  '),
    (t: string) => t.replace(/\n\n/g, '\n\n\n'),
    (t: string) => t.replace(/\n/g, '\r\n'),
    (t: string) => `  ${t.replace(/\n\n/g, ' \n \n')}  `,
    (t: string) => t.replace(/\. /g, () => (rng() < 0.3 ? '.\u00a0' : '. ')),
  ];
  return pick(rng, ops)(text);
}

const straighten = (s: string): string =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-');
const curl = (s: string): string =>
  s
    .replace(/"([^"]*)"/g, '\u201c$1\u201d')
    .replace(/(\w)'(\w)/g, '$1\u2019$2')
    .replace(/ - /g, ' \u2014 ');
