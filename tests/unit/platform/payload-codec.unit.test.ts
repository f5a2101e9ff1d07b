import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
// CommonJS module: Node's ESM loader sees only its default export.
import proto from '@temporalio/proto';
import { COMPRESS_FROM_BYTES, ZLIB_ENCODING, ZlibPayloadCodec } from '../../../services/platform/payload-codec.ts';

const codec = new ZlibPayloadCodec();
const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());
const json = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);

/** A state-like value of `n` reports: repetitive JSON, as a big series' continue-as-new input is. */
const reports = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    claimId: `claim-${i}`,
    quantity: { value: 1000 + i, unit: 'count', qualifier: 'approx' },
    evidence: {
      quote: `About ${1000 + i} people were evacuated from towns near the front, officials said.`,
      start: 0,
      end: 80,
    },
  }));

describe('zlib payload codec', () => {
  it('leaves small payloads as plain JSON, readable in the Temporal UI', async () => {
    const small = json({ articleId: 'a-1', claims: reports(3) });
    expect(small.data?.length).toBeLessThan(COMPRESS_FROM_BYTES);
    const [encoded] = await codec.encode([small]);
    expect(encoded).toBe(small);
    expect(text(encoded?.metadata?.encoding)).toBe('json/plain');
  });

  it('compresses a big payload into the Go SDK zlib format and restores it byte for byte', async () => {
    const big = json({ state: reports(2000) });
    const [encoded] = await codec.encode([big]);
    expect(text(encoded?.metadata?.encoding)).toBe(ZLIB_ENCODING);
    expect(encoded?.data?.length).toBeLessThan((big.data?.length ?? 0) / 5);
    // What another SDK sees: zlib of the protobuf-encoded original payload.
    const inner = proto.temporal.api.common.v1.Payload.decode(inflateSync(encoded?.data ?? new Uint8Array()));
    expect(text(inner.metadata?.encoding)).toBe('json/plain');
    const [decoded] = await codec.decode([encoded as Payload]);
    expect(Buffer.from(decoded?.data ?? []).equals(Buffer.from(big.data ?? []))).toBe(true);
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual({ state: reports(2000) });
  });

  it('keeps a payload that would not shrink (random bytes) as it is', async () => {
    const noise: Payload = {
      metadata: { encoding: new TextEncoder().encode('binary/plain') },
      data: randomBytes(COMPRESS_FROM_BYTES * 2),
    };
    const [encoded] = await codec.encode([noise]);
    expect(encoded).toBe(noise);
  });

  it('passes payloads of other encodings through decode, so histories from before the codec replay', async () => {
    const plain = json({ state: reports(2000) });
    const [decoded] = await codec.decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('encodes and decodes a list of mixed payloads in order', async () => {
    const values = [{ a: 1 }, { state: reports(1500) }, 'text', { state: reports(800) }];
    const encoded = await codec.encode(values.map(json));
    expect(encoded.map((p) => text(p.metadata?.encoding))).toEqual([
      'json/plain',
      ZLIB_ENCODING,
      'json/plain',
      ZLIB_ENCODING,
    ]);
    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(values);
  });
});
