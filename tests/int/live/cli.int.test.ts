import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaimViewSchema } from '../../../schemas/feed.ts';
import { topicNames } from '../../../schemas/topics.ts';
import { ensurePipelineTopics } from '../../../services/platform/bus/topics.ts';
import { repoRoot } from '../../../services/platform/config.ts';
import { createKafkaBus, type EventProducer, type KafkaBus } from '../../../services/platform/kafka.ts';
import { claimTopicIds, taxonomyFromFile } from '../../../services/app/taxonomy.ts';
import { testContext, uniqueName, waitFor } from '../../support/harness.ts';
import { reportedClaim, type Published } from './claims.ts';

// `claimwatch subscribe` as a user runs it: a child process (bin/claimwatch.mjs) reading the claims topics of a
// unique prefix from the real broker while the test publishes, stopped with SIGINT.
interface Running {
  child: ChildProcess;
  stdout: () => string[];
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], prefix: string): Running {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'claimwatch.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out.split('\n').filter((l) => l !== ''), stderr: () => err, exited };
}

describe('claimwatch subscribe', () => {
  const { config, log } = testContext({ KAFKA_TOPIC_PREFIX: uniqueName('t') });
  const prefix = config.kafka.topicPrefix;
  const names = topicNames(prefix);
  let bus: KafkaBus;
  let producer: EventProducer;
  const children: Running[] = [];

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'test-subscribe-cli', log });
    // Every claim topic of the taxonomy, as the pipeline creates them.
    await ensurePipelineTopics(bus, prefix, claimTopicIds(taxonomyFromFile(config.taxonomyFile)));
    producer = await bus.createProducer();
  });
  afterAll(async () => {
    for (const c of children) c.child.kill('SIGKILL');
    await producer?.disconnect();
    await bus.deleteTopics((await bus.listTopics()).filter((t) => t.startsWith(`${prefix}.`))).catch(() => undefined);
    await bus?.close();
  });

  const send = async (messages: readonly Published[]) => {
    for (const m of messages)
      await producer.send(names.claims(m.topic), [{ key: m.key, value: JSON.stringify(m.envelope) }]);
  };
  const start = async (args: string[]) => {
    const r = run(args, prefix);
    children.push(r);
    await waitFor(() => (r.stderr().includes('Ctrl-C stops') ? true : undefined), {
      what: `claimwatch ${args.join(' ')} to start: ${r.stderr()}`,
      timeoutMs: 60_000,
    });
    return r;
  };

  it('--json prints the claims of its topic published while it runs, one object per line, and exits 0 on Ctrl-C', async () => {
    const earlier = reportedClaim('territory-area', 'before-cli', 1);
    await send([earlier]);
    const cli = await start(['subscribe', 'territory-area', '--json']);
    const area = [1, 2, 3].map((i) => reportedClaim('territory-area', 'cli', i));
    const other = [1, 2].map((i) => reportedClaim('settlements-captured', 'cli', i));
    await send([area[0], other[0], area[1], other[1], area[2]].filter((m): m is Published => m !== undefined));
    // A message that is not a claims envelope is reported and skipped, not printed.
    await producer.send(names.claims('territory-area'), [{ key: 'territory-area:-:-:-:-', value: '{"broken": true}' }]);

    await waitFor(() => (cli.stdout().length >= 3 ? true : undefined), { what: 'three claim lines' });
    await waitFor(() => (cli.stderr().includes('skipped') ? true : undefined), {
      what: 'the broken message to be reported',
    });
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    const lines = cli.stdout().map((l) => JSON.parse(l) as Record<string, unknown>);
    // Three series, so three partitions may interleave: compare as sets.
    expect(lines.map((l) => ClaimViewSchema.parse(l).claim.id).sort()).toEqual(area.map((m) => m.claimId).sort());
    expect(lines.map((l) => l.seriesId).sort()).toEqual(area.map((m) => m.key).sort());
    expect(lines.every((l) => l.event === 'ClaimReported')).toBe(true);
    expect(cli.stdout().join('\n')).not.toContain(earlier.claimId);
    expect(cli.stderr()).toMatch(/skipped .*territory-area\.v1\/\d+\/\d+: /);
  });

  it('--since replays from a date, --series keeps one series, and lines read as figure, who/where, outlet and quote', async () => {
    const wanted = reportedClaim('settlements-captured', 'since', 5, { place: 'belgorod-oblast' });
    await send([wanted, reportedClaim('settlements-captured', 'since', 6, { place: 'kharkiv-oblast' })]);
    const cli = await start([
      'subscribe',
      'territory-area',
      'settlements-captured',
      '--since',
      '2000-01-01',
      '--series',
      wanted.key,
    ]);
    await waitFor(() => (cli.stdout().some((l) => l.includes('since desk')) ? true : undefined), {
      what: 'the replayed claim',
    });
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    const lines = cli.stdout();
    expect(lines.every((l) => l.includes('ukraine → russia · belgorod-oblast'))).toBe(true);
    expect(lines).toContain(
      '2024-08-15  settlements-captured  55  ukraine → russia · belgorod-oblast  [since desk]  “Officials quoted by the since desk put the figure at 55 villages near belgorod-oblast (report 5).”',
    );
  });

  it('refuses an unknown topic and lists the known ones', async () => {
    const cli = run(['subscribe', 'territory-area', 'weather'], prefix);
    // A usage error (exit 2, issue #18) naming every known topic.
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(
      /unknown topic "weather"; known topics: aerial-attacks, .*military-aid, .*territory-area/,
    );
  });
});
