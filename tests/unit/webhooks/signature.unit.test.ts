import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../../domain/webhooks/signature.ts';
import { alertId } from '../../../domain/webhooks/ids.ts';

describe('webhook signature', () => {
  const secret = 'whsec_test_secret_0123';
  it('is the hex HMAC-SHA256 of "timestamp.body" (value computed independently with openssl dgst -hmac)', () => {
    expect(signWebhook(secret, '1700000000', '{"a":1}')).toBe(
      'sha256=b1e06771f9a20c020fc4b9be257996790d615bbe4d030159b6a5669fdada024c',
    );
  });
  it('verifies a fresh signature and refuses a changed body, another secret, or an old timestamp', () => {
    const body = '{"alertId":"al_1"}';
    const signature = signWebhook(secret, '1700000000', body);
    const ok = { secret, timestamp: '1700000000', body, signature, nowSeconds: 1700000100 };
    expect(verifyWebhook(ok)).toBe(true);
    expect(verifyWebhook({ ...ok, body: '{"alertId":"al_2"}' })).toBe(false);
    expect(verifyWebhook({ ...ok, secret: 'whsec_another_secret_99' })).toBe(false);
    expect(verifyWebhook({ ...ok, nowSeconds: 1700000000 + 301 })).toBe(false);
    expect(verifyWebhook({ ...ok, signature: 'sha256=00' })).toBe(false);
  });
});

describe('alert ids', () => {
  it('the same trigger gives the same id per subscription, another trigger or subscription another id', () => {
    expect(alertId('sub_a', 'msg-1')).toBe(alertId('sub_a', 'msg-1'));
    expect(alertId('sub_a', 'msg-1')).not.toBe(alertId('sub_a', 'msg-2'));
    expect(alertId('sub_a', 'msg-1')).not.toBe(alertId('sub_b', 'msg-1'));
    expect(alertId('sub_a', 'msg-1')).toMatch(/^al_[\w-]{26}$/);
  });
});
