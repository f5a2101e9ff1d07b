import type { Condition, PublicSubscription, SubscriptionStatus } from '../../../schemas/webhook.ts';
import { renderTable } from '../../stores/read-model/table.ts';

/** A condition in one short line: `threshold series=… above=100`. */
export function describeCondition(c: Condition): string {
  const parts = Object.entries(c)
    .filter(([k, v]) => k !== 'kind' && v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  return [c.kind, ...parts].join(' ');
}

/** The CLI's subscription table: one line per subscription with its delivery counters ('?' when no worker answered). */
export function subscriptionsTable(
  rows: ReadonlyArray<{ subscription: PublicSubscription; status: SubscriptionStatus | null }>,
): string {
  return renderTable(
    ['ID', 'CONDITION', 'URL', 'DELIVERED', 'FAILED', 'PENDING', 'DROPPED', 'LAST ERROR'],
    rows.map(({ subscription: s, status: st }) => [
      s.id,
      describeCondition(s.condition),
      s.url,
      st ? String(st.delivered) : '?',
      st ? String(st.failed) : '?',
      st ? String(st.pending) : '?',
      st ? String(st.dropped) : '?',
      st?.lastError?.message ?? '',
    ]),
  );
}
