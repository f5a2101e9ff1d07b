import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../../platform/logger.ts';
import { InvalidInputError } from '../../../platform/errors.ts';
import type { Service } from '../../../platform/service.ts';
import type { ArticlePublisher } from '../publisher.ts';
import { pollFeed, type FeedLimits, type FeedState, type PollResult } from './poll-feed.ts';
import { createSeenIds } from './seen-ids.ts';

/** A feed to poll and how often (milliseconds). */
export interface FeedSubscription {
  url: string;
  every: number;
}

/** The feed poller service; `pollOnce` polls every feed now (tests, `--once`) and reports per feed. */
export interface FeedPoller extends Service {
  pollOnce(): Promise<Array<PollResult | { url: string; status: 'failed'; error: string }>>;
}

export interface FeedPollerOptions {
  feeds: FeedSubscription[];
  publisher: ArticlePublisher;
  log: Logger;
  fetchImpl?: typeof fetch;
  /** Fetch feeds and pages on private, loopback and link-local addresses (tests, intranets). */
  allowPrivate?: boolean;
  lookup?: (hostname: string) => Promise<string[]>;
  limits?: Partial<FeedLimits>;
  now?: () => Date;
}

const DEFAULT_LIMITS: FeedLimits = {
  feedTimeoutMs: 15_000,
  pageTimeoutMs: 15_000,
  maxFeedBytes: 10 * 1024 * 1024,
  maxPageBytes: 5 * 1024 * 1024,
  pageConcurrency: 4,
};

/** Builds the feed poller (used by `claimwatch ingest --feed` and `npm start`); throws InvalidInputError for a feed URL that is not http(s) or an interval under 1 s. */
export function createFeedPoller(options: FeedPollerOptions): FeedPoller {
  for (const f of options.feeds) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(f.url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new InvalidInputError('bad feed', [`${f.url}: not an http(s) URL`]);
    if (!(f.every >= 1000)) throw new InvalidInputError('bad feed', [`${f.url}: interval must be at least 1s`]);
  }
  const log = options.log.child({ component: 'feed-poller' });
  const states = new Map<string, FeedState>(options.feeds.map((f) => [f.url, { seen: createSeenIds() }]));
  const inFlight = new Map<string, Promise<PollResult>>();
  let stopper = new AbortController();
  let loops: Array<Promise<void>> = [];

  const deps = () => ({
    publisher: options.publisher,
    log,
    policy: { allowPrivate: options.allowPrivate ?? false, fetchImpl: options.fetchImpl, lookup: options.lookup },
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    now: options.now ?? (() => new Date()),
    signal: stopper.signal,
  });

  // One poll per feed at a time: a pollOnce during a scheduled poll waits for it instead.
  const pollOne = (url: string): Promise<PollResult> => {
    const running = inFlight.get(url);
    if (running) return running;
    const state = states.get(url) ?? { seen: createSeenIds() };
    const p = pollFeed(url, state, deps()).finally(() => inFlight.delete(url));
    inFlight.set(url, p);
    return p;
  };

  const pollSafely = async (url: string) => {
    try {
      const r = await pollOne(url);
      const level = r.published + r.deadLettered > 0 ? 'info' : 'debug';
      log[level]({ feed: url, status: r.status, published: r.published, deadLettered: r.deadLettered }, 'feed polled');
      return r;
    } catch (err) {
      if (!stopper.signal.aborted) log.warn({ feed: url, err }, 'feed poll failed');
      return { url, status: 'failed' as const, error: (err as Error).message };
    }
  };

  const loop = async (feed: FeedSubscription) => {
    const signal = stopper.signal;
    while (!signal.aborted) {
      await pollSafely(feed.url);
      await sleep(feed.every, undefined, { signal }).catch(() => undefined);
    }
  };

  return {
    name: 'feed-poller',
    async start() {
      stopper = new AbortController();
      loops = options.feeds.map((f) => loop(f));
      log.info({ feeds: options.feeds.map((f) => ({ url: f.url, everyMs: f.every })) }, 'polling feeds');
    },
    async stop() {
      stopper.abort();
      await Promise.allSettled([...loops, ...inFlight.values()]);
      loops = [];
    },
    pollOnce: () => Promise.all(options.feeds.map((f) => pollSafely(f.url))),
  };
}
