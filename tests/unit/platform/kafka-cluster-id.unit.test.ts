import { describe, expect, it } from 'vitest';
import { kafkaClusterId } from '../../../tools/stack/kafka-server.ts';

describe('local Kafka cluster id', () => {
  it('is 22 URL-safe base64 characters that never start with "-" (the storage tool would take it for an option)', () => {
    // 1 in 64 random ids would start with '-': 5,000 draws make a regression all but certain to show.
    for (let i = 0; i < 5000; i++) {
      const id = kafkaClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});
