import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { closeIndexes, fixture, memoryIndex } from './helpers.ts';

afterEach(closeIndexes);

// Given articles indexed at a URL, when the page is delivered again under a new id, then it is a duplicate of
// the first article seen at that URL.
describe('re-delivery of a known canonical URL', () => {
  const original = fixture('fx-grain-corridor');

  it.each([
    `${original.url}?utm_source=newsletter&utm_medium=email`,
    original.url.replace('https://www.', 'https://'),
    `${original.url}/amp`,
    `${original.url}/#comments`,
  ])('links a new id at %s to the original (reason same-url)', async (url) => {
    const index = memoryIndex();
    await index.checkAndInsert(fingerprint(original));
    expect(await index.checkAndInsert(fingerprint({ ...original, id: 'again', url }))).toMatchObject({
      duplicateOf: original.id,
      reason: 'same-url',
    });
  });

  it('answers with the first article at the URL, not a later variant whose text the re-delivery repeats', async () => {
    const index = memoryIndex();
    await index.checkAndInsert(fingerprint(original));
    // A later version at the same page, rewritten enough that only the URL links it.
    const rewritten = fixture('fx-grain-prices').text;
    const variant = await index.checkAndInsert(
      fingerprint({ ...original, id: 'variant', url: `${original.url}?fbclid=1`, text: rewritten }),
    );
    expect(variant).toMatchObject({ duplicateOf: original.id, reason: 'same-url' });
    const again = await index.checkAndInsert(
      fingerprint({ ...original, id: 'again', url: `${original.url}?utm_source=x`, text: rewritten }),
    );
    expect(again).toMatchObject({ duplicateOf: original.id, reason: 'same-url' });
  });

  it('answers with the group canonical when the first article at the URL was itself a copy', async () => {
    const index = memoryIndex();
    await index.checkAndInsert(fingerprint(original));
    const copyUrl = 'https://other.example/news/grain-ships';
    const later = new Date(Date.parse(original.published_at) + 60_000).toISOString();
    await index.checkAndInsert(fingerprint({ ...original, id: 'copy', url: copyUrl, published_at: later }));
    expect(
      await index.checkAndInsert(
        fingerprint({ ...original, id: 'copy-again', url: `${copyUrl}?utm_campaign=y`, published_at: later }),
      ),
    ).toMatchObject({
      duplicateOf: original.id,
      reason: 'same-url',
    });
  });

  it('does not link different pages of one site', async () => {
    const index = memoryIndex();
    await index.checkAndInsert(fingerprint(original));
    const other = fixture('fx-power-outages');
    expect(
      (
        await index.checkAndInsert(
          fingerprint({ ...other, url: 'https://www.fixture-news.example/2025/03/fx-power-outages' }),
        )
      ).duplicateOf,
    ).toBeNull();
  });
});
