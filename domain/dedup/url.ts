// URL canonicalisation for the exact layer: two deliveries of one page must map to one string.
// Deliberately conservative: only parts that never change which document is served are dropped.

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'cmpid',
  'ito',
  'ncid',
  'ocid',
  'sr_share',
  'smid',
  'smtyp',
  'share',
  'spm',
  'at_medium',
  'at_campaign',
  'rss',
  'taid',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'outputtype',
  'amp',
  'usqp',
  '__twitter_impression',
  'soc_src',
  'soc_trk',
  'wt.mc_id',
  'xtor',
  'cmp',
  'intcmp',
  'icid',
  'ftag',
  'sref',
  'mbid',
  'ttclid',
  'wbraid',
  'gbraid',
  'li_fat_id',
  's_cid',
  'srsltid',
  'epik',
  'igsh',
  'ns_mchannel',
  'ns_source',
  'ns_campaign',
  'ns_linkname',
  'ns_fee',
  'tracking_source',
  'traffic_source',
  'via',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', 'oly_', 'vero_', '_ga', '_gl', 'fb_', 'itm_', 'amp_'];

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * True when a raw URL carries tracking parameters: a share or newsletter link to a page rather than its first
 * delivery. Offline dedup (`claimwatch dedup`) puts such a delivery after one at the plain URL with the same time.
 */
export function hasTrackingParams(raw: string): boolean {
  const q = raw.indexOf('?');
  if (q < 0) return false;
  return raw
    .slice(q + 1)
    .split('#')[0]!
    .split(/&(?:amp;)?/)
    .some((p) => p !== '' && isTracking(decodeURIComponentSafe(p.split('=')[0] ?? '')));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Strips AMP variants from a path: `/amp`, `/amp/`, `/amp/rest`, `/rest/amp`, `/rest.amp.html`, `/rest.amp`. */
function stripAmpPath(path: string): string {
  let p = path.replace(/\/amp(?=\/|$)/gi, '');
  p = p.replace(/\.amp(?=\.html?$|$)/i, '');
  return p === '' ? '/' : p;
}

/**
 * Canonical form of an article URL, or '' when there is none or it does not parse.
 * Called by `fingerprint`; never throws. Lower-cases scheme and host, drops `www.`/`m.`/`amp.`,
 * default ports, fragments, tracking parameters (also HTML-escaped ones), AMP markers, the AMP cache host and
 * trailing slashes; sorts the query.
 * http and https are treated as the same page.
 */
export function canonicalUrl(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  let url: URL;
  try {
    // A scheme is `name:` not followed by a digit (`host:8080/…` is a port, not a scheme).
    url = new URL(/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  // Google's AMP cache serves a page at <host-with-dashes>.cdn.ampproject.org/c/s/<host>/<path>: the page inside.
  const cached = /\.cdn\.ampproject\.org$/i.test(url.hostname) ? /^\/[a-z]\/(?:s\/)?(.+)$/i.exec(url.pathname) : null;
  if (cached?.[1] !== undefined) return canonicalUrl(`https://${cached[1]}${url.search}`);
  // Feeds and CMS exports HTML-escape the query: "?a=1&amp;utm_medium=x" is "?a=1&utm_medium=x".
  if (url.search.includes('&amp;')) url.search = url.search.replace(/&amp;/gi, '&');
  const host = url.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^(?:www\d*|m|mobile|amp)\./, '');
  const path = stripAmpPath(decodeSafe(url.pathname))
    .replace(/\/+$/, '')
    .replace(/\/{2,}/g, '/');
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !isTracking(name))
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${path === '' ? '/' : path}${query}`;
}

function decodeSafe(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
