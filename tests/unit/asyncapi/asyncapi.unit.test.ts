import { Parser, type AsyncAPIDocumentInterface, type Diagnostic } from '@asyncapi/parser';
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import type { Claim } from '../../../schemas/claim.ts';
import { buildAsyncApiDocument } from '../../../schemas/asyncapi.ts';
import { ClaimsTopicMessageSchema } from '../../../schemas/topics.ts';
import { asyncApiDocumentFor, registerAsyncApiRoute } from '../../../services/surfaces/api/asyncapi-route.ts';
import { envelope } from '../../../services/platform/bus/envelopes.ts';
import { claimTopicIds } from '../../../services/app/taxonomy.ts';
import { createSecretBox } from '../../../services/pipeline/webhooks/secret-box.ts';
import { RegistryMessageSchema } from '../../../schemas/webhook.ts';
import { DedupVerdictSchema } from '../../../schemas/topics.ts';

type JsonSchema = Record<string, unknown>;

// The JSON Schema keywords this check understands; any other keyword fails the test rather than being skipped.
const IGNORED = new Set(['format', 'default', 'description', 'title', '$schema']);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Problems of `value` against a (dereferenced) draft-07 schema, as `path: problem`. */
function check(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const problems: string[] = [];
  for (const [kw, arg] of Object.entries(schema)) {
    if (IGNORED.has(kw) || kw.startsWith('x-parser-')) continue;
    switch (kw) {
      case 'type': {
        const types = (Array.isArray(arg) ? arg : [arg]) as string[];
        const t = typeOf(value);
        if (!types.includes(t) && !(t === 'integer' && types.includes('number')))
          problems.push(`${path}: ${t} is not ${types.join('|')}`);
        break;
      }
      case 'const':
        if (value !== arg) problems.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(arg)}`);
        break;
      case 'enum':
        if (!(arg as unknown[]).includes(value)) problems.push(`${path}: ${JSON.stringify(value)} not in enum`);
        break;
      case 'required':
        for (const k of arg as string[])
          if (typeOf(value) === 'object' && !(k in (value as object))) problems.push(`${path}: missing ${k}`);
        break;
      case 'properties':
        if (typeOf(value) === 'object') {
          for (const [k, sub] of Object.entries(arg as Record<string, JsonSchema>)) {
            const v = (value as Record<string, unknown>)[k];
            if (v !== undefined) problems.push(...check(sub, v, `${path}.${k}`));
          }
        }
        break;
      case 'items':
        if (Array.isArray(value))
          value.forEach((v, i) => problems.push(...check(arg as JsonSchema, v, `${path}[${i}]`)));
        break;
      case 'anyOf':
        if (!(arg as JsonSchema[]).some((s) => check(s, value, path).length === 0))
          problems.push(`${path}: matches no anyOf branch`);
        break;
      case 'oneOf':
        if ((arg as JsonSchema[]).filter((s) => check(s, value, path).length === 0).length !== 1)
          problems.push(`${path}: does not match exactly one oneOf branch`);
        break;
      case 'minLength':
        if (typeof value === 'string' && value.length < (arg as number))
          problems.push(`${path}: shorter than ${String(arg)}`);
        break;
      case 'maxLength':
        if (typeof value === 'string' && value.length > (arg as number))
          problems.push(`${path}: longer than ${String(arg)}`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (arg as number)) problems.push(`${path}: below ${String(arg)}`);
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (arg as number)) problems.push(`${path}: above ${String(arg)}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(arg as string).test(value))
          problems.push(`${path}: does not match ${String(arg)}`);
        break;
      default:
        throw new Error(`check: unsupported keyword ${kw} at ${path}`);
    }
  }
  return problems;
}

const taxonomy = defaultTaxonomy();
const claimTopics = claimTopicIds(taxonomy);
const raw = asyncApiDocumentFor({ prefix: 'claimwatch', brokers: ['127.0.0.1:9092'], claimTopics });

/** The ids of a channel's messages, sorted. */
const messageIds = (channel: { messages(): { all(): Array<{ id(): string }> } } | undefined): string[] =>
  channel
    ?.messages()
    .all()
    .map((m) => m.id())
    .sort() ?? [];

function aClaim(): Claim {
  const claims = extractClaims(
    {
      id: 'asyncapi-1',
      url: 'https://example.org/asyncapi-1',
      source: 'Example Wire',
      published_at: '2024-03-01T10:00:00Z',
      title: 'Front line',
      text: 'Ukrainian forces captured more than 70 settlements in the Kursk region, the general staff said.',
    },
    taxonomy,
  );
  expect(claims).toHaveLength(1);
  return claims[0]!;
}

