// Builds a syndication test stream at run time from real or fixture articles: originals, edited
// copies on other outlets, same-URL variants (tracking/AMP/www) and exact re-deliveries, with the
// corpus' own same-day, same-topic articles as hard negatives. Seeded: one seed, one stream.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../../schemas/article.ts';
import { mulberry32 } from '../../domain/dedup/hash.ts';

/** A corpus article before it is turned into stream items. */
export interface SourceArticle {
  id: string;
  title: string;
  text: string;
  published_at: string;
  source: string;
}

/** One delivery in the stream, with the gold group it belongs to and how it was made. */
export interface StreamItem {
  article: Article;
  /** Gold group: the id of the source article this item was made from. */
  group: string;
  kind: 'original' | 'copy' | 'url-variant' | 'redelivery';
  edits: string[];
}

export interface StreamOptions {
  seed: number;
  /** Share of originals that get syndicated copies. */
  syndicatedShare?: number;
  /** Most copies per syndicated original (1..max). */
  maxCopies?: number;
  /** Share of originals delivered again verbatim. */
  redeliveryShare?: number;
  /** Share of originals delivered again at a tracking/AMP/www variant of their URL. */
  urlVariantShare?: number;
}

type Rng = () => number;
const HOUR = 3_600_000;
const OUTLETS = ['wirenews', 'dailyledger', 'eastpost', 'capitalherald', 'northtimes', 'globaldispatch', 'morningstar-news', 'citizenpress'];
const DATELINES = ['KYIV (Reuters) - ', 'KYIV, Ukraine (AP) — ', 'LONDON: ', 'MOSCOW (AFP) - ', 'Kyiv, March 3 (Reuters) - ', 'WASHINGTON — ', 'BRUSSELS (dpa) – '];
const ALSO_READ = ['Also Read | ', 'READ MORE: ', 'Read more: ', 'See also: ', 'Also read: ', 'Related: ', 'Watch | '];
const FOOTERS = [
  '© {year} {outlet}. All rights reserved.',
  'Follow us on Twitter, Facebook and Telegram for the latest updates.',
  'Share this article',
  'This article was originally published by {outlet}.',
  'Copyright {year} {outlet}',
  'Join our WhatsApp channel for breaking news alerts.',
  '(Reporting by Staff Writers; Editing by the News Desk)',
];
const HEADLINE_PREFIXES = ['Exclusive: ', 'Live: ', 'Update: ', 'Analysis: ', 'Breaking: '];

/** Reads every `*.jsonl` file of a corpus directory as source articles (eval only; texts stay out of the repo). */
export function loadCorpus(dir: string): SourceArticle[] {
  const out: SourceArticle[] = [];
  const texts = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line) as Record<string, unknown>;
      if (typeof r.id !== 'string' || typeof r.text !== 'string' || r.text.trim() === '') continue;
      // The corpus holds a few rows scraped twice (same text, two ids): one article, not two.
      const key = r.text.replace(/\s+/g, ' ').trim();
      if (texts.has(key)) continue;
      texts.add(key);
      out.push({
        id: r.id,
        title: typeof r.title === 'string' ? r.title : '',
        text: r.text,
        published_at: typeof r.published_at === 'string' ? r.published_at : '2024-01-01',
        source: typeof r.source === 'string' ? r.source : 'unknown',
      });
    }
  }
  return out;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'story';
const paragraphs = (text: string): string[] => text.split(/\n\s*\n/).filter((p) => p.trim() !== '');

