import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import type * as Undici from 'undici';
import type { Agent } from 'undici';
import { ClaimwatchError } from '../errors.ts';
import { classifyAddress } from './address-policy.ts';

/** A URL the SSRF guard or the size cap refused; retrying cannot help. */
export class FetchRefusedError extends ClaimwatchError {
  constructor(message: string) {
    super('FETCH_REFUSED', message, { retriable: false });
    this.name = 'FetchRefusedError';
  }
}

/** How feed and page fetches are fenced: address policy, DNS, timeout, size cap, redirects. */
export interface FetchPolicy {
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  fetchImpl?: typeof fetch;
  /** Resolves a host name to every address; defaults to dns.lookup with `all: true`. */
  lookup?: (hostname: string) => Promise<string[]>;
}

const defaultLookup = async (hostname: string) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Refuses non-http(s) URLs and, unless `allowPrivate`, hosts with any non-public address. Throws FetchRefusedError. */
export async function assertFetchable(url: URL, policy: Pick<FetchPolicy, 'allowPrivate' | 'lookup'>): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchRefusedError(`${url.href}: only http and https are fetched`);
  if (url.username || url.password) throw new FetchRefusedError(`${url.origin}: URLs with credentials are not fetched`);
  if (policy.allowPrivate) return;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = await (policy.lookup ?? defaultLookup)(host);
  } catch (err) {
    throw new FetchRefusedError(`${host}: cannot resolve (${(err as Error).message})`);
  }
  if (addresses.length === 0) throw new FetchRefusedError(`${host}: resolves to no address`);
  // Every address must be public: a client may connect to any of them.
  for (const a of addresses) {
    const cls = classifyAddress(a);
    if (cls !== 'public')
      throw new FetchRefusedError(`${host} resolves to ${a} (${cls}); private feeds are not allowed`);
  }
}

/**
 * A `lookup` for sockets that resolves the host once, refuses it (FetchRefusedError) unless every address is public
 * (or `allowPrivate`), and hands the socket the address it checked: the connection goes to exactly that address, so
 * a DNS answer that changes between the check and the connect (rebinding) cannot slip a private address in.
 */
export function checkedLookup(policy: Pick<FetchPolicy, 'allowPrivate' | 'lookup'>): LookupFunction {
  return (hostname, options, callback) => {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    const resolve = isIP(host) ? Promise.resolve([host]) : (policy.lookup ?? defaultLookup)(host);
    resolve
      .then(
        (addresses) => {
          if (addresses.length === 0) throw new FetchRefusedError(`${host}: resolves to no address`);
          if (!policy.allowPrivate) {
            for (const a of addresses) {
              const cls = classifyAddress(a);
              if (cls !== 'public')
                throw new FetchRefusedError(
                  `${host} resolves to ${a} (${cls}) at connect time; private addresses are not allowed`,
                );
            }
          }
          const family = (a: string) => (isIP(a) === 6 ? 6 : 4);
          const wanted =
            options.family === 4 || options.family === 6
              ? addresses.filter((a) => family(a) === options.family)
              : addresses;
          const pinned = wanted.length > 0 ? wanted : addresses;
          if (options.all)
            callback(
              null,
              pinned.map((address) => ({ address, family: family(address) })),
            );
          else callback(null, pinned[0] as string, family(pinned[0] as string));
        },
        (err: unknown) =>
          callback(
            err instanceof FetchRefusedError
              ? err
              : new FetchRefusedError(`${host}: cannot resolve (${(err as Error).message})`),
            '',
            4,
          ),
      )
      .catch((err: unknown) => callback(err as Error, '', 4));
  };
}

// undici loads on the first fetch, not with every module that imports this one (the CLI's start-up stays short).
let undici: Promise<typeof Undici> | undefined;
const loadUndici = () => (undici ??= import('undici'));

/** An undici dispatcher whose connections go only to addresses `checkedLookup` resolved and checked. */
export async function pinnedDispatcher(policy: Pick<FetchPolicy, 'allowPrivate' | 'lookup'>): Promise<Agent> {
  const { Agent } = await loadUndici();
  return new Agent({ connect: { lookup: checkedLookup(policy) } });
}

const shared = new Map<string, Promise<Agent>>();
/**
 * `fetch` through a pinned dispatcher: the default for feed, page and webhook requests. One dispatcher (and its
 * connection pool) per policy without a custom resolver; a custom resolver (tests) gets its own.
 */
export function pinnedFetch(policy: Pick<FetchPolicy, 'allowPrivate' | 'lookup'>): typeof fetch {
  let own: Promise<Agent> | undefined;
  const dispatcher = () => {
    if (policy.lookup) return (own ??= pinnedDispatcher(policy));
    const key = policy.allowPrivate ? 'private' : 'public';
    const d = shared.get(key) ?? pinnedDispatcher(policy);
    shared.set(key, d);
    return d;
  };
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const { fetch: undiciFetch } = await loadUndici();
    return undiciFetch(
      input as string | URL,
      { ...(init as object), dispatcher: await dispatcher() } as Parameters<typeof undiciFetch>[1],
    );
  }) as unknown as typeof fetch;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a URL behind the SSRF guard, following at most `maxRedirects` redirects by hand and
 * re-checking every hop; the connection itself goes through `pinnedFetch` (the checked address, not a second lookup). Resolves with the final non-redirect response and its URL (the
 * caller reads the body with `readCapped`). Throws FetchRefusedError, or fetch's own errors
 * (timeouts as `TimeoutError`). Used by the feed poller for feeds and article pages.
 */
export async function guardedGet(
  raw: string,
  policy: FetchPolicy,
  init: { headers?: Record<string, string>; signal: AbortSignal },
): Promise<{ response: Response; url: string }> {
  const doFetch = policy.fetchImpl ?? pinnedFetch(policy);
  let url = new URL(raw);
  for (let hop = 0; ; hop++) {
    await assertFetchable(url, policy);
    const response = await doFetch(url, {
      method: 'GET',
      redirect: 'manual',
      headers: init.headers,
      signal: init.signal,
    });
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return { response, url: url.href };
    await response.body?.cancel().catch(() => undefined);
    if (hop >= (policy.maxRedirects ?? 5))
      throw new FetchRefusedError(`${raw}: more than ${policy.maxRedirects ?? 5} redirects`);
    url = new URL(location, url);
  }
}

function charsetOf(contentType: string | null): string {
  const m = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m?.[1] ?? 'utf-8';
}

/** Reads a response body as text, refusing bodies over `maxBytes` (by header or while streaming). Throws FetchRefusedError. */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new FetchRefusedError(`${response.url || 'response'}: body of ${declared} bytes exceeds ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new FetchRefusedError(`${response.url || 'response'}: body exceeds ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charsetOf(response.headers.get('content-type')));
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(Buffer.concat(chunks));
}
