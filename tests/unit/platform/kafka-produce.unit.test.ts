import { describe, expect, it } from 'vitest';
import { Partitioners } from 'kafkajs';
import {
  byPartition,
  classifyProduceError,
  createKeyedSequencer,
  produceChunks,
  replicationFor,
  SEND_CHUNK_BYTES,
  type OutgoingMessage,
} from '../../../services/platform/kafka.ts';
import { isRetriable, RefusedError, UnavailableError } from '../../../services/platform/errors.ts';

const msg = (key: string, bytes: number): OutgoingMessage => ({ key, value: 'x'.repeat(bytes) });

describe('produceChunks', () => {
  it('splits a send into requests under SEND_CHUNK_BYTES, in order, every message once', () => {
    const messages = Array.from({ length: 10 }, (_, i) => msg(`k${i}`, 300_000));
    const chunks = produceChunks('t', messages, 1_048_588);
    expect(chunks.flat()).toEqual(messages);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.reduce((n, m) => n + m.value.length, 0)).toBeLessThanOrEqual(SEND_CHUNK_BYTES);
  });

  it("refuses a message over the topic's max.message.bytes before anything is sent, naming it", () => {
    expect(() => produceChunks('claims', [msg('a', 10), msg('big', 2_000_000)], 1_048_588)).toThrow(RefusedError);
    expect(() => produceChunks('claims', [msg('a', 10), msg('big', 2_000_000)], 1_048_588)).toThrow(
      /message 1 \(key big\) is \d+ bytes, over claims's max.message.bytes/,
    );
    // Without a limit the broker decides: a big message goes alone.
    expect(produceChunks('raw', [msg('a', 10), msg('big', 2_000_000)])).toHaveLength(2);
  });
});

describe('classifyProduceError', () => {
  it('calls a size or record refusal permanent, anything else (down, timed out, retries exhausted) transient', () => {
    const tooLarge = Object.assign(new Error('too large'), { type: 'MESSAGE_TOO_LARGE', retriable: false });
    const wrapped = Object.assign(new Error('retries exceeded'), {
      name: 'KafkaJSNumberOfRetriesExceeded',
      retriable: false,
      cause: Object.assign(new Error('conn'), { type: 'NETWORK_EXCEPTION' }),
    });
    expect(classifyProduceError('t', tooLarge)).toBeInstanceOf(RefusedError);
    expect(isRetriable(classifyProduceError('t', tooLarge))).toBe(false);
    expect(classifyProduceError('t', Object.assign(new Error('x'), { cause: tooLarge }))).toBeInstanceOf(RefusedError);
    expect(classifyProduceError('t', wrapped)).toBeInstanceOf(UnavailableError);
    expect(isRetriable(classifyProduceError('t', wrapped))).toBe(true);
  });
});

describe('createKeyedSequencer', () => {
  it('runs tasks sharing a key one after the other, even when the first fails, and others at once', async () => {
    const run = createKeyedSequencer();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = run(['a'], async () => {
      events.push('first start');
      await new Promise<void>((r) => (releaseFirst = r));
      events.push('first end');
      throw new Error('timed out');
    });
    const second = run(['a', 'b'], async () => {
      events.push('second');
      return 2;
    });
    const other = run(['c'], async () => {
      events.push('other');
      return 3;
    });
    await expect(other).resolves.toBe(3);
    await Promise.resolve();
    expect(events).toEqual(['first start', 'other']);
    releaseFirst();
    await expect(first).rejects.toThrow('timed out');
    await expect(second).resolves.toBe(2);
    expect(events).toEqual(['first start', 'other', 'first end', 'second']);
  });
});

describe('replicationFor', () => {
  it('given 3 or more brokers, when topics are created, then 3 copies of which 2 must take every acknowledged write', () => {
    expect(replicationFor(3)).toEqual({ replicationFactor: 3, config: { 'min.insync.replicas': '2' } });
    expect(replicationFor(5)).toEqual({ replicationFactor: 3, config: { 'min.insync.replicas': '2' } });
  });

  it("given 1 or 2 brokers, then the broker's defaults (a one-broker stack keeps working)", () => {
    expect(replicationFor(1)).toEqual({ replicationFactor: -1, config: {} });
    expect(replicationFor(2)).toEqual({ replicationFactor: -1, config: {} });
  });
});

describe('byPartition', () => {
  it("groups messages by kafkajs' default partitioner, in order, every message once", () => {
    const messages = Array.from({ length: 60 }, (_, i) => msg(`article-${i % 20}`, 5));
    const groups = byPartition(messages, 'raw', 6, Partitioners.DefaultPartitioner());
    expect([...groups.values()].flat().sort((a, b) => messages.indexOf(a) - messages.indexOf(b))).toEqual(messages);
    for (const [partition, part] of groups) {
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(6);
      // Order within a partition is the order sent; one key always lands on one partition.
      expect(part.map((m) => messages.indexOf(m))).toEqual(
        [...part.map((m) => messages.indexOf(m))].sort((a, b) => a - b),
      );
      for (const other of groups.values())
        if (other !== part) expect(other.some((m) => part.some((x) => x.key === m.key))).toBe(false);
    }
    expect(groups.size).toBeGreaterThan(1);
  });

  it('puts a key where kafkajs would have put it itself (the same murmur2 as the Java client)', () => {
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [],
      isr: [],
    }));
    for (const key of ['a', 'claimwatch', 'https://example.org/x']) {
      const partition = [...byPartition([msg(key, 1)], 't', 6, Partitioners.DefaultPartitioner()).keys()][0];
      expect(partition).toBe(partitioner({ topic: 't', partitionMetadata, message: { key, value: 'x' } }));
    }
  });
});
