import { afterAll, describe, expect, it } from 'vitest';
import { createKafkaBus, type IncomingMessage } from '../../services/platform/kafka.ts';
import { testContext, uniqueName, waitFor } from '../support/harness.ts';

// Proves kafkajs against the Kafka 4.x broker the stack runs: explicit topic creation,
// idempotent producer, and a consumer *group* that commits what it finished.
describe('kafkajs against the real broker', () => {
  const { config, log } = testContext();
  const bus = createKafkaBus({ brokers: config.kafka.brokers, clientId: 'test', log });
  afterAll(() => bus.close());

  it('round-trips keyed messages through a consumer group and commits offsets', async () => {
    const topic = uniqueName('test.roundtrip');
    const groupId = uniqueName('test-group');
    await bus.ensureTopics([{ topic, partitions: 3, config: { 'retention.ms': '3600000' } }]);
    expect(await bus.listTopics()).toContain(topic);

    const producer = await bus.createProducer();
    const sent = Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 7}`, value: JSON.stringify({ i }) }));
    await producer.send(topic, sent);

    const received: IncomingMessage[] = [];
    const consumer = await bus.createConsumer({ groupId, topics: [topic], fromBeginning: true, maxWaitTimeInMs: 100 });
    await consumer.run(async (messages, ctx) => {
      for (const m of messages) {
        received.push(m);
        ctx.resolveOffset(m.offset);
      }
      await ctx.commit();
    });
    // At least once: a rebalance may hand a batch over again, so count distinct messages.
    const distinct = () => [...new Set(received.map((m) => JSON.parse(m.value ?? '{}').i as number))];
    await waitFor(() => (distinct().length >= 50 ? true : undefined), { what: '50 messages' });
    await consumer.stop();
    await consumer.disconnect();
    await producer.disconnect();

    expect(distinct().sort((a, b) => a - b)).toEqual(sent.map((_, i) => i));
    // Same key, same partition: per-key order holds.
    for (const key of ['k0', 'k3']) {
      const parts = new Set(received.filter((m) => m.key === key).map((m) => m.partition));
      expect(parts.size).toBe(1);
    }
    const committed = await bus.groupOffsets(groupId, topic);
    const high = await bus.topicOffsets(topic);
    const total = (xs: Array<{ offset?: string; high?: string }>) =>
      xs.reduce((s, x) => s + Number(x.offset ?? x.high), 0);
    expect(total(committed)).toBe(total(high));
  });

  it('refuses to auto-create a topic that was not created explicitly', async () => {
    const producer = await bus.createProducer();
    await expect(producer.send(uniqueName('test.never-created'), [{ key: 'a', value: 'b' }])).rejects.toThrow();
    await producer.disconnect();
  });
});
