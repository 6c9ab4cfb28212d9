// The group coordinator for the classic protocol (ClassicGroup + GroupMetadataManager): members join,
// the rebalance barrier waits for every known member (or the rebalance timeout), the generation
// increments, the leader's SyncGroup installs the assignment, heartbeats keep members alive, and offset
// commits are accepted only from the current generation. States and transitions follow
// ClassicGroupState (kafka-reference.md §4.1). This module routes each request to the module that
// handles it: classicJoin, classicSync, classicSessions (heartbeats, leaves, session expiry),
// offsetCommits, and consumerProtocol for KIP-848's ConsumerGroupHeartbeat.
import type { Message, SimState } from '../types';
import type { GroupMessageBody } from './types';
import { onJoin } from './classicJoin';
import { onHeartbeat, onLeave } from './classicSessions';
import { onSync } from './classicSync';
import { onConsumerGroupHeartbeat } from './consumerProtocol';
import { onOffsetCommit } from './offsetCommits';

// The simulation's timers call these by the group's name.
export { onInitialRebalanceDelay, onRebalanceTimeout } from './classicRebalance';
export { onMemberSessionExpiry } from './classicSessions';

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
