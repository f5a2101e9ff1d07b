// Builds a syndication test stream at run time from real or fixture articles: originals, copies on other
// outlets with 2–5 wire edits each (syndication-edits.ts), same-URL variants (tracking/AMP/www/bare host) and
// re-deliveries under new ids; hard negatives are the corpus' own same-day articles, other outlets' write-ups
// of one story (SemEval-2022 pairs) and short articles sharing a house block. Seeded: one seed, one stream.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../../schemas/article.ts';
import { mulberry32 } from '../../domain/dedup/hash.ts';
import { applyEdits, changeWhitespace, chooseEdits, int, pick, type Rng } from './syndication-edits.ts';

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
  /** Share of short originals (< 400 words) that carry a house block shared with other articles. */
  trapShare?: number;
  /** Different write-ups of one story, added as distinct articles (hard negatives). */
  sameStoryPairs?: readonly SameStoryPair[];
}

const HOUR = 3_600_000;
const OUTLETS = [
  'wirenews',
  'dailyledger',
  'eastpost',
  'capitalherald',
  'northtimes',
  'globaldispatch',
  'morningstar-news',
  'citizenpress',
];
const HEADLINE_PREFIXES = ['Exclusive: ', 'Live: ', 'Update: ', 'Analysis: ', 'Breaking: '];

/** Reads every `*.jsonl` file of a corpus directory as source articles (eval only; texts stay out of the repo). */
export function loadCorpus(dir: string): SourceArticle[] {
  const out: SourceArticle[] = [];
  const texts = new Set<string>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
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

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'story';

/** Two write-ups of one story by different outlets (SemEval-2022 Task 8 pairs): never copies of each other. */
export interface SameStoryPair {
  pairId: string;
  text1: string;
  text2: string;
  /** Human rating, 1 = same story … 4 = unrelated. */
  overall: number;
}

/** Reads the SemEval-2022 Task 8 English pairs (eval only; texts stay out of the repo). */
export function loadSameStoryPairs(file: string): SameStoryPair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { pair_id: string; text_1: string; text_2: string; Overall: number })
    .map((r) => ({ pairId: r.pair_id, text1: r.text_1, text2: r.text_2, overall: r.Overall }));
}

// House furniture an outlet puts on every story and that no normalisation rule knows: articles that share
// one are boilerplate traps (distinct articles with a common block). Our own sentences.
const HOUSE_BLOCKS = [
  'Our correspondents have been reporting from the front line since the first week of the invasion. Our coverage is free to read because readers support it; we do not put our war reporting behind a paywall, and we never will. If you can, consider backing independent journalism with a monthly contribution of any size.',
  'About this series: every weekday our regional desk summarises the military situation, the humanitarian picture and the diplomatic track in plain language, drawing on official statements, open sources and our own reporters. Figures from the warring parties cannot always be verified independently, and we say so when that is the case.',
  'How we report: casualty figures, territorial claims and equipment losses come from the parties to the war unless stated otherwise. Both sides have reasons to inflate the losses of the other and to play down their own. We cite the source of every figure and update our stories when better numbers become available.',
];

