import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TallySnapshot, TallySummary } from '../../../schemas/tally.ts';
import { topicNames, TallyPublishedSchema } from '../../../schemas/topics.ts';
import { buildApiApp } from '../../../services/surfaces/api/server.ts';
import { rebuildReadModel } from '../../../services/pipeline/projector/rebuild.ts';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { seriesWorkflowId } from '../../../workflows/series-tally/messages.ts';
import { articleWorkflowId, type ProcessArticleResult } from '../../../workflows/process-article/messages.ts';
import { canonicalArticleId } from '../../../domain/ingest/canonical-id.ts';
import { sampleCorpus, startPipeline } from '../../support/pipeline.ts';
import { testContext, waitFor } from '../../support/harness.ts';
import { readTopic } from '../ingest/topic-reader.ts';

// Issue 16: two copies of one story, ingested latest-published first. The later arrival published earlier, so it
// becomes the original (the dedup index supersedes the first arrival and the copy link moves to it) in the live
// tally, the tallies topic, and the API over a read model rebuilt from the claims topics.
describe('the earliest publication is the original, whatever the arrival order (real stack)', () => {
  it('credits the 18:30 publication though the 21:05 copy was processed first', async () => {
    const corpus = await sampleCorpus();
    const early = corpus.find((a) => a.id === 'kw-20240812-kursk-1000');
    const late = corpus.find((a) => a.id === 'sc-20240812-kursk-1000-short');
    if (!early || !late) throw new Error('sample corpus lost its Kursk 1,000 km2 pair');
    expect(Date.parse(early.published_at)).toBeLessThan(Date.parse(late.published_at));

    const p = await startPipeline();
    try {
      await p.publish([late]);
      await p.settle([late]);
      await p.publish([early]);
      await p.settle([early]);
      const result = (await p.client.workflow
        .getHandle(articleWorkflowId(p.scope, canonicalArticleId(early)))
        .result()) as ProcessArticleResult;
      expect(result.duplicateOf).toBeNull();
      expect(result.series.length).toBeGreaterThan(0);

      const credits = (s: TallySummary | undefined) =>
        s?.reports.every((r) => r.articleId === early.id && r.copies.some((c) => c.articleId === late.id));
      // Live: the series entity workflows.
      for (const id of result.series) {
        const live = await waitFor(
          async () => {
            const snap = await p.client.workflow
              .getHandle(seriesWorkflowId(p.scope, id))
              .query<TallySnapshot>('tallySnapshot');
            return credits(snap.summary) ? snap.summary : undefined;
          },
          { what: `series ${id} to credit ${early.id}`, timeoutMs: 60_000 },
        );
        expect(live.reports.length).toBeGreaterThan(0);
      }

      // The tallies topic: the newest version of each series credits the earliest publication.
      const names = topicNames(p.scope);
      await waitFor(
        async () => {
          const messages = await readTopic(p.ctx.bus, names.tallies, 1, 1500);
          const newest = new Map<string, { version: number; reports: Array<{ articleId: string }> }>();
          for (const m of messages) {
            const tally = TallyPublishedSchema.parse(JSON.parse(m.value ?? '')).data;
            if ((newest.get(tally.seriesId)?.version ?? -1) < tally.version) newest.set(tally.seriesId, tally);
          }
          return result.series.every((id) => {
            const t = newest.get(id);
            return t !== undefined && t.reports.length > 0 && t.reports.every((r) => r.articleId === early.id);
          })
            ? true
            : undefined;
        },
        { what: 'the tallies topic to credit the earliest publication', timeoutMs: 60_000 },
      );

      // `claimwatch rebuild`: a fresh read model from the claims topics, served by the API.
      const { config, log } = testContext();
      const targetPath = path.join(await mkdtemp(path.join(os.tmpdir(), 'cw-earliest-')), 'read-model.sqlite');
      await rebuildReadModel({
        bus: p.ctx.bus,
        prefix: p.scope,
        claimTopics: p.ctx.claimTopics,
        targetPath,
        log: p.ctx.log,
      });
      const readModel = openSqliteReadModel({ path: targetPath });
      const app = await buildApiApp({ readModel, log, config: { http: { ...config.http, token: undefined } } });
      try {
        for (const id of result.series) {
          const res = await app.inject({ method: 'GET', url: `/api/series/${encodeURIComponent(id)}` });
          expect(res.statusCode, res.body).toBe(200);
          const body = res.json() as { summary: TallySummary };
          expect(
            credits(body.summary),
            JSON.stringify(body.summary.reports.map((r) => [r.articleId, r.copies.map((c) => c.articleId)])),
          ).toBe(true);
        }
      } finally {
        await app.close();
        readModel.close();
      }
    } finally {
      await p.stop();
    }
  }, 360_000);
});