/** Turns the source list into a time-ordered stream of deliveries. Same sources + same seed → same stream. */
export function buildSyndicationStream(sources: readonly SourceArticle[], options: StreamOptions): StreamItem[] {
  const rng = mulberry32(options.seed);
  const { syndicatedShare = 0.45, maxCopies = 5, redeliveryShare = 0.15, urlVariantShare = 0.15 } = options;
  const timed: Array<{ at: number; order: number; item: StreamItem }> = [];
  const push = (at: number, item: StreamItem): void => void timed.push({ at, order: timed.length, item });

  for (const src of sources) {
    const at = baseTime(src.published_at, rng);
    const home = pick(rng, OUTLETS);
    const url = `https://www.${home}.example/${new Date(at).toISOString().slice(0, 10).replace(/-/g, '/')}/${slug(src.title)}-${slug(src.id).slice(-12)}`;
    const original: Article = { id: src.id, url, source: home, published_at: iso(at), title: src.title, text: src.text };
    push(at, { article: original, group: src.id, kind: 'original', edits: [] });

    if (rng() < redeliveryShare) {
      const later = at + rng() * 24 * HOUR;
      push(later, { article: { ...original, id: `${src.id}~redelivery` }, group: src.id, kind: 'redelivery', edits: [] });
    }
    if (rng() < urlVariantShare) {
      const later = at + rng() * 24 * HOUR;
      const variant = urlVariant(url, rng);
      const text = rng() < 0.5 ? changeWhitespace(src.text, rng) : src.text;
      push(later, { article: { ...original, id: `${src.id}~urlvariant`, url: variant, text }, group: src.id, kind: 'url-variant', edits: ['url'] });
    }
    if (rng() < syndicatedShare) {
      const copies = int(rng, 1, maxCopies);
      for (let c = 0; c < copies; c++) {
        const outlet = pick(rng, OUTLETS.filter((o) => o !== home));
        const later = at + rng() * 48 * HOUR;
        const { title, text, edits } = editCopy(src, sources, outlet, later, rng);
        const copyUrl = `https://${outlet}.example/news/${slug(title)}-${slug(src.id).slice(-12)}-${c}${rng() < 0.3 ? '?utm_source=feed&utm_medium=rss' : ''}`;
        push(later, {
          article: { id: `${src.id}~copy${c}`, url: copyUrl, source: outlet, published_at: iso(later), title, text },
          group: src.id,
          kind: 'copy',
          edits,
        });
      }
    }
  }
  timed.sort((a, b) => a.at - b.at || a.order - b.order);
  return timed.map((t) => t.item);
}

function baseTime(published: string, rng: Rng): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(published) ? `${published}T00:00:00Z` : published);
  const t = Number.isNaN(ms) ? Date.parse('2024-01-01T00:00:00Z') : ms;
  return /^\d{4}-\d{2}-\d{2}$/.test(published) ? t + Math.floor(rng() * 20 * HOUR) : t;
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function urlVariant(url: string, rng: Rng): string {
  const u = new URL(url);
  const variants = [
    () => `${url}?utm_source=twitter&utm_medium=social&utm_campaign=share`,
    () => `${url}/?fbclid=IwAR0${int(rng, 1000, 9999)}xyz`,
    () => `${url}?gclid=abc${int(rng, 100, 999)}&mc_cid=${int(rng, 100, 999)}#comments`,
    () => `${u.protocol}//${u.host}${u.pathname}/amp`,
    () => `${url}?amp=1`,
    () => `http://${u.host.replace(/^www\./, 'amp.')}${u.pathname}`,
    () => `HTTPS://${u.host.replace(/^www\./, '').toUpperCase()}${u.pathname}/`,
  ];
  return pick(rng, variants)();
}

function changeWhitespace(text: string, rng: Rng): string {
  const ops = [
    (t: string) => t.replace(/\n\n/g, '\n\n\n'),
    (t: string) => t.replace(/ /g, () => (rng() < 0.05 ? '  ' : ' ')),
    (t: string) => t.replace(/\n/g, '\r\n'),
    (t: string) => `  ${t.replace(/\n\n/g, ' \n \n')}  `,
    (t: string) => t.replace(/\. /g, () => (rng() < 0.1 ? '.\u00a0' : '. ')),
  ];
  return pick(rng, ops)(text);
}

/** Applies a random non-empty combination of syndication edits to one source article. */
function editCopy(src: SourceArticle, all: readonly SourceArticle[], outlet: string, at: number, rng: Rng) {
  const edits: string[] = [];
  let title = src.title;
  let paras = paragraphs(src.text);
  const year = new Date(at).getUTCFullYear();
  const want = (p: number): boolean => rng() < p;
  while (edits.length === 0) {
    if (want(0.5)) {
      edits.push('headline');
      title = want(0.5) ? `${pick(rng, HEADLINE_PREFIXES)}${src.title}` : pick(rng, all).title;
    }
    if (want(0.35)) {
      // A middle paragraph of at most a fifth of the body: editors cut a paragraph, not the story.
      const total = paras.reduce((n, p) => n + p.length, 0);
      const removable = paras.map((p, i) => i).filter((i) => i > 0 && i < paras.length - 1 && (paras[i] ?? '').length <= total / 5);
      if (removable.length > 0) {
        edits.push('paragraph-removed');
        paras.splice(pick(rng, removable), 1);
      }
    }
    if (want(0.4)) {
      const trimmed = trimEnd(paras, 0.6 + rng() * 0.35);
      if (trimmed.length > 0) {
        edits.push('trimmed');
        paras = trimmed;
      }
    }
    if (want(0.4)) {
      edits.push('also-read');
      for (let n = int(rng, 1, 3); n > 0; n--) paras.splice(int(rng, 1, paras.length), 0, `${pick(rng, ALSO_READ)}${pick(rng, all).title}`);
    }
    if (want(0.35)) {
      edits.push('dateline');
      paras[0] = `${pick(rng, DATELINES)}${paras[0] ?? ''}`;
    }
    if (want(0.35)) {
      edits.push('footer');
      for (let n = int(rng, 1, 2); n > 0; n--) paras.push(pick(rng, FOOTERS).replace('{year}', String(year)).replace('{outlet}', outlet));
    }
    if (want(0.4)) {
      edits.push('quotes');
      paras = paras.map((p) => (want(0.5) ? straighten(p) : curl(p)));
    }
  }
  let text = paras.join('\n\n');
  if (want(0.3)) {
    edits.push('whitespace');
    text = changeWhitespace(text, rng);
  }
  return { title, text, edits };
}

