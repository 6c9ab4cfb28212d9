// Static membership under the classic protocol (KIP-345), against Kafka's client and coordinator:
// - ConsumerCoordinator.close commits (enable.auto.commit=true) before AbstractCoordinator.maybeLeaveGroup,
//   which sends LeaveGroup only from a dynamic member: a static member commits, then sends nothing.
// - On a poll timeout (AbstractCoordinator.handlePollTimeoutExpiry) the same maybeLeaveGroup sends nothing
//   from a static member; resetGenerationOnLeaveGroup resets its generation and member id, so its next poll()
//   joins with an unknown member id and its group.instance.id.
// - GroupMetadataManager.updateStaticMemberThenRebalanceOrCompleteJoin (the old GroupCoordinator's
//   updateStaticMemberAndRebalance): the new member id replaces the old one and keeps its assignment. A Stable
//   group rebalances only if ClassicGroup.selectProtocol() changes; during CompletingRebalance it always
//   rebalances (the leader may be assigning to the old member id), and the followers parked in SyncGroup get
//   REBALANCE_IN_PROGRESS (resetAndPropagateAssignmentWithError) and rejoin.
import { describe, expect, it } from 'vitest';
import type { ConsumerConfig, GroupMessageBody } from './types';
import { cluster } from '../testing/harness';

function staticGroup(config: Partial<ConsumerConfig> = {}, partitions = 4) {
  return cluster(3)
    .topic('t', partitions, 3)
    .producer({
      id: 'p',
      topic: 't',
      ratePerSec: 20,
      keys: { kind: 'random', keys: ['a', 'b', 'c', 'd', 'e', 'f'] },
    })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config,
      consumers: [
        { id: 'c1', groupInstanceId: 'c1-host' },
        { id: 'c2', groupInstanceId: 'c2-host' },
      ],
    })
    .build();
}

type Sim = ReturnType<typeof staticGroup>;
const group = (sim: Sim) => sim.view().groups[0]!;
const member = (sim: Sim, id: string) => group(sim).members.find((m) => m.id === id)!;
const coordinatorMember = (sim: Sim, instanceId: string) =>
  Object.values(sim.peekState().groups.g!.members).find((m) => m.groupInstanceId === instanceId);

/** The kinds of the requests a consumer sent at `atMs` (by default now) that are still on their way. */
function sentAt(sim: Sim, consumerId: string, atMs = sim.peekState().nowMs): GroupMessageBody['kind'][] {
  return sim
    .peekState()
    .timers.flatMap((t) => (t.timer.kind === 'deliver' ? [t.timer.message] : []))
    .filter((m) => m.from === `consumer-${consumerId}` && m.sentAtMs === atMs)
    .map((m) => (m.body as GroupMessageBody).kind);
}

/** Advances in steps of 50 ms until the group is in `state`, or fails after `untilMs`. */
function advanceUntilState(sim: Sim, state: string, untilMs: number): void {
  while (group(sim).state !== state) {
    if (sim.peekState().nowMs >= untilMs) throw new Error(`group never reached ${state}`);
    sim.advanceBy(50);
  }
}

