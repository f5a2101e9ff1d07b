import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { registerTemporalCodecRoutes } from '../../../services/surfaces/api/temporal-codec-routes.ts';
import { ZlibPayloadCodec } from '../../../services/platform/payload-codec.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { createSmokeActivities } from '../../../workflows/smoke/activities.ts';
import { testContext, uniqueName } from '../../support/harness.ts';
import { withWorker } from '../../support/temporal.ts';

const ctx = testContext();
const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');

describe('Temporal codec server on the local stack', () => {
  const readModel = openSqliteReadModel({ path: ':memory:' });
  let app: FastifyInstance | undefined;
  afterAll(async () => {
    await app?.close();
    readModel.close();
  });

  it('is the codec endpoint the local Temporal UI uses', async () => {
    const settings = (await (await fetch(`${ctx.config.temporal.uiUrl}/api/v1/settings`)).json()) as {
      Codec?: { Endpoint?: string };
    };
    // A dev server started by an older claimwatch has no endpoint: `npx claimwatch stack down && npx claimwatch stack up`.
    expect(settings.Codec?.Endpoint).toBe(`http://127.0.0.1:${ctx.config.http.port}/api/temporal-codec`);
  });

  it('decodes a compressed payload of a real workflow history back to its JSON', async () => {
    const big = Array.from({ length: 2000 }, (_, i) => `report ${i}: about ${i * 3} people left, officials said`).join(
      '\n',
    );
    const taskQueue = uniqueName('codec-q');
    const workflowId = uniqueName('codec');
    const history = await withWorker(
      ctx,
      { taskQueue, activities: createSmokeActivities({ workerIdentity: 'codec-test' }) },
      async (client) => {
        await client.workflow.execute('smokeWorkflow', { taskQueue, workflowId, args: [big] });
        return client.workflow.getHandle(workflowId).fetchHistory();
      },
    );
    const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(new TextDecoder().decode(input?.metadata?.encoding ?? new Uint8Array())).toBe('binary/zlib');
    app = await buildApiApp({
      readModel,
      log: ctx.log,
      config: { http: { host: '127.0.0.1', port: 0, token: 'secret' } },
      // On loopback, as the local stack's UI calls it: public (the UI cannot send the token).
      extraRoutes: [
        (a) =>
          registerTemporalCodecRoutes(a, {
            codec: new ZlibPayloadCodec(),
            uiOrigins: [ctx.config.temporal.uiUrl],
            public: true,
          }),
      ],
    });
    const wire = {
      metadata: Object.fromEntries(Object.entries(input?.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
      data: b64(input?.data),
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/temporal-codec/decode',
      payload: { payloads: [wire] },
      headers: { origin: ctx.config.temporal.uiUrl, 'x-namespace': 'default' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(ctx.config.temporal.uiUrl);
    const [decoded] = res.json().payloads as Array<{ metadata: Record<string, string>; data: string }>;
    expect(Buffer.from(decoded?.metadata.encoding ?? '', 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(decoded?.data ?? '', 'base64').toString())).toBe(big);
  });
});
