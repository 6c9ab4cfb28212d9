// The group coordinator for the classic protocol (ClassicGroup + GroupMetadataManager): members join,
// the rebalance barrier waits for every known member (or the rebalance timeout), the generation
// increments, the leader's SyncGroup installs the assignment, heartbeats keep members alive, and offset
// commits are accepted only from the current generation. States and transitions follow
// ClassicGroupState (kafka-reference.md §4.1).
import type { Message, SimState } from '../types';
import type { ClientAssignor, GroupMember, GroupMessageBody, GroupState, GroupStateName } from './types';
import { emit } from '../sim/events';
import { consumerNode, COORDINATOR, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { compareJavaStrings } from '../clients/consumer';
import { onConsumerGroupHeartbeat, removeConsumerMember } from './consumerProtocol';
import { LEAVE_GROUP_STATIC_MEMBER_EPOCH } from './memberEpochs';

type Body<K extends GroupMessageBody['kind']> = Extract<GroupMessageBody, { kind: K }>;

const VALID_PREVIOUS: Record<GroupStateName, GroupStateName[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
  Assigning: [],
  Reconciling: [],
};

function transition(g: GroupState, to: GroupStateName): void {
  // A broken transition is a bug in the simulator, not a user error.
  if (!VALID_PREVIOUS[to].includes(g.state))
    throw new Error(`group ${g.groupId}: illegal transition ${g.state} → ${to}`);
  g.state = to;
}

function reply(state: SimState, member: { consumerId: string }, body: GroupMessageBody): void {
  send(state, COORDINATOR, consumerNode(member.consumerId), body);
}

export function onCoordinatorMessage(state: SimState, message: Message): void {
  const body = message.body as GroupMessageBody;
  if (!('groupId' in body)) return;
  const g = state.groups[body.groupId];
  if (!g) return;
  const consumerId = message.from.slice(9);
  switch (body.kind) {
    case 'JoinGroupRequest':
      return onJoin(state, g, consumerId, body);
    case 'SyncGroupRequest':
      return onSync(state, g, consumerId, body);
    case 'HeartbeatRequest':
      return onHeartbeat(state, g, consumerId, body);
    case 'LeaveGroupRequest':
      return onLeave(state, g, body);
    case 'OffsetCommitRequest':
      return onOffsetCommit(state, g, consumerId, body);
    case 'ConsumerGroupHeartbeatRequest':
      return onConsumerGroupHeartbeat(state, message);
    default:
      return;
  }
}

function joinError(
  state: SimState,
  g: GroupState,
  consumerId: string,
  memberId: string,
  error: Body<'JoinGroupResponse'>['error'],
): void {
  reply(
    state,
    { consumerId },
    {
      kind: 'JoinGroupResponse',
      groupId: g.groupId,
      error,
      memberId,
      generation: -1,
      leaderId: '',
      protocolName: '',
      members: [],
    },
  );
}

function onJoin(state: SimState, g: GroupState, consumerId: string, req: Body<'JoinGroupRequest'>): void {
  let member = req.memberId ? g.members[req.memberId] : undefined;
  if (!member && req.groupInstanceId) {
    const existing = Object.values(g.members).find((m) => m.groupInstanceId === req.groupInstanceId);
    if (existing) {
      replaceStaticMember(state, g, existing, consumerId, req);
      return;
    }
  }
  if (!member && req.memberId && !req.groupInstanceId && !g.pendingMemberIds.includes(req.memberId)) {
    joinError(state, g, consumerId, req.memberId, 'UNKNOWN_MEMBER_ID');
    return;
  }
  if (!member && !req.memberId && !req.groupInstanceId) {
    // KIP-394: a dynamic member first gets an id (member.id is client.id-UUID) and must join again with it.
    const memberId = `${consumerId}-${++g.nextMemberSeq}`;
    g.pendingMemberIds.push(memberId);
    joinError(state, g, consumerId, memberId, 'MEMBER_ID_REQUIRED');
    return;
  }
  g.pendingMemberIds = g.pendingMemberIds.filter((id) => id !== req.memberId);
  if (!member) {
    const memberId = req.memberId || `${req.groupInstanceId}-${++g.nextMemberSeq}`;
    member = newMember(state, memberId, consumerId, req);
    g.members[memberId] = member;
    g.memberOrder.push(memberId);
  }
  updateMember(member, req);
  member.awaitingJoin = true;
  member.awaitingSync = false;
  touch(state, g, member);
  if (!g.memberOrder.includes(member.memberId)) g.memberOrder.push(member.memberId);
  if (g.state !== 'PreparingRebalance') prepareRebalance(state, g, `member ${member.memberId} joined`);
  else if (g.initialDelayUntilMs > state.nowMs) extendInitialDelay(state, g);
  tryCompleteJoin(state, g);
}

function newMember(
  state: SimState,
  memberId: string,
  consumerId: string,
  req: Body<'JoinGroupRequest'>,
): GroupMember {
  return {
    memberId,
    consumerId,
    groupInstanceId: req.groupInstanceId,
    protocols: [...req.protocols],
    ownedPartitions: [...req.ownedPartitions],
    assignment: [],
    sessionTimeoutMs: req.sessionTimeoutMs,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs,
    lastHeartbeatAtMs: state.nowMs,
    awaitingJoin: true,
    awaitingSync: false,
    memberEpoch: 0,
    target: [],
    pendingRevocation: [],
  };
}

/** ClassicGroup.updateMember: what a JoinGroup says about its member. */
function updateMember(member: GroupMember, req: Body<'JoinGroupRequest'>): void {
  member.protocols = [...req.protocols];
  member.ownedPartitions = [...req.ownedPartitions];
  member.sessionTimeoutMs = req.sessionTimeoutMs;
  member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
}

/**
 * A static member joins with an unknown member id while the group still holds its group.instance.id
 * (updateStaticMemberThenRebalanceOrCompleteJoin): a new member id replaces the old one and keeps its
 * assignment. A Stable group does not rebalance unless the selected protocol changes; the member gets the
 * current generation and then its assignment by SyncGroup. During CompletingRebalance the group
 * rebalances, since the leader may be assigning to the old member id; during PreparingRebalance the
 * member simply joins the barrier.
 */
function replaceStaticMember(
  state: SimState,
  g: GroupState,
  old: GroupMember,
  consumerId: string,
  req: Body<'JoinGroupRequest'>,
): void {
  const memberId = `${old.groupInstanceId}-${++g.nextMemberSeq}`;
  const member: GroupMember = { ...old, memberId, consumerId, awaitingJoin: false, awaitingSync: false };
  updateMember(member, req);
  delete g.members[old.memberId];
  g.members[memberId] = member;
  g.memberOrder = g.memberOrder.map((m) => (m === old.memberId ? memberId : m));
  if (g.leaderId === old.memberId) g.leaderId = memberId;
  touch(state, g, member);
  const replaced = `Static member ${old.groupInstanceId} (group.instance.id) came back to group ${g.groupId} within session.timeout.ms: member ${memberId} replaces ${old.memberId}`;
  const selected = selectProtocol(Object.values(g.members));
  if (g.state === 'Stable' && selected === g.protocolName) {
    emit(state, 'staticMemberRejoined', `${replaced} and keeps its partitions, no rebalance.`);
    reply(state, member, {
      kind: 'JoinGroupResponse',
      groupId: g.groupId,
      error: null,
      memberId,
      generation: g.generation,
      leaderId: g.leaderId ?? '',
      protocolName: g.protocolName ?? '',
      members: [],
    });
    return;
  }
  emit(state, 'staticMemberRejoined', `${replaced} and joins the rebalance.`);
  member.awaitingJoin = true;
  if (g.state === 'Stable')
    prepareRebalance(
      state,
      g,
      `static member ${old.groupInstanceId} changes the selected protocol (${g.protocolName} → ${selected})`,
    );
  else if (g.state === 'CompletingRebalance')
    prepareRebalance(
      state,
      g,
      `static member ${old.groupInstanceId} rejoined while the leader was assigning to its old member id`,
    );
  tryCompleteJoin(state, g);
}

function prepareRebalance(state: SimState, g: GroupState, why: string): void {
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
  if (wasEmpty) {
    // group.initial.rebalance.delay.ms: wait for more members before the first generation.
    g.initialDelayUntilMs = state.nowMs + state.config.groupInitialRebalanceDelayMs;
    schedule(state, g.initialDelayUntilMs, {
      kind: 'initialRebalanceDelay',
      groupId: g.groupId,
      token: g.rebalanceToken,
    });
  }
  const timeout = Math.max(0, ...Object.values(g.members).map((m) => m.rebalanceTimeoutMs));
  schedule(state, state.nowMs + timeout, {
    kind: 'rebalanceTimeout',
    groupId: g.groupId,
    token: g.rebalanceToken,
  });
}

function extendInitialDelay(state: SimState, g: GroupState): void {
  g.initialDelayUntilMs = state.nowMs + state.config.groupInitialRebalanceDelayMs;
  schedule(state, g.initialDelayUntilMs, {
    kind: 'initialRebalanceDelay',
    groupId: g.groupId,
    token: g.rebalanceToken,
  });
}

export function onInitialRebalanceDelay(state: SimState, groupId: string, token: number): void {
  const g = state.groups[groupId];
  if (!g || g.rebalanceToken !== token || g.initialDelayUntilMs > state.nowMs) return;
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

function tryCompleteJoin(state: SimState, g: GroupState): void {
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
  const metadata = members
    .map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      ownedPartitions: [...m.ownedPartitions],
    }))
    .sort((a, b) => compareJavaStrings(a.memberId, b.memberId));
  for (const m of members) {
    m.awaitingJoin = false;
    // Each member gets a full session to send its SyncGroup (completeClassicGroupJoin reschedules it).
    touch(state, g, m);
    reply(state, m, {
      kind: 'JoinGroupResponse',
      groupId: g.groupId,
      error: null,
      memberId: m.memberId,
      generation: g.generation,
      leaderId: g.leaderId!,
      protocolName: g.protocolName,
      members: m.memberId === g.leaderId ? metadata : [],
    });
  }
}

