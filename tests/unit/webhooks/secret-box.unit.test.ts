import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { createSecretBox, secretBoxFor } from '../../../services/pipeline/webhooks/secret-box.ts';
import { createSubscriptionAdmin } from '../../../services/pipeline/webhooks/subscriptions.ts';
import type { EventProducer, OutgoingMessage } from '../../../services/platform/kafka.ts';
import { RegistryMessageSchema } from '../../../schemas/webhook.ts';

const SECRET = 'whsec_a_secret_nobody_should_read_0123';

describe('webhook secrets at rest', () => {
  it('seals with AES-256-GCM (a fresh IV each time), opens with the current or a previous key, refuses tampering', () => {
    const old = randomBytes(32);
    const current = randomBytes(32);
    const before = createSecretBox({ current: old });
    const after = createSecretBox({ current, previous: [old] });
    const sealedOld = before.seal(SECRET);
    expect(sealedOld).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(sealedOld).not.toContain(SECRET);
    expect(before.seal(SECRET)).not.toBe(sealedOld);
    expect(after.open(sealedOld)).toBe(SECRET);
    expect(after.open(after.seal(SECRET))).toBe(SECRET);
    expect(() => createSecretBox({ current }).open(sealedOld)).toThrow(/not configured/);
    const tampered = `${sealedOld.slice(0, -4)}${sealedOld.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(() => after.open(tampered)).toThrow();
    // Written before encryption: used as is.
    expect(after.open(SECRET)).toBe(SECRET);
  });

  it('without WEBHOOK_SECRET_KEY, generates one key file (0600) in the data dir and reuses it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cw-box-'));
    const sealed = secretBoxFor({ dataDir }).seal(SECRET);
    expect(secretBoxFor({ dataDir }).open(sealed)).toBe(SECRET);
    expect((await stat(path.join(dataDir, 'webhook-secret.key'))).mode & 0o777).toBe(0o600);
    expect((await readFile(path.join(dataDir, 'webhook-secret.key'), 'utf8')).length).toBe(44);
    expect(() => secretBoxFor({ dataDir, alerts: { secretKey: 'c2hvcnQ=' } })).toThrow(/expected 32 bytes/);
  });

  it('registers a subscription with only the sealed secret on the registry topic, the clear one returned once', async () => {
    const sent: OutgoingMessage[] = [];
    const producer: EventProducer = {
      async send(_t, m) {
        sent.push(...m);
      },
      async disconnect() {},
    };
    const client = { workflow: { start: async () => undefined } } as unknown as Client;
    const box = createSecretBox({ current: randomBytes(32) });
    const admin = createSubscriptionAdmin({ producer, client, prefix: 'unit', taskQueue: 'q', secrets: box });
    const sub = await admin.register({
      url: 'https://hooks.example/x',
      condition: { kind: 'new-claim', topic: 'casualties' },
      secret: SECRET,
    });
    expect(sub.secret).toBe(SECRET);
    expect(sent[0]?.value).not.toContain(SECRET);
    const msg = RegistryMessageSchema.parse(JSON.parse(sent[0]?.value ?? ''));
    expect(msg.type === 'SubscriptionRegistered' && box.open(msg.data.secret)).toBe(SECRET);
  });
});
