// The consumer's OffsetCommit requests, and which positions each kind of commit carries. A commit made at a
// poll() (auto-commit, or the application's commit after a batch) carries allConsumed(): what the
// application has finished. Commits the simulator makes at once, on close and before a rebalance, stand
// for the application finishing what it holds first (in Kafka both run inside its poll loop, after the
// batch in hand), so they carry the positions: everything poll() has returned, never the records still
// waiting in the fetch buffer.
import type { SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { sendToCoordinator } from './toCoordinator';

function commitPositions(
  state: SimState,
  consumer: ConsumerState,
  positions: Record<string, number>,
  partitions: readonly string[],
): void {
  // exactly_once_v2: a service's offsets go only in its transactions (sendOffsetsToTransaction).
  if (consumer.service?.exactlyOnce) return;
  const offsets: Record<string, number> = {};
  for (const pid of partitions) {
    const position = positions[pid];
    if (position !== undefined) offsets[pid] = position;
  }
  // Outside a generation (or without a member epoch) there is nothing the coordinator would accept.
  if (Object.keys(offsets).length === 0 || consumer.generation < 0) return;
  sendToCoordinator(state, consumer, {
    kind: 'OffsetCommitRequest',
    groupId: consumer.groupId,
    memberId: consumer.memberId,
    generation: consumer.generation,
    offsets,
  });
}

/**
 * Whether the group would take a commit from the member now: a classic member only between rebalances
 * (mid-rebalance it has no generation); a KIP-848 member whenever it has a member epoch, also while it
 * reconciles, as CommitRequestManager puts no condition on the member's state and the coordinator checks
 * only the epoch.
 */
export function canCommit(consumer: ConsumerState): boolean {
  return consumer.config['group.protocol'] === 'consumer'
    ? consumer.phase !== 'left' && consumer.generation >= 0
    : consumer.phase === 'stable';
}

/** On close and before a rebalance: the positions, everything poll() has returned for these partitions. */
export function commitOwned(state: SimState, consumer: ConsumerState, partitions: readonly string[]): void {
  commitPositions(state, consumer, consumer.positions, partitions);
}

/** At a poll(): SubscriptionState.allConsumed(), the batches the application has finished. */
export function commitConsumed(state: SimState, consumer: ConsumerState): void {
  settleProcessed(state, consumer);
  commitPositions(state, consumer, consumer.consumedPositions, consumer.assigned);
}

/**
 * Batches the application has finished by now count as consumed. Finishing a batch, it came back to poll()
 * for the next one, which reset its poll timer (Heartbeat.poll): max.poll.interval.ms counts from there.
 */
export function settleProcessed(state: SimState, consumer: ConsumerState): void {
  const batches = consumer.processing;
  let done = 0;
  while (done < batches.length && batches[done]!.doneAtMs <= state.nowMs) {
    const b = batches[done++]!;
    if (b.partitionId !== null) consumer.consumedPositions[b.partitionId] = b.position;
    consumer.lastPollMs = Math.max(consumer.lastPollMs, b.doneAtMs);
  }
  if (done > 0) consumer.processing = batches.slice(done);
}

/**
 * The application takes a batch (poll() returned it) and works on it from `startAtMs` to `doneAtMs`. A
 * poll() that returned records of several partitions takes one batch per partition, all with the poll's
 * times: they count as consumed together, when the application is back in poll().
 */
export function takeBatch(
  consumer: ConsumerState,
  partitionId: string,
  position: number,
  startAtMs: number,
  doneAtMs: number,
): void {
  consumer.processing.push({ partitionId, position, startAtMs, doneAtMs });
}

/** A revoked partition's batches still take their time, but no longer move its consumed position. */
export function forgetConsumed(consumer: ConsumerState, partitions: readonly string[]): void {
  for (const pid of partitions) delete consumer.consumedPositions[pid];
  if (!consumer.processing.some((b) => b.partitionId !== null && partitions.includes(b.partitionId))) return;
  consumer.processing = consumer.processing.map((b) =>
    b.partitionId !== null && partitions.includes(b.partitionId) ? { ...b, partitionId: null } : b,
  );
}

/** When the application is next in poll(): now, unless it is in the middle of a batch. */
export function nextPollMs(state: SimState, consumer: ConsumerState): number {
  settleProcessed(state, consumer);
  const current = consumer.processing[0];
  return current !== undefined && current.startAtMs < state.nowMs ? current.doneAtMs : state.nowMs;
}

/** enable.auto.commit=false: the application commits (commitSync) what it has processed after each batch. */
export function onConsumerCommitProcessed(state: SimState, consumerId: string, token: number): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token) return;
  settleProcessed(state, consumer);
  if (canCommit(consumer)) commitConsumed(state, consumer);
}
