import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { decodeWithin } from '../../platform/payload-codec.ts';
import { describeIssues } from '../../../schemas/problems.ts';

/** Base64 as the Temporal UI and CLI send it (protobuf JSON of `bytes`). */
const Base64Schema = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'not base64');

/** Body of a codec server call (Temporal's remote codec protocol): payloads in protobuf JSON. */
export const CodecRequestSchema = z.object({
  payloads: z.array(
    z.object({ metadata: z.record(z.string(), Base64Schema).optional(), data: Base64Schema.optional() }),
  ),
});
type PayloadJson = z.infer<typeof CodecRequestSchema>['payloads'][number];

const fromJson = (p: PayloadJson): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  ),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});
const toJson = (p: Payload): PayloadJson => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

const PREFIX = '/api/temporal-codec';

/**
 * A Temporal codec server for claimwatch's payload codec: `POST /api/temporal-codec/decode` (and `/encode`) take and
 * return `{ payloads: [...] }`, so the Temporal Web UI (`--ui-codec-endpoint`, set by the local stack) and the CLI
 * (`temporal workflow show --codec-endpoint http://…/api/temporal-codec`) show compressed payloads — a big series'
 * continue-as-new state — as JSON. The browser calls it from the UI's origin: CORS allows exactly `uiOrigins`.
 *
 * Behind the API token unless `public` (the API listens on loopback, or TEMPORAL_CODEC_PUBLIC): the Temporal UI cannot
 * send our token, and a compression codec holds no secret, but decoding costs memory and CPU. So calls are rate-limited
 * per client (600/minute), bodies are at most 4 MiB, and one request inflates at most MAX_DECODED_BYTES_PER_REQUEST
 * in all, one payload after the other (see decodeWithin).
 */
export function registerTemporalCodecRoutes(
  app: FastifyInstance,
  options: { codec: PayloadCodec; uiOrigins: readonly string[]; public?: boolean },
): void {
  const open = options.public === true;
  const cors = (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (origin === undefined || !options.uiOrigins.includes(origin)) return;
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'content-type, x-namespace, authorization')
      .header('vary', 'origin');
  };
  // Preflights carry no credentials, so they are public; they say only what the UI may send.
  app.options(`${PREFIX}/:operation`, { config: { public: true } }, async (req, reply) => {
    cors(req, reply);
    return reply.code(204).send();
  });
  for (const operation of ['decode', 'encode'] as const) {
    // A POST that writes nothing; the UI calls it for every page of history it shows.
    app.post(
      `${PREFIX}/${operation}`,
      { bodyLimit: 4 * 1024 * 1024, config: { public: open, rateLimit: { max: 600, timeWindow: 60_000 } } },
      async (req, reply) => {
        cors(req, reply);
        const body = CodecRequestSchema.safeParse(req.body);
        if (!body.success)
          return reply.code(400).send({ error: 'invalid codec request', problems: describeIssues(body.error) });
        const payloads = body.data.payloads.map(fromJson);
        try {
          const out = operation === 'decode' ? await decodeWithin(payloads) : await options.codec.encode(payloads);
          return { payloads: out.map(toJson) };
        } catch (err) {
          return reply.code(400).send({ error: `cannot ${operation}: ${(err as Error).message}` });
        }
      },
    );
  }
}
