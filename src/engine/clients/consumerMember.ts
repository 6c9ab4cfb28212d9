// The KIP-848 consumer, client side (ConsumerMembershipManager): one ConsumerGroupHeartbeat carries
// membership and what the member owns, and its answer says what it should own. The member revokes what it
// must give up, acknowledges at once so the coordinator can hand those partitions on, and starts reading
// what it was given.
import type { SimState } from '../types';
import type { ConsumerState, GroupMessageBody } from '../groups/types';
import { emit } from '../sim/events';
import { consumerNode } from '../sim/network';
import { startFetcher } from '../cluster/replication';
import { JOIN_GROUP_MEMBER_EPOCH } from '../groups/memberEpochs';
import { commitOwned } from './offsetCommit';
import { loseAll, revoke } from './subscriptionState';
import { sendToCoordinator } from './toCoordinator';
import { stopConsumer } from './consumer';

type Response = Extract<GroupMessageBody, { kind: 'ConsumerGroupHeartbeatResponse' }>;

export function sendConsumerGroupHeartbeat(
  state: SimState,
  consumer: ConsumerState,
  memberEpoch: number,
): void {
  sendToCoordinator(state, consumer, {
    kind: 'ConsumerGroupHeartbeatRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    memberEpoch,
    groupInstanceId: consumer.groupInstanceId,
    subscribedTopics: state.groups[consumer.groupId]!.topics,
    ownedPartitions: [...consumer.assigned],
    serverAssignor: consumer.config['group.remote.assignor'],
  });
}

/** Join, or join again after losing the membership: member epoch 0. */
export function joinConsumerGroup(state: SimState, consumer: ConsumerState): void {
  consumer.phase = 'reconciling';
  sendConsumerGroupHeartbeat(state, consumer, JOIN_GROUP_MEMBER_EPOCH);
}

export function onConsumerGroupHeartbeatResponse(
  state: SimState,
  consumer: ConsumerState,
  res: Response,
): void {
  if (consumer.phase === 'left') return;
  if (res.error === 'UNRELEASED_INSTANCE_ID') {
    // Fatal in the Java client (HeartbeatRequestManager): poll() throws and the application stops.
    stopConsumer(state, consumer, { kind: 'failed', exception: 'UnreleasedInstanceIdException' });
    emit(
      state,
      'consumerFailed',
      `Consumer ${consumer.id} stopped with UnreleasedInstanceIdException: ${res.errorMessage ?? ''} A static member that did not leave with member epoch -2 (it crashed) owns its group.instance.id until group.consumer.session.timeout.ms (${state.config.groupConsumerSessionTimeoutMs} ms) has passed.`,
    );
    return;
  }
  if (res.error) {
    emit(
      state,
      'partitionsLost',
      `Consumer ${consumer.id} was fenced (${res.error}) and rejoins with member epoch 0.`,
    );
    loseAll(state, consumer);
    joinConsumerGroup(state, consumer);
    return;
  }
  reconcile(state, consumer, res);
}

/** Take the assignment the coordinator answered with: revoke first, then read what was added. */
function reconcile(state: SimState, consumer: ConsumerState, res: Response): void {
  consumer.memberId = res.memberId;
  consumer.generation = res.memberEpoch;
  const revoked = consumer.assigned.filter((p) => !res.assignment.includes(p));
  const added = res.assignment.filter((p) => !consumer.assigned.includes(p));
  if (revoked.length > 0) {
    commitOwned(state, consumer, revoked);
    revoke(state, consumer, revoked);
  }
  consumer.assigned = [...res.assignment];
  for (const pid of added) startFetcher(state, consumerNode(consumer.id), pid);
  const g = state.groups[consumer.groupId]!;
  consumer.phase =
    consumer.generation === g.targetAssignmentEpoch && revoked.length === 0 ? 'stable' : 'reconciling';
  // Acknowledge a revocation at once, so the coordinator can hand the partitions on.
  if (revoked.length > 0) sendConsumerGroupHeartbeat(state, consumer, consumer.generation);
}
