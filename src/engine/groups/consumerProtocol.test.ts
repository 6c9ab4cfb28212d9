// KIP-848 (group.protocol=consumer) against kafka-reference.md §4.3: server-side assignment, member
// epochs, and incremental reconciliation — a partition changes owner only after it was released.
import { describe, expect, it } from 'vitest';
import type { Message, SimState } from '../types';
import type { GroupMember, GroupMessageBody } from './types';
import { cluster } from '../testing/harness';
import { onCoordinatorMessage } from './coordinator';

function kip848(consumers: string[], partitions = 6) {
  return cluster(3)
    .topic('t', partitions, 3)
    .producer({
      id: 'p',
      topic: 't',
      ratePerSec: 30,
      keys: { kind: 'random', keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
    })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'group.protocol': 'consumer' },
      consumers: consumers.map((id) => ({ id })),
    })
    .build();
}

type Sim = ReturnType<typeof kip848>;
const group = (sim: Sim) => sim.view().groups[0]!;

function owners(sim: Sim): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const m of group(sim).members) for (const p of m.assigned) map.set(p, [...(map.get(p) ?? []), m.id]);
  return map;
}

describe('KIP-848 consumer group protocol', () => {
  it('reaches Stable with the uniform assignor by default, balanced within one', () => {
    const sim = kip848(['c1', 'c2']);
    sim.advanceTo(15_000);
    const g = group(sim);
    expect(g.protocol).toBe('consumer');
    expect(g.state).toBe('Stable');
    expect(g.assignor).toBe('uniform');
    expect(g.members.map((m) => m.assigned.length)).toEqual([3, 3]);
    expect(g.members.reduce((n, m) => n + m.consumed, 0)).toBeGreaterThan(100);
  });

  it('assigns partitions added to its topic at the next heartbeat, with a new group epoch (onNewMetadataImage)', () => {
    const sim = kip848(['c1', 'c2'], 2);
    sim.advanceTo(15_000);
    const before = group(sim);
    expect(before.state).toBe('Stable');
    const owned = new Map(before.members.map((m) => [m.id, m.assigned]));
    sim.dispatch({ type: 'addPartitions', topic: 't', partitions: 4 });
    // The coordinator learns of the new partitions from the metadata, and acts on a member's heartbeat
    // (group.consumer.heartbeat.interval.ms, 5 s): not in the same instant.
    expect(group(sim).generation).toBe(before.generation);
    sim.advanceTo(30_000);
    const after = group(sim);
    expect(after.generation).toBe(before.generation + 1);
    expect(after.state).toBe('Stable');
    expect([...owners(sim).keys()].sort()).toEqual(['t-0', 't-1', 't-2', 't-3']);
    // The uniform assignor is sticky: each member keeps what it had and gains one new partition.
    for (const m of after.members) {
      expect(m.assigned).toEqual(expect.arrayContaining(owned.get(m.id)!));
      expect(m.assigned).toHaveLength(2);
    }
    expect(sim.view().events.some((e) => /topic t now has 4 partitions; group epoch/.test(e.text))).toBe(
      true,
    );
  });

  it('never gives a partition two owners, and members that keep partitions keep reading while a new member joins', () => {
    const sim = kip848(['c1', 'c2']);
    sim.advanceTo(15_000);
    const epochBefore = group(sim).generation;
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
    let minHeld = Infinity;
    let sawReconciling = false;
    for (let t = 15_050; t <= 40_000; t += 50) {
      sim.advanceTo(t);
      for (const [partition, who] of owners(sim)) expect(who, `${partition} at ${t} ms`).toHaveLength(1);
      const g = group(sim);
      sawReconciling ||= g.state === 'Reconciling';
      minHeld = Math.min(minHeld, ...g.members.filter((m) => m.id !== 'c3').map((m) => m.assigned.length));
    }
    const g = group(sim);
    expect(sawReconciling).toBe(true);
    expect(minHeld).toBe(2);
    expect(g.state).toBe('Stable');
    expect(g.generation).toBe(epochBefore + 1);
    expect(g.members.map((m) => m.assigned.length)).toEqual([2, 2, 2]);
  });

  it('switches a running classic group to group.protocol=consumer, keeping its committed offsets', () => {
    const sim = cluster(3)
      .topic('t', 4, 3)
      .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'random', keys: ['a', 'b', 'c', 'd'] } })
      .group({
        groupId: 'g',
        topic: 't',
        autoOffsetReset: 'earliest',
        consumers: [{ id: 'c1' }, { id: 'c2' }],
      })
      .build();
    sim.advanceTo(12_000);
    expect(sim.view().groups[0]!.protocol).toBe('classic');
    sim.dispatch({ type: 'setGroupConfig', groupId: 'g', config: { 'group.protocol': 'consumer' } });
    sim.advanceTo(30_000);
    const g = sim.view().groups[0]!;
    expect(g.protocol).toBe('consumer');
    expect(g.state).toBe('Stable');
    expect(g.redelivered).toBe(0);
    expect(g.skipped).toBe(0);
  });
});

