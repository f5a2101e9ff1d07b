import { XMLParser } from 'fast-xml-parser';
import { InvalidInputError } from '../../../platform/errors.ts';

/** One entry of a feed, as the feed states it; texts may hold HTML. */
export interface FeedItem {
  /** RSS guid or Atom id. */
  guid: string | undefined;
  link: string | undefined;
  title: string;
  /** ISO date from pubDate / dc:date / published / updated, when it parses. */
  publishedAt: string | undefined;
  /** The longest of description / summary / content:encoded / content (HTML or text). */
  body: string;
}

/** A parsed RSS 2.0, RSS 1.0 (RDF) or Atom document. */
export interface FeedDocument {
  format: 'rss' | 'atom';
  title: string;
  items: FeedItem[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: a guid like "12345" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;

/** Text of a node: a string, its `#text`, or (Atom xhtml content) all nested text joined. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(text).filter(Boolean).join(' ');
  const n = asNode(v);
  if (!n) return '';
  if (typeof n['#text'] === 'string') return n['#text'];
  return Object.entries(n)
    .filter(([k]) => !k.startsWith('@_'))
    .map(([, c]) => text(c))
    .filter(Boolean)
    .join(' ');
}

function isoDate(raw: string): string | undefined {
  if (raw === '') return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const longest = (...xs: string[]) => xs.reduce((a, b) => (b.length > a.length ? b : a), '');
const orUndefined = (s: string) => (s === '' ? undefined : s);

function rssItem(item: Node): FeedItem {
  const links = Array.isArray(item.link) ? item.link : [];
  return {
    guid: orUndefined(text(item.guid)),
    link: orUndefined(links.map(text).find((l) => l !== '') ?? ''),
    title: text(item.title),
    publishedAt: isoDate(text(item.pubDate) || text(item['dc:date'])),
    body: longest(text(item.description), text(item['content:encoded'])),
  };
}

function atomLink(links: unknown): string | undefined {
  const nodes = (Array.isArray(links) ? links : []).map(asNode).filter((n): n is Node => n !== undefined);
  const alternate = nodes.find((n) => n['@_rel'] === undefined || n['@_rel'] === 'alternate') ?? nodes[0];
  const href = alternate?.['@_href'];
  return typeof href === 'string' && href !== '' ? href : undefined;
}

function atomEntry(entry: Node): FeedItem {
  return {
    guid: orUndefined(text(entry.id)),
    link: atomLink(entry.link),
    title: text(entry.title),
    publishedAt: isoDate(text(entry.published) || text(entry.updated)),
    body: longest(text(entry.summary), text(entry.content)),
  };
}

const nodes = (v: unknown) => (Array.isArray(v) ? v : []).map(asNode).filter((n): n is Node => n !== undefined);

/** Parses an RSS 2.0, RSS 1.0 or Atom document. Pure; throws InvalidInputError for anything else. */
export function parseFeed(xml: string): FeedDocument {
  let doc: Node;
  try {
    // `true` runs the validator first: a truncated or malformed feed is an error, not a partial result.
    doc = parser.parse(xml, true) as Node;
  } catch (err) {
    throw new InvalidInputError('feed is not well-formed XML', [(err as Error).message]);
  }
  const rss = asNode(doc.rss);
  const rdf = asNode(doc['rdf:RDF']);
  const channel = asNode(rss?.channel) ?? asNode(rdf?.channel);
  if (channel) {
    const items = rss ? nodes(channel.item) : nodes(rdf?.item);
    return { format: 'rss', title: text(channel.title), items: items.map(rssItem) };
  }
  const feed = asNode(doc.feed);
  if (feed) return { format: 'atom', title: text(feed.title), items: nodes(feed.entry).map(atomEntry) };
  throw new InvalidInputError('not a feed', ['expected an <rss>, <rdf:RDF> or Atom <feed> document']);
}
