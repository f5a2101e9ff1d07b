import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, extractClaims } from '../../../domain/extract/index.ts';
import { article } from './helpers.ts';

// Air-defence reports in our own words: the first of two figures is intercepted, the second launched.
const summary = (text: string) =>
  extractClaims(article(text), defaultTaxonomy())
    .map((c) => `${c.topic} ${c.actor ?? '-'}->${c.counterpart ?? '-'} ${c.item} ${c.quantity.value}`)
    .sort();

describe('paired air-defence figures', () => {
  it('"N of them were shot down" is an interception of the drones launched before it', () => {
    expect(
      summary(
        'Russia launched 75 drones at Ukraine during the night, and 51 of them were shot down, the air force said.',
      ),
    ).toEqual(['aerial-attacks russia->ukraine drones 75', 'aerial-interceptions ukraine->russia drones 51']);
  });

  it('"shot down N of the M drones" splits into an interception and an attack', () => {
    expect(summary("Ukraine's air defences shot down 40 of the 44 drones overnight, the military said.")).toEqual([
      'aerial-attacks russia->ukraine drones 44',
      'aerial-interceptions ukraine->russia drones 40',
    ]);
  });

  it('keeps two launched figures as attacks when nothing was intercepted', () => {
    expect(summary('Russia fired 60 missiles and 80 drones at Ukraine on Sunday, officials said.')).toEqual([
      'aerial-attacks russia->ukraine drones 80',
      'aerial-attacks russia->ukraine missiles 60',
    ]);
  });

  it('"N of them" in the next sentence is an interception of the launch figure it can be part of', () => {
    expect(
      summary(
        'Overnight Russia hurled 64 drones and 4 missiles at Ukraine. Air defence crews brought down 50 of them, the air force said.',
      ),
    ).toEqual([
      'aerial-attacks russia->ukraine drones 64',
      'aerial-attacks russia->ukraine missiles 4',
      'aerial-interceptions ukraine->russia drones 50',
    ]);
  });

  it('"Of those, N were …" and "took down" read as interceptions; a bare "N were lost" is no casualty', () => {
    expect(
      summary(
        'Russia attacked Ukraine with 93 drones on Monday night. Of those, 71 were taken down, and another 15 were lost to jamming.',
      ),
    ).toEqual(['aerial-attacks russia->ukraine drones 93', 'aerial-interceptions ukraine->russia drones 71']);
    expect(summary('Russia launched 30 drones and Ukrainian units took down 26 drones near Odesa.')).toContain(
      'aerial-interceptions ukraine->russia drones 26',
    );
  });

  it('"destroyed all N drones launched" is both the attack and the interception', () => {
    expect(summary('The air force said it destroyed all 22 drones launched by Russia overnight.')).toEqual([
      'aerial-attacks russia->ukraine drones 22',
      'aerial-interceptions ukraine->russia drones 22',
    ]);
  });

  it('"the enemy" is the other side of whoever speaks', () => {
    expect(summary('The enemy attacked Kharkiv with 14 drones overnight, the regional governor said.')).toEqual([
      'aerial-attacks russia->ukraine drones 14',
    ]);
    expect(summary("Russia's defence ministry said the enemy had launched 9 drones at Belgorod.")).toEqual([
      'aerial-attacks ukraine->russia drones 9',
    ]);
  });

  it('a bare figure with its own intercepting verb after a launch list is intercepted, not launched', () => {
    expect(summary('In all 61 drones and 3 missiles were launched against Ukraine, and 52 were neutralised.')).toEqual([
      'aerial-attacks russia->ukraine drones 61',
      'aerial-attacks russia->ukraine missiles 3',
      'aerial-interceptions ukraine->russia drones 52',
    ]);
  });

  it('who launched the drones of the sentence did not shoot them down', () => {
    expect(
      summary('The air force said Russia struck with 2 Kinzhal missiles and 57 drones; 49 drones were shot down.'),
    ).toContain('aerial-interceptions ukraine->russia drones 49');
  });
});

describe('the subject of the downing verb is not who fired', () => {
  it('"X intercepted all 12 missiles fired at Y" never makes X the attacker', () => {
    const claims = extractClaims(
      article('Ukrainian forces intercepted all 12 cruise missiles fired at the capital.'),
      defaultTaxonomy(),
    );
    expect(claims.find((c) => c.topic === 'aerial-attacks')?.actor).not.toBe('ukraine');
    expect(claims.find((c) => c.topic === 'aerial-interceptions')?.actor).not.toBe('russia');
  });
});

describe('roles that contradict each other are worked out again', () => {
  it('"destroyed 17 of 20 missiles Russia fired": Russia launched, Ukraine intercepted, nobody is its own counterpart', () => {
    const claims = extractClaims(
      article('Ukraine says air defences destroyed 17 of 20 missiles Russia fired on Monday.'),
      defaultTaxonomy(),
    ).map((c) => `${c.topic} ${c.actor}:${c.counterpart} ${c.quantity.value}`);
    expect(claims.sort()).toEqual(['aerial-attacks russia:ukraine 20', 'aerial-interceptions ukraine:russia 17']);
  });
});
