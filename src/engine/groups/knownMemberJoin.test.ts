// A JoinGroup from a member the classic group already knows, against Kafka's coordinator
// (GroupMetadataManager.classicGroupJoinExistingMember; GroupCoordinator.doCurrentMemberJoinGroup before 3.x):
// - Stable: the leader's JoinGroup, or one with changed protocol metadata (ClassicGroupMember.matches),
//   starts a rebalance; "for followers with no actual change to their metadata, just return group
//   information for the current generation which will allow them to issue SyncGroup".
// - CompletingRebalance: unchanged metadata gets the current generation again ("it failed to receive the
//   initial JoinGroup response"), the member list for the leader; changed metadata starts a rebalance.
import { describe, expect, it } from 'vitest';
import type { Message, SimState } from '../types';
import type { ConsumerConfig, GroupMessageBody } from './types';
import { cluster } from '../testing/harness';
import { rejoin } from '../clients/consumer';
import { onCoordinatorMessage } from './coordinator';

function twoMembers(config: Partial<ConsumerConfig> = {}) {
  return cluster(3)
    .topic('t', 4, 3)
    .producer({ id: 'p', topic: 't', ratePerSec: 10, keys: { kind: 'random', keys: ['a', 'b', 'c', 'd'] } })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'session.timeout.ms': 10_000, ...config },
      consumers: [{ id: 'c1' }, { id: 'c2' }],
    })
    .build();
}

type Sim = ReturnType<typeof twoMembers>;
const state = (sim: Sim) => sim.peekState() as SimState;
const group = (sim: Sim) => sim.view().groups[0]!;
const leaderOf = (sim: Sim) => group(sim).members.find((m) => m.isLeader)!.id;
const followerOf = (sim: Sim) => group(sim).members.find((m) => !m.isLeader)!.id;
const assigned = (sim: Sim, id: string) => group(sim).members.find((m) => m.id === id)!.assigned;

/** Advances in 50 ms steps, checking that the group stays Stable and `id` keeps its partitions. */
function staysStable(sim: Sim, untilMs: number, keeps: string): void {
  const owned = assigned(sim, keeps);
  while (sim.peekState().nowMs < untilMs) {
    sim.advanceBy(50);
    expect(group(sim).state).toBe('Stable');
    expect(assigned(sim, keeps)).toEqual(owned);
  }
}

describe('a known member’s JoinGroup in a Stable classic group', () => {
  it('gives a follower with unchanged metadata the current generation back, without a rebalance', () => {
    const sim = twoMembers();
    sim.advanceTo(10_000);
    expect(group(sim).state).toBe('Stable');
    const generation = group(sim).generation;
    const follower = followerOf(sim);
    const owned = assigned(sim, follower);
    // An eager follower gives up its partitions and rejoins with the same protocols and owned partitions
    // (none) as in its last JoinGroup.
    rejoin(state(sim), state(sim).consumers[follower]!, 'the test asks it to');
    const events = sim.advanceBy(2_000);
    expect(events.map((e) => e.type)).not.toContain('rebalanceStarted');
    staysStable(sim, 14_000, leaderOf(sim));
    expect(group(sim).generation).toBe(generation);
    // SyncGroup in a Stable group hands it its current assignment again.
    expect(assigned(sim, follower)).toEqual(owned);
  });

  it('keeps a cooperative follower’s partitions when it rejoins owning what its last JoinGroup reported', () => {
    const sim = twoMembers({ 'partition.assignment.strategy': ['cooperative-sticky'] });
    sim.advanceTo(10_000);
    // A cooperative member's metadata includes the partitions it owns: those it first joined with (none)
    // differ from what it owns now, so it needs one rebalance in which it reports them (the leader's).
    rejoin(state(sim), state(sim).consumers[leaderOf(sim)]!, 'the test asks it to');
    sim.advanceTo(20_000);
    const follower = followerOf(sim);
    const generation = group(sim).generation;
    expect(assigned(sim, follower)).toHaveLength(2);
    rejoin(state(sim), state(sim).consumers[follower]!, 'the test asks it to');
    staysStable(sim, 24_000, follower);
    expect(group(sim).generation).toBe(generation);
  });

  it('rebalances when the leader rejoins, although its metadata is unchanged', () => {
    const sim = twoMembers();
    sim.advanceTo(10_000);
    const generation = group(sim).generation;
    const leader = leaderOf(sim);
    rejoin(state(sim), state(sim).consumers[leader]!, 'the test asks it to');
    const started = sim.advanceBy(2_000).find((e) => e.type === 'rebalanceStarted')!;
    expect(started.text).toContain('re-joining group during Stable');
    sim.advanceTo(20_000);
    expect(group(sim).state).toBe('Stable');
    expect(group(sim).generation).toBe(generation + 1);
  });

  it('rebalances when a follower rejoins with other protocols (ClassicGroupMember.matches)', () => {
    const sim = twoMembers({ 'partition.assignment.strategy': ['range', 'roundrobin'] });
    sim.advanceTo(10_000);
    const generation = group(sim).generation;
    const follower = state(sim).consumers[followerOf(sim)]!;
    follower.config = { ...follower.config, 'partition.assignment.strategy': ['roundrobin', 'range'] };
    rejoin(state(sim), follower, 'the test asks it to');
    const started = sim.advanceBy(2_000).find((e) => e.type === 'rebalanceStarted')!;
    expect(started.text).toContain('updating metadata for member');
    sim.advanceTo(20_000);
    expect(group(sim).generation).toBe(generation + 1);
  });
});

