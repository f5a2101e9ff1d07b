import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Claim } from '../../../schemas/claim.ts';
import type { TallyFigure, TallyHeadline } from '../../../schemas/tally.ts';
import { seriesId, seriesKeyOf } from '../../../domain/tally/series.ts';
import { type SeriesKey } from '../../../schemas/tally.ts';
import { envelope, stableId } from '../../../services/platform/bus/envelopes.ts';
import type { EventProducer, KafkaBus, OutgoingMessage } from '../../../services/platform/kafka.ts';
import type { Client } from '@temporalio/client';
import type { Service } from '../../../services/platform/service.ts';
import { alertsTaskQueue } from '../../../workflows/webhooks/messages.ts';
import { terminateRunning } from '../../support/temporal.ts';
import { figure } from '../../unit/webhooks/fixtures.ts';

// Test support for the webhook tests: a local endpoint that records every request, and claims/tally
// messages shaped exactly as the pipeline publishes them (same envelopes, keys and deterministic ids).

export interface Received {
  path: string;
  key: string;
  timestamp: string;
  signature: string;
  body: string;
  status: number;
}

/** An HTTP endpoint on loopback: `/flaky/…` answers 503 to the first `failures` attempts of each idempotency key, then 200; `/gone/…` 410; anything else 200. */
export async function startEndpoint(
  failures = 3,
): Promise<{ url: (path: string) => string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      const path = req.url ?? '';
      const n = (attempts.get(`${path} ${key}`) ?? 0) + 1;
      attempts.set(`${path} ${key}`, n);
      const status = path.startsWith('/gone/') ? 410 : path.startsWith('/flaky/') && n <= failures ? 503 : 200;
      received.push({
        path,
        key,
        timestamp: String(req.headers['x-claimwatch-timestamp']),
        signature: String(req.headers['x-claimwatch-signature']),
        body,
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: (path) => `${base}${path}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export const SETTLEMENTS: SeriesKey = {
  topic: 'settlements-captured',
  actor: 'ukraine',
  counterpart: 'russia',
  item: null,
  place: 'kursk-oblast',
};
export const AREA: SeriesKey = {
  topic: 'territory-area',
  actor: 'ukraine',
  counterpart: 'russia',
  item: null,
  place: 'kursk-oblast',
};
export const CLAIM_TOPICS = ['settlements-captured', 'territory-area'];

/** A claim report on its claims topic, as process-article publishes it (envelope id from the claim id). */
export function claimMessage(
  key: SeriesKey,
  id: string,
  value: number,
  copyOf: string | null = null,
): { topic: string; message: OutgoingMessage } {
  const claim: Claim = {
    id,
    articleId: `art-${id}`,
    ...key,
    quantity: {
      value,
      unit: key.topic === 'territory-area' ? 'km2' : 'count',
      qualifier: 'exact',
      low: value,
      high: value,
    },
    kind: 'total',
    period: null,
    asOf: '2024-08-14',
    attribution: [],
    hedge: null,
    evidence: { quote: `A spokesman gave the figure as ${value}.`, start: 0, end: 30 },
    extractor: { name: 'rules', version: '1.0.0' },
  };
  const env = envelope(
    'ClaimReported',
    { claim, source: 'Lakeside Courier', url: `https://news.example/${id}`, copyOf },
    { id: stableId('claim', id, copyOf ?? '') },
  );
  return {
    topic: key.topic,
    message: { key: seriesId(seriesKeyOf(claim)), value: JSON.stringify(env), headers: { type: 'ClaimReported' } },
  };
}

const fig = (value: number): TallyFigure =>
  figure(value, { source: 'Lakeside Courier', origin: 'Lakeside Courier', asOf: '2024-08-14' });

/** A tally snapshot on the tallies topic, as series-tally publishes it (envelope id from series and version). */
export function tallyMessage(
  key: SeriesKey,
  version: number,
  latest: number | null,
  disputed = false,
): OutgoingMessage {
  const id = seriesId(key);
  const summary: TallyHeadline = {
    seriesId: id,
    key,
    version,
    unit: 'count',
    otherUnits: [],
    reportCount: 2,
    incrementCount: 0,
    latest: latest === null ? null : fig(latest),
    window: null,
    conservative: null,
    highest: null,
    independentSources: 2,
    sourcesAgreeingWithLatest: 1,
    disputed,
    disputes: disputed ? [['c-a', 'c-b']] : [],
    reportedIncrementSum: null,
    extractorVersions: ['1.0.0'],
    origins: ['a', 'b'],
    windowDays: 14,
    latestPeriodCount: null,
    periodSum: null,
    periodReportCount: 0,
  };
  const env = envelope(
    'TallyPublished',
    { seriesId: id, version, summary, reports: [], removedReports: [] },
    { id: stableId('tally', id, String(version)) },
  );
  return { key: id, value: JSON.stringify(env), headers: { type: 'TallyPublished' } };
}

/** Ends what an alerts test started: the service, its still-running subscription workflows, connections, and its topics. */
export async function releaseAlertsTest(parts: {
  service?: Service;
  client: Client;
  taskQueue: string;
  closeClient?: () => Promise<void>;
  /** The process clients the service was given, closed after the Temporal client. */
  clients?: { close(): Promise<void> };
  producer?: EventProducer;
  bus?: KafkaBus;
  prefix: string;
}): Promise<void> {
  await parts.service?.stop();
  await terminateRunning(parts.client, alertsTaskQueue(parts.taskQueue));
  await parts.closeClient?.();
  await parts.clients?.close();
  await parts.producer?.disconnect();
  await parts.bus
    ?.deleteTopics((await parts.bus.listTopics()).filter((t) => t.startsWith(`${parts.prefix}.`)))
    .catch(() => undefined);
  await parts.bus?.close();
}
