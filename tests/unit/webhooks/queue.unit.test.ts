import { describe, expect, it } from 'vitest';
import {
  alertQueue,
  emptyCarry,
  type AlertCandidate,
  type QueueRules,
  type SubscriptionCarry,
} from '../../../domain/webhooks/queue.ts';
import type { Condition, Observation } from '../../../schemas/webhook.ts';
import { SERIES, claimObservation, figure, tally } from './fixtures.ts';

// The subscription workflow's queue as given/when/then: the carry it starts from, the candidates (or the removal)
// that arrive, and the carry and alerts that follow.

const NEW_CLAIM: Condition = { kind: 'new-claim', topic: 'settlements-captured' };
const NEW_FIGURE: Condition = { kind: 'new-figure', series: SERIES };

const candidate = (alertId: string, observation: Observation): AlertCandidate => ({
  alertId,
  occurredAt: '2024-08-13T09:00:00.000Z',
  observation,
});
const claimCandidate = (n: number) => candidate(`al-${n}`, claimObservation(`c${n}`));

function given(carry: SubscriptionCarry, rules: Partial<QueueRules> = {}) {
  const queue = alertQueue(carry, {
    subscriptionId: 'sub_1',
    condition: NEW_CLAIM,
    maxPending: 100,
    recentIds: 2000,
    ...rules,
  });
  const then = () => ({ carry, pendingIds: carry.pending.map((a) => a.alertId) });
  return {
    whenCandidates: (...batches: AlertCandidate[][]) => {
      for (const b of batches) queue.accept(b);
      return then();
    },
    whenRemoved: (why: string) => {
      queue.dropAll(why);
      return then();
    },
    whenTaken: (n: number) => ({ taken: Array.from({ length: n }, () => queue.take()?.alertId), ...then() }),
  };
}

describe('the webhook alert queue', () => {
  it('given an empty carry, when new-claim candidates arrive, then each becomes a pending alert in order, for this subscription', () => {
    const { carry, pendingIds } = given(emptyCarry()).whenCandidates([claimCandidate(1), claimCandidate(2)]);
    expect(pendingIds).toEqual(['al-1', 'al-2']);
    expect(carry.pending[0]).toMatchObject({
      subscriptionId: 'sub_1',
      condition: NEW_CLAIM,
      occurredAt: '2024-08-13T09:00:00.000Z',
      event: { kind: 'new-claim', claim: { id: 'c1' } },
    });
    expect(carry.recentIds).toEqual(['al-1', 'al-2']);
    expect(carry.dropped).toBe(0);
  });

  it('given a candidate already seen, when its signal is re-delivered (also within one batch), then nothing is queued again', () => {
    const { pendingIds, carry } = given(emptyCarry()).whenCandidates(
      [claimCandidate(1), claimCandidate(1)],
      [claimCandidate(1), claimCandidate(2)],
    );
    expect(pendingIds).toEqual(['al-1', 'al-2']);
    expect(carry.recentIds).toEqual(['al-1', 'al-2']);
  });

  it('given a carry from an earlier run, when a candidate it remembers arrives, then it is a no-op (dedupe survives continue-as-new)', () => {
    const earlier = given(emptyCarry()).whenCandidates([claimCandidate(1)]).carry;
    const carried: SubscriptionCarry = JSON.parse(JSON.stringify({ ...earlier, pending: [] }));
    expect(given(carried).whenCandidates([claimCandidate(1), claimCandidate(3)]).pendingIds).toEqual(['al-3']);
  });

  it('given only the last N ids are remembered, when an older id comes back, then it is new again', () => {
    const { pendingIds, carry } = given(emptyCarry(), { recentIds: 2 }).whenCandidates(
      [claimCandidate(1), claimCandidate(2), claimCandidate(3)],
      [claimCandidate(1)],
    );
    expect(carry.recentIds).toEqual(['al-3', 'al-1']);
    expect(pendingIds).toEqual(['al-1', 'al-2', 'al-3', 'al-1']);
  });

  it('given a full queue, when more alerts fire, then the oldest are dropped, counted, and the reason names the last one', () => {
    const { pendingIds, carry } = given(emptyCarry(), { maxPending: 2 }).whenCandidates([
      claimCandidate(1),
      claimCandidate(2),
      claimCandidate(3),
      claimCandidate(4),
    ]);
    expect(pendingIds).toEqual(['al-3', 'al-4']);
    expect(carry.dropped).toBe(2);
    expect(carry.lastDropReason).toBe('pending queue full (2): dropped the oldest alert al-2');
  });

  it('given a new-figure subscription, when the same figure is repeated, then only the change fires and the series memory is kept', () => {
    const { pendingIds, carry } = given(emptyCarry(), { condition: NEW_FIGURE }).whenCandidates(
      [candidate('al-a', tally(1, figure(70)))],
      [candidate('al-b', tally(2, figure(70, { source: 'Valley Times' })))],
      [candidate('al-c', tally(3, figure(74)))],
    );
    expect(pendingIds).toEqual(['al-a', 'al-c']);
    expect(carry.recentIds).toEqual(['al-a', 'al-b', 'al-c']); // seen, fired or not
    expect(carry.series[SERIES]).toMatchObject({ version: 3, figure: { value: 74 } });
  });

  it('given pending alerts, when they are taken, then they leave the queue oldest first; an empty queue gives nothing', () => {
    const q = given(emptyCarry());
    q.whenCandidates([claimCandidate(1), claimCandidate(2)]);
    const { taken, pendingIds } = q.whenTaken(3);
    expect(taken).toEqual(['al-1', 'al-2', undefined]);
    expect(pendingIds).toEqual([]);
  });

  it('given pending alerts, when the subscription is removed, then all are dropped and counted with the reason', () => {
    const q = given({ ...emptyCarry(), dropped: 1 });
    q.whenCandidates([claimCandidate(1), claimCandidate(2)]);
    const { carry } = q.whenRemoved('deleted by its owner');
    expect(carry.pending).toEqual([]);
    expect(carry.dropped).toBe(3);
    expect(carry.lastDropReason).toBe('subscription removed (deleted by its owner): dropped 2 pending alert(s)');
  });

  it('given nothing pending, when the subscription is removed, then the counters and last reason stay as they were', () => {
    const { carry } = given({ ...emptyCarry(), dropped: 4, lastDropReason: 'earlier' }).whenRemoved('gone');
    expect(carry).toMatchObject({ dropped: 4, lastDropReason: 'earlier', pending: [] });
  });
});
