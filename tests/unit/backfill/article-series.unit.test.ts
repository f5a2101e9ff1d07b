import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteDedupIndex } from '../../../services/stores/dedup-index/sqlite-dedup-index.ts';

describe('the series each article feeds, kept in the dedup index file', () => {
  it('adds (live processing) as a union, replaces (backfill) outright, and survives reopening', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'cw-series-')), 'dedup-index.sqlite');
    const index = createSqliteDedupIndex({ path: file });
    await index.recordSeries(
      [{ articleId: 'a', extractorVersion: '0.1.0', seriesIds: ['t:b:-:-:-', 't:a:-:-:-'] }],
      'add',
    );
    await index.recordSeries(
      [{ articleId: 'a', extractorVersion: '0.1.0', seriesIds: ['t:a:-:-:-', 't:c:-:-:-'] }],
      'add',
    );
    expect((await index.seriesOf(['a', 'missing'])).get('a')).toEqual({
      extractorVersion: '0.1.0',
      seriesIds: ['t:a:-:-:-', 't:b:-:-:-', 't:c:-:-:-'],
    });
    expect((await index.seriesOf(['missing'])).size).toBe(0);

    await index.recordSeries(
      [{ articleId: 'a', extractorVersion: '0.1.0+2024-2', seriesIds: ['u:a:-:-:-'] }],
      'replace',
    );
    await index.close();
    const reopened = createSqliteDedupIndex({ path: file });
    expect((await reopened.seriesOf(['a'])).get('a')).toEqual({
      extractorVersion: '0.1.0+2024-2',
      seriesIds: ['u:a:-:-:-'],
    });
    await reopened.close();
  });
});
