import { createHash } from 'node:crypto';

/**
 * The id of the alert a triggering message may become for one subscription: the same message (by its
 * deterministic envelope id) always gives the same id, which endpoints see as `Idempotency-Key`. Called by
 * the alert router; workflow code receives it ready-made.
 */
export function alertId(subscriptionId: string, triggerMessageId: string): string {
  return `al_${createHash('sha256').update(`alert\u0000${subscriptionId}\u0000${triggerMessageId}`).digest('base64url').slice(0, 26)}`;
}
