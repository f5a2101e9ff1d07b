// Pipeline health adds up every process (issue 17): the dispatcher runs as its own process, the HTTP service as
// another; the re-deliveries and the dead letter only the dispatcher saw are in the API's /api/pipeline/health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { PipelineHealth } from '../../../services/surfaces/ops/health.ts';
import { topicNames, type ArticleReceived } from '../../../schemas/topics.ts';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import { envelope } from '../../../services/platform/bus/envelopes.ts';
import { createKafkaBus, type EventProducer, type KafkaBus } from '../../../services/platform/kafka.ts';
import { connectClient } from '../../../services/platform/temporal.ts';
import { repoRoot } from '../../../services/platform/config.ts';
import { groupLag } from '../../../services/platform/bus/lag.ts';
import { generateArticles } from '../../bench/generate-articles.ts';
import { cliProcess, type CliProcess } from '../../support/cli-process.ts';
import { freePort, testContext, uniqueName, waitFor } from '../../support/harness.ts';
import { terminateRunning } from '../../support/temporal.ts';

describe('pipeline health with the services in separate processes', () => {
  const { config, log } = testContext();
  const prefix = uniqueName('health');
  const taskQueue = `${prefix}-q`; // no worker polls it: the started workflows just wait
  const token = 'health-token-0123456789';
  let apiUrl: string;
  let bus: KafkaBus;
  let producer: EventProducer;
  let procs: CliProcess[] = [];

  beforeAll(async () => {
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    execFileSync(process.execPath, [path.join(repoRoot, 'bin', 'claimwatch.mjs'), '--version'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    const env = {
      KAFKA_TOPIC_PREFIX: prefix,
      TEMPORAL_TASK_QUEUE: taskQueue,
      CLAIMWATCH_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'cw-health-')),
      HTTP_PORT: String(port),
      API_TOKEN: token,
      DISPATCH_BATCH_MAX: '1',
    };
    procs = [cliProcess('dispatcher', ['dispatcher'], env, ['dispatcher']), cliProcess('api', ['api'], env, ['api'])];
    await procs[0]!.start();
    await procs[1]!.start();
    bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'health-test', log });
    producer = await bus.createProducer();
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    const { client, close } = await connectClient(config.temporal);
    await terminateRunning(client, taskQueue);
    await close();
    await producer?.disconnect();
    await bus?.close();
  });

  it("counts the dispatcher process's re-deliveries and dead letters in the API process's health", async () => {
    const names = topicNames(prefix);
    const messages = generateArticles(8, 23).map((article) => {
      const canonicalId = canonicalArticleId(article);
      const env: ArticleReceived = envelope('ArticleReceived', {
        article,
        canonicalId,
        channel: 'sample',
        receivedAt: new Date().toISOString(),
      });
      return { key: canonicalId, value: JSON.stringify(env) };
    });
    await producer.send(names.rawArticles, messages);
    const dispatched = () =>
      waitFor(
        async () => ((await groupLag(bus, `${prefix}.dispatcher`, [names.rawArticles])) === 0 ? true : undefined),
        { timeoutMs: 60_000, what: 'the dispatcher to commit' },
      );
    await dispatched();
    // The same eight again (re-deliveries: their workflows exist), and a message that is no article (a dead letter).
    await producer.send(names.rawArticles, [...messages, { key: 'junk', value: '{"not": "an article"}' }]);
    await dispatched();

    const health = await waitFor(
      async () => {
        const res = await fetch(`${apiUrl}/api/pipeline/health`, { headers: { authorization: `Bearer ${token}` } });
        const h = (await res.json()) as PipelineHealth;
        // Each process publishes its own record on its own clock: wait until both have been read.
        return h.duplicates.redelivery === 8 && h.cluster?.totals.deadLetters === 1 && h.cluster.processes.length >= 2
          ? h
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: "the dispatcher's counters in the API's health" },
    );
    expect(health.duplicates.scope).toBe('cluster');
    expect(health.cluster?.totals.articlesDispatched).toBe(8);
    // The API process itself saw none of it: without the topic its health said 0.
    expect(health.process.duplicates.redelivery).toBe(0);
    expect(health.cluster?.processes.map((p) => p.command).sort()).toEqual(['api', 'dispatcher']);
    expect(health.cluster?.processes.every((p) => p.alive)).toBe(true);
  });
});