describe('KIP-848 reconciliation (CurrentAssignmentBuilder)', () => {
  it('moves a member with nothing to revoke to the target epoch at once, to wait in UNRELEASED_PARTITIONS for partitions others still own', () => {
    const sim = kip848(['c1', 'c2']);
    sim.advanceTo(15_000);
    expect(group(sim).state).toBe('Stable');
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
    // c3's first heartbeat (member epoch 0) has reached the coordinator: a new group epoch and target.
    sim.advanceTo(15_250);
    const g = sim.peekState().groups.g!;
    const c3 = Object.values(g.members).find((m) => m.consumerId === 'c3')!;
    expect(c3.target).toHaveLength(2);
    // Its whole target is still owned by c1 and c2, who have not heard of the new epoch yet.
    expect(c3.assignment).toEqual([]);
    expect(c3.memberEpoch).toBe(g.targetAssignmentEpoch);
    expect(c3.memberState).toBe('UNRELEASED_PARTITIONS');
    expect(group(sim).state).toBe('Reconciling');
    // What the group card reads: c3 is at the target epoch, waiting.
    sim.advanceTo(15_450);
    const view = group(sim).members.find((m) => m.id === 'c3')!;
    expect(view.memberState).toBe('UNRELEASED_PARTITIONS');
    expect(view.assigned).toEqual([]);
    // Once c1 and c2 have released them, c3's next heartbeat gets them and it is STABLE.
    sim.advanceTo(40_000);
    const after = Object.values(sim.peekState().groups.g!.members).find((m) => m.consumerId === 'c3')!;
    expect(after.memberState).toBe('STABLE');
    expect(after.assignment).toHaveLength(2);
    expect(group(sim).state).toBe('Stable');
  });

  it('keeps a member that must revoke at its member epoch (UNREVOKED_PARTITIONS) until it reports them released', () => {
    const sim = kip848(['c1', 'c2']);
    sim.advanceTo(15_000);
    const epochBefore = group(sim).generation;
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
    let sawUnrevoked = false;
    for (let t = 15_050; t <= 40_000; t += 50) {
      sim.advanceTo(t);
      for (const m of Object.values(sim.peekState().groups.g!.members)) {
        if (m.memberState !== 'UNREVOKED_PARTITIONS') continue;
        sawUnrevoked = true;
        expect(m.memberEpoch).toBe(epochBefore);
        expect(m.pendingRevocation).toHaveLength(1);
      }
    }
    expect(sawUnrevoked).toBe(true);
  });
});

