import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvSchema, loadConfig, repoRoot } from '../../../services/platform/config.ts';

// No Docker engine runs on our machines, so the compose file is checked by reading it.
interface ComposeService {
  image?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string | number>;
}

const compose = parse(await readFile(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const defaults = loadConfig({});

describe('docker-compose.yml', () => {
  it('runs Kafka and Temporal (with UI) on the ports the config defaults to', () => {
    const { kafka, temporal } = compose.services;
    expect(kafka?.image).toMatch(/^apache\/kafka:4\./);
    expect(kafka?.ports).toContain(`${defaults.stack.kafkaPort}:9092`);
    expect(temporal?.ports).toEqual(
      expect.arrayContaining([`${defaults.stack.temporalPort}:7233`, `${defaults.stack.temporalUiPort}:8233`]),
    );
    expect(temporal?.command?.slice(0, 2)).toEqual(['server', 'start-dev']);
    // The UI (in the host's browser) decodes compressed payloads with the API's codec server.
    const codec = temporal?.command?.[(temporal?.command?.indexOf('--ui-codec-endpoint') ?? -2) + 1];
    expect(codec).toBe(`http://localhost:${defaults.http.port}/api/temporal-codec`);
  });

  it('runs every claimwatch process, each with an environment the config schema accepts', () => {
    const processes = ['worker', 'dispatcher', 'projector', 'api', 'alerts'];
    const known = new Set(Object.keys(EnvSchema.shape));
    for (const name of processes) {
      const svc = compose.services[name];
      expect(svc, name).toBeDefined();
      expect(svc?.command?.slice(-1)).toEqual([name]);
      const env = Object.fromEntries(Object.entries(svc?.environment ?? {}).map(([k, v]) => [k, String(v)]));
      for (const key of Object.keys(env)) expect(known.has(key), `${name}: unknown variable ${key}`).toBe(true);
      const config = loadConfig(env);
      expect(config.kafka.brokers).toEqual(['kafka:19092']);
      expect(config.temporal.address).toBe('temporal:7233');
    }
    expect(compose.services.api?.ports).toContain(`${defaults.http.port}:${defaults.http.port}`);
    // Listening on every interface, the API needs a token (it refuses to start open off loopback).
    expect(String(compose.services.api?.environment?.API_TOKEN ?? '')).toMatch(/^\$\{CLAIMWATCH_API_TOKEN:\?/);
  });

  it('points the claimwatch processes at a Kafka listener the broker advertises', () => {
    const advertised = String(compose.services.kafka?.environment?.KAFKA_ADVERTISED_LISTENERS);
    expect(advertised).toContain('kafka:19092');
  });
});
