// The coordinator's record of a classic member (ClassicGroupMember): made from its first JoinGroup,
// updated by each later one, and compared with the next to tell whether its protocol metadata changed.
import type { SimState } from '../types';
import type { GroupMember, GroupMessageBody, StickyUserData } from './types';

type JoinGroupRequest = Extract<GroupMessageBody, { kind: 'JoinGroupRequest' }>;

export function newMember(
  state: SimState,
  memberId: string,
  consumerId: string,
  req: JoinGroupRequest,
): GroupMember {
  return {
    memberId,
    consumerId,
    groupInstanceId: req.groupInstanceId,
    protocols: [...req.protocols],
    ownedPartitions: [...req.ownedPartitions],
    stickyUserData: req.stickyUserData,
    assignment: [],
    sessionTimeoutMs: req.sessionTimeoutMs,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs,
    lastHeartbeatAtMs: state.nowMs,
    awaitingJoin: true,
    awaitingSync: false,
    connectionId: req.connectionId,
    memberEpoch: 0,
    target: [],
    memberState: 'STABLE',
    pendingRevocation: [],
    previousMemberEpoch: -1,
  };
}

/** ClassicGroup.updateMember: what a JoinGroup says about its member, and where to answer it. */
export function updateMember(member: GroupMember, req: JoinGroupRequest): void {
  member.connectionId = req.connectionId;
  member.protocols = [...req.protocols];
  member.ownedPartitions = [...req.ownedPartitions];
  member.stickyUserData = req.stickyUserData;
  member.sessionTimeoutMs = req.sessionTimeoutMs;
  member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
}

/**
 * ClassicGroupMember.matches: the same protocols, in the same order, with the same metadata. A consumer's
 * metadata is its subscription (the group's topics here) and, since ConsumerProtocol v1, the partitions
 * it owns, with its assignors' user data (the sticky assignor's last assignment).
 */
export function metadataMatches(member: GroupMember, req: JoinGroupRequest): boolean {
  const same = (a: readonly string[], b: readonly string[]): boolean =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    same(member.protocols, req.protocols) &&
    same([...member.ownedPartitions].sort(), [...req.ownedPartitions].sort()) &&
    sameSticky(member.stickyUserData, req.stickyUserData)
  );
}

function sameSticky(a: StickyUserData | null, b: StickyUserData | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.generation === b.generation &&
    a.partitions.length === b.partitions.length &&
    a.partitions.every((p) => b.partitions.includes(p))
  );
}
