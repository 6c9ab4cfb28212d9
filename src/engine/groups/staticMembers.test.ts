// Static membership under KIP-848 (group.protocol=consumer), against Kafka's client and coordinator:
// - ConsumerMembershipManager.leaveGroupEpoch: on close a static member's last ConsumerGroupHeartbeat
//   carries member epoch -2 (ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH), a dynamic
//   member's -1 (LEAVE_GROUP_MEMBER_EPOCH).
// - GroupMetadataManager.consumerGroupStaticMemberGroupLeave: a member at -2 stays, with its assignment;
//   only its session timeout (not rescheduled by the leave) fences it and reassigns its partitions.
// - GroupMetadataManager's static member replacement: the same group.instance.id joining with epoch 0
//   replaces the -2 member under a new member id and takes over its assignment, without a new group epoch.
// - GroupMetadataManager.throwIfInstanceIdIsUnreleased: a member that did not leave with -2 (a crash) still
//   owns its instance id, so a join with it fails with UNRELEASED_INSTANCE_ID, which is fatal for the Java
//   client (HeartbeatRequestManager).
import { describe, expect, it } from 'vitest';
import type { GroupMessageBody } from './types';
import { cluster } from '../testing/harness';

const SESSION_MS = 45_000; // group.consumer.session.timeout.ms (kafka-reference.md §4.3)
const HEARTBEAT_MS = 5_000; // group.consumer.heartbeat.interval.ms

function kip848(instanceIds: [string | null, string | null]) {
  return cluster(3)
    .topic('t', 6, 3)
    .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'random', keys: ['a', 'b', 'c', 'd'] } })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'group.protocol': 'consumer' },
      consumers: [
        { id: 'c1', groupInstanceId: instanceIds[0] },
        { id: 'c2', groupInstanceId: instanceIds[1] },
      ],
    })
    .build();
}

type Sim = ReturnType<typeof kip848>;
const group = (sim: Sim) => sim.view().groups[0]!;
const consumer = (sim: Sim, id: string) => group(sim).members.find((m) => m.id === id)!;
/** The coordinator's members, as kafka-consumer-groups --describe --members would list them. */
const coordinatorMembers = (sim: Sim) => Object.values(sim.peekState().groups.g!.members);
const coordinatorMember = (sim: Sim, instanceId: string) =>
  coordinatorMembers(sim).find((m) => m.groupInstanceId === instanceId);

/** Member epochs of the ConsumerGroupHeartbeats a consumer has sent at this very ms. */
function heartbeatEpochsSentNow(sim: Sim, consumerId: string): number[] {
  const state = sim.peekState();
  return state.timers
    .flatMap((t) => (t.timer.kind === 'deliver' ? [t.timer.message] : []))
    .filter((m) => m.from === `consumer-${consumerId}` && m.sentAtMs === state.nowMs)
    .map((m) => m.body as GroupMessageBody)
    .flatMap((b) => (b.kind === 'ConsumerGroupHeartbeatRequest' ? [b.memberEpoch] : []));
}

