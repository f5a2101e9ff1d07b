import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../schemas/article.ts';
import { mulberry32 } from '../../../domain/dedup/hash.ts';
import { fixtureArticles } from './helpers.ts';
import { oneOriginal } from '../../support/dedup-conformance/suite.ts';

const run = promisify(execFile);
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'concurrent-worker.ts');

describe('concurrent check-and-insert across processes', () => {
  it('puts two copies processed at the same moment in two processes into one group', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dedup-concurrent-'));
    try {
      const file = path.join(dir, 'dedup.sqlite');
      // 60 distinct stories (seeded word salad); process A gets the originals, process B a copy of
      // each under another id and URL, both in the same order from the same instant.
      const rng = mulberry32(42);
      const base = fixtureArticles()[0] as Article;
      const stories: Article[] = Array.from({ length: 60 }, (_, i) => ({
        ...base,
        id: `story-${i}`,
        url: `https://a.example/story-${i}`,
        text: Array.from({ length: 120 }, () => `w${Math.floor(rng() * 5000)}`).join(' '),
      }));
      const copies = stories.map((a) => ({ ...a, id: `${a.id}~copy`, url: `https://copy.example/${a.id}` }));
      const startAt = String(Date.now() + 1500);
      const spawn = (articles: Article[]) =>
        run(process.execPath, ['--import', 'tsx', worker, file, startAt, JSON.stringify(articles)], {
          maxBuffer: 1 << 24,
        });
      const [a, b] = await Promise.all([spawn(stories), spawn(copies)]);
      const decisions = [...JSON.parse(a.stdout), ...JSON.parse(b.stdout)] as Array<{
        articleId: string;
        duplicateOf: string | null;
        supersedes?: string;
      }>;
      // Exactly one of each pair is the original in the end, whichever won the race (equal times rank by id, so the
      // original arriving second takes the copy's place).
      for (const story of stories) expect(oneOriginal([story.id, `${story.id}~copy`], decisions), story.id).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000); // two tsx start-ups (seconds each on a loaded machine) before any insert
});
