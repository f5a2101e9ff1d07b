import { describe, expect, it } from 'vitest';
import { createPipelineHealth } from '../../../services/surfaces/ops/health.ts';
import { sumProcessCounters } from '../../../services/surfaces/ops/process-counters.ts';
import type { ProcessCounters } from '../../../schemas/process-counters.ts';
import type { CounterTotals } from '../../../services/platform/metrics.ts';

const totals = (redelivery: number, copy: number, startFailures = 0, deadLetters = 0): CounterTotals => ({
  articlesDispatched: redelivery + copy,
  duplicates: { redelivery, copy },
  claimsPublished: 0,
  deadLetters,
  workflowStartFailures: startFailures,
});
const record = (processId: string, command: string, at: string, counters: CounterTotals): ProcessCounters => ({
  processId,
  command,
  host: 'h',
  pid: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  at,
  counters,
});

describe('pipeline health across processes', () => {
  it('adds up the latest totals of every process instance, a killed one included, newest first', () => {
    const now = Date.parse('2026-01-01T00:10:00.000Z');
    const sum = sumProcessCounters(
      [
        record('h:1:a', 'dispatcher', '2026-01-01T00:09:59.000Z', totals(12, 0, 2, 1)),
        record('h:2:b', 'worker', '2026-01-01T00:09:58.000Z', totals(0, 5)),
        // A dispatcher killed five minutes ago: its work happened, it is just no longer alive.
        record('h:3:c', 'dispatcher', '2026-01-01T00:05:00.000Z', totals(3, 0, 1)),
      ],
      now,
    );
    expect(sum.totals).toEqual({
      articlesDispatched: 20,
      duplicates: { redelivery: 15, copy: 5 },
      claimsPublished: 0,
      deadLetters: 1,
      workflowStartFailures: 3,
    });
    expect(sum.processes.map((p) => [p.processId, p.alive])).toEqual([
      ['h:1:a', true],
      ['h:2:b', true],
      ['h:3:c', false],
    ]);
  });

  it('answers with every process: duplicates and refused starts of the others, scope cluster', async () => {
    const deps = {
      bus: { topicOffsets: async () => [], groupOffsets: async () => [] },
      prefix: 'cw',
      claimTopics: [],
      // The HTTP process itself saw nothing.
      metrics: { counters: async () => totals(0, 0) },
      readModel: { deadLetterStats: () => ({ total: 0, bySourceAndReason: [], recent: [] }) },
      temporal: { uiUrl: 'http://ui', namespace: 'default' },
    };
    const others = sumProcessCounters(
      [
        record('h:1:a', 'dispatcher', new Date().toISOString(), totals(4, 0, 2)),
        record('h:2:b', 'worker', new Date().toISOString(), totals(0, 3)),
      ],
      Date.now(),
    );
    const health = await createPipelineHealth({ ...deps, cluster: () => others }).read();
    expect(health.duplicates).toMatchObject({ redelivery: 4, copy: 3, scope: 'cluster' });
    expect(health.workflows.startFailures).toBe(2);
    expect(health.process.duplicates).toEqual({ redelivery: 0, copy: 0 });
    expect(health.cluster?.processes).toHaveLength(2);
    // Before the first record arrives, this process's own counters stand in, and say so.
    const empty = await createPipelineHealth({ ...deps, cluster: () => sumProcessCounters([], Date.now()) }).read();
    expect(empty.duplicates.scope).toBe('process');
  });
});