describe('a known member’s JoinGroup during CompletingRebalance', () => {
  /** Delivers a JoinGroup from `consumerId` repeating its last one, as a client that missed the answer. */
  function joinAgain(sim: Sim, consumerId: string): void {
    const s = state(sim);
    const consumer = s.consumers[consumerId]!;
    const member = s.groups.g!.members[consumer.memberId]!;
    const body: GroupMessageBody = {
      kind: 'JoinGroupRequest',
      groupId: 'g',
      connectionId: consumer.connectionId,
      memberId: member.memberId,
      groupInstanceId: null,
      protocols: [...member.protocols],
      ownedPartitions: [...member.ownedPartitions],
      stickyUserData: member.stickyUserData,
      sessionTimeoutMs: member.sessionTimeoutMs,
      rebalanceTimeoutMs: member.rebalanceTimeoutMs,
    };
    const message: Message = {
      id: s.nextId++,
      from: `consumer-${consumerId}`,
      to: 'coordinator',
      sentAtMs: s.nowMs,
      deliverAtMs: s.nowMs,
      body,
    };
    onCoordinatorMessage(s, message);
  }

  const answersTo = (sim: Sim, consumerId: string) =>
    sim
      .peekState()
      .timers.flatMap((t) => (t.timer.kind === 'deliver' ? [t.timer.message] : []))
      .filter((m) => m.to === `consumer-${consumerId}` && m.sentAtMs === sim.peekState().nowMs)
      .map((m) => m.body)
      .flatMap((b) => (b.kind === 'JoinGroupResponse' ? [b] : []));

  it.each(['leader', 'follower'] as const)(
    'answers the %s with the current generation again, without a new rebalance',
    (role) => {
      const sim = twoMembers();
      while (group(sim).state !== 'CompletingRebalance') sim.advanceBy(10);
      const generation = group(sim).generation;
      const leader = state(sim).groups.g!.leaderId!;
      const consumerId = Object.values(state(sim).groups.g!.members).find(
        (m) => (m.memberId === leader) === (role === 'leader'),
      )!.consumerId;
      joinAgain(sim, consumerId);
      expect(group(sim).state).toBe('CompletingRebalance');
      const [answer] = answersTo(sim, consumerId);
      expect(answer).toMatchObject({ error: null, generation, leaderId: leader });
      expect(answer!.members).toHaveLength(role === 'leader' ? 2 : 0);
      sim.advanceBy(5_000);
      expect(group(sim).state).toBe('Stable');
      expect(group(sim).generation).toBe(generation);
    },
  );
});
