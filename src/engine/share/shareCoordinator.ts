// The group coordinator's side of share groups (ShareGroupHeartbeat): members join with epoch 0, leave
// with -1, and otherwise heartbeat with their epoch. Any change of membership or of the subscribed
// partitions bumps the group epoch and recomputes the assignment with the share groups' `simple`
// assignor. There is no revocation handshake: partitions are not owned, only shared, so a member simply
// fetches what its latest heartbeat answer lists.
import type { Message, SimState } from '../types';
import type { ShareGroupState, ShareMessageBody } from './types';
import { COORDINATOR, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { emit } from '../sim/events';
import { assignShareGroup } from './simpleAssignor';
import { releaseMember } from './shareFetch';

type HeartbeatRequest = Extract<ShareMessageBody, { kind: 'ShareGroupHeartbeatRequest' }>;

export function subscribedPartitions(state: SimState, g: ShareGroupState): string[] {
  return state.partitionIds.filter((pid) => g.topics.includes(state.partitions[pid]!.topic));
}

/** Recompute every member's assignment for the current members and partitions (a new group epoch). */
export function reassign(state: SimState, g: ShareGroupState): void {
  g.groupEpoch++;
  const current: Record<string, string[]> = {};
  for (const id of g.memberOrder) current[id] = g.members[id]!.assignment;
  const assignment = assignShareGroup(g.memberOrder, subscribedPartitions(state, g), current);
  for (const id of g.memberOrder) {
    const m = g.members[id]!;
    m.assignment = assignment[id] ?? [];
    m.memberEpoch = g.groupEpoch;
  }
  g.state = g.memberOrder.length > 0 ? 'Stable' : 'Empty';
}

export function onShareGroupHeartbeat(state: SimState, message: Message): void {
  const req = message.body as HeartbeatRequest;
  const g = state.shareGroups[req.groupId];
  if (!g) return;
  const reply = (error: 'FENCED_MEMBER_EPOCH' | 'UNKNOWN_MEMBER_ID' | null): void => {
    const m = g.members[req.memberId];
    send(state, COORDINATOR, message.from, {
      kind: 'ShareGroupHeartbeatResponse',
      groupId: g.groupId,
      error,
      memberId: req.memberId,
      memberEpoch: error ? -1 : (m?.memberEpoch ?? -1),
      heartbeatIntervalMs: g.config['share.heartbeat.interval.ms'],
      assignment: error ? [] : (m?.assignment ?? []),
      token: req.token,
    });
  };
  if (req.memberEpoch === -1) {
    if (g.members[req.memberId]) removeMember(state, g, req.memberId, 'left the group');
    return;
  }
  let m = g.members[req.memberId];
  if (req.memberEpoch === 0) {
    if (!m) {
      const consumerId = message.from.slice('share-'.length);
      m = {
        memberId: req.memberId,
        consumerId,
        memberEpoch: 0,
        assignment: [],
        lastHeartbeatAtMs: state.nowMs,
      };
      g.members[req.memberId] = m;
      g.memberOrder.push(req.memberId);
      reassign(state, g);
      emit(
        state,
        'shareMemberJoined',
        `Share group ${g.groupId}: ${consumerId} joined (epoch ${g.groupEpoch}); ${describeAssignment(g)}.`,
      );
    }
  } else if (!m) return reply('UNKNOWN_MEMBER_ID');
  else if (req.memberEpoch > m.memberEpoch) return reply('FENCED_MEMBER_EPOCH');
  m.lastHeartbeatAtMs = state.nowMs;
  schedule(state, state.nowMs + g.config['share.session.timeout.ms'], {
    kind: 'shareSessionExpiry',
    groupId: g.groupId,
    memberId: m.memberId,
    heartbeatAtMs: state.nowMs,
  });
  reply(null);
}

export function onShareSessionExpiry(
  state: SimState,
  groupId: string,
  memberId: string,
  heartbeatAtMs: number,
): void {
  const g = state.shareGroups[groupId];
  const m = g?.members[memberId];
  if (!g || !m || m.lastHeartbeatAtMs !== heartbeatAtMs) return;
  removeMember(
    state,
    g,
    memberId,
    `sent no heartbeat for share.session.timeout.ms (${g.config['share.session.timeout.ms']} ms) and was removed`,
  );
}

export function removeMember(state: SimState, g: ShareGroupState, memberId: string, why: string): void {
  const m = g.members[memberId]!;
  // The brokers drop the member's share sessions: what it still holds is released (uncounted).
  releaseMember(state, g, memberId);
  delete g.members[memberId];
  g.memberOrder = g.memberOrder.filter((id) => id !== memberId);
  reassign(state, g);
  emit(
    state,
    'shareMemberLeft',
    `Share group ${g.groupId}: ${m.consumerId} ${why} (epoch ${g.groupEpoch}); ${describeAssignment(g)}.`,
  );
}

function describeAssignment(g: ShareGroupState): string {
  if (g.memberOrder.length === 0) return 'no members left, the group is Empty';
  return g.memberOrder
    .map((id) => {
      const m = g.members[id]!;
      return `${m.consumerId} reads ${m.assignment.length > 0 ? m.assignment.join(', ') : 'nothing'}`;
    })
    .join('; ');
}

/** Partitions were added to a subscribed topic: the group's members are reassigned. */
export function onSharePartitionsChanged(state: SimState, topic: string): void {
  for (const id of state.shareGroupIds) {
    const g = state.shareGroups[id]!;
    if (g.topics.includes(topic) && g.memberOrder.length > 0) reassign(state, g);
  }
}