/** ClassicGroup.selectProtocol: among assignors every member supports, each member votes for its first. */
function selectProtocol(members: GroupMember[]): ClientAssignor {
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

function onSync(state: SimState, g: GroupState, consumerId: string, req: Body<'SyncGroupRequest'>): void {
  const member = g.members[req.memberId];
  const error = (e: Body<'SyncGroupResponse'>['error']): void =>
    reply(state, { consumerId }, { kind: 'SyncGroupResponse', groupId: g.groupId, error: e, assignment: [] });
  if (!member) return error('UNKNOWN_MEMBER_ID');
  if (req.generation !== g.generation) return error('ILLEGAL_GENERATION');
  if (g.state === 'PreparingRebalance') return error('REBALANCE_IN_PROGRESS');
  touch(state, g, member);
  if (g.state === 'Stable') {
    reply(state, member, {
      kind: 'SyncGroupResponse',
      groupId: g.groupId,
      error: null,
      assignment: [...member.assignment],
    });
    return;
  }
  member.awaitingSync = true;
  if (req.memberId !== g.leaderId || !req.assignments) return; // followers wait for the leader's SyncGroup
  for (const m of Object.values(g.members)) m.assignment = [...(req.assignments[m.memberId] ?? [])];
  transition(g, 'Stable');
  emit(
    state,
    'groupStable',
    `Group ${g.groupId} is Stable (generation ${g.generation}): ${describeAssignment(g)}.`,
  );
  for (const m of Object.values(g.members)) {
    if (!m.awaitingSync) continue;
    m.awaitingSync = false;
    reply(state, m, {
      kind: 'SyncGroupResponse',
      groupId: g.groupId,
      error: null,
      assignment: [...m.assignment],
    });
  }
}

function describeAssignment(g: GroupState): string {
  return g.memberOrder
    .filter((id) => g.members[id])
    .map((id) => {
      const m = g.members[id]!;
      const parts = m.assignment.map((p) => p.slice(p.lastIndexOf('-') + 1));
      return `${m.consumerId} → ${parts.length > 0 ? `[${parts.join(',')}]` : 'nothing (idle)'}`;
    })
    .join('; ');
}

function onHeartbeat(
  state: SimState,
  g: GroupState,
  consumerId: string,
  req: Body<'HeartbeatRequest'>,
): void {
  const member = g.members[req.memberId];
  let error: Body<'HeartbeatResponse'>['error'] = null;
  if (!member) error = 'UNKNOWN_MEMBER_ID';
  else if (req.generation !== g.generation) error = 'ILLEGAL_GENERATION';
  else if (g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance')
    error = 'REBALANCE_IN_PROGRESS';
  if (member && error !== 'UNKNOWN_MEMBER_ID') touch(state, g, member);
  reply(state, { consumerId }, { kind: 'HeartbeatResponse', groupId: g.groupId, error });
}

function onLeave(state: SimState, g: GroupState, req: Body<'LeaveGroupRequest'>): void {
  const member = g.members[req.memberId];
  if (member) removeMember(state, g, member, `it left the group (${req.reason})`, true);
}

function onOffsetCommit(
  state: SimState,
  g: GroupState,
  consumerId: string,
  req: Body<'OffsetCommitRequest'>,
): void {
  const member = g.members[req.memberId];
  let error: Body<'OffsetCommitResponse'>['error'] = null;
  // The consumer protocol checks the member epoch; the classic one, the generation.
  const expected = g.protocol === 'consumer' ? member?.memberEpoch : g.generation;
  if (!member) error = 'UNKNOWN_MEMBER_ID';
  else if (req.generation !== expected) error = 'ILLEGAL_GENERATION';
  else if (g.state === 'CompletingRebalance') error = 'REBALANCE_IN_PROGRESS';
  if (error === null) {
    for (const [pid, offset] of Object.entries(req.offsets)) g.committed[pid] = offset;
  } else {
    emit(
      state,
      'commitRejected',
      `OffsetCommit from ${consumerId} to group ${g.groupId} failed with ${error}: its offsets since the last commit will be processed again by the next owner.`,
    );
  }
  reply(state, { consumerId }, { kind: 'OffsetCommitResponse', groupId: g.groupId, error });
}

function touch(state: SimState, g: GroupState, member: GroupMember): void {
  member.lastHeartbeatAtMs = state.nowMs;
  scheduleSessionExpiry(state, g, member);
}

function scheduleSessionExpiry(state: SimState, g: GroupState, member: GroupMember): void {
  schedule(state, state.nowMs + member.sessionTimeoutMs, {
    kind: 'memberSessionExpiry',
    groupId: g.groupId,
    memberId: member.memberId,
    heartbeatAtMs: member.lastHeartbeatAtMs,
  });
}

export function onMemberSessionExpiry(
  state: SimState,
  groupId: string,
  memberId: string,
  heartbeatAtMs: number,
): void {
  const g = state.groups[groupId];
  const member = g?.members[memberId];
  if (!g || !member || member.lastHeartbeatAtMs !== heartbeatAtMs) return;
  if (g.protocol === 'consumer') {
    const away =
      member.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH
        ? `; static member ${member.groupInstanceId} left with member epoch -2 and did not come back in time, so its partitions are reassigned`
        : '';
    removeConsumerMember(
      state,
      g,
      member,
      `no heartbeat for group.consumer.session.timeout.ms (${member.sessionTimeoutMs} ms)${away}`,
    );
    return;
  }
  // MemberMetadata.shouldKeepAlive: a member waiting for its JoinGroup or SyncGroup answer is not expired.
  if (member.awaitingJoin || member.awaitingSync) {
    touch(state, g, member);
    return;
  }
  removeMember(state, g, member, `no heartbeat for session.timeout.ms (${member.sessionTimeoutMs} ms)`, true);
}

function removeMember(
  state: SimState,
  g: GroupState,
  member: GroupMember,
  why: string,
  rebalance: boolean,
): void {
  delete g.members[member.memberId];
  g.memberOrder = g.memberOrder.filter((id) => id !== member.memberId);
  if (g.leaderId === member.memberId) g.leaderId = null;
  emit(
    state,
    'memberRemoved',
    `The coordinator removed ${member.consumerId} (${member.memberId}) from group ${g.groupId}: ${why}.`,
  );
  if (!rebalance) return;
  if (g.state === 'Stable' || g.state === 'CompletingRebalance')
    prepareRebalance(state, g, `${member.consumerId} left`);
  if (g.state === 'PreparingRebalance') tryCompleteJoin(state, g);
}