/** Turns the source list into a time-ordered stream of deliveries. Same sources + same seed → same stream. */
export function buildSyndicationStream(sources: readonly SourceArticle[], options: StreamOptions): StreamItem[] {
  const rng = mulberry32(options.seed);
  const {
    syndicatedShare = 0.45,
    maxCopies = 5,
    redeliveryShare = 0.15,
    urlVariantShare = 0.15,
    trapShare = 0,
    sameStoryPairs = [],
  } = options;
  const timed: Array<{ at: number; order: number; item: StreamItem }> = [];
  const push = (at: number, item: StreamItem): void => void timed.push({ at, order: timed.length, item });

  for (const src0 of sources) {
    const at = baseTime(src0.published_at, rng);
    const home = pick(rng, OUTLETS);
    const trapped = rng() < trapShare && src0.text.split(/\s+/).length < 400;
    const src = trapped ? { ...src0, text: `${src0.text}\n\n${pick(rng, HOUSE_BLOCKS)}` } : src0;
    const url = `https://www.${home}.example/${new Date(at).toISOString().slice(0, 10).replace(/-/g, '/')}/${slug(src.title)}-${slug(src.id).slice(-12)}`;
    const original: Article = {
      id: src.id,
      url,
      source: home,
      published_at: iso(at),
      title: src.title,
      text: src.text,
    };
    push(at, { article: original, group: src.id, kind: 'original', edits: trapped ? ['house-block'] : [] });

    if (rng() < redeliveryShare) {
      // Same text under a new id, at the same URL or at a tracking/host variant of it.
      const later = at + rng() * 24 * HOUR;
      const again = rng() < 0.5 ? url : urlVariant(url, rng);
      push(later, {
        article: { ...original, id: `${src.id}~redelivery`, url: again },
        group: src.id,
        kind: 'redelivery',
        edits: again === url ? [] : ['url'],
      });
    }
    if (rng() < urlVariantShare) {
      const later = at + rng() * 24 * HOUR;
      const variant = urlVariant(url, rng);
      const text = rng() < 0.5 ? changeWhitespace(src.text, rng) : src.text;
      push(later, {
        article: { ...original, id: `${src.id}~urlvariant`, url: variant, text },
        group: src.id,
        kind: 'url-variant',
        edits: ['url'],
      });
    }
    if (rng() < syndicatedShare) {
      const copies = int(rng, 1, maxCopies);
      for (let c = 0; c < copies; c++) {
        const outlet = pick(
          rng,
          OUTLETS.filter((o) => o !== home),
        );
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
  // Same-story pairs: two outlets' own write-ups, published close together among the corpus articles.
  const times = timed.map((t) => t.at);
  const seen = new Set<string>();
  for (const pair of sameStoryPairs) {
    const at = pick(rng, times) + rng() * 6 * HOUR;
    const [id1, id2] = pair.pairId.split('_');
    const sides: Array<[string, string]> = [
      [id1 ?? `${pair.pairId}-1`, pair.text1],
      [id2 ?? `${pair.pairId}-2`, pair.text2],
    ];
    sides.forEach(([id, text], i) => {
      const key = `semeval-${id}`;
      if (seen.has(key)) return;
      seen.add(key);
      const outlet = pick(rng, OUTLETS);
      const article: Article = {
        id: key,
        url: `https://${outlet}.example/world/${key}`,
        source: outlet,
        published_at: iso(at + i * HOUR),
        title: '',
        text,
      };
      push(at + i * HOUR, { article, group: key, kind: 'original', edits: ['same-story'] });
    });
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

/** The same page at another address: tracking parameters, AMP, www./bare host, case, trailing slash, fragment. */
function urlVariant(url: string, rng: Rng): string {
  const u = new URL(url);
  const bare = u.host.replace(/^www\./, '');
  const variants = [
    () => `${url}?utm_source=twitter&utm_medium=social&utm_campaign=share`,
    () => `${url}?utm_source=newsletter&amp;utm_medium=email`,
    () => `${url}/?fbclid=IwAR0${int(rng, 1000, 9999)}xyz`,
    () => `${url}?gclid=abc${int(rng, 100, 999)}&mc_cid=${int(rng, 100, 999)}#comments`,
    () => `${u.protocol}//${u.host}${u.pathname}/amp`,
    () => `${url}?amp=1`,
    () => `${url}?amp`,
    () => `http://${u.host.replace(/^www\./, 'amp.')}${u.pathname}`,
    () => `https://m.${bare}${u.pathname}`,
    () => `HTTPS://${bare.toUpperCase()}${u.pathname}/`,
    () => `https://${bare}${u.pathname}#top`,
    () => `https://${bare}:443${u.pathname}`,
  ];
  return pick(rng, variants)();
}

/** Applies a random combination of 2–5 syndication edits (and maybe a new headline) to one source article. */
function editCopy(src: SourceArticle, all: readonly SourceArticle[], outlet: string, at: number, rng: Rng) {
  const headline = rng() < 0.5;
  const title = !headline
    ? src.title
    : rng() < 0.5
      ? `${pick(rng, HEADLINE_PREFIXES)}${src.title}`
      : pick(rng, all).title;
  const paras = src.text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  const { text, applied } = applyEdits(
    paras,
    chooseEdits(rng),
    { outlet, year: new Date(at).getUTCFullYear(), otherTitle: () => pick(rng, all).title },
    rng,
  );
  return { title, text, edits: headline ? ['headline', ...applied] : applied };
}

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
  /** Re-deliveries whose duplicateOf is exactly their group's original (not a copy of it). */
  redeliveriesAtOriginal: number;
  /** Later members whose duplicateOf is exactly their gold group's original (the source article: the earliest published). */
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
  let redeliveries = 0;
  let caught = 0;
  let atOriginal = 0;
  let copies = 0;
  let pointsAtFirst = 0;
  for (const it of stream) {
    const p = find(it.article.id);
    root.set(it.article.id, p);
    cells.set(`${it.group}\u0000${p}`, (cells.get(`${it.group}\u0000${p}`) ?? 0) + 1);
    gold.set(it.group, (gold.get(it.group) ?? 0) + 1);
    pred.set(p, (pred.get(p) ?? 0) + 1);
    // The group's original is its source article (id = group): the first published, whatever the delivery order.
    if (it.article.id !== it.group) {
      copies++;
      if (duplicateOf.get(it.article.id) === it.group) pointsAtFirst++;
      if (it.kind === 'redelivery') {
        redeliveries++;
        if (find(it.article.id) === find(it.group)) caught++;
        if (duplicateOf.get(it.article.id) === it.group) atOriginal++;
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
    redeliveriesAtOriginal: atOriginal,
    pointsAtFirstSeen: pointsAtFirst,
    copies,
  };
}
