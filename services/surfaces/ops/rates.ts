// Turns monotonically growing totals (counters, log end offsets) into per-minute rates. A pipeline process has
// no scheduler for this: each health request records a sample and the rate is taken against the oldest sample
// still inside the window, so a dashboard polling every few seconds sees a rate over roughly the last minute.

export interface RateSample {
  at: number;
  values: Record<string, number>;
}

export interface RateWindow {
  /** Records `values` at `at` (ms) and returns each value's change per minute, or null until two samples are `minSpanMs` apart. */
  observe(at: number, values: Record<string, number>): Record<string, number | null>;
}

/** A sliding window of samples; `windowMs` default 60 s, `minSpanMs` default 2 s. Pure apart from its own memory. */
export function createRateWindow(options: { windowMs?: number; minSpanMs?: number } = {}): RateWindow {
  const windowMs = options.windowMs ?? 60_000;
  const minSpanMs = options.minSpanMs ?? 2_000;
  let samples: RateSample[] = [];
  return {
    observe(at, values) {
      // Keep one sample just older than the window so the rate always spans a full window once warmed up.
      const inside = samples.filter((s) => at - s.at <= windowMs);
      const older = samples.filter((s) => at - s.at > windowMs).at(-1);
      samples = [...(older ? [older] : []), ...inside, { at, values }];
      const base = samples[0];
      const out: Record<string, number | null> = {};
      for (const [name, value] of Object.entries(values)) {
        const before = base?.values[name];
        const span = base ? at - base.at : 0;
        // A counter that went down means a restart (or a recreated topic): no honest rate until the next sample.
        out[name] =
          base && before !== undefined && span >= minSpanMs && value >= before
            ? ((value - before) * 60_000) / span
            : null;
      }
      return out;
    },
  };
}
