// What the group coordinator answers, checked against GroupMetadataManager (Kafka 4.x):
// - classicGroupHeartbeat: REBALANCE_IN_PROGRESS only in PreparingRebalance; in CompletingRebalance a
//   heartbeat (sent after the JoinGroup answer) is a normal one;
// - ConsumerGroup.validateOffsetCommit: a KIP-848 member committing with an older member epoch gets
//   STALE_MEMBER_EPOCH, with a newer one FENCED_MEMBER_EPOCH (ILLEGAL_GENERATION is the classic error).
import { describe, expect, it } from 'vitest';
import type { Message, SimState } from '../types';
import type { ConsumerConfig, GroupMessageBody } from './types';
import { cluster } from '../testing/harness';
import { onCoordinatorMessage } from './coordinator';

function twoMembers(config: Partial<ConsumerConfig> = {}) {
  return cluster(3)
    .topic('t', 4, 3)
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config,
      consumers: [{ id: 'c1' }, { id: 'c2' }],
    })
    .build();
}

type Sim = ReturnType<typeof twoMembers>;

/** Delivers `body` from consumer c1 and returns the coordinator's answer to it, sent at this instant. */
function ask(sim: Sim, body: GroupMessageBody): GroupMessageBody {
  const answerKind = body.kind.replace(/Request$/, 'Response');
  const s = sim.peekState() as SimState;
  const message: Message = {
    id: s.nextId++,
    from: 'consumer-c1',
    to: 'coordinator',
    sentAtMs: s.nowMs,
    deliverAtMs: s.nowMs,
    body,
  };
  onCoordinatorMessage(s, message);
  const answers = s.timers
    .flatMap((t) => (t.timer.kind === 'deliver' ? [t.timer.message] : []))
    .filter((m) => m.to === 'consumer-c1' && m.sentAtMs === s.nowMs && m.body.kind === answerKind);
  return answers[answers.length - 1]!.body as GroupMessageBody;
}

const c1 = (sim: Sim) => (sim.peekState() as SimState).consumers['c1']!;
const groupOf = (sim: Sim) => (sim.peekState() as SimState).groups['g']!;

describe('classic heartbeats during a rebalance', () => {
  it('are answered REBALANCE_IN_PROGRESS while PreparingRebalance, and without error while CompletingRebalance', () => {
    const sim = twoMembers();
    sim.advanceTo(15_000);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
    const heartbeat = (): GroupMessageBody => ({
      kind: 'HeartbeatRequest',
      groupId: 'g',
      connectionId: c1(sim).connectionId,
      memberId: c1(sim).memberId,
      generation: groupOf(sim).generation,
    });
    while (groupOf(sim).state !== 'PreparingRebalance') sim.advanceBy(10);
    expect(ask(sim, heartbeat())).toMatchObject({
      kind: 'HeartbeatResponse',
      error: 'REBALANCE_IN_PROGRESS',
    });
    while (groupOf(sim).state !== 'CompletingRebalance') sim.advanceBy(10);
    expect(ask(sim, heartbeat())).toMatchObject({ kind: 'HeartbeatResponse', error: null });
  });
});

describe('KIP-848 offset commits with a wrong member epoch', () => {
  it('answer STALE_MEMBER_EPOCH for an older epoch and FENCED_MEMBER_EPOCH for a newer one', () => {
    const sim = twoMembers({ 'group.protocol': 'consumer' });
    sim.advanceTo(15_000);
    const member = groupOf(sim).members[c1(sim).memberId]!;
    const commit = (epoch: number): GroupMessageBody => ({
      kind: 'OffsetCommitRequest',
      groupId: 'g',
      connectionId: c1(sim).connectionId,
      memberId: member.memberId,
      generation: epoch,
      offsets: { 't-0': 0 },
    });
    expect(ask(sim, commit(member.memberEpoch))).toMatchObject({ error: null });
    expect(ask(sim, commit(member.memberEpoch - 1))).toMatchObject({ error: 'STALE_MEMBER_EPOCH' });
    expect(ask(sim, commit(member.memberEpoch + 1))).toMatchObject({ error: 'FENCED_MEMBER_EPOCH' });
  });
});
