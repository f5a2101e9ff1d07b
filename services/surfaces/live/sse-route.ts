import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../platform/logger.ts';
import type { ReadModel } from '../../stores/read-model/read-model.ts';
import { feedFilter } from './filter.ts';
import { createFeedHub, type FeedHub, type FeedHubOptions } from './hub.ts';
import { parseSubscribeQuery } from './query.ts';
import { parseLastEventId } from './sse-frame.ts';

export interface SubscribeRouteDeps {
  readModel: ReadModel;
  /** The taxonomy's claim topics: a subscription naming another topic is refused. */
  claimTopics: readonly string[];
  log: Logger;
  /** Hub tuning (poll interval, heartbeat, buffer limits); tests shorten them. */
  hub?: Omit<FeedHubOptions, 'readModel' | 'log'>;
}

/**
 * `GET /api/subscribe?topics=a,b[&series=id1,id2][&lastEventId=N | &since=N]`: the read model's change feed as
 * Server-Sent Events (`id: <seq>`, `event: claim | tally`, `data: <json>`; `event: reset` when the resume point
 * is no longer retained; `event: error` before the server closes a stream; a heartbeat comment every 15 s).
 * A reconnecting client sends `Last-Event-ID` (EventSource does) and gets exactly the entries after it. Without it
 * the stream starts at the current head, or after `since`. It sits behind the API's bearer auth like every /api
 * route. Called by services/app/http.ts; returns the hub (stats, wake) and closes it with the app.
 */
export function registerSubscribeRoute(app: FastifyInstance, deps: SubscribeRouteDeps): FeedHub {
  const hub = createFeedHub({ ...deps.hub, readModel: deps.readModel, log: deps.log });
  // preClose: before the server waits for open connections, which a stream never ends by itself.
  app.addHook('preClose', async () => hub.close());

  app.get('/api/subscribe', async (req, reply) => {
    const query = parseSubscribeQuery(deps.claimTopics, req.query);
    const lastEventId = parseLastEventId(req.headers['last-event-id']);
    const problems = [...(query.ok ? [] : query.problems), ...(lastEventId.ok ? [] : [lastEventId.problem])];
    if (!query.ok || !lastEventId.ok) return reply.code(400).send({ error: 'invalid query', problems });
    if (hub.full())
      return reply.code(503).header('retry-after', '5').send({ error: 'too many subscribers on this server' });

    const resumeAfter = lastEventId.value ?? query.value.lastEventId ?? query.value.since;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx: do not buffer the stream
    });
    req.raw.socket.setNoDelay(true);
    const subscription = hub.subscribe(
      { filter: feedFilter(query.value), ...(resumeAfter !== undefined && { resumeAfter }) },
      res,
    );
    res.once('close', () => subscription.close());
  });
  return hub;
}
