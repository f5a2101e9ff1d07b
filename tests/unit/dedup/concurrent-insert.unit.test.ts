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
        run(process.execPath, ['--import', 'tsx', worker, file, startAt, JSON.stringify(articles)], { maxBuffer: 1 << 24 });
      const [a, b] = await Promise.all([spawn(stories), spawn(copies)]);
      const decisions = [...JSON.parse(a.stdout), ...JSON.parse(b.stdout)] as Array<{ articleId: string; duplicateOf: string | null }>;
      const byId = new Map(decisions.map((d) => [d.articleId, d.duplicateOf]));
      for (const story of stories) {
        const original = byId.get(story.id);
        const copy = byId.get(`${story.id}~copy`);
        // Exactly one of the pair is canonical and the other points at it, whichever won the race.
        expect([original, copy].filter((x) => x === null)).toHaveLength(1);
        expect(original === null ? copy : original).toBe(original === null ? story.id : `${story.id}~copy`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
