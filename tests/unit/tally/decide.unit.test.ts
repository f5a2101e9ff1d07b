import { describe, it } from 'vitest';
import { recordCopy, replaceArticleClaims, reportClaims } from '../../../domain/tally/index.ts';
import { claim, copied, exact, given, reextracted, reported } from './tally-spec.ts';

const paper = { source: 'Kyiv Daily', url: 'https://example.test/a1', copyOf: null };
const c1 = claim({ id: 'c1', articleId: 'a1', quantity: exact(74), asOf: '2024-08-13' });
const c2 = claim({ id: 'c2', articleId: 'a1', quantity: exact(1263), asOf: '2024-08-13' });

describe('commands', () => {
  it('reports only claims not folded yet (signals arrive at least once)', () => {
    given([reported(c1, 'Kyiv Daily')])
      .when((s) => reportClaims(s, [c1, c2, c2], paper))
      .then([reported(c2, 'Kyiv Daily')]);
  });

  it('reports nothing when every claim is known', () => {
    given([reported(c1, 'Kyiv Daily')]).when((s) => reportClaims(s, [c1], paper)).thenNothing();
  });

  it('refuses a claim of another series', () => {
    const elsewhere = claim({ id: 'e1', articleId: 'a1', quantity: exact(3), asOf: '2024-08-13' }, {
      topic: 'equipment-losses', actor: 'russia', counterpart: 'ukraine', item: 'tanks', place: null,
    });
    given([]).when((s) => reportClaims(s, [elsewhere], paper)).thenThrows('TallyCommandError');
  });

  it('records a copy once', () => {
    const copy = { articleId: 'a1-copy', source: 'Morning Paper', url: 'https://example.test/a1-copy', canonicalArticleId: 'a1' };
    given([]).when((s) => recordCopy(s, copy)).then([copied('a1-copy', 'a1', 'Morning Paper')]);
    given([copied('a1-copy', 'a1', 'Morning Paper')]).when((s) => recordCopy(s, copy)).thenNothing();
  });

  it('replaces an article\'s claims once per extractor version, and only with that version\'s claims', () => {
    const newer = { ...c1, extractor: { name: 'rules', version: '2.0.0' } };
    const data = { articleId: 'a1', source: 'Kyiv Daily', url: 'https://example.test/a1', extractorVersion: '2.0.0', claims: [newer] };

    given([reported(c1, 'Kyiv Daily')]).when((s) => replaceArticleClaims(s, data)).then([reextracted('a1', '2.0.0', [newer], 'Kyiv Daily')]);
    given([reextracted('a1', '2.0.0', [newer], 'Kyiv Daily')]).when((s) => replaceArticleClaims(s, data)).thenNothing();
    given([]).when((s) => replaceArticleClaims(s, { ...data, claims: [c1] })).thenThrows('TallyCommandError');
  });
});