describe('AsyncAPI document', () => {
  let doc: AsyncAPIDocumentInterface;
  let diagnostics: Diagnostic[];

  beforeAll(async () => {
    const parsed = await new Parser().parse(JSON.stringify(raw)); // as a subscriber downloads it
    diagnostics = parsed.diagnostics;
    if (!parsed.document) throw new Error(`not a valid AsyncAPI document: ${JSON.stringify(diagnostics, null, 2)}`);
    doc = parsed.document;
  }, 60_000); // the parser takes seconds on a loaded 2-core machine

  it('validates with @asyncapi/parser: no errors or warnings', () => {
    expect(
      diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('/')}`),
    ).toEqual([]);
    expect(doc.version()).toBe('3.0.0');
    expect(doc.servers().get('kafka')?.host()).toBe('127.0.0.1:9092');
  });

  it('has one channel per claim topic of the default taxonomy, plus raw articles, tallies, dead letters, subscriptions and dedup verdicts', () => {
    expect(claimTopics.length).toBeGreaterThan(1);
    expect(doc.channels().length).toBe(claimTopics.length + 6);
    for (const topic of claimTopics) {
      const channel = doc.channels().get(`claims.${topic}`);
      expect(channel?.address()).toBe(`claimwatch.claims.${topic}.v1`);
      expect(channel?.description()).toContain(`"${topic}"`);
      expect(channel?.description()).toContain('series id');
      expect(messageIds(channel)).toEqual(['ArticleClaimsReplaced', 'ArticleCopyRecorded', 'ClaimReported']);
      expect(channel?.bindings().get('kafka')?.value()).toMatchObject({
        partitions: 3,
        topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': -1 },
      });
      const ops = channel?.operations().all() ?? [];
      expect(ops.map((o) => o.action())).toEqual(['receive']);
    }
    expect(doc.channels().get('articlesRaw')?.address()).toBe('claimwatch.articles.raw.v1');
    expect(
      doc
        .channels()
        .get('articlesRaw')
        ?.operations()
        .all()
        .map((o) => o.action())
        .sort(),
    ).toEqual(['receive', 'send']);
    expect(doc.channels().get('tallies')?.bindings().get('kafka')?.value()).toMatchObject({
      topicConfiguration: { 'cleanup.policy': ['compact'] },
    });
    expect(doc.channels().get('deadLetters')?.address()).toBe('claimwatch.deadletter.v1');
  });

  it('declares the key as a string in the Kafka message binding', () => {
    const message = doc.channels().get('claims.settlements-captured')?.messages().get('ClaimReported');
    const kafka = message?.bindings().get('kafka')?.value() as { key?: JsonSchema } | undefined;
    expect(kafka?.key).toMatchObject({ type: 'string', description: 'The series id.' });
  });

  it('reuses the claim schema through components.schemas', () => {
    const schemas = (raw as { components: { schemas: Record<string, unknown> } }).components.schemas;
    const json = JSON.stringify(raw);
    expect(schemas.Claim).toBeDefined();
    expect(json.split('"#/components/schemas/Claim"').length - 1).toBe(2); // ClaimReported.data.claim, ArticleClaimsReplaced.data.claims[]
    expect(json.split('"evidence":{').length - 1).toBeLessThanOrEqual(3); // Claim, the tally report, not once per channel
  });

  it('the claims payloads accept real envelopes of a real claim, and the zod contract agrees', () => {
    const claim = aClaim();
    const channel = doc.channels().get(`claims.${claim.topic}`);
    expect(channel).toBeDefined();
    const trace = { correlationId: 'req-1', causationId: 'msg-0' };
    const ref = { articleId: claim.articleId, source: 'Example Wire', url: 'https://example.org/asyncapi-1' };
    const events = {
      ClaimReported: envelope(
        'ClaimReported',
        { claim, source: 'Example Wire', url: ref.url, copyOf: null },
        { metadata: trace },
      ),
      ArticleCopyRecorded: envelope(
        'ArticleCopyRecorded',
        { ...ref, canonicalArticleId: 'asyncapi-0' },
        { metadata: trace },
      ),
      ArticleClaimsReplaced: envelope(
        'ArticleClaimsReplaced',
        { ...ref, extractorVersion: claim.extractor.version, claims: [claim] },
        { metadata: trace },
      ),
    };
    for (const [type, env] of Object.entries(events)) {
      const payload = channel?.messages().get(type)?.payload()?.json() as JsonSchema | undefined;
      expect(payload, type).toBeDefined();
      const wire: unknown = JSON.parse(JSON.stringify(env));
      expect(check(payload!, wire), type).toEqual([]);
      expect(ClaimsTopicMessageSchema.safeParse(wire).success, type).toBe(true);
    }

    // The check has teeth: a claim without a quantity, a wrong type, a missing correlation id are refused.
    const payload = channel?.messages().get('ClaimReported')?.payload()?.json() as JsonSchema;
    const { quantity: _q, ...noQuantity } = claim;
    const bad = JSON.parse(
      JSON.stringify({
        ...events.ClaimReported,
        type: 'ClaimRemoved',
        data: { ...events.ClaimReported.data, claim: noQuantity },
        metadata: { causationId: null },
      }),
    ) as unknown;
    expect(check(payload, bad)).toEqual([
      '$.type: "ClaimRemoved" is not "ClaimReported"',
      '$.data.claim: missing quantity',
      '$.metadata: missing correlationId',
    ]);
  });

  it('documents the webhook registry with its secret sealed: a sealed registration passes, a plain secret does not', () => {
    const channel = doc.channels().get('subscriptions');
    expect(channel?.address()).toBe('claimwatch.subscriptions.v1');
    expect(messageIds(channel)).toEqual(['SubscriptionRegistered', 'SubscriptionRemoved']);
    const payload = channel?.messages().get('SubscriptionRegistered')?.payload()?.json() as JsonSchema;
    const box = createSecretBox({ current: Buffer.alloc(32, 7) });
    const subscription = {
      id: 'sub-1',
      url: 'https://hooks.example/a',
      condition: { kind: 'new-claim', topic: 'territory-area' },
      description: null,
      createdAt: '2024-08-13T10:00:00Z',
    };
    const sealed = JSON.parse(
      JSON.stringify(
        envelope('SubscriptionRegistered', { ...subscription, secret: box.seal('a-secret-of-24-characters') }),
      ),
    ) as unknown;
    expect(check(payload, sealed)).toEqual([]);
    expect(RegistryMessageSchema.safeParse(sealed).success).toBe(true);
    const plain = JSON.parse(
      JSON.stringify(envelope('SubscriptionRegistered', { ...subscription, secret: 'a-secret-of-24-characters' })),
    ) as unknown;
    expect(check(payload, plain)).toEqual([expect.stringMatching(/^\$\.data\.secret: does not match/)]);
    const removed = channel?.messages().get('SubscriptionRemoved')?.payload()?.json() as JsonSchema;
    expect(
      check(
        removed,
        JSON.parse(JSON.stringify(envelope('SubscriptionRemoved', { id: 'sub-1', removedAt: '2024-08-14T10:00:00Z' }))),
      ),
    ).toEqual([]);
  });

  it('documents the dedup verdicts topic', () => {
    const channel = doc.channels().get('dedupVerdicts');
    expect(channel?.address()).toBe('claimwatch.dedup.v1');
    const payload = channel?.messages().get('DedupVerdict')?.payload()?.json() as JsonSchema;
    const verdict = JSON.parse(
      JSON.stringify(
        envelope('DedupVerdict', {
          articleId: 'a-2',
          duplicateOf: 'a-1',
          similarity: 0.93,
          reason: 'near-duplicate' as const,
        }),
      ),
    ) as unknown;
    expect(check(payload, verdict)).toEqual([]);
    expect(DedupVerdictSchema.safeParse(verdict).success).toBe(true);
  });

  it('documents the process counters topic: a plain record (no envelope), compacted, one partition', () => {
    const channel = doc.channels().get('processCounters');
    expect(channel?.address()).toBe('claimwatch.process-counters.v1');
    expect(channel?.bindings().get('kafka')?.value()).toMatchObject({
      partitions: 1,
      topicConfiguration: { 'cleanup.policy': ['compact'] },
    });
    const payload = channel?.messages().get('ProcessCounters')?.payload()?.json() as JsonSchema;
    const record = {
      processId: 'host-a:4242:x1',
      command: 'worker',
      host: 'host-a',
      pid: 4242,
      startedAt: '2024-08-14T10:00:00.000Z',
      at: '2024-08-14T10:05:00.000Z',
      counters: {
        articlesDispatched: 12,
        duplicates: { redelivery: 1, copy: 2 },
        claimsPublished: 30,
        deadLetters: 0,
        workflowStartFailures: 0,
      },
    };
    expect(check(payload, record)).toEqual([]);
    expect(check(payload, { ...record, pid: 'not a number' })).not.toEqual([]);
  });

  it('is pure and follows the prefix and the claim topics', () => {
    const a = buildAsyncApiDocument({
      prefix: 'p1',
      claimTopics: ['casualties'],
      brokers: ['b1:9092', 'b2:9092'],
      version: '9.9.9',
    });
    expect(a).toEqual(
      buildAsyncApiDocument({
        prefix: 'p1',
        claimTopics: ['casualties'],
        brokers: ['b1:9092', 'b2:9092'],
        version: '9.9.9',
      }),
    );
    const channels = a.channels as Record<string, { address: string; bindings: { kafka: Record<string, unknown> } }>;
    expect(Object.values(channels).map((c) => c.address)).toEqual([
      'p1.articles.raw.v1',
      'p1.claims.casualties.v1',
      'p1.tallies.v1',
      'p1.deadletter.v1',
      'p1.subscriptions.v1',
      'p1.dedup.v1',
      'p1.process-counters.v1',
    ]);
    expect(channels['claims.casualties']?.bindings.kafka).toEqual({
      topic: 'p1.claims.casualties.v1',
      bindingVersion: '0.5.0',
    });
    expect(Object.keys(a.servers as object)).toEqual(['kafka-1', 'kafka-2']);
  });
});

describe('GET /api/asyncapi.json', () => {
  it('serves the document', async () => {
    const app = Fastify();
    registerAsyncApiRoute(app, { document: raw });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/asyncapi.json' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual(raw);
    } finally {
      await app.close();
    }
  });
});
