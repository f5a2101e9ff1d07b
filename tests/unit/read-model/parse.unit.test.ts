import { describe, expect, it } from 'vitest';
import { topicNames } from '../../../schemas/topics.ts';
import { envelope } from '../../../services/platform/bus/envelopes.ts';
import type { IncomingMessage } from '../../../services/platform/kafka.ts';
import { parseBatch } from '../../../services/pipeline/projector/parse.ts';
import { firstWave } from '../../fixtures/read-model/events.ts';

const names = topicNames('t');
let offset = 0;
const message = (topic: string, key: string | null, value: string | null): IncomingMessage => ({
  topic,
  partition: 0,
  offset: String(offset++),
  key,
  value,
  headers: {},
  timestamp: String(Date.parse('2024-08-20T00:00:00Z')),
});

describe('parseBatch', () => {
  const good = firstWave()[0]!;
  const claimsTopic = names.claims(good.topic);

  it('turns claims-topic messages into tally events of the keyed series', () => {
    const out = parseBatch([message(claimsTopic, good.key, JSON.stringify(good.envelope))], names.deadLetters);
    expect(out.bad).toEqual([]);
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({
      seriesId: good.key,
      envelope: { id: good.envelope.id, event: { type: 'ClaimReported' } },
    });
  });

  it('takes the series of a keyless ClaimReported from its claim', () => {
    const out = parseBatch([message(claimsTopic, null, JSON.stringify(good.envelope))], names.deadLetters);
    expect(out.events[0]?.seriesId).toBe(good.key);
  });

  it('never throws on bad input: each unreadable message becomes a projector dead letter with every problem', () => {
    const wrongShape = { ...good.envelope, data: { claim: { id: '' } } };
    const out = parseBatch(
      [
        message(claimsTopic, good.key, 'not json'),
        message(claimsTopic, good.key, null),
        message(claimsTopic, good.key, JSON.stringify(wrongShape)),
        message(claimsTopic, 'not-a-series-id', JSON.stringify(good.envelope)),
        message(claimsTopic, good.key, JSON.stringify(good.envelope)),
      ],
      names.deadLetters,
    );
    expect(out.events).toHaveLength(1);
    expect(out.bad).toHaveLength(4);
    expect(out.bad[2]!.problems.length).toBeGreaterThan(3);
    expect(out.deadLetters[0]).toMatchObject({
      source: 'projector',
      reason: `unreadable message on ${claimsTopic}`,
      location: `${claimsTopic}/0/${offset - 5}`,
      payloadPreview: 'not json',
    });
    expect(out.deadLetters[0]!.id).toBe(`bad:${claimsTopic}/0/${offset - 5}`);
  });

  it('reads the dead-letter topic', () => {
    const letter = envelope('DeadLetter', {
      reason: 'invalid article',
      problems: ['url: Invalid URL'],
      source: 'ingest:file',
      location: 'a.jsonl:3',
      payload: 'x'.repeat(5000),
    });
    const out = parseBatch([message(names.deadLetters, 'ingest:file', JSON.stringify(letter))], names.deadLetters);
    expect(out.deadLetters).toEqual([
      {
        id: letter.id,
        occurredAt: letter.occurredAt,
        source: 'ingest:file',
        reason: 'invalid article',
        problems: ['url: Invalid URL'],
        location: 'a.jsonl:3',
        payloadPreview: 'x'.repeat(2000),
      },
    ]);
  });
});