/** Cuts the end of a body so that about `keep` of its characters remain, at a paragraph or else a sentence boundary; [] when nothing can be cut. */
function trimEnd(paras: readonly string[], keep: number): string[] {
  const total = paras.reduce((n, p) => n + p.length, 0);
  const out: string[] = [];
  let kept = 0;
  for (const p of paras) {
    if (kept >= keep * total) return out;
    if (kept + p.length <= total * 0.97 || out.length === 0) {
      out.push(p);
      kept += p.length;
      continue;
    }
    break;
  }
  // The last paragraph holds too much of the text: cut it at sentence boundaries instead.
  const last = out.pop() ?? '';
  const sentences = last.split(/(?<=[.!?]["'”’]?)\s+/);
  let cut = '';
  for (const sentence of sentences) {
    if (kept - last.length + cut.length >= keep * total) break;
    cut = cut === '' ? sentence : `${cut} ${sentence}`;
  }
  if (cut === '' || cut.length >= last.length) return [];
  return [...out, cut];
}

const straighten = (s: string): string => s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-');
const curl = (s: string): string =>
  s.replace(/"([^"]*)"/g, '\u201c$1\u201d').replace(/(\w)'(\w)/g, '$1\u2019$2').replace(/ - /g, ' \u2014 ');

/** Pair-level scores of a run: predicted groups (following duplicateOf) against the gold groups. */
export interface PairScores {
  items: number;
  goldPairs: number;
  predictedPairs: number;
  truePairs: number;
  precision: number;
  recall: number;
  f1: number;
  distinctPairs: number;
  falseMerges: number;
  falseMergeRate: number;
  redeliveries: number;
  redeliveriesCaught: number;
  /** Copies whose duplicateOf is exactly the first-seen member of their gold group. */
  pointsAtFirstSeen: number;
  copies: number;
}

/** Scores decisions (by article id) against a stream's gold groups. */
export function scorePairs(stream: readonly StreamItem[], duplicateOf: ReadonlyMap<string, string | null>): PairScores {
  const root = new Map<string, string>();
  const find = (id: string): string => {
    let r = id;
    const seen = new Set<string>();
    while (!seen.has(r)) {
      seen.add(r);
      const next = root.get(r) ?? duplicateOf.get(r) ?? null;
      if (next === null || next === r) break;
      r = next;
    }
    return r;
  };
  const cells = new Map<string, number>();
  const gold = new Map<string, number>();
  const pred = new Map<string, number>();
  const firstOfGroup = new Map<string, string>();
  let redeliveries = 0;
  let caught = 0;
  let copies = 0;
  let pointsAtFirst = 0;
  for (const it of stream) {
    const p = find(it.article.id);
    root.set(it.article.id, p);
    cells.set(`${it.group}\u0000${p}`, (cells.get(`${it.group}\u0000${p}`) ?? 0) + 1);
    gold.set(it.group, (gold.get(it.group) ?? 0) + 1);
    pred.set(p, (pred.get(p) ?? 0) + 1);
    const first = firstOfGroup.get(it.group);
    if (first === undefined) firstOfGroup.set(it.group, it.article.id);
    else {
      copies++;
      if (duplicateOf.get(it.article.id) === first) pointsAtFirst++;
      if (it.kind === 'redelivery') {
        redeliveries++;
        if (find(it.article.id) === find(first)) caught++;
      }
    }
  }
  const pairs = (m: Map<string, number>): number => [...m.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const truePairs = pairs(cells);
  const goldPairs = pairs(gold);
  const predictedPairs = pairs(pred);
  const n = stream.length;
  const distinctPairs = (n * (n - 1)) / 2 - goldPairs;
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = goldPairs === 0 ? 1 : truePairs / goldPairs;
  return {
    items: n,
    goldPairs,
    predictedPairs,
    truePairs,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    distinctPairs,
    falseMerges: predictedPairs - truePairs,
    falseMergeRate: distinctPairs === 0 ? 0 : (predictedPairs - truePairs) / distinctPairs,
    redeliveries,
    redeliveriesCaught: caught,
    pointsAtFirstSeen: pointsAtFirst,
    copies,
  };
}
