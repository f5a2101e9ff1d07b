import { processCountersTopicSpec } from '../ops/process-counters.ts';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildAsyncApiDocument } from '../../../schemas/asyncapi.ts';
import { pipelineTopicSpecs } from '../../platform/bus/topics.ts';

let packageVersion: string | undefined;

function claimwatchVersion(): string {
  packageVersion ??= (
    JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return packageVersion;
}

/**
 * The AsyncAPI document of a running pipeline: its topic prefix, bootstrap servers and claim topics, with the
 * partitions and configs the topics are created with. Used by `claimwatch asyncapi` and the HTTP service.
 */
export function asyncApiDocumentFor(p: {
  prefix: string;
  brokers: readonly string[];
  claimTopics: readonly string[];
}): Record<string, unknown> {
  return buildAsyncApiDocument({
    ...p,
    version: claimwatchVersion(),
    topicSpecs: [...pipelineTopicSpecs(p.prefix, p.claimTopics), processCountersTopicSpec(p.prefix)],
  });
}

/** `GET /api/asyncapi.json`: the AsyncAPI 3.0 document of the Kafka topics (serialised once). */
export function registerAsyncApiRoute(app: FastifyInstance, deps: { document: object }): void {
  const body = JSON.stringify(deps.document);
  app.get('/api/asyncapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
}
