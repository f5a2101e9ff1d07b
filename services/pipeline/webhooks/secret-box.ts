import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '../../platform/errors.ts';

/** Seals webhook secrets for the registry topic (AES-256-GCM) and opens them for signing. */
export interface SecretBox {
  /** `enc:v1:<key id>:<base64url(iv ‖ ciphertext ‖ tag)>`: what the registry topic stores. */
  seal(secret: string): string;
  /** The secret of a stored value; a value without the `enc:v1:` prefix (written before encryption) is returned as is. Throws when no configured key opens it. */
  open(stored: string): string;
}

const PREFIX = 'enc:v1:';

/** Short id of a key (not secret: a hash prefix), stored beside each sealed value so rotation knows which key opens it. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function parseKey(text: string, name: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32)
    throw new InvalidInputError('bad webhook secret key', [
      `${name}: expected 32 bytes in base64 (e.g. \`openssl rand -base64 32\`), got ${key.length}`,
    ]);
  return key;
}

/** A box sealing with `current` and opening with it or any of `previous` (key rotation). */
export function createSecretBox(keys: { current: Buffer; previous?: readonly Buffer[] }): SecretBox {
  const byId = new Map([keys.current, ...(keys.previous ?? [])].map((k) => [keyId(k), k]));
  const currentId = keyId(keys.current);
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.current, iv);
      cipher.setAAD(Buffer.from(currentId));
      const body = Buffer.concat([iv, cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${currentId}:${body.toString('base64url')}`;
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const [id, data] = stored.slice(PREFIX.length).split(':') as [string, string | undefined];
      const key = byId.get(id);
      if (!key || data === undefined)
        throw new Error(
          `webhook secret sealed with key ${id}, which is not configured (WEBHOOK_SECRET_KEY / WEBHOOK_SECRET_PREVIOUS_KEYS)`,
        );
      const body = Buffer.from(data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The box of this deployment: WEBHOOK_SECRET_KEY (and WEBHOOK_SECRET_PREVIOUS_KEYS) when set; otherwise a key generated
 * once into `<data dir>/webhook-secret.key` (mode 0600), which serves one host. Called by the alerts service, the
 * subscriptions routes and CLI. Throws InvalidInputError for a key that is not 32 bytes of base64.
 */
export function secretBoxFor(config: {
  dataDir: string;
  alerts?: { secretKey?: string | undefined; previousSecretKeys?: readonly string[] };
}): SecretBox {
  const previous = (config.alerts?.previousSecretKeys ?? []).map((k, i) =>
    parseKey(k, `WEBHOOK_SECRET_PREVIOUS_KEYS[${i}]`),
  );
  if (config.alerts?.secretKey !== undefined)
    return createSecretBox({ current: parseKey(config.alerts.secretKey, 'WEBHOOK_SECRET_KEY'), previous });
  const file = path.join(config.dataDir, 'webhook-secret.key');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    }
    text = readFileSync(file, 'utf8');
  }
  return createSecretBox({ current: parseKey(text, file), previous });
}
