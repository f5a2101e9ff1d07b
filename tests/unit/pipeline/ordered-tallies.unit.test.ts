import { describe, expect, it } from 'vitest';
import { applyTallyMessage, isNewerTally, type TallyView } from '../../../services/platform/bus/tally-view.ts';
import { nextFence, SLOW_PUBLISH_MS, TALLY_FENCE_AFTER_MS } from '../../../workflows/series-tally/workflow.ts';
import type { PublishedTally, TallyReport } from '../../../schemas/tally.ts';
import { shuffled } from '../tally/tally-spec.ts';

// Issue 17, "ordered tallies": the reader rule of the tallies topic, and the fence of the series workflow.
const SERIES = 'settlements-captured:ukraine:russia:-:kursk-oblast';
// The rule reads only versions and claim ids; the rest of a headline or report is carried as it came.
const headline = (version: number) => ({ reportCount: version }) as unknown as PublishedTally['summary'];
const report = (claimId: string, value: number) => ({ claimId, value }) as unknown as TallyReport;
const message = (version: number, reports: TallyReport[] = [], removedReports: string[] = []): PublishedTally => ({
  seriesId: SERIES,
  version,
  summary: headline(version),
  reports,
  removedReports,
});
const given = (messages: PublishedTally[]): TallyView =>
  messages.reduce<TallyView | undefined>(applyTallyMessage, undefined) as TallyView;
const valuesOf = (view: TallyView) =>
  Object.fromEntries(
    Object.entries(view.reports).map(([id, r]) => [id, (r.report as unknown as { value: number }).value]),
  );

describe('a reader of the tallies topic', () => {
  it('given v27, when v14 arrives late, then the headline stays v27', () => {
    const view = given([message(27), message(14)]);
    expect(view.version).toBe(27);
    expect(view.summary).toEqual(headline(27));
  });

  it('given v5, when v5 arrives again (a republished version), then nothing changes', () => {
    const before = given([message(5, [report('a', 1)])]);
    expect(applyTallyMessage(before, message(5, [report('a', 1)]))).toBe(before);
  });

  it('given v3 that changed report a, when v2 arrives late with reports a and b, then a stays as v3 set it and b is added', () => {
    const view = given([message(3, [report('a', 30)]), message(2, [report('a', 20), report('b', 21)])]);
    expect(view.version).toBe(3);
    expect(valuesOf(view)).toEqual({ a: 30, b: 21 });
  });

  it('given v4 that retired report a, when v2 arrives late bringing a, then a stays retired', () => {
    const view = given([message(1, [report('a', 10)]), message(4, [], ['a']), message(2, [report('a', 20)])]);
    expect(valuesOf(view)).toEqual({});
  });

  it('given v2 that retired a, when v3 brings a back, then a is back', () => {
    expect(
      valuesOf(given([message(1, [report('a', 10)]), message(2, [], ['a']), message(3, [report('a', 30)])])),
    ).toEqual({ a: 30 });
  });

  it('holds the same view whatever order the versions arrive in (shuffled, with repeats)', () => {
    const history = Array.from({ length: 30 }, (_, v) =>
      message(v, [report(`c${v % 7}`, v), report(`c${(v * 3) % 11}`, 100 + v)], v % 5 === 4 ? [`c${(v + 2) % 7}`] : []),
    );
    const inOrder = given(history);
    for (let seed = 1; seed <= 50; seed++) {
      const run = given(shuffled([...history, ...history.slice(0, 10)], seed));
      expect(run.version).toBe(29);
      expect(valuesOf(run)).toEqual(valuesOf(inOrder));
    }
  });

  it('isNewerTally: only a higher version replaces a headline', () => {
    expect(isNewerTally(undefined, 0)).toBe(true);
    expect(isNewerTally(3, 4)).toBe(true);
    expect(isNewerTally(4, 4)).toBe(false);
    expect(isNewerTally(27, 14)).toBe(false);
  });
});

describe('the tally fence of the series workflow', () => {
  const t0 = 1_000_000;
  it('a quick publish (within one workflow task) sets no fence', () => {
    expect(nextFence(null, t0, t0)).toBeNull();
    expect(nextFence(null, t0, t0 + SLOW_PUBLISH_MS - 1)).toBeNull();
  });
  it('a publish that spanned an attempt timeout sets the fence past the longest abandoned produce', () => {
    expect(nextFence(null, t0, t0 + 30_000)).toBe(t0 + 30_000 + TALLY_FENCE_AFTER_MS);
    expect(TALLY_FENCE_AFTER_MS).toBeGreaterThanOrEqual(9 * 33_000 + 60_000);
  });
  it('a later slow publish moves the fence on; a quick one before the fence keeps it', () => {
    const fence = t0 + 40_000 + TALLY_FENCE_AFTER_MS;
    expect(nextFence(t0 + 5_000, t0, t0 + 40_000)).toBe(fence);
    expect(nextFence(fence, fence - 1, fence - 1)).toBe(fence);
  });
  it('a quick publish that started once the fence was due is the fence, and clears it', () => {
    expect(nextFence(t0, t0, t0)).toBeNull();
    expect(nextFence(t0, t0 + 1, t0 + 2)).toBeNull();
  });
});