describe('KIP-848 static membership', () => {
  it('closes a static member with member epoch -2 and a dynamic one with -1 (ConsumerMembershipManager.leaveGroupEpoch)', () => {
    const sim = kip848(['c1-host', null]);
    sim.advanceTo(15_100); // between two heartbeats (every group.consumer.heartbeat.interval.ms)
    expect(group(sim).state).toBe('Stable');
    const closed = sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    expect(heartbeatEpochsSentNow(sim, 'c1')).toEqual([-2]);
    expect(closed.events.find((e) => e.type === 'consumerClosed')!.text).toContain('member epoch -2');
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c2' });
    expect(heartbeatEpochsSentNow(sim, 'c2')).toEqual([-1]);
    // The dynamic member is fenced as soon as its leave arrives; the static one stays, at epoch -2.
    sim.advanceTo(16_000);
    expect(coordinatorMembers(sim).map((m) => [m.groupInstanceId, m.memberEpoch])).toEqual([['c1-host', -2]]);
  });

  it('keeps a departed static member’s assignment until group.consumer.session.timeout.ms, then reassigns it (consumerGroupStaticMemberGroupLeave)', () => {
    const sim = kip848(['c1-host', 'c2-host']);
    sim.advanceTo(15_100);
    const epoch = group(sim).generation;
    const c1Owned = consumer(sim, 'c1').assigned;
    const c2Owned = consumer(sim, 'c2').assigned;
    expect(c1Owned).toHaveLength(3);
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    sim.advanceTo(16_000); // the leave, and the heartbeat sent before it, have arrived
    const lastHeartbeatAtMs = coordinatorMember(sim, 'c1-host')!.lastHeartbeatAtMs;
    expect(lastHeartbeatAtMs).toBeLessThan(15_100 + 1_000);
    // Until the session timeout nothing moves: c2 keeps its three partitions and gets none of c1's.
    for (let t = 16_000; t < lastHeartbeatAtMs + SESSION_MS; t += 500) {
      sim.advanceTo(t);
      expect(consumer(sim, 'c2').assigned, `at ${t} ms`).toEqual(c2Owned);
    }
    const away = coordinatorMember(sim, 'c1-host')!;
    expect(away.memberEpoch).toBe(-2);
    expect(away.assignment).toEqual(c1Owned);
    expect(group(sim).generation).toBe(epoch);
    // A member at epoch -2 is not reconciled to the target epoch (ConsumerGroup.maybeUpdateGroupState).
    expect(group(sim).state).toBe('Reconciling');
    // The leave did not reset the session timer: it expires 45 s after the last real heartbeat.
    const events = sim.advanceTo(lastHeartbeatAtMs + SESSION_MS + 2 * HEARTBEAT_MS);
    const removed = events.find((e) => e.type === 'memberRemoved')!;
    expect(removed.atMs).toBe(lastHeartbeatAtMs + SESSION_MS);
    expect(removed.text).toContain('left with member epoch -2 and did not come back in time');
    expect(coordinatorMember(sim, 'c1-host')).toBeUndefined();
    expect(group(sim).generation).toBe(epoch + 1);
    expect(group(sim).state).toBe('Stable');
    expect(consumer(sim, 'c2').assigned).toHaveLength(6);
  });

  it('lets the same group.instance.id rejoin within the session timeout: a new member id takes over the assignment, no new group epoch', () => {
    const sim = kip848(['c1-host', 'c2-host']);
    sim.advanceTo(15_000);
    const epoch = group(sim).generation;
    const before = coordinatorMember(sim, 'c1-host')!;
    const c1Owned = consumer(sim, 'c1').assigned;
    const c2Owned = consumer(sim, 'c2').assigned;
    const c2Epoch = coordinatorMember(sim, 'c2-host')!.memberEpoch;
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    sim.advanceTo(30_000);
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    const events = sim.advanceTo(40_000);
    expect(events.some((e) => e.type === 'groupEpochBumped')).toBe(false);
    expect(events.find((e) => e.type === 'staticMemberRejoined')!.text).toContain(
      `replaces ${before.memberId}`,
    );
    const after = coordinatorMember(sim, 'c1-host')!;
    expect(after.memberId).not.toBe(before.memberId);
    expect(coordinatorMembers(sim)).toHaveLength(2);
    expect(consumer(sim, 'c1').memberId).toBe(after.memberId);
    expect(consumer(sim, 'c1').assigned).toEqual(c1Owned);
    expect(after.memberEpoch).toBe(epoch);
    // The other member was never told anything new.
    expect(consumer(sim, 'c2').assigned).toEqual(c2Owned);
    expect(coordinatorMember(sim, 'c2-host')!.memberEpoch).toBe(c2Epoch);
    expect(group(sim).generation).toBe(epoch);
    expect(group(sim).state).toBe('Stable');
    // Past the old member's session timeout nothing happens: it was replaced, not expired.
    expect(sim.advanceTo(75_000).some((e) => e.type === 'memberRemoved')).toBe(false);
    expect(group(sim).redelivered).toBe(0);
  });

  it('skips the revocation of partitions the rejoining member reports it no longer owns (CurrentAssignmentBuilder.ownsRevokedPartitions), so they move on at once', () => {
    const sim = kip848(['c1-host', 'c2-host']);
    sim.advanceTo(15_100);
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    // While c1 is away at epoch -2, c3 joins: c1's target shrinks from 3 partitions to 2.
    sim.advanceTo(16_000);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
    sim.advanceTo(20_000);
    const away = coordinatorMember(sim, 'c1-host')!;
    expect(away.memberEpoch).toBe(-2);
    expect(away.assignment).toHaveLength(3);
    expect(away.target).toHaveLength(2);
    const moved = away.assignment.filter((p) => !away.target.includes(p));
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    // The restarted c1 owns nothing, and its joining heartbeat says so (TopicPartitions = []): the moved
    // partition is not held for a revocation that its next heartbeat would only confirm 5 s later.
    sim.advanceTo(20_300);
    const back = coordinatorMember(sim, 'c1-host')!;
    expect(back.pendingRevocation).toEqual([]);
    expect(back.assignment).toEqual(back.target);
    expect(back.memberEpoch).toBe(group(sim).generation);
    // c3 gets it at its next heartbeat.
    sim.advanceTo(20_200 + HEARTBEAT_MS + 500);
    expect(consumer(sim, 'c3').assigned).toEqual(expect.arrayContaining(moved));
    expect(group(sim).state).toBe('Stable');
  });

  it('refuses a crashed static member restarted within the session timeout with UNRELEASED_INSTANCE_ID (throwIfInstanceIdIsUnreleased), and lets it join once the old member expired', () => {
    const sim = kip848(['c1-host', 'c2-host']);
    sim.advanceTo(15_100);
    const epoch = group(sim).generation;
    const crashed = sim.dispatch({ type: 'crashConsumer', consumerId: 'c1' });
    expect(heartbeatEpochsSentNow(sim, 'c1')).toEqual([]);
    expect(crashed.events[0]!.text).toContain('UNRELEASED_INSTANCE_ID');
    sim.advanceTo(20_000);
    const owner = coordinatorMember(sim, 'c1-host')!;
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    const events = sim.advanceTo(22_000);
    const failed = events.find((e) => e.type === 'consumerFailed')!;
    // The restarted process joined under the member id it drew as it started (KIP-1082).
    const restartedId = consumer(sim, 'c1').memberId;
    expect(restartedId).not.toBe(owner.memberId);
    expect(failed.text).toContain(
      `UnreleasedInstanceIdException: Static member ${restartedId} with instance id c1-host cannot join the group because the instance id is owned by ${owner.memberId} member.`,
    );
    // Fatal for the Java client: the consumer stops, and the old member still holds the instance id.
    expect(consumer(sim, 'c1').status).toBe('stopped');
    expect(coordinatorMembers(sim).filter((m) => m.groupInstanceId === 'c1-host')).toEqual([owner]);
    expect(group(sim).generation).toBe(epoch);
    // After its session timeout the crashed member is fenced, and a restart joins as a new static member.
    sim.advanceTo(owner.lastHeartbeatAtMs + SESSION_MS + 1_000);
    expect(coordinatorMember(sim, 'c1-host')).toBeUndefined();
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    sim.advanceTo(owner.lastHeartbeatAtMs + SESSION_MS + 30_000);
    expect(group(sim).state).toBe('Stable');
    expect(consumer(sim, 'c1').assigned).toHaveLength(3);
    expect(coordinatorMember(sim, 'c1-host')!.memberId).not.toBe(owner.memberId);
  });

  it('leaves with member epoch -2 on a poll timeout too, and takes its partitions back at its next poll (AbstractMembershipManager.transitionToSendingLeaveGroup)', () => {
    const sim = cluster(3)
      .topic('t', 6, 3)
      .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'random', keys: ['a', 'b', 'c', 'd'] } })
      .group({
        groupId: 'g',
        topic: 't',
        autoOffsetReset: 'earliest',
        config: { 'group.protocol': 'consumer', 'max.poll.interval.ms': 10_000, 'max.poll.records': 5 },
        consumers: [
          { id: 'c1', groupInstanceId: 'c1-host' },
          { id: 'c2', groupInstanceId: 'c2-host' },
        ],
      })
      .build();
    sim.advanceTo(15_000);
    const epoch = group(sim).generation;
    const c1Owned = consumer(sim, 'c1').assigned;
    const c2Owned = consumer(sim, 'c2').assigned;
    // 5 records of 3 s each: well past max.poll.interval.ms, well within the session timeout.
    sim.dispatch({ type: 'slowConsumer', consumerId: 'c1', processingTimeMs: 3_000 });
    const events = sim.advanceTo(44_000);
    const types = events.map((e) => e.type);
    expect(types).toContain('pollTimeout');
    expect(types.indexOf('staticMemberLeft')).toBeGreaterThan(types.indexOf('pollTimeout'));
    expect(types.indexOf('staticMemberRejoined')).toBeGreaterThan(types.indexOf('staticMemberLeft'));
    expect(types).not.toContain('groupEpochBumped');
    expect(types).not.toContain('memberRemoved');
    expect(group(sim).generation).toBe(epoch);
    expect(consumer(sim, 'c1').assigned).toEqual(c1Owned);
    expect(consumer(sim, 'c2').assigned).toEqual(c2Owned);
  });

  it('is deterministic across a close, a rejoin and a seek over them', () => {
    const run = () => {
      const sim = kip848(['c1-host', null]);
      sim.advanceTo(12_000);
      sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
      sim.advanceTo(20_000);
      sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
      sim.advanceTo(30_000);
      return sim;
    };
    const a = run();
    const hash = a.hash();
    expect(run().hash()).toBe(hash);
    a.seek(13_000);
    a.seek(30_000);
    expect(a.hash()).toBe(hash);
  });
});
