import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../schemas/article.ts';
import { ClaimsTopicMessageSchema, TallyPublishedSchema, topicNames } from '../../../schemas/topics.ts';
import { seriesKeyFromId } from '../../../domain/tally/series.ts';
import { waitFor } from '../../support/harness.ts';
import { startPipeline, type RunningPipeline } from '../../support/pipeline.ts';

// A stock Kafka client (Debian's kcat) reading what the real pipeline (dispatcher, Temporal workflows) published:
// one claims topic holds exactly its own claims, keyed by series id, and the compacted tallies topic holds the
// series' snapshot. The two articles are the team's own wording of August 2024 reporting.
const ARTICLES: Article[] = [
  {
    id: 'kcat-fixture-area',
    url: 'https://lowland-courier.example/2024/08/15/incursion-area',
    source: 'Lowland Courier',
    published_at: '2024-08-15T10:00:00Z',
    title: 'Ukraine says it holds more ground in Kursk',
    text: "Ukrainian forces now control about 1,150 square kilometres of territory in Russia's Kursk region, the commander-in-chief said on Thursday. He told a televised briefing that the advance had slowed but not stopped.",
  },
  {
    id: 'kcat-fixture-settlements',
    url: 'https://riverside-gazette.example/2024/08/16/kursk-villages',
    source: 'Riverside Gazette',
    published_at: '2024-08-16T09:30:00Z',
    title: 'Kyiv claims control of dozens of villages',
    text: 'Ukrainian troops have captured 82 settlements in the Kursk region of Russia since the start of the incursion, the commander-in-chief said on Friday. Moscow did not comment on the figure.',
  },
];

const exec = promisify(execFile);

/** `kcat -C -o beginning -e` over one topic: every message as [key, value]. */
async function kcat(brokers: string, topic: string): Promise<Array<[string, string]>> {
  const { stdout } = await exec(
    'kcat',
    ['-b', brokers, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k\t%s\n'],
    { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const tab = l.indexOf('\t');
      return [l.slice(0, tab), l.slice(tab + 1)];
    });
}

const claimIdsOf = (messages: Array<[string, string]>) =>
  messages.flatMap(([, value]) => {
    const env = ClaimsTopicMessageSchema.parse(JSON.parse(value));
    return env.event.type === 'ClaimReported' ? [env.event.data.claim.id] : [];
  });

describe('a stock Kafka client (kcat) on the claims and tallies topics', () => {
  let pipeline: RunningPipeline;
  let brokers = '';

  beforeAll(async () => {
    pipeline = await startPipeline();
    brokers = pipeline.ctx.config.kafka.brokers.join(',');
    await pipeline.publish(ARTICLES);
    await pipeline.settle(ARTICLES);
  });
  afterAll(async () => {
    await pipeline?.stop();
  });

  it('reads one claim topic: only its claims, keyed by their series; and finds the series snapshot on the tallies topic', async () => {
    const names = topicNames(pipeline.scope);
    const area = await kcat(brokers, names.claims('territory-area'));
    const settlements = await kcat(brokers, names.claims('settlements-captured'));

    expect(area.length).toBeGreaterThanOrEqual(1);
    const areaSeries = new Set<string>();
    for (const [key, value] of area) {
      const env = ClaimsTopicMessageSchema.parse(JSON.parse(value)); // every message is a claims envelope
      expect(seriesKeyFromId(key)?.topic).toBe('territory-area');
      areaSeries.add(key);
      if (env.event.type === 'ClaimReported') {
        expect(env.event.data.claim.topic).toBe('territory-area');
        expect(env.event.data.claim.quantity).toMatchObject({ value: 1150, unit: 'km2', qualifier: 'approx' });
      }
    }
    const areaClaims = claimIdsOf(area);
    const settlementClaims = claimIdsOf(settlements);
    expect(areaClaims.length).toBeGreaterThanOrEqual(1);
    expect(settlementClaims.length).toBeGreaterThanOrEqual(1);
    expect(areaClaims.filter((id) => settlementClaims.includes(id))).toEqual([]);
    expect(settlements.every(([key]) => seriesKeyFromId(key)?.topic === 'settlements-captured')).toBe(true);

    // The series workflow publishes each version after folding the claims: poll the compacted topic until the
    // newest version counts every report. Each message carries the reports that changed, so together they hold all.
    const [series] = [...areaSeries];
    const versions = await waitFor(
      async () => {
        const found = (await kcat(brokers, names.tallies))
          .filter(([key]) => key === series)
          .map(([, value]) => TallyPublishedSchema.parse(JSON.parse(value)));
        return found.at(-1)?.data.summary.reportCount === areaClaims.length ? found : undefined;
      },
      { what: 'the tally of the territory series', timeoutMs: 60_000, intervalMs: 500 },
    );
    const last = versions.at(-1)!;
    expect(last.data.seriesId).toBe(series);
    expect(last.data.summary.latest).toMatchObject({ value: 1150, qualifier: 'approx', source: 'Lowland Courier' });
    const reports = new Map<string, string>();
    for (const v of versions) {
      for (const id of v.data.removedReports) reports.delete(id);
      for (const r of v.data.reports) reports.set(r.claimId, r.source);
    }
    expect([...reports.keys()].sort()).toEqual([...areaClaims].sort());
  });
});