// GroupMetadataManager.throwIfConsumerGroupMemberEpochIsInvalid: an epoch above the member's is fenced; one
// below is fenced unless it is the member's previous epoch and the partitions the heartbeat reports are a
// subset of its assignment ("the response with the bumped epoch may have been lost").
describe('KIP-848 member epoch validation (GroupMetadataManager.throwIfConsumerGroupMemberEpochIsInvalid)', () => {
  /** c3 joins a Stable c1/c2 group; stop at the heartbeat that acknowledged a revocation and bumped an epoch. */
  function justRevoked() {
    const sim = kip848(['c1', 'c2']);
    sim.advanceTo(15_000);
    const epochBefore = group(sim).generation;
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
    const revoking = new Map<string, string[]>();
    for (let t = 15_010; t <= 40_000; t += 10) {
      sim.advanceTo(t);
      for (const m of Object.values(sim.peekState().groups.g!.members)) {
        const revoked = revoking.get(m.memberId);
        if (m.memberState === 'UNREVOKED_PARTITIONS') revoking.set(m.memberId, [...m.pendingRevocation]);
        else if (revoked && m.memberEpoch > epochBefore) return { sim, member: m, epochBefore, revoked };
      }
    }
    throw new Error('no member finished a revocation');
  }

  /** A ConsumerGroupHeartbeat from the member's consumer, answered at once; returns the answer. */
  function heartbeat(sim: Sim, member: GroupMember, memberEpoch: number, ownedPartitions: string[]) {
    // The coordinator mutates the state it is given, as the simulation's step does.
    const s = sim.peekState() as SimState;
    const consumer = s.consumers[member.consumerId]!;
    const body: GroupMessageBody = {
      kind: 'ConsumerGroupHeartbeatRequest',
      groupId: 'g',
      connectionId: consumer.connectionId,
      memberId: member.memberId,
      memberEpoch,
      groupInstanceId: null,
      subscribedTopics: ['t'],
      ownedPartitions,
      serverAssignor: 'uniform',
    };
    const message: Message = {
      id: s.nextId++,
      from: `consumer-${member.consumerId}`,
      to: 'coordinator',
      sentAtMs: s.nowMs,
      deliverAtMs: s.nowMs,
      body,
    };
    onCoordinatorMessage(s, message);
    // The newest answer to this consumer (the heap's array is not in sending order).
    return s.timers
      .flatMap((t) => (t.timer.kind === 'deliver' ? [t.timer.message] : []))
      .filter((m) => m.to === message.from && m.body.kind === 'ConsumerGroupHeartbeatResponse')
      .sort((a, b) => a.id - b.id)
      .at(-1)!.body;
  }

  it('accepts a heartbeat at the previous member epoch owning a subset of the assignment (the periodic heartbeat that crossed the answer to a revocation)', () => {
    const { sim, member, epochBefore } = justRevoked();
    const epoch = member.memberEpoch;
    const answer = heartbeat(sim, member, epochBefore, [...member.assignment]);
    expect(answer).toMatchObject({ error: null, memberEpoch: epoch });
    expect(sim.peekState().groups.g!.members[member.memberId]!.memberEpoch).toBe(epoch);
  });

  it('fences a heartbeat at the previous member epoch that still reports a partition no longer assigned', () => {
    const { sim, member, epochBefore, revoked } = justRevoked();
    expect(revoked).toHaveLength(1);
    expect(member.assignment).not.toContain(revoked[0]);
    const answer = heartbeat(sim, member, epochBefore, [...member.assignment, ...revoked]);
    expect(answer).toMatchObject({ error: 'FENCED_MEMBER_EPOCH' });
  });

  it('fences a heartbeat older than the previous member epoch, or ahead of the member epoch', () => {
    const { sim, member, epochBefore } = justRevoked();
    expect(heartbeat(sim, member, epochBefore - 1, [...member.assignment])).toMatchObject({
      error: 'FENCED_MEMBER_EPOCH',
    });
    expect(heartbeat(sim, member, member.memberEpoch + 1, [...member.assignment])).toMatchObject({
      error: 'FENCED_MEMBER_EPOCH',
    });
  });
});
