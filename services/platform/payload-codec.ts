import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
// CommonJS module: Node's ESM loader sees only its default export.
import proto from '@temporalio/proto';

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);
const ProtoPayload = proto.temporal.api.common.v1.Payload;

/** The `encoding` metadata of a compressed payload: the same format as the Go SDK's `converter.NewZlibCodec`. */
export const ZLIB_ENCODING = 'binary/zlib';

/**
 * Payloads at least this big (bytes of data) are compressed. Below it they stay plain JSON, readable as they are in the
 * Temporal UI and `temporal workflow show`: article ids, claim batches of one article, summaries. Above it sit the series
 * tallies' continue-as-new state (every report with its evidence: ~600 KB for a 750-report series, past the SDK's
 * 512 KB warning and towards the server's 2 MB limit per payload) and big signals.
 */
export const COMPRESS_FROM_BYTES = 16 * 1024;

/**
 * Decoding stops with an error past this many bytes: a payload is at most 2 MB compressed on the server, but the codec
 * server decodes what callers send, and a small zlib stream can inflate to gigabytes.
 */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

const encodingOf = (payload: Payload): string | undefined => {
  const raw = payload.metadata?.encoding;
  return raw ? textDecoder.decode(raw) : undefined;
};

/**
 * Compresses big payloads on their way to Temporal and restores them on the way back. The compressed payload is
 * `{ metadata: { encoding: "binary/zlib" }, data: zlib(protobuf(original payload)) }`, as the Go SDK's zlib codec
 * writes it, so other SDKs and codec servers can read it. A payload that would not shrink is left as it is; payloads
 * in any other encoding pass through decode unchanged, so histories written before the codec still replay.
 *
 * Every process that talks to Temporal (workers, clients, replay tests) must use it: see `dataConverter`.
 */
export class ZlibPayloadCodec implements PayloadCodec {
  constructor(private readonly minBytes = COMPRESS_FROM_BYTES) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        if ((payload.data?.length ?? 0) < this.minBytes || encodingOf(payload) === ZLIB_ENCODING) return payload;
        const inner = ProtoPayload.encode(payload).finish();
        const compressed = await deflateAsync(inner);
        if (compressed.length >= inner.length) return payload;
        return { metadata: { encoding: textEncoder.encode(ZLIB_ENCODING) }, data: new Uint8Array(compressed) };
      }),
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        if (encodingOf(payload) !== ZLIB_ENCODING) return payload;
        const inner = ProtoPayload.decode(
          await inflateAsync(payload.data ?? new Uint8Array(), { maxOutputLength: MAX_DECODED_BYTES }),
        );
        return { metadata: inner.metadata, data: inner.data } as Payload;
      }),
    );
  }
}

/** Most bytes one codec-server request may inflate, all its payloads together (the UI asks for a page of history). */
export const MAX_DECODED_BYTES_PER_REQUEST = 8 * 1024 * 1024;

/**
 * Decodes payloads one after the other, all of them together inflating at most `budgetBytes`: zlib stops as soon as a
 * payload would pass what is left, so a small request of many zlib bombs costs at most the budget in memory. Used by the
 * codec server; throws a RangeError naming the budget when it is spent.
 */
export async function decodeWithin(
  payloads: readonly Payload[],
  budgetBytes = MAX_DECODED_BYTES_PER_REQUEST,
): Promise<Payload[]> {
  const out: Payload[] = [];
  let left = budgetBytes;
  for (const payload of payloads) {
    if (encodingOf(payload) !== ZLIB_ENCODING) {
      out.push(payload);
      continue;
    }
    let raw: Buffer;
    try {
      raw = await inflateAsync(payload.data ?? new Uint8Array(), { maxOutputLength: Math.max(1, left) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new RangeError(`the payloads inflate to more than the ${budgetBytes} bytes one request may decode`);
      throw err;
    }
    left -= raw.length;
    const inner = ProtoPayload.decode(raw);
    out.push({ metadata: inner.metadata, data: inner.data } as Payload);
  }
  return out;
}

/** The data converter of every Temporal client and worker in claimwatch: JSON payloads, big ones compressed. */
export const dataConverter: DataConverter = { payloadCodecs: [new ZlibPayloadCodec()] };
