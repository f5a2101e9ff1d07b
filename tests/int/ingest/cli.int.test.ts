import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultTaxonomy } from '../../../domain/extract/index.ts';
import { topicNames } from '../../../schemas/topics.ts';
import { registerIngestCommand } from '../../../services/app/cli/commands/ingest.ts';
import { createKafkaBus } from '../../../services/platform/kafka.ts';
import { testContext, uniqueName } from '../../support/harness.ts';
import { messageCount } from './topic-reader.ts';

// Runs the command in-process, as `claimwatch ingest FILE` would: cliContext() reads process.env,
// so the unique topic prefix goes there (the CLI context is built once per process).
describe('claimwatch ingest (command)', () => {
  const prefix = uniqueName('t');
  const previousPrefix = process.env.KAFKA_TOPIC_PREFIX;
  process.env.KAFKA_TOPIC_PREFIX = prefix;
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: prefix });
  const topics = topicNames(prefix);
  const bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'ingest-cli-test', log });
  afterAll(async () => {
    if (previousPrefix === undefined) delete process.env.KAFKA_TOPIC_PREFIX;
    else process.env.KAFKA_TOPIC_PREFIX = previousPrefix;
    await bus.deleteTopics((await bus.listTopics()).filter((t) => t.startsWith(`${prefix}.`))).catch(() => undefined);
    await bus.close();
  });

  it('creates the pipeline topics, publishes, prints the summary and exits 1 when lines were dead-lettered', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const program = new Command().exitOverride();
    registerIngestCommand(program);
    try {
      await program.parseAsync([
        'node',
        'claimwatch',
        'ingest',
        fileURLToPath(new URL('../../fixtures/ingest/mixed.jsonl', import.meta.url)),
      ]);
      expect(process.exitCode).toBe(1);
      expect(out.mock.calls.map((c) => String(c[0]))).toEqual(['published 3, dead-lettered 3\n']);
      expect(err.mock.calls.map((c) => String(c[0])).filter((l) => /mixed\.jsonl:\d+:/.test(l))).toHaveLength(3);
    } finally {
      process.exitCode = undefined;
      out.mockRestore();
      err.mockRestore();
    }
    const existing = await bus.listTopics();
    for (const t of [
      topics.rawArticles,
      topics.deadLetters,
      topics.tallies,
      ...defaultTaxonomy().topics.map((c) => topics.claims(c.id)),
    ])
      expect(existing).toContain(t);
    expect(await messageCount(bus, topics.rawArticles)).toBe(3);
    expect(await messageCount(bus, topics.deadLetters)).toBe(3);
  });
});
