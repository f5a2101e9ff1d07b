import { describe, expect, it } from 'vitest';
import type { TallyEvent } from '../../../schemas/tally.ts';
import { claim, exact, given, shuffled } from './tally-spec.ts';

// Issue 16: the original of a group of syndicated copies is the earliest publication, not whichever article the
// pipeline processed first (the copy links name the first processed as canonical). The fold credits the earliest
// `publishedAt` of the group, so every processing and arrival order gives the same original and the same tally.

const group = [
  { articleId: 'kw-1000', source: 'Kyiv Wire', publishedAt: '2024-08-12T18:30:00Z' },
  { articleId: 'sc-1000', source: 'Steppe Courier', publishedAt: '2024-08-12T21:05:00Z' },
  { articleId: 'lm-1000', source: 'Lowland Mail', publishedAt: '2024-08-12T20:10:00+01:00' },
];
const url = (articleId: string) => `https://news.example/${articleId}`;

/** The events the pipeline sends when it processes the group in `order`: the first processed is everyone's canonical. */
function processedIn(order: readonly number[], copiesAsRecords: boolean): TallyEvent[] {
  const first = group[order[0] as number]!;
  return order.map((i, n): TallyEvent => {
    const a = group[i]!;
    if (n > 0 && copiesAsRecords)
      return {
        type: 'ArticleCopyRecorded',
        data: {
          articleId: a.articleId,
          source: a.source,
          url: url(a.articleId),
          publishedAt: a.publishedAt,
          canonicalArticleId: first.articleId,
        },
      };
    const c = claim({
      id: `claim-${a.articleId}`,
      articleId: a.articleId,
      quantity: exact(1000, 'km2'),
      asOf: '2024-08-12',
      attribution: ['Oleksandr Syrskyi'],
    });
    return {
      type: 'ClaimReported',
      data: {
        claim: c,
        source: a.source,
        url: url(a.articleId),
        copyOf: n === 0 ? null : first.articleId,
        publishedAt: a.publishedAt,
      },
    };
  });
}

const orders = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

describe('the original of a syndication group is the earliest publication', () => {
  it('credits Kyiv Wire (18:30) even when Steppe Courier (21:05) was processed first', () => {
    const { summary } = given(processedIn([1, 0, 2], false));
    expect(summary.reports).toHaveLength(1);
    expect(summary.reports[0]).toMatchObject({ articleId: 'kw-1000', source: 'Kyiv Wire', url: url('kw-1000') });
    expect(summary.reports[0]?.copies.map((c) => c.source)).toEqual(['Lowland Mail', 'Steppe Courier']);
  });

  it('compares publication times across time zones: 20:10+01:00 (19:10Z) is after 18:30Z and before 21:05Z', () => {
    expect(given(processedIn([2, 0], false)).summary.reports[0]?.source).toBe('Kyiv Wire');
    expect(given(processedIn([1, 2], false)).summary.reports[0]?.source).toBe('Lowland Mail');
  });

  it('gives the same original and the same tally for any processing order and any arrival order of its events', () => {
    const reference = JSON.stringify(given(processedIn([0, 1, 2], false)).summary);
    for (const order of orders) {
      const events = processedIn(order, false);
      for (let seed = 1; seed <= 20; seed++) {
        const run = given(shuffled([...events, ...events.slice(0, 1)], seed)).summary;
        expect(JSON.stringify(run), `order ${order.join('')} seed ${seed}`).toBe(reference);
      }
    }
  });

  it('credits the earliest publication when copies are only recorded (their claims not reported): same original and figures', () => {
    // Only the first processed article's claims exist, so the claim id follows it; who is credited does not.
    const maskIds = (json: string) => json.replace(/claim-[a-z]+-1000/g, 'claim-id');
    const reference = maskIds(JSON.stringify(given(processedIn([0, 1, 2], true)).summary));
    for (const order of orders) {
      const events = processedIn(order, true);
      for (let seed = 1; seed <= 20; seed++) {
        const run = given(shuffled(events, seed)).summary;
        expect(run.reports[0]?.source, `order ${order.join('')}`).toBe('Kyiv Wire');
        expect(maskIds(JSON.stringify(run)), `order ${order.join('')} seed ${seed}`).toBe(reference);
      }
    }
  });

  it('keeps the first processed as the report when no publication time is known (older events)', () => {
    const events = processedIn([1, 0, 2], false).map((e) =>
      e.type === 'ClaimReported' ? { ...e, data: { ...e.data, publishedAt: undefined } } : e,
    );
    const stripped = events.map((e) => JSON.parse(JSON.stringify(e)) as TallyEvent);
    expect(given(stripped).summary.reports[0]?.source).toBe('Steppe Courier');
  });
});

