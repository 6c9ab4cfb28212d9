import { describe, expect, it } from 'vitest';
import { createEngineHost } from '../../engine/worker/host';
import { memberText } from '../diagram/memberText';
import { buildModel, roleOf, type Model } from './model';

describe('screen model', () => {
  it('keeps unchanged pieces identical between frames, so their components do not re-render', () => {
    const host = createEngineHost();
    host.load({ scenario: 'orders' });
    const first = buildModel(host.advanceBy(3_000).view, null, new Set());
    const same = buildModel(host.view().view, first, new Set());
    expect(same.brokers).toBe(first.brokers);
    expect(same.topics).toBe(first.topics);
    expect(same.groups).toBe(first.groups);
    expect(same.structure).toBe(first.structure);
    const later = buildModel(host.advanceBy(2_000).view, same, new Set());
    expect(later.topics[0]).not.toBe(same.topics[0]);
    expect(later.structure).toBe(same.structure);
  });

  it('shows a killed broker’s replicas as offline and a leader change in the partition rows', () => {
    const host = createEngineHost();
    host.load({ scenario: 'orders' });
    const before = buildModel(host.advanceBy(1_000).view, null, new Set());
    const leader = before.partitionById.get('orders-0')!.leader;
    host.dispatch({ type: 'killBroker', brokerId: leader });
    const after = buildModel(host.advanceBy(15_000).view, before, new Set());
    expect(after.brokerById.get(leader)!.replicas.every((r) => r.role === 'offline')).toBe(true);
    const row = after.partitionById.get('orders-0')!;
    expect(row.leader).not.toBe(leader);
    expect(row.outOfSync).toContain(leader);
  });

  it('renews a member when only its status changes, so a crash shows at once', () => {
    const host = createEngineHost();
    host.load({ scenario: 'orders' });
    const before = buildModel(host.advanceBy(6_000).view, null, new Set());
    host.dispatch({ type: 'crashConsumer', consumerId: 'billing-1' });
    const after = buildModel(host.view().view, before, new Set());
    const member = after.groupById.get('billing')!.members[0]!;
    expect(member.status).toBe('stopped');
    expect(member.stopReason).toEqual({ kind: 'crashed' });
    expect(after.groupById.get('billing')).not.toBe(before.groupById.get('billing'));
    expect(member.groupInstanceId).toBeNull();
  });

  it('tells a crashed, a closed and a failed member apart, and renews the member when only that changes', () => {
    const host = createEngineHost();
    host.load({ scenario: 'orders' });
    const shown = (m: Model) =>
      memberText(m.groupById.get('billing')!.members[0]!, m.groupById.get('billing')!);
    const crashed = buildModel(host.advanceBy(6_000).view, null, new Set());
    host.dispatch({ type: 'crashConsumer', consumerId: 'billing-1' });
    const afterCrash = buildModel(host.view().view, crashed, new Set());
    expect(shown(afterCrash)).toEqual({ text: 'crashed: no heartbeats', tone: 'bad' });
    host.dispatch({ type: 'restartConsumer', consumerId: 'billing-1' });
    host.advanceBy(6_000);
    host.dispatch({ type: 'removeConsumer', consumerId: 'billing-1' });
    const closed = buildModel(host.view().view, afterCrash, new Set());
    expect(closed.groupById.get('billing')).not.toBe(afterCrash.groupById.get('billing'));
    expect(shown(closed)).toEqual({ text: 'closed: left the group', tone: 'idle' });
    // KIP-848: a crashed static member still owns its group.instance.id, so restarting it at once is fatal.
    host.dispatch({ type: 'restartConsumer', consumerId: 'billing-1' });
    host.dispatch({ type: 'setGroupConfig', groupId: 'billing', config: { 'group.protocol': 'consumer' } });
    host.dispatch({ type: 'setGroupInstanceId', consumerId: 'billing-1', groupInstanceId: 'billing-1-host' });
    host.advanceBy(10_000);
    host.dispatch({ type: 'crashConsumer', consumerId: 'billing-1' });
    host.advanceBy(1_000);
    host.dispatch({ type: 'restartConsumer', consumerId: 'billing-1' });
    const failed = buildModel(host.advanceBy(2_000).view, closed, new Set());
    expect(shown(failed)).toEqual({ text: 'failed: UnreleasedInstanceIdException', tone: 'bad' });
  });

  it('hides removed producers from the diagram structure', () => {
    const host = createEngineHost();
    const m = buildModel(host.load({ scenario: 'orders' }).view, null, new Set(['producer-checkout']));
    expect(m.structure.producers).toEqual([]);
    expect(m.producers).toEqual([]);
  });

  it('names replica roles as Kafka admin UIs do', () => {
    const p = { leader: 1, isr: [1, 2] };
    expect(roleOf(p, 1, 'running')).toBe('leader');
    expect(roleOf(p, 2, 'running')).toBe('isr');
    expect(roleOf(p, 3, 'running')).toBe('out');
    expect(roleOf(p, 2, 'stopped')).toBe('offline');
  });
});
