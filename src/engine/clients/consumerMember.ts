// The KIP-848 consumer, client side (ConsumerMembershipManager): one ConsumerGroupHeartbeat carries
// membership and what the member owns, and its answer says what it should own. The member revokes what it
// must give up, starts reading what it was given, and acknowledges the new assignment at once.
import type { SimState } from '../types';
import type { ConsumerState, GroupMessageBody } from '../groups/types';
import { emit } from '../sim/events';
import { consumerNode } from '../sim/network';
import { startFetcher } from '../cluster/fetchers';
import { resetAutoCommitTimer } from './autoCommit';
import { commitOwned } from './offsetCommit';
import { loseAll, revoke } from './subscriptionState';
import { stopConsumer } from './consumer';
import { heartbeatIfDue, heartbeatNow, onHeartbeatAnswered } from './heartbeatRequestManager';

type Response = Extract<GroupMessageBody, { kind: 'ConsumerGroupHeartbeatResponse' }>;

/**
 * Join, or join again after losing the membership: member epoch 0, under the member id the consumer drew
 * when it started (KIP-1082), so a leave sent before the answer comes names a member the coordinator knows.
 */
export function joinConsumerGroup(state: SimState, consumer: ConsumerState): void {
  consumer.phase = 'reconciling';
  consumer.generation = -1;
  heartbeatNow(state, consumer);
}

export function onConsumerGroupHeartbeatResponse(
  state: SimState,
  consumer: ConsumerState,
  res: Response,
): void {
  onHeartbeatAnswered(state, consumer, res.error ? null : res.heartbeatIntervalMs);
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
  heartbeatIfDue(state, consumer);
}

/**
 * Take the assignment the coordinator answered with: commit, revoke, then read what was added
 * (AbstractMembershipManager.maybeReconcile: "Execute commit -> onPartitionsRevoked -> onPartitionsAssigned").
 */
function reconcile(state: SimState, consumer: ConsumerState, res: Response): void {
  consumer.generation = res.memberEpoch;
  const revoked = consumer.assigned.filter((p) => !res.assignment.includes(p));
  const added = res.assignment.filter((p) => !consumer.assigned.includes(p));
  const autoCommit = consumer.config['enable.auto.commit'] && (revoked.length > 0 || added.length > 0);
  // maybeAutoCommitSyncBeforeRevocation: with enable.auto.commit every reconciliation starts by committing
  // allConsumed(), every partition the member owns. Without it, the application commits what it gives up
  // in onPartitionsRevoked, as under the classic protocol. Either commit leaves before the acknowledgement
  // below, on the same connection, so the coordinator has it before it hands a partition on.
  if (autoCommit) commitOwned(state, consumer, consumer.assigned);
  else if (revoked.length > 0) commitOwned(state, consumer, revoked);
  if (revoked.length > 0) revoke(state, consumer, revoked);
  consumer.assigned = [...res.assignment];
  // signalReconciliationCompleting: the auto-commit interval starts again from the new assignment.
  if (autoCommit) resetAutoCommitTimer(state, consumer);
  for (const pid of added) startFetcher(state, consumerNode(consumer.id), pid);
  const g = state.groups[consumer.groupId]!;
  consumer.phase =
    consumer.generation === g.targetAssignmentEpoch && revoked.length === 0 ? 'stable' : 'reconciling';
  // ACKNOWLEDGING: a reconciliation that changed what the member owns is acknowledged at once (nothing is in
  // flight: this answer was it), so the coordinator can hand revoked partitions on and knows the member
  // owns what it was given.
  if (revoked.length > 0 || added.length > 0) heartbeatNow(state, consumer);
}
