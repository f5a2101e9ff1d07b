import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArticleReceivedSchema, topicNames } from '../../../schemas/topics.ts';
import { registerDeadLettersCommand } from '../../../services/app/cli/commands/dead-letters.ts';
import { registerIngestCommand } from '../../../services/app/cli/commands/ingest.ts';
import { createKafkaBus } from '../../../services/platform/kafka.ts';
import { testContext, uniqueName } from '../../support/harness.ts';
import { messageCount } from './topic-reader.ts';

// `claimwatch dead-letters list|show|replay` in-process against real Kafka, on the dead letters `ingest` leaves for the
// mixed fixture (three bad lines): list them, show one whole, refuse an unchanged replay in words, replay a fixed one.

const MIXED = fileURLToPath(new URL('../../fixtures/ingest/mixed.jsonl', import.meta.url));

/** Runs one command line in-process; returns stdout and what it threw (a UsageError is exit 2 in main.ts). */
async function cli(args: string[]): Promise<{ out: string; error: Error | undefined }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const program = new Command().exitOverride();
  registerIngestCommand(program);
  registerDeadLettersCommand(program);
  try {
    await program.parseAsync(['node', 'claimwatch', ...args]);
    return { out: out.mock.calls.map((c) => String(c[0])).join(''), error: undefined };
  } catch (e) {
    return { out: out.mock.calls.map((c) => String(c[0])).join(''), error: e as Error };
  } finally {
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
  }
}

describe('claimwatch dead-letters (command)', () => {
  const prefix = uniqueName('t');
  const previousPrefix = process.env.KAFKA_TOPIC_PREFIX;
  process.env.KAFKA_TOPIC_PREFIX = prefix;
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: prefix });
  const topics = topicNames(prefix);
  const bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'dead-letters-cli-test', log });
  let listed: Array<{ id: string; source: string; reason: string; location: string; problems: string[] }>;

  beforeAll(async () => {
    await cli(['ingest', MIXED]);
    expect(await messageCount(bus, topics.deadLetters)).toBe(3);
  });
  afterAll(async () => {
    if (previousPrefix === undefined) delete process.env.KAFKA_TOPIC_PREFIX;
    else process.env.KAFKA_TOPIC_PREFIX = previousPrefix;
    await bus.deleteTopics((await bus.listTopics()).filter((t) => t.startsWith(`${prefix}.`))).catch(() => undefined);
    await bus.close();
  });

  it('lists every dead letter newest first with its id, source, reason and location', async () => {
    const { out, error } = await cli(['dead-letters', 'list', '--format', 'json']);
    expect(error).toBeUndefined();
    listed = JSON.parse(out);
    expect(listed.map((l) => l.id).sort()).toEqual(['0/0', '0/1', '0/2']);
    expect(listed.every((l) => l.source === 'ingest:file')).toBe(true);
    expect(listed.map((l) => l.location).sort()).toEqual([`${MIXED}:3`, `${MIXED}:4`, `${MIXED}:7`].sort());
    const table = await cli(['dead-letters', 'list', '--format', 'table', '--tz', 'UTC']);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+WHEN \(UTC\)\s+SOURCE\s+REASON\s+LOCATION$/);
    const csv = await cli(['dead-letters', 'list', '--format', 'csv', '--source', 'ingest:http']);
    expect(csv.out).toBe('ID,WHEN (UTC),SOURCE,REASON,LOCATION\r\n');
  });

  it('shows one dead letter with every problem and the whole payload', async () => {
    const bad = listed.find((l) => l.location.endsWith(':3'))!;
    const { out, error } = await cli(['dead-letters', 'show', bad.id]);
    expect(error).toBeUndefined();
    expect(out).toContain('source    ingest:file');
    expect(out).toContain('  - text: must be a text');
    expect(out).toContain('"published_at": "yesterday"');
    const none = await cli(['dead-letters', 'show', '0/99']);
    expect(none.error?.name).toBe('UsageError');
    expect(none.error?.message).toBe('no dead letter 0/99; the topic holds 0/0–0/2 (`claimwatch dead-letters list`)');
  });

  it('refuses to replay an unchanged bad payload, naming each field, and publishes nothing', async () => {
    const bad = listed.find((l) => l.location.endsWith(':3'))!;
    const before = await messageCount(bus, topics.rawArticles);
    const { error } = await cli(['dead-letters', 'replay', bad.id]);
    expect(error?.name).toBe('UsageError');
    expect(error?.message).toContain(`dead letter ${bad.id} would be refused again unchanged:`);
    expect(error?.message).toContain('  text: must be a text');
    expect(error?.message).toContain('pass it with --input FILE');
    expect(await messageCount(bus, topics.rawArticles)).toBe(before);
  });

  it('replays a fixed payload to the raw topic as an ArticleReceived of its channel', async () => {
    const bad = listed.find((l) => l.location.endsWith(':3'))!;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cw-dl-'));
    const fixed = path.join(dir, 'fixed.json');
    await writeFile(
      fixed,
      JSON.stringify({
        id: 'fx-bad-1',
        url: 'https://maple-ledger.example/fixed',
        source: 'Maple Ledger',
        published_at: '2024-08-14T08:00:00Z',
        title: null,
        text: 'Officials said 12 settlements changed hands.',
      }),
    );
    const before = await messageCount(bus, topics.rawArticles);
    const dry = await cli(['dead-letters', 'replay', bad.id, '--input', fixed, '--dry-run']);
    expect(dry.error).toBeUndefined();
    expect(dry.out).toMatch(/^would publish 1 article\(s\) \(fx-bad-1\)/);
    expect(await messageCount(bus, topics.rawArticles)).toBe(before);
    const { out, error } = await cli(['dead-letters', 'replay', bad.id, '--input', fixed]);
    expect(error).toBeUndefined();
    expect(out).toBe(
      `replayed dead letter ${bad.id} fixed from ${fixed}: published 1 article(s) (fx-bad-1) to ${topics.rawArticles}\n`,
    );
    expect(await messageCount(bus, topics.rawArticles)).toBe(before + 1);
    const partitions = await bus.topicOffsets(topics.rawArticles);
    const all = (
      await Promise.all(partitions.map((p) => bus.readPartitionRange(topics.rawArticles, p.partition, p.low, p.high)))
    ).flat();
    const replayed = all
      .map((m) => ArticleReceivedSchema.parse(JSON.parse(m.value ?? '')))
      .find((e) => e.data.article.id === 'fx-bad-1');
    expect(replayed?.data).toMatchObject({
      channel: 'file',
      article: { source: 'Maple Ledger', text: 'Officials said 12 settlements changed hands.' },
    });
  });
});
