import { describe, expect, it } from 'vitest';
import { parseSubscribeQuery } from '../../../services/surfaces/live/query.ts';

const TOPICS = ['territory-area', 'settlements-captured', 'military-aid'];
const AREA = 'territory-area:ukraine:russia:-:kursk-oblast';

describe('GET /api/subscribe query', () => {
  it('reads comma lists and repeated parameters, and seqs', () => {
    expect(
      parseSubscribeQuery(TOPICS, { topics: 'territory-area, military-aid', series: AREA, lastEventId: '12' }),
    ).toEqual({
      ok: true,
      value: { topics: ['territory-area', 'military-aid'], series: [AREA], lastEventId: 12 },
    });
    expect(parseSubscribeQuery(TOPICS, { topics: ['territory-area', 'settlements-captured'], since: '5' })).toEqual({
      ok: true,
      value: { topics: ['territory-area', 'settlements-captured'], since: 5 },
    });
    expect(parseSubscribeQuery(TOPICS, {})).toEqual({ ok: true, value: {} });
  });

  it('reports every problem at once: unknown topics, bad series ids, series outside the topics, bad seqs, unknown parameters', () => {
    const parsed = parseSubscribeQuery(TOPICS, {
      topics: 'territory-area,tanks,drones',
      series: `not-a-series,${'settlements-captured:ukraine:russia:-:kursk-oblast'},weather:-:-:-:-`,
      lastEventId: 'yesterday',
      topic: 'territory-area',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^topics\.1: unknown topic "tanks"; known topics: military-aid, settlements-captured, territory-area$/,
        ),
        expect.stringMatching(/^topics\.2: unknown topic "drones"/),
        expect.stringMatching(/^series\.0: "not-a-series" is not a series id$/),
        expect.stringMatching(/^series\.1: .* is of topic "settlements-captured", which is not among topics$/),
        expect.stringMatching(/^series\.2: .* unknown topic "weather"$/),
        expect.stringMatching(/^lastEventId: /),
        expect.stringMatching(/topic/),
      ]),
    );
    expect(parsed.problems.length).toBeGreaterThanOrEqual(7);
  });
});