// Equal publication times: the earlier received is the original (not the smaller id), and the events the pipeline
// sends now (an earlier publication arriving later reports its claims and records the former original as its copy)
// give one original and one tally for every arrival order.
describe('ties and late earlier publications', () => {
  const same = '2024-08-12T18:30:00Z';
  const members = [
    { articleId: 'zz-late-id', source: 'Zed Post', publishedAt: same, receivedAt: '2024-08-12T18:31:00Z' },
    { articleId: 'aa-early-id', source: 'Alpha News', publishedAt: same, receivedAt: '2024-08-12T18:45:00Z' },
    {
      articleId: 'mm-later-pub',
      source: 'Mid Times',
      publishedAt: '2024-08-12T19:00:00Z',
      receivedAt: '2024-08-12T18:40:00Z',
    },
  ];
  const claimOf = (articleId: string) =>
    claim({
      id: `claim-${articleId}`,
      articleId,
      quantity: exact(1000, 'km2'),
      asOf: '2024-08-12',
      attribution: ['Oleksandr Syrskyi'],
    });

  /** What processArticle sends for `order` with the dedup index's rule: earliest publication, ties the first arrival. */
  function pipelineEvents(order: readonly number[]): TallyEvent[] {
    const events: TallyEvent[] = [];
    let original: (typeof members)[number] | undefined;
    for (const i of order) {
      const a = members[i]!;
      const ref = { source: a.source, url: url(a.articleId), publishedAt: a.publishedAt, receivedAt: a.receivedAt };
      if (original === undefined || Date.parse(a.publishedAt) < Date.parse(original.publishedAt)) {
        events.push({ type: 'ClaimReported', data: { claim: claimOf(a.articleId), ...ref, copyOf: null } });
        if (original)
          events.push({
            type: 'ArticleCopyRecorded',
            data: { articleId: original.articleId, source: '', url: '', canonicalArticleId: a.articleId },
          });
        original = a;
      } else
        events.push({
          type: 'ArticleCopyRecorded',
          data: { articleId: a.articleId, ...ref, canonicalArticleId: original.articleId },
        });
    }
    return events;
  }

  it('credits the earlier received of two equal publication times, though its id sorts last', () => {
    const events: TallyEvent[] = members.slice(0, 2).map((a) => ({
      type: 'ClaimReported',
      data: {
        claim: claimOf(a.articleId),
        source: a.source,
        url: url(a.articleId),
        copyOf: null,
        publishedAt: a.publishedAt,
        receivedAt: a.receivedAt,
      },
    }));
    events.push({
      type: 'ArticleCopyRecorded',
      data: {
        articleId: 'aa-early-id',
        source: 'Alpha News',
        url: url('aa-early-id'),
        canonicalArticleId: 'zz-late-id',
      },
    });
    for (let seed = 1; seed <= 10; seed++)
      expect(given(shuffled(events, seed)).summary.reports[0]?.source).toBe('Zed Post');
  });

  it('gives the same original (earliest publication, earlier received on a tie) and the same figures for every arrival order', () => {
    const maskIds = (json: string) => json.replace(/claim-[a-z-]+/g, 'claim-id');
    const summaries = orders.flatMap((order) => {
      const events = pipelineEvents(order);
      return [1, 2, 3].map((seed) => given(shuffled([...events, ...events.slice(-1)], seed)).summary);
    });
    for (const s of summaries) {
      expect(s.reports).toHaveLength(1);
      expect(s.reports[0]).toMatchObject({ articleId: 'zz-late-id', source: 'Zed Post' });
      expect(s.reports[0]?.copies.map((c) => c.articleId)).toEqual(['aa-early-id', 'mm-later-pub']);
    }
    const reference = maskIds(JSON.stringify({ ...summaries[0], version: 0 }));
    for (const s of summaries) expect(maskIds(JSON.stringify({ ...s, version: 0 }))).toBe(reference);
  });
});
