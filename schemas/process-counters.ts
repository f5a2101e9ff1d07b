import { z } from 'zod';

/** One process's counter totals since it started (see CounterTotals in services/platform/metrics.ts). */
export const CounterTotalsSchema = z.object({
  articlesDispatched: z.number().nonnegative(),
  duplicates: z.object({ redelivery: z.number().nonnegative(), copy: z.number().nonnegative() }),
  claimsPublished: z.number().nonnegative(),
  deadLetters: z.number().nonnegative(),
  workflowStartFailures: z.number().nonnegative(),
});

/** A record of `<prefix>.process-counters.v1` (compacted, key: processId): what one process instance counted so far. */
export const ProcessCountersSchema = z.object({
  /** `host:pid:random`, new at every start. */
  processId: z.string().min(1),
  /** The claimwatch command it runs (`worker`, `dispatcher`, `api`, `start` …). */
  command: z.string(),
  host: z.string(),
  pid: z.number().int(),
  startedAt: z.iso.datetime(),
  /** When these totals were read. */
  at: z.iso.datetime(),
  counters: CounterTotalsSchema,
});
export type ProcessCounters = z.infer<typeof ProcessCountersSchema>;
