// The classic rebalance barrier (GroupMetadataManager.prepareRebalance and completeClassicGroupJoin):
// PreparingRebalance waits for every known member to join again (a new group first waits
// group.initial.rebalance.delay.ms), or for the rebalance timeout, which removes the members that did not;
// then the generation increments, the protocol is selected, and every member gets its JoinGroup answer,
// the leader with every member's metadata (CompletingRebalance).
import type { SimState } from '../types';
import type { ClientAssignor, GroupMember, GroupMessageBody, GroupState, WithoutConnection } from './types';
import { emit } from '../sim/events';
import { schedule } from '../sim/timers';
import { javaStringCompare } from './assignors/javaOrder';
import { transition } from './classicGroupState';
import { removeMember, touch } from './classicSessions';
import { reply } from './reply';

type Body<K extends GroupMessageBody['kind']> = Extract<GroupMessageBody, { kind: K }>;

export function prepareRebalance(state: SimState, g: GroupState, why: string): void {
  const wasEmpty = g.state === 'Empty';
  // resetAndPropagateAssignmentWithError: SyncGroups parked in CompletingRebalance are answered, so their
  // members rejoin (a heartbeat's REBALANCE_IN_PROGRESS is ignored by a member that is not Stable yet).
  for (const m of Object.values(g.members)) {
    if (m.awaitingSync)
      reply(state, m, {
        kind: 'SyncGroupResponse',
        groupId: g.groupId,
        error: 'REBALANCE_IN_PROGRESS',
        assignment: [],
      });
    m.awaitingSync = false;
  }
  transition(g, 'PreparingRebalance');
  g.rebalanceToken++;
  emit(state, 'rebalanceStarted', `Group ${g.groupId} is rebalancing (PreparingRebalance): ${why}.`);
  const timeout = Math.max(0, ...Object.values(g.members).map((m) => m.rebalanceTimeoutMs));
  if (wasEmpty) {
    // group.initial.rebalance.delay.ms: wait for more members before the first generation. Each time the
    // delay ends with a new member in it, Kafka waits one more delay, within the rebalance timeout.
    const delay = state.config.groupInitialRebalanceDelayMs;
    g.newMemberAdded = false;
    g.initialDelayMs = delay;
    g.initialDelayRemainingMs = Math.max(timeout - delay, 0);
    armInitialDelay(state, g, delay);
  }
  schedule(state, state.nowMs + timeout, {
    kind: 'rebalanceTimeout',
    groupId: g.groupId,
    token: g.rebalanceToken,
  });
}

function armInitialDelay(state: SimState, g: GroupState, delayMs: number): void {
  g.initialDelayUntilMs = state.nowMs + delayMs;
  schedule(state, g.initialDelayUntilMs, {
    kind: 'initialRebalanceDelay',
    groupId: g.groupId,
    token: g.rebalanceToken,
  });
}

/** A member joined a new group while it waits for its first generation (generation 0). */
export function noteNewMember(g: GroupState): void {
  if (g.state === 'PreparingRebalance' && g.generation === 0) g.newMemberAdded = true;
}

export function onInitialRebalanceDelay(state: SimState, groupId: string, token: number): void {
  const g = state.groups[groupId];
  if (!g || g.rebalanceToken !== token || g.initialDelayUntilMs !== state.nowMs) return;
  if (g.newMemberAdded && g.initialDelayRemainingMs > 0) {
    g.newMemberAdded = false;
    const next = Math.min(state.config.groupInitialRebalanceDelayMs, g.initialDelayRemainingMs);
    g.initialDelayRemainingMs = Math.max(g.initialDelayRemainingMs - g.initialDelayMs, 0);
    g.initialDelayMs = next;
    armInitialDelay(state, g, next);
    return;
  }
  g.initialDelayUntilMs = 0;
  tryCompleteJoin(state, g);
}

/** The rebalance timeout fired: members that did not rejoin are removed, and the rest go ahead. */
export function onRebalanceTimeout(state: SimState, groupId: string, token: number): void {
  const g = state.groups[groupId];
  if (!g || g.rebalanceToken !== token || g.state !== 'PreparingRebalance') return;
  for (const m of Object.values(g.members)) {
    if (!m.awaitingJoin)
      removeMember(
        state,
        g,
        m,
        `it did not rejoin within the rebalance timeout (${m.rebalanceTimeoutMs} ms)`,
        false,
      );
  }
  g.initialDelayUntilMs = 0;
  tryCompleteJoin(state, g);
}

export function tryCompleteJoin(state: SimState, g: GroupState): void {
  if (g.state !== 'PreparingRebalance' || g.initialDelayUntilMs > state.nowMs) return;
  const members = Object.values(g.members);
  if (members.some((m) => !m.awaitingJoin)) return;
  g.generation++;
  if (members.length === 0) {
    transition(g, 'Empty');
    g.leaderId = null;
    g.protocolName = null;
    emit(
      state,
      'groupEmpty',
      `Group ${g.groupId} has no active members (Empty, generation ${g.generation}).`,
    );
    return;
  }
  g.protocolName = selectProtocol(members);
  if (!g.leaderId || !g.members[g.leaderId]) g.leaderId = g.memberOrder.find((id) => g.members[id]) ?? null;
  transition(g, 'CompletingRebalance');
  emit(
    state,
    'generationStarted',
    `Group ${g.groupId} formed generation ${g.generation} with ${members.length} member${members.length > 1 ? 's' : ''}; leader ${g.leaderId} runs the ${g.protocolName} assignor (CompletingRebalance).`,
  );
  const metadata = memberMetadata(g);
  for (const m of members) {
    m.awaitingJoin = false;
    // Each member gets a full session to send its SyncGroup (completeClassicGroupJoin reschedules it).
    touch(state, g, m);
    reply(state, m, joinResponse(g, m, m.memberId === g.leaderId ? metadata : []));
  }
}

/** The JoinGroup answer for the current generation; only the leader's carries the members. */
export function joinResponse(
  g: GroupState,
  member: GroupMember,
  members: Body<'JoinGroupResponse'>['members'],
): WithoutConnection<Body<'JoinGroupResponse'>> {
  return {
    kind: 'JoinGroupResponse',
    groupId: g.groupId,
    error: null,
    memberId: member.memberId,
    generation: g.generation,
    leaderId: g.leaderId ?? '',
    protocolName: g.protocolName ?? '',
    members,
  };
}

/** What the leader's assignor reads: every member's subscription and owned partitions. */
export function memberMetadata(g: GroupState): Body<'JoinGroupResponse'>['members'] {
  return Object.values(g.members)
    .map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      ownedPartitions: [...m.ownedPartitions],
      stickyUserData: m.stickyUserData,
    }))
    .sort((a, b) => javaStringCompare(a.memberId, b.memberId));
}

/** ClassicGroup.selectProtocol: among assignors every member supports, each member votes for its first. */
export function selectProtocol(members: GroupMember[]): ClientAssignor {
  const common = members[0]!.protocols.filter((p) => members.every((m) => m.protocols.includes(p)));
  const votes = new Map<ClientAssignor, number>();
  for (const m of members) {
    const vote = m.protocols.find((p) => common.includes(p));
    if (vote) votes.set(vote, (votes.get(vote) ?? 0) + 1);
  }
  let best: ClientAssignor = common[0] ?? 'range';
  for (const p of common) if ((votes.get(p) ?? 0) > (votes.get(best) ?? 0)) best = p;
  return best;
}
