import { describe, expect, it } from 'vitest';
import { decide, similarity } from '../../../domain/dedup/decide.ts';
import { fingerprint } from '../../../domain/dedup/fingerprint.ts';
import { DEDUP_PARAMS } from '../../../domain/dedup/params.ts';
import type { Candidate, Fingerprint } from '../../../domain/dedup/types.ts';
import { fixture } from './helpers.ts';

// Given an indexed original, when a cut or padded copy (or a look-alike) arrives, then link it or not.
const indexed = (fp: Fingerprint, seq = 1): Candidate => ({ ...fp, seq, canonicalId: null });
const corridor = fixture('fx-grain-corridor');
const paras = corridor.text.split('\n\n');
const elsewhere = { url: 'https://elsewhere.example/story' };

// Our own house paragraph, shared by two unrelated stories on one site: the boilerplate trap.
const HOUSE =
  'Our reporters have covered this region since long before the war began. We keep every dispatch free to read, ' +
  'and we correct our figures in public when better numbers come in from officials or independent monitors on the ground.';

describe('containment of the shorter text in the longer', () => {
  it('links a copy cut to its first half', () => {
    const half = fingerprint({
      ...corridor,
      ...elsewhere,
      id: 'half',
      text: paras.slice(0, Math.ceil(paras.length / 2)).join('\n\n'),
    });
    const d = decide(half, [indexed(fingerprint(corridor))]);
    expect(d).toMatchObject({ duplicateOf: corridor.id, reason: 'near-duplicate' });
    expect(d.similarity).toBeGreaterThanOrEqual(DEDUP_PARAMS.threshold);
  });

  it('links the original with an unknown lead and footer added around it', () => {
    const padded = [
      'Our partners at a regional newsroom sent this dispatch from the port city late on Tuesday night.',
      ...paras,
      'Tell us what you saw: our tipline is open around the clock for readers near the coast.',
    ].join('\n\n');
    const d = decide(fingerprint({ ...corridor, ...elsewhere, id: 'padded', text: padded }), [
      indexed(fingerprint(corridor)),
    ]);
    expect(d).toMatchObject({ duplicateOf: corridor.id, reason: 'near-duplicate' });
  });

  it('links in both directions: a later full text against an earlier cut copy', () => {
    const half = fingerprint({ ...corridor, ...elsewhere, id: 'half', text: paras.slice(0, 3).join('\n\n') });
    expect(decide(fingerprint(corridor), [indexed(half)]).duplicateOf).toBe('half');
  });

  it('keeps two different stories that share a house paragraph apart', () => {
    const a = fingerprint({ ...fixture('fx-power-outages'), text: `${fixture('fx-power-outages').text}\n\n${HOUSE}` });
    const b = fingerprint({
      ...fixture('fx-prisoner-exchange'),
      text: `${fixture('fx-prisoner-exchange').text}\n\n${HOUSE}`,
    });
    const d = decide(b, [indexed(a)]);
    expect(d.duplicateOf).toBeNull();
    expect(d.similarity).toBeLessThan(0.5);
  });

  it('keeps two write-ups of one story apart (same subject, same day, own words)', () => {
    expect(
      decide(fingerprint(fixture('fx-power-outages-update')), [indexed(fingerprint(fixture('fx-power-outages')))])
        .duplicateOf,
    ).toBeNull();
  });

  it('applies the length-ratio guard: a short report quoted whole inside a long round-up is not a copy of it', () => {
    const short = fixture('fx-power-outages-update');
    const roundUp = ['fx-grain-corridor', 'fx-grain-prices', 'fx-prisoner-exchange', 'fx-power-outages'].map(
      (id) => fixture(id).text,
    );
    roundUp.splice(2, 0, short.text);
    const big = fingerprint({
      ...corridor,
      id: 'round-up',
      url: 'https://elsewhere.example/round-up',
      text: roundUp.join('\n\n'),
    });
    const small = fingerprint(short);
    expect(small.shingleCount).toBeLessThan(DEDUP_PARAMS.minLengthRatio * big.shingleCount);
    expect(decide(small, [indexed(big)]).duplicateOf).toBeNull();
    expect(similarity(small, big)).toBeLessThan(0.5);
  });
});