describe('classic static membership (KIP-345)', () => {
  it('commits its position on close although it sends no LeaveGroup (ConsumerCoordinator.close), so a quick restart redelivers nothing', () => {
    const sim = staticGroup({ 'session.timeout.ms': 30_000 });
    // Auto-commits run every 5 s from the start: at 12.5 s, 2.5 s of records are processed but not committed.
    sim.advanceTo(12_500);
    const generation = group(sim).generation;
    expect(member(sim, 'c1').assigned).toHaveLength(2);
    const { events } = sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    expect(sentAt(sim, 'c1')).toEqual(['OffsetCommitRequest']);
    expect(events.find((e) => e.type === 'consumerClosed')!.text).toContain('sends no LeaveGroup');
    sim.advanceTo(14_000);
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    sim.advanceTo(25_000);
    expect(group(sim).generation).toBe(generation);
    expect(member(sim, 'c1').assigned).toHaveLength(2);
    expect(group(sim).redelivered).toBe(0);
  });

  it('sends no LeaveGroup on a poll timeout (AbstractCoordinator.maybeLeaveGroup): it stays a member until session.timeout.ms, and its next poll() takes its partitions back without a rebalance', () => {
    const sim = staticGroup({ 'max.poll.interval.ms': 10_000, 'max.poll.records': 5 });
    sim.advanceTo(15_000);
    const generation = group(sim).generation;
    const before = coordinatorMember(sim, 'c1-host')!;
    const c1Owned = member(sim, 'c1').assigned;
    const c2Owned = member(sim, 'c2').assigned;
    // Batches of 5 records at 3 s each: far past max.poll.interval.ms, within session.timeout.ms (45 s).
    sim.dispatch({ type: 'slowConsumer', consumerId: 'c1', processingTimeMs: 3_000 });
    let timedOutAtMs = -1;
    while (timedOutAtMs < 0 && sim.peekState().nowMs < 45_000) {
      const timeout = sim.advanceBy(100).find((e) => e.type === 'pollTimeout');
      if (timeout) timedOutAtMs = timeout.atMs;
      expect(member(sim, 'c2').assigned).toEqual(c2Owned);
    }
    expect(timedOutAtMs).toBeGreaterThan(15_000);
    // Nothing on its way from c1: no LeaveGroup, and (partitions lost, not revoked) no OffsetCommit.
    expect(sentAt(sim, 'c1', timedOutAtMs)).toEqual([]);
    // The batch in hand still takes its time; the next ones will not.
    sim.dispatch({ type: 'slowConsumer', consumerId: 'c1', processingTimeMs: 0 });
    const events = sim.advanceTo(70_000);
    const types = events.map((e) => e.type);
    expect(types).not.toContain('memberRemoved');
    expect(types).not.toContain('rebalanceStarted');
    const rejoined = events.find((e) => e.type === 'staticMemberRejoined')!;
    expect(rejoined.text).toContain('no rebalance');
    // resetGenerationOnLeaveGroup reset the member id: the JoinGroup replaced the old member under a new one.
    const after = coordinatorMember(sim, 'c1-host')!;
    expect(after.memberId).not.toBe(before.memberId);
    expect(group(sim).generation).toBe(generation);
    expect(group(sim).state).toBe('Stable');
    expect(member(sim, 'c1').assigned).toEqual(c1Owned);
    expect(member(sim, 'c2').assigned).toEqual(c2Owned);
  });

  it('rebalances when a static member is replaced during CompletingRebalance, and the followers parked in SyncGroup rejoin on REBALANCE_IN_PROGRESS', () => {
    const sim = staticGroup({ 'session.timeout.ms': 30_000 });
    sim.advanceTo(10_000);
    expect(member(sim, 'c1').isLeader).toBe(true);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
    advanceUntilState(sim, 'CompletingRebalance', 20_000);
    const generation = group(sim).generation;
    // The leader closes before its JoinGroup answer arrives, so it never sends the SyncGroup that would
    // make the group Stable; it is back (as the same static member) while the group still waits for it.
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    sim.advanceBy(250);
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    const events = sim.advanceBy(400);
    expect(events.find((e) => e.type === 'rebalanceStarted')!.text).toContain('static member');
    sim.advanceBy(10_000);
    const g = group(sim);
    expect(g.state).toBe('Stable');
    expect(g.generation).toBe(generation + 1);
    expect(g.members.map((m) => [m.id, m.phase, m.assigned.length > 0])).toEqual([
      ['c1', 'stable', true],
      ['c2', 'stable', true],
      ['c3', 'stable', true],
    ]);
  });

  it('rebalances when the returning static member changes the selected protocol (ClassicGroup.selectProtocol), and takes its new session.timeout.ms', () => {
    const sim = staticGroup({
      'session.timeout.ms': 10_000,
      'partition.assignment.strategy': ['range', 'roundrobin'],
    });
    sim.advanceTo(10_000);
    expect(group(sim).assignor).toBe('range');
    const generation = group(sim).generation;
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c2' });
    sim.dispatch({
      type: 'setGroupConfig',
      groupId: 'g',
      config: { 'partition.assignment.strategy': ['roundrobin'], 'session.timeout.ms': 20_000 },
    });
    sim.dispatch({ type: 'restartConsumer', consumerId: 'c1' });
    const events = sim.advanceBy(500);
    expect(events.find((e) => e.type === 'rebalanceStarted')!.text).toContain('selected protocol');
    expect(coordinatorMember(sim, 'c1-host')!.sessionTimeoutMs).toBe(20_000);
    // c2's old membership never rejoins: its session expires and c1 alone forms the next generation.
    sim.advanceTo(30_000);
    expect(group(sim).state).toBe('Stable');
    expect(group(sim).generation).toBe(generation + 1);
    expect(group(sim).assignor).toBe('roundrobin');
    expect(member(sim, 'c1').assigned).toHaveLength(4);
  });
});
