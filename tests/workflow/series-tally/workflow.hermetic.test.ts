import { describe, expect, it } from 'vitest';
import { seriesId } from '../../../domain/tally/series.ts';
import type { PublishedTally, TallyEvent } from '../../../schemas/tally.ts';
import { tallyEventsSignal, tallySnapshotQuery, type TallyDelivery } from '../../../workflows/series-tally/messages.ts';
import type { seriesTally } from '../../../workflows/series-tally/workflow.ts';
import { hermeticServer, withMockedWorker } from '../../support/hermetic.ts';
import { uniqueName, waitFor } from '../../support/harness.ts';
import { KURSK_SETTLEMENTS, claim, exact } from '../../unit/tally/tally-spec.ts';

// seriesTally on a private dev server with its publish activity mocked, seen only from outside: tally-event signals
// in, the snapshot query and the published headlines out (its internal state is its own business).

const SERIES = seriesId(KURSK_SETTLEMENTS);

const reported = (id: string, value: number, asOf: string, source: string): TallyEvent => ({
  type: 'ClaimReported',
  data: {
    claim: claim({ id, articleId: `a-${id}`, quantity: exact(value), asOf }),
    source,
    url: `https://${source.toLowerCase().replace(/\W+/g, '-')}.example/${id}`,
    copyOf: null,
  },
});

describe('seriesTally with a mocked publisher (no Kafka, private Temporal)', () => {
  const server = hermeticServer();

  /** Delivers each delivery by signal-with-start, as processArticle does, then waits for the snapshot to reach `version`. */
  async function run(deliveries: TallyDelivery[], version: number, extra: { continueAsNewEvery?: number } = {}) {
    const published: PublishedTally[] = [];
    const activities = {
      async publishTallySnapshot(snapshot: PublishedTally | null) {
        if (snapshot) published.push(snapshot);
      },
    };
    const workflowId = uniqueName('tally');
    const snapshot = await withMockedWorker(server(), activities, async (taskQueue) => {
      for (const delivery of deliveries) {
        await server().client.workflow.signalWithStart<typeof seriesTally, [TallyDelivery]>('seriesTally', {
          workflowId,
          taskQueue,
          args: [{ seriesId: SERIES, key: KURSK_SETTLEMENTS, ...extra }],
          signal: tallyEventsSignal,
          signalArgs: [delivery],
        });
      }
      const handle = server().client.workflow.getHandle(workflowId);
      return waitFor(
        async () => {
          const q = await handle.query(tallySnapshotQuery);
          return q.version >= version && published.at(-1)?.version === q.version ? q : undefined;
        },
        { what: `version ${version}`, timeoutMs: 60_000, intervalMs: 100 },
      );
    });
    return { snapshot, published };
  }

  it("folds two outlets' figures: the headline is the latest standing figure, both sources counted, and it is published", async () => {
    const { snapshot, published } = await run(
      [
        { deliveryId: 'd1', events: [reported('c1', 74, '2024-08-13', 'Harbour Post')] },
        { deliveryId: 'd2', events: [reported('c2', 82, '2024-08-15', 'Valley Times')] },
      ],
      2,
    );
    expect(snapshot.seriesId).toBe(SERIES);
    expect(snapshot.summary.latest).toMatchObject({ value: 82, source: 'Valley Times' });
    expect(snapshot.summary.reports).toHaveLength(2);
    expect(snapshot.summary.independentSources).toBe(2);
    const last = published.at(-1) as PublishedTally;
    expect(last.version).toBe(snapshot.version);
    expect(last.summary).toMatchObject({ latest: { value: 82 }, reportCount: 2 });
  });

  it('a re-delivered signal changes nothing: same version, same reports', async () => {
    const once = { deliveryId: 'd1', events: [reported('c1', 74, '2024-08-13', 'Harbour Post')] };
    const { snapshot, published } = await run(
      [
        once,
        { ...once, deliveryId: 'd1-again' },
        { deliveryId: 'd3', events: [reported('c3', 75, '2024-08-14', 'Harbour Post')] },
      ],
      2,
    );
    expect(snapshot.version).toBe(2);
    expect(snapshot.summary.reports.map((r) => r.claimId).sort()).toEqual(['c1', 'c3']);
    expect(snapshot.summary.latest).toMatchObject({ value: 75 });
    // Signals that arrive together fold in one workflow task, so version 1 may never be published on its own; what
    // must hold is that nothing past version 2 ever went out and version 2 did.
    const versions = published.map((p) => p.version);
    expect(versions).toContain(2);
    expect(versions.every((v) => v === 1 || v === 2)).toBe(true);
  });

  it('keeps the whole tally across continue-as-new (a new run after every delivery)', async () => {
    const deliveries = [74, 76, 79, 82].map((value, i) => ({
      deliveryId: `d${i}`,
      events: [reported(`c${i}`, value, `2024-08-1${i + 2}`, i % 2 ? 'Valley Times' : 'Harbour Post')],
    }));
    const { snapshot } = await run(deliveries, 4, { continueAsNewEvery: 1 });
    expect(snapshot.version).toBe(4);
    expect(snapshot.summary.reports).toHaveLength(4);
    expect(snapshot.summary.latest).toMatchObject({ value: 82, asOf: '2024-08-15' });
  });
});
