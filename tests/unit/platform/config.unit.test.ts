import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../services/platform/config.ts';

describe('config', () => {
  it('defaults to the embedded local stack', () => {
    const c = loadConfig({});
    expect(c.kafka).toMatchObject({ brokers: ['127.0.0.1:9092'], external: false });
    expect(c.temporal).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', external: false });
    expect(c.http.port).toBe(8080);
  });

  it('treats empty strings as unset', () => {
    const c = loadConfig({ KAFKA_BROKERS: '', TEMPORAL_ADDRESS: '', HTTP_PORT: '' });
    expect(c.kafka.external).toBe(false);
    expect(c.temporal.external).toBe(false);
    expect(c.http.port).toBe(8080);
  });

  it('marks clusters named in the environment as external (the local stack is then skipped)', () => {
    const c = loadConfig({ KAFKA_BROKERS: 'k1:9092, k2:9092', TEMPORAL_ADDRESS: 'temporal.prod:7233' });
    expect(c.kafka).toMatchObject({ brokers: ['k1:9092', 'k2:9092'], external: true });
    expect(c.temporal.external).toBe(true);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ HTTP_PORT: 'eighty', LOG_LEVEL: 'loud', KAFKA_TOPIC_PREFIX: 'bad prefix!' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/HTTP_PORT/);
    expect(problems).toMatch(/LOG_LEVEL/);
    expect(problems).toMatch(/KAFKA_TOPIC_PREFIX/);
  });
});
