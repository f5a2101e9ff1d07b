import { describe, expect, it } from 'vitest';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { sessionValue } from '../../../services/surfaces/api/auth.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';

const TOKEN = 'tok-3f9a-very-secret';

function capture(): { log: ReturnType<typeof createRootLogger>; text: () => string } {
  const lines: string[] = [];
  const log = createRootLogger('trace', {
    write: (s: string) => (lines.push(s), true),
  } as unknown as NodeJS.WritableStream);
  return { log, text: () => lines.join('') };
}

describe('tokens never reach the logs', () => {
  it('redacts authorization and cookie headers of a logged request, response and error', async () => {
    const { log, text } = capture();
    const rm = openSqliteReadModel({ path: ':memory:' });
    const app = await buildApiApp({
      readModel: rm,
      log,
      config: { http: { host: '127.0.0.1', port: 0, token: TOKEN } },
      extraRoutes: [
        (a) =>
          a.get('/api/boom', async (req) => {
            // What a careless handler might do: log the whole request's headers, then fail.
            req.log.info({ req: { method: req.method, url: req.url, headers: req.headers } }, 'incoming');
            req.log.info({ headers: req.headers }, 'headers');
            throw new Error('boom');
          }),
      ],
    });
    const cookie = `cw_session=${sessionValue(TOKEN)}`;
    const res = await app.inject({ url: '/api/boom', headers: { authorization: `Bearer ${TOKEN}`, cookie } });
    expect(res.statusCode).toBe(500);
    log.info({ res: { headers: { 'set-cookie': cookie } } }, 'response');
    log.info({ token: TOKEN, config: { http: { token: TOKEN } } }, 'config');
    await app.close();
    rm.close();

    const out = text();
    expect(out).toContain('incoming');
    expect(out).toContain('[redacted]');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(sessionValue(TOKEN));
  });
});
