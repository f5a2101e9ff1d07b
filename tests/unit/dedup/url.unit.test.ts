import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../domain/dedup/url.ts';

const base = 'news.example/world/2025/03/04/grain-ships';

describe('canonicalUrl', () => {
  it.each([
    ['https://news.example/world/2025/03/04/grain-ships', base],
    ['http://news.example/world/2025/03/04/grain-ships', base],
    ['HTTPS://WWW.News.Example/world/2025/03/04/grain-ships/', base],
    ['https://news.example/world/2025/03/04/grain-ships#comments', base],
    ['https://news.example/world/2025/03/04/grain-ships?utm_source=tw&utm_medium=social&utm_campaign=x', base],
    ['https://news.example/world/2025/03/04/grain-ships?fbclid=IwAR0abc', base],
    ['https://news.example/world/2025/03/04/grain-ships?gclid=1&mc_cid=2&mc_eid=3', base],
    ['https://news.example/world/2025/03/04/grain-ships/amp', base],
    ['https://news.example/amp/world/2025/03/04/grain-ships', base],
    ['https://news.example/world/2025/03/04/grain-ships?amp', base],
    ['https://news.example/world/2025/03/04/grain-ships?amp=1', base],
    ['https://amp.news.example/world/2025/03/04/grain-ships', base],
    ['https://m.news.example/world/2025/03/04/grain-ships', base],
    ['https://news.example:443/world/2025/03/04/grain-ships', base],
    ['news.example/world/2025/03/04/grain-ships', base],
    ['https://www2.news.example/world/2025/03/04/grain-ships', base],
    ['https://mobile.news.example/world/2025/03/04/grain-ships', base],
    ['https://news.example./world/2025/03/04/grain-ships', base],
    ['http://news.example:80/world/2025/03/04/grain-ships', base],
    ['https://news.example/world/2025/03/04/grain-ships?utm_source=mail&amp;utm_medium=email', base],
    ['https://news.example/world/2025/03/04/grain-ships?CMP=share_btn_tw&fb_ref=x&itm_source=home', base],
    ['https://news-example.cdn.ampproject.org/c/s/news.example/world/2025/03/04/grain-ships?amp_js_v=0.1', base],
  ])('%s → canonical', (raw, want) => {
    expect(canonicalUrl(raw)).toBe(want);
  });

  it('keeps parameters that choose the document, sorted', () => {
    expect(canonicalUrl('https://news.example/article.php?story=42&id=7&utm_source=x')).toBe(
      'news.example/article.php?id=7&story=42',
    );
  });

  it('takes the AMP rendition of a page (.amp.html) for the page itself', () => {
    expect(canonicalUrl('https://news.example/world/grain-ships.amp.html')).toBe(
      canonicalUrl('https://www.news.example/world/grain-ships.html'),
    );
  });

  it('keeps a document parameter behind an HTML-escaped tracking one', () => {
    expect(canonicalUrl('https://news.example/article.php?utm_source=x&amp;story=42')).toBe(
      'news.example/article.php?story=42',
    );
  });

  it('keeps path case (paths are case-sensitive) and different paths apart', () => {
    expect(canonicalUrl('https://news.example/A/b')).toBe('news.example/A/b');
    expect(canonicalUrl('https://news.example/a/b')).not.toBe(canonicalUrl('https://news.example/a/c'));
  });

  it('returns "" for empty, unparsable or non-web URLs', () => {
    expect(canonicalUrl('')).toBe('');
    expect(canonicalUrl('   ')).toBe('');
    expect(canonicalUrl('mailto:desk@news.example')).toBe('');
    expect(canonicalUrl('http://')).toBe('');
  });
});
