import { describe, expect, it } from 'vitest';
import {
  FetchRefusedError,
  assertFetchable,
  guardedGet,
  pinnedFetch,
  readCapped,
  type FetchPolicy,
} from '../../../services/platform/net/safe-fetch.ts';

const DNS: Record<string, string[]> = {
  'news.example': ['93.184.216.34'],
  'mixed.example': ['93.184.216.34', '10.0.0.5'],
  'internal.example': ['192.168.0.10'],
  'v6local.example': ['::ffff:127.0.0.1'],
};
const lookup = async (host: string) =>
  DNS[host] ?? (/^[\d.:a-f]+$/i.test(host) ? [host] : Promise.reject(new Error('ENOTFOUND')));

/** A fetch that answers from a table of URL → response and records what was asked. */
function tableFetch(table: Record<string, () => Response>) {
  const asked: string[] = [];
  const impl = (async (input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    const make = table[url];
    return make ? make() : new Response('missing', { status: 404 });
  }) as typeof fetch;
  return { impl, asked };
}

const redirect =
  (to: string, status = 302) =>
  () =>
    new Response(null, { status, headers: { location: to } });
const policy = (fetchImpl: typeof fetch, extra: Partial<FetchPolicy> = {}): FetchPolicy => ({
  allowPrivate: false,
  timeoutMs: 1000,
  maxBytes: 1000,
  fetchImpl,
  lookup,
  ...extra,
});
const signal = () => AbortSignal.timeout(5000);

describe('assertFetchable', () => {
  it('accepts http(s) hosts whose every address is public', async () => {
    await expect(
      assertFetchable(new URL('https://news.example/feed'), { allowPrivate: false, lookup }),
    ).resolves.toBeUndefined();
  });

  it.each([
    ['ftp://news.example/feed', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['http://user:pw@news.example/', /credentials/],
    ['http://internal.example/', /192\.168\.0\.10 \(private\)/],
    ['http://mixed.example/', /10\.0\.0\.5 \(private\)/],
    ['http://v6local.example/', /loopback/],
    ['http://127.0.0.1:8080/', /loopback/],
    ['http://[::1]/', /loopback/],
    ['http://169.254.169.254/latest/meta-data', /link-local/],
    ['http://nowhere.example/', /cannot resolve/],
  ])('refuses %s', async (url, message) => {
    await expect(assertFetchable(new URL(url), { allowPrivate: false, lookup })).rejects.toThrow(message);
  });

  it('allows private addresses only when told to', async () => {
    await expect(
      assertFetchable(new URL('http://127.0.0.1/'), { allowPrivate: true, lookup }),
    ).resolves.toBeUndefined();
  });
});

describe('guardedGet', () => {
  it('follows redirects by hand, relative ones too, and returns the final URL', async () => {
    const f = tableFetch({
      'https://news.example/a': redirect('/b', 301),
      'https://news.example/b': redirect('https://news.example/c', 307),
      'https://news.example/c': () => new Response('ok'),
    });
    const { response, url } = await guardedGet('https://news.example/a', policy(f.impl), { signal: signal() });
    expect([response.status, url, await response.text()]).toEqual([200, 'https://news.example/c', 'ok']);
    expect(f.asked).toEqual(['https://news.example/a', 'https://news.example/b', 'https://news.example/c']);
  });

  it('re-checks every hop: a redirect to a private address is refused before it is fetched', async () => {
    const f = tableFetch({ 'https://news.example/a': redirect('http://169.254.169.254/latest/meta-data') });
    await expect(guardedGet('https://news.example/a', policy(f.impl), { signal: signal() })).rejects.toThrow(
      /link-local/,
    );
    expect(f.asked).toEqual(['https://news.example/a']);
  });

  it('refuses a redirect to another scheme and more than the allowed number of hops', async () => {
    const scheme = tableFetch({ 'https://news.example/a': redirect('file:///etc/passwd') });
    await expect(guardedGet('https://news.example/a', policy(scheme.impl), { signal: signal() })).rejects.toThrow(
      /only http/,
    );
    const loop = tableFetch({ 'https://news.example/a': redirect('/a') });
    await expect(
      guardedGet('https://news.example/a', policy(loop.impl, { maxRedirects: 3 }), { signal: signal() }),
    ).rejects.toThrow(/more than 3 redirects/);
    expect(loop.asked).toHaveLength(4);
  });
});

describe('readCapped', () => {
  it('refuses bodies over the cap, by header or while streaming', async () => {
    await expect(readCapped(new Response('x'.repeat(20), { headers: { 'content-length': '20' } }), 10)).rejects.toThrow(
      /exceeds 10/,
    );
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(5));
        c.close();
      },
    });
    await expect(readCapped(new Response(stream), 10)).rejects.toThrow(/exceeds 10 bytes/);
  });

  it('decodes with the declared charset', async () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]); // "café" in ISO-8859-1
    expect(
      await readCapped(new Response(latin1, { headers: { 'content-type': 'text/html; charset=ISO-8859-1' } }), 100),
    ).toBe('café');
    expect(await readCapped(new Response('café'), 100)).toBe('café');
  });
});

