import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCorpus, startPipeline, type RunningPipeline } from '../../support/pipeline.ts';
import { seriesWorkflowId } from '../../../workflows/series-tally/messages.ts';
import type { TallySnapshot } from '../../../schemas/tally.ts';
import { waitFor } from '../../support/harness.ts';

describe('pipeline end to end on the real stack', () => {
  let p: RunningPipeline;
  beforeAll(async () => {
    p = await startPipeline();
  });
  afterAll(() => p?.stop());

  it('turns the sample corpus into series tallies', async () => {
    const corpus = await sampleCorpus();
    await p.publish(corpus);
    await p.settle(corpus);
    const kursk = 'settlements-captured:ukraine:russia:-:kursk-oblast';
    const snap = await waitFor(async () => {
      const s = await p.client.workflow.getHandle(seriesWorkflowId(kursk)).query<TallySnapshot>('tallySnapshot');
      return s.summary.reports.length > 0 ? s : undefined;
    });
    console.log(JSON.stringify({ latest: snap.summary.latest, disputed: snap.summary.disputed, n: snap.summary.reports.length }));
    expect(snap.summary.reports.length).toBeGreaterThan(0);
  });
});
