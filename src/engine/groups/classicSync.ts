// SyncGroup at the classic coordinator: followers wait for the leader's SyncGroup, which carries the
// assignment and makes the group Stable; in a Stable group a member just gets its assignment again.
import type { SimState } from '../types';
import type { GroupMessageBody, GroupState } from './types';
import { emit } from '../sim/events';
import { transition } from './classicGroupState';
import { touch } from './classicSessions';
import { reply } from './reply';

type Body<K extends GroupMessageBody['kind']> = Extract<GroupMessageBody, { kind: K }>;

export function onSync(
  state: SimState,
  g: GroupState,
  consumerId: string,
  req: Body<'SyncGroupRequest'>,
): void {
  const member = g.members[req.memberId];
  const requester = { consumerId, connectionId: req.connectionId };
  const error = (e: Body<'SyncGroupResponse'>['error']): void =>
    reply(state, requester, { kind: 'SyncGroupResponse', groupId: g.groupId, error: e, assignment: [] });
  if (!member) return error('UNKNOWN_MEMBER_ID');
  if (req.generation !== g.generation) return error('ILLEGAL_GENERATION');
  if (g.state === 'PreparingRebalance') return error('REBALANCE_IN_PROGRESS');
  touch(state, g, member);
  if (g.state === 'Stable') {
    reply(state, requester, {
      kind: 'SyncGroupResponse',
      groupId: g.groupId,
      error: null,
      assignment: [...member.assignment],
    });
    return;
  }
  member.awaitingSync = true;
  member.connectionId = req.connectionId;
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
