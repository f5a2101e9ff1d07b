import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscriptionActivities } from '../../../workflows/webhooks/activities.ts';
import { verifyWebhook } from '../../../domain/webhooks/signature.ts';
import type { Alert } from '../../../schemas/webhook.ts';
import { SERIES, figure } from './fixtures.ts';

// The delivery activity against a real HTTP server on loopback: status codes map to retry meaning.
const secret = 'whsec_unit_secret_0123456';
const alert: Alert = {
  alertId: 'al_unit',
  subscriptionId: 'sub_unit',
  condition: { kind: 'new-figure', series: SERIES },
  event: {
    kind: 'new-figure',
    seriesId: SERIES,
    topic: 'settlements-captured',
    version: 2,
    previous: null,
    latest: figure(74),
  },
  occurredAt: '2024-08-13T09:00:00.000Z',
};

describe('deliverAlert', () => {
  let server: Server;
  let base = '';
  const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        const status = Number(req.url?.slice(1));
        if (status === 503) res.setHeader('retry-after', '7');
        if (status === 302) res.setHeader('location', 'https://elsewhere.example/');
        res.writeHead(status).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const activities = createSubscriptionActivities({
    secretOf: (id) => (id === 'sub_unit' ? secret : undefined),
    allowPrivate: true,
    now: () => new Date(1723540000000),
  });
  const deliver = (path: string, a: Alert = alert) =>
    activities.deliverAlert({ alert: a, url: `${base}${path}`, timeoutMs: 2000 });
  const failure = async (p: Promise<unknown>) => {
    const err = (await p.then(
      () => undefined,
      (e: unknown) => e,
    )) as { type?: string; nonRetryable?: boolean; nextRetryDelay?: unknown; message: string } | undefined;
    expect(err).toBeDefined();
    return err as NonNullable<typeof err>;
  };

  it('POSTs the alert JSON with the idempotency key and a verifiable signature; 2xx is delivered', async () => {
    await expect(deliver('/204')).resolves.toEqual({ status: 204 });
    const got = seen.at(-1);
    expect(got?.headers['idempotency-key']).toBe('al_unit');
    expect(got?.headers['x-claimwatch-timestamp']).toBe('1723540000');
    expect(JSON.parse(got?.body ?? '')).toEqual(alert);
    const ok = verifyWebhook({
      secret,
      timestamp: String(got?.headers['x-claimwatch-timestamp']),
      body: got?.body ?? '',
      signature: String(got?.headers['x-claimwatch-signature']),
      nowSeconds: 1723540010,
    });
    expect(ok).toBe(true);
  });
  it('4xx (but 408/429) and redirects are non-retryable; 5xx, 408, 429 and refused connections are retried', async () => {
    expect(await failure(deliver('/404'))).toMatchObject({ type: 'WebhookRejected', nonRetryable: true });
    expect(await failure(deliver('/302'))).toMatchObject({ type: 'WebhookRejected', nonRetryable: true });
    expect(await failure(deliver('/429'))).toMatchObject({ type: 'WebhookFailed', nonRetryable: false });
    expect(await failure(deliver('/408'))).toMatchObject({ type: 'WebhookFailed', nonRetryable: false });
    const busy = await failure(deliver('/503'));
    expect(busy).toMatchObject({ type: 'WebhookFailed', nonRetryable: false });
    expect(JSON.stringify(busy.nextRetryDelay)).toContain('7000');
    const closed = await failure(activities.deliverAlert({ alert, url: 'http://127.0.0.1:9/', timeoutMs: 2000 }));
    expect(closed).toMatchObject({ type: 'WebhookUnreachable', nonRetryable: false });
  });
  it('refuses private addresses unless allowed, and waits (retryably) for a secret the registry does not have yet', async () => {
    const strict = createSubscriptionActivities({ secretOf: () => secret });
    expect(await failure(strict.deliverAlert({ alert, url: `${base}/200`, timeoutMs: 2000 }))).toMatchObject({
      type: 'WebhookRejected',
      nonRetryable: true,
    });
    expect(await failure(deliver('/200', { ...alert, subscriptionId: 'sub_unknown' }))).toMatchObject({
      type: 'SubscriptionUnknown',
      nonRetryable: false,
    });
  });

  it('refuses, for good, a webhook host that rebinds to a private address between the check and the connect', async () => {
    let asked = 0;
    const rebinding = async () => (asked++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
    const guarded = createSubscriptionActivities({ secretOf: () => secret, allowPrivate: false, lookup: rebinding });
    const before = seen.length;
    const port = new URL(base).port;
    await expect(
      guarded.deliverAlert({ alert, url: `http://hooks.example:${port}/200`, timeoutMs: 2000 }),
    ).rejects.toMatchObject({
      type: 'WebhookRejected',
      nonRetryable: true,
      message: expect.stringMatching(/127\.0\.0\.1 \(loopback\) at connect time/),
    });
    expect(asked).toBe(2);
    expect(seen.length).toBe(before); // nothing reached the loopback server
  });
});
