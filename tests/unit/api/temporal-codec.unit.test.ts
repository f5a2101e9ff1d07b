import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { registerTemporalCodecRoutes } from '../../../services/surfaces/api/temporal-codec-routes.ts';
import { MAX_DECODED_BYTES, ZlibPayloadCodec } from '../../../services/platform/payload-codec.ts';
import proto from '@temporalio/proto';
import { deflateSync } from 'node:zlib';
import { createRootLogger } from '../../../services/platform/logger.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import type { ReadModel } from '../../../services/stores/read-model/read-model.ts';

const UI = 'http://127.0.0.1:8233';
const TOKEN = 'codec token';
const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');
const asJson = (value: unknown) => {
  const p = defaultPayloadConverter.toPayload(value);
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
    data: b64(p.data),
  };
};
const big = {
  reports: Array.from({ length: 1000 }, (_, i) => ({
    claimId: `c${i}`,
    quote: `about ${i} people left the town, officials said`,
  })),
};

describe('Temporal codec server routes', () => {
  let app: FastifyInstance | undefined;
  let rm: ReadModel | undefined;
  async function start(token?: string, open = true) {
    rm = openSqliteReadModel({ path: ':memory:' });
    app = await buildApiApp({
      readModel: rm,
      log: createRootLogger('silent'),
      config: { http: { host: '127.0.0.1', port: 0, token, writeRateLimit: { max: 2, windowMs: 60_000 } } },
      extraRoutes: [
        (a) => registerTemporalCodecRoutes(a, { codec: new ZlibPayloadCodec(), uiOrigins: [UI], public: open }),
      ],
    });
    return app;
  }
  afterEach(async () => {
    await app?.close();
    rm?.close();
  });

  it('encodes a big payload to binary/zlib and decodes it back to the same JSON, small ones unchanged', async () => {
    const a = await start();
    const payloads = [asJson(big), asJson({ articleId: 'a-1' })];
    const encoded = (
      await a.inject({ method: 'POST', url: '/api/temporal-codec/encode', payload: { payloads } })
    ).json();
    expect(Buffer.from(encoded.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/zlib');
    expect(encoded.payloads[1]).toEqual(payloads[1]);
    // More calls than the write limit allows: decoding is a read.
    for (let i = 0; i < 4; i++) {
      const decoded = await a.inject({
        method: 'POST',
        url: '/api/temporal-codec/decode',
        payload: encoded,
        headers: { 'x-namespace': 'default' },
      });
      expect(decoded.statusCode).toBe(200);
      expect(decoded.json()).toEqual({ payloads });
    }
  });

  it('answers the Temporal UI origin with CORS headers, and no other origin', async () => {
    const a = await start(TOKEN);
    const preflight = await a.inject({
      method: 'OPTIONS',
      url: '/api/temporal-codec/decode',
      headers: { origin: UI, 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI);
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('x-namespace');
    const other = await a.inject({
      method: 'OPTIONS',
      url: '/api/temporal-codec/decode',
      headers: { origin: 'http://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is behind the token unless public (the API on loopback, or TEMPORAL_CODEC_PUBLIC)', async () => {
    const a = await start(TOKEN, false);
    const payload = { payloads: [asJson({ a: 1 })] };
    expect((await a.inject({ method: 'POST', url: '/api/temporal-codec/decode', payload })).statusCode).toBe(401);
    expect(
      (
        await a.inject({
          method: 'POST',
          url: '/api/temporal-codec/decode',
          payload,
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('inflates at most 8 MiB per request, all payloads together, one after the other (many small bombs)', async () => {
    const a = await start();
    const bomb = (mib: number) => {
      const inner = proto.temporal.api.common.v1.Payload.encode({
        metadata: { encoding: new TextEncoder().encode('json/plain') },
        data: Buffer.alloc(mib * 1024 * 1024, 0x20),
      }).finish();
      return {
        metadata: { encoding: b64(new TextEncoder().encode('binary/zlib')) },
        data: b64(deflateSync(inner, { level: 9 })),
      };
    };
    // 3 MiB each: two fit the budget, the third does not.
    expect(
      (await a.inject({ method: 'POST', url: '/api/temporal-codec/decode', payload: { payloads: [bomb(3), bomb(3)] } }))
        .statusCode,
    ).toBe(200);
    const rssBefore = process.memoryUsage().rss;
    const res = await a.inject({
      method: 'POST',
      url: '/api/temporal-codec/decode',
      payload: { payloads: Array.from({ length: 40 }, () => bomb(3)) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/more than the 8388608 bytes one request may decode/);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    // A body over 4 MiB is refused before anything is read into payloads.
    const huge = await a.inject({
      method: 'POST',
      url: '/api/temporal-codec/decode',
      payload: { payloads: [{ data: 'A'.repeat(5 * 1024 * 1024) }] },
    });
    expect(huge.statusCode).toBe(413);
  });

  it('is public when asked (the UI cannot send our token; zlib holds no secret), and rate-limited', async () => {
    const a = await start(TOKEN);
    const payload = { payloads: [asJson({ a: 1 })] };
    expect((await a.inject('/api/topics')).statusCode).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < 601; i++)
      statuses.push((await a.inject({ method: 'POST', url: '/api/temporal-codec/decode', payload })).statusCode);
    expect(statuses.slice(0, 600).every((s) => s === 200)).toBe(true);
    expect(statuses[600]).toBe(429);
  });

  it('refuses to inflate a payload past the decoded-size limit (a zlib bomb)', async () => {
    const a = await start();
    const inner = proto.temporal.api.common.v1.Payload.encode({
      metadata: { encoding: new TextEncoder().encode('json/plain') },
      data: Buffer.alloc(MAX_DECODED_BYTES + 1024, 0x20),
    }).finish();
    const compressed = deflateSync(inner, { level: 9 });
    expect(compressed.length).toBeLessThan(1024 * 1024);
    const res = await a.inject({
      method: 'POST',
      url: '/api/temporal-codec/decode',
      payload: {
        payloads: [{ metadata: { encoding: b64(new TextEncoder().encode('binary/zlib')) }, data: b64(compressed) }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/cannot decode/);
  });

  it('rejects a malformed body naming every problem', async () => {
    const a = await start();
    const res = await a.inject({
      method: 'POST',
      url: '/api/temporal-codec/decode',
      payload: { payloads: [{ data: '%%%' }, { metadata: { encoding: 7 } }] },
    });
    expect(res.statusCode).toBe(400);
    const text = JSON.stringify(res.json().problems);
    expect(text).toContain('payloads.0.data');
    expect(text).toContain('payloads.1.metadata.encoding');
  });

  it('reports a corrupt compressed payload as a bad request', async () => {
    const a = await start();
    const res = await a.inject({
      method: 'POST',
      url: '/api/temporal-codec/decode',
      payload: {
        payloads: [
          {
            metadata: { encoding: b64(new TextEncoder().encode('binary/zlib')) },
            data: b64(new Uint8Array([1, 2, 3])),
          },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/cannot decode/);
  });
});
