import { ApplicationFailure } from '@temporalio/common';
import type { Alert } from '../../schemas/webhook.ts';
import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
} from '../../domain/webhooks/signature.ts';
import { assertFetchable, pinnedFetch } from '../../services/platform/net/safe-fetch.ts';

export interface SubscriptionActivityDeps {
  /** The subscription's secret from the in-memory registry (undefined until the registry has it). */
  secretOf: (subscriptionId: string) => string | undefined;
  /** Deliver to loopback/private addresses (local development, tests); refused otherwise (SSRF). */
  allowPrivate?: boolean;
  fetchImpl?: typeof fetch;
  /** Resolves a host for the connect-time check (tests: a stub resolver); default dns.lookup. */
  lookup?: (hostname: string) => Promise<string[]>;
  now?: () => Date;
}

/** Retry-After (seconds) as a retry delay, bounded so a hostile header cannot park a delivery for days. */
function retryAfterMs(header: string | null): number | undefined {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 3600) * 1000 : undefined;
}

/** Activities of the subscription workflow, built by the alerts service with its registry. */
export function createSubscriptionActivities(deps: SubscriptionActivityDeps) {
  // The POST connects only to the address checked at connect time (no second lookup: DNS rebinding).
  const doFetch = deps.fetchImpl ?? pinnedFetch({ allowPrivate: deps.allowPrivate ?? false, lookup: deps.lookup });
  return {
    /**
     * POSTs one alert, signed. 2xx: delivered. 4xx other than 408/429, redirects and refused addresses:
     * non-retryable (`WebhookRejected`). Anything else (5xx, 408, 429, timeouts, refused connections):
     * retryable, honouring Retry-After.
     */
    async deliverAlert(input: { alert: Alert; url: string; timeoutMs: number }): Promise<{ status: number }> {
      const secret = deps.secretOf(input.alert.subscriptionId);
      if (secret === undefined)
        throw ApplicationFailure.retryable(
          `subscription ${input.alert.subscriptionId} is not in this process's registry yet`,
          'SubscriptionUnknown',
        );
      const url = new URL(input.url);
      try {
        await assertFetchable(url, { allowPrivate: deps.allowPrivate ?? false, lookup: deps.lookup });
      } catch (err) {
        throw ApplicationFailure.nonRetryable((err as Error).message, 'WebhookRejected');
      }
      const body = JSON.stringify(input.alert);
      const timestamp = String(Math.floor((deps.now?.() ?? new Date()).getTime() / 1000));
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(input.timeoutMs),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'claimwatch-webhooks/1',
            [IDEMPOTENCY_HEADER]: input.alert.alertId,
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          },
          body,
        });
      } catch (err) {
        const refused = (err as { cause?: unknown }).cause;
        if (refused instanceof Error && refused.name === 'FetchRefusedError')
          throw ApplicationFailure.nonRetryable(refused.message, 'WebhookRejected');
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        throw ApplicationFailure.retryable(`POST ${url.origin} failed: ${cause}`, 'WebhookUnreachable');
      }
      await response.body?.cancel().catch(() => undefined);
      const status = response.status;
      if (status >= 200 && status < 300) return { status };
      if ((status >= 400 && status < 500 && status !== 408 && status !== 429) || (status >= 300 && status < 400)) {
        throw ApplicationFailure.nonRetryable(
          `endpoint answered ${status}${status < 400 ? ' (redirects are not followed)' : ''}`,
          'WebhookRejected',
        );
      }
      throw ApplicationFailure.create({
        message: `endpoint answered ${status}`,
        type: 'WebhookFailed',
        nextRetryDelay: retryAfterMs(response.headers.get('retry-after')),
      });
    },
  };
}

export type SubscriptionActivities = ReturnType<typeof createSubscriptionActivities>;
