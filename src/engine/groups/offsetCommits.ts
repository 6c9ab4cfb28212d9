// OffsetCommit at the coordinator, for both protocols: accepted only from a current member, in the current
// generation (classic) or at its member epoch (KIP-848), and not while the classic group is assigning.
import type { SimState } from '../types';
import type { GroupMessageBody, GroupState } from './types';
import { emit } from '../sim/events';
import { reply } from './reply';

type Body<K extends GroupMessageBody['kind']> = Extract<GroupMessageBody, { kind: K }>;

export function onOffsetCommit(
  state: SimState,
  g: GroupState,
  consumerId: string,
  req: Body<'OffsetCommitRequest'>,
): void {
  const member = g.members[req.memberId];
  let error: Body<'OffsetCommitResponse'>['error'] = null;
  // The consumer protocol checks the member epoch (ConsumerGroup.validateOffsetCommit: an older epoch is
  // stale, a newer one fenced); the classic one, the generation.
  if (!member) error = 'UNKNOWN_MEMBER_ID';
  else if (g.protocol === 'consumer' && req.generation !== member.memberEpoch)
    error = req.generation < member.memberEpoch ? 'STALE_MEMBER_EPOCH' : 'FENCED_MEMBER_EPOCH';
  else if (g.protocol !== 'consumer' && req.generation !== g.generation) error = 'ILLEGAL_GENERATION';
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
  reply(
    state,
    { consumerId, connectionId: req.connectionId },
    { kind: 'OffsetCommitResponse', groupId: g.groupId, error },
  );
}