describe('pinned connections (DNS rebinding)', () => {
  /** A local HTTP server that counts the requests it got and answers "inside". */
  async function localServer() {
    const { createServer } = await import('node:http');
    let hits = 0;
    const server = createServer((req, res) => {
      hits += 1;
      res.end(`inside ${req.headers.host ?? ''}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    return { port, hits: () => hits, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it('refuses a host whose second answer is private: the connection uses its own checked lookup', async () => {
    const server = await localServer();
    // A rebinding resolver: public for the first question (the pre-check), loopback for every later one.
    let asked = 0;
    const rebinding = async (host: string) =>
      host === 'rebind.example'
        ? asked++ === 0
          ? ['93.184.216.34']
          : ['127.0.0.1']
        : Promise.reject(new Error('ENOTFOUND'));
    try {
      const p = { allowPrivate: false, timeoutMs: 2000, maxBytes: 1000, lookup: rebinding };
      const err = await guardedGet(`http://rebind.example:${server.port}/feed`, p, { signal: signal() }).catch(
        (e: unknown) => e,
      );
      expect((err as { cause?: Error }).cause).toBeInstanceOf(FetchRefusedError);
      expect((err as { cause: Error }).cause.message).toBe(
        'rebind.example resolves to 127.0.0.1 (loopback) at connect time; private addresses are not allowed',
      );
      expect(asked).toBeGreaterThanOrEqual(2); // the connection asked again, and was refused
      expect(server.hits()).toBe(0);
      // What the old guard did (check, then a fetch that resolves again) would have reached the loopback server.
      asked = 0;
      await assertFetchable(new URL(`http://rebind.example:${server.port}/`), {
        allowPrivate: false,
        lookup: rebinding,
      });
      expect(await (await fetch(`http://127.0.0.1:${server.port}/`)).text()).toMatch(/^inside/);
      expect(server.hits()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('connects to the address the checked lookup gave, keeping the host name', async () => {
    const server = await localServer();
    try {
      const lookupLocal = async (host: string) =>
        host === 'feeds.local' ? ['127.0.0.1'] : Promise.reject(new Error('ENOTFOUND'));
      const { response } = await guardedGet(
        `http://feeds.local:${server.port}/x`,
        { allowPrivate: true, timeoutMs: 2000, maxBytes: 1000, lookup: lookupLocal },
        { signal: signal() },
      );
      expect(await readCapped(response, 1000)).toBe(`inside feeds.local:${server.port}`);
      const r = await pinnedFetch({ allowPrivate: false, lookup: lookupLocal })(
        `http://feeds.local:${server.port}/x`,
      ).catch((e: unknown) => e);
      expect(((r as { cause?: Error }).cause as Error).message).toMatch(/127\.0\.0\.1 \(loopback\) at connect time/);
      expect(server.hits()).toBe(1);
    } finally {
      await server.close();
    }
  });
});
