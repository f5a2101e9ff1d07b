import { describe, expect, it } from 'vitest';
import { channelOf, parseDeadLetterId, replayPlan } from '../../../services/app/cli/dead-letter-replay.ts';

const article = (over: Record<string, unknown> = {}) => ({
  id: 'dl-1',
  url: 'https://harbour-post.example/a',
  source: 'Harbour Post',
  published_at: '2024-08-12T10:00:00Z',
  title: 'Kursk',
  text: 'Troops hold 1,000 square kilometres, the army said.',
  ...over,
});

describe('dead-letter replay plan', () => {
  it('given a fixed article line from a file, replays it through the file channel', () => {
    const plan = replayPlan(JSON.stringify(article()), 'ingest:file');
    expect(plan).toMatchObject({ ok: true, channel: 'file', articles: [{ id: 'dl-1' }] });
  });

  it('given a raw-topic envelope the pipeline refused, replays its article with its own channel', () => {
    const env = {
      id: 'e1',
      type: 'ArticleReceived',
      occurredAt: '2024-08-12T10:00:00Z',
      data: { article: article(), canonicalId: 'x', channel: 'http', receivedAt: '2024-08-12T10:00:00Z' },
    };
    expect(replayPlan(JSON.stringify(env), 'dispatcher')).toMatchObject({
      ok: true,
      channel: 'http',
      articles: [{ id: 'dl-1' }],
    });
  });

  it('given an unchanged bad payload, refuses with sentences naming the fields', () => {
    const plan = replayPlan(
      JSON.stringify({ id: 'fx-bad-1', source: '', published_at: 'yesterday', text: 42 }),
      'ingest:file',
    );
    expect(plan.ok).toBe(false);
    const problems = plan.ok ? [] : plan.problems;
    expect(problems.some((p) => p.startsWith('text:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('published_at:'))).toBe(true);
    expect(problems.join(' ')).not.toMatch(/Invalid input/);
  });

  it('refuses text that is not JSON, and numbers each bad article of several', () => {
    expect(replayPlan('this is not json', 'ingest:file')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^not JSON/)],
    });
    const lines = `${JSON.stringify(article())}\n${JSON.stringify(article({ id: 'dl-2', text: 7 }))}\n`;
    expect(replayPlan(lines, 'ingest:file')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^article 2: text:/)],
    });
    expect(
      replayPlan(`${JSON.stringify(article())}\n${JSON.stringify(article({ id: 'dl-2' }))}`, 'ingest:file'),
    ).toMatchObject({ ok: true, articles: [{ id: 'dl-1' }, { id: 'dl-2' }] });
  });

  it('applies the ingest limits too (a text over 1,000,000 characters, a lone surrogate)', () => {
    expect(replayPlan(JSON.stringify(article({ text: 'a'.repeat(1_000_001) })), 'ingest:http')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^text: /)],
    });
    expect(replayPlan(JSON.stringify(article({ title: 'broken \ud800 title' })), 'ingest:http')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^dl-1: title/)],
    });
  });

  it('maps sources to channels and reads ids', () => {
    expect(channelOf('ingest:feed')).toBe('feed');
    expect(channelOf('process-article')).toBe('file');
    expect(parseDeadLetterId('0/17')).toEqual({ partition: 0, offset: '17' });
    expect(parseDeadLetterId('5')).toEqual({ partition: 0, offset: '5' });
    expect(() => parseDeadLetterId('abc')).toThrow(/expected PARTITION\/OFFSET/);
  });
});
