// enable.auto.commit. Kafka commits automatically only inside poll() (ConsumerCoordinator.poll →
// maybeAutoCommitOffsetsAsync; the KIP-848 consumer likewise on each poll event), once
// auto.commit.interval.ms has passed since the last auto-commit. A consumer waiting in poll() commits on
// time, since poll() waits no longer than timeToNextPoll; one busy with a batch commits when it comes back
// to poll(), and then only what it has finished (allConsumed()), so a crash mid-batch redelivers that batch.
import type { SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { schedule } from '../sim/timers';
import { canCommit, commitConsumed, nextPollMs } from './offsetCommit';

function scheduleAutoCommit(state: SimState, consumer: ConsumerState, atMs: number): void {
  schedule(state, atMs, { kind: 'consumerAutoCommit', consumerId: consumer.id, token: consumer.token });
}

/**
 * nextAutoCommitTimer.updateAndReset(auto.commit.interval.ms): on start, at every auto-commit, and when a
 * classic rebalance completes (ConsumerCoordinator.onJoinComplete).
 */
export function resetAutoCommitTimer(state: SimState, consumer: ConsumerState): void {
  if (!consumer.config['enable.auto.commit']) {
    consumer.nextAutoCommitMs = -1;
    return;
  }
  consumer.nextAutoCommitMs = state.nowMs + consumer.config['auto.commit.interval.ms'];
  scheduleAutoCommit(state, consumer, consumer.nextAutoCommitMs);
}

/** enable.auto.commit was switched on for a running consumer: its timer starts now. */
export function armAutoCommit(state: SimState, consumer: ConsumerState): void {
  if (consumer.status === 'running' && consumer.nextAutoCommitMs < 0) resetAutoCommitTimer(state, consumer);
}

/** ConsumerCoordinator.maybeAutoCommitOffsetsAsync, at a poll(). */
export function maybeAutoCommitOffsetsAsync(state: SimState, consumer: ConsumerState): void {
  if (consumer.nextAutoCommitMs < 0 || state.nowMs < consumer.nextAutoCommitMs) return;
  resetAutoCommitTimer(state, consumer);
  // A classic member in the middle of a rebalance has no generation to commit in; onJoinComplete resets
  // the timer. A KIP-848 member commits while it reconciles too.
  if (canCommit(consumer)) commitConsumed(state, consumer);
}

/** The auto-commit deadline has come: commit now if the application is in poll(), else when it gets there. */
export function onConsumerAutoCommit(state: SimState, consumerId: string, token: number): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token) return;
  if (!consumer.config['enable.auto.commit']) {
    consumer.nextAutoCommitMs = -1;
    return;
  }
  // A timer left behind by a reset: the one at the new deadline takes over.
  if (consumer.nextAutoCommitMs < 0 || consumer.nextAutoCommitMs > state.nowMs) return;
  const pollAtMs = nextPollMs(state, consumer);
  if (pollAtMs > state.nowMs) {
    scheduleAutoCommit(state, consumer, pollAtMs);
    return;
  }
  maybeAutoCommitOffsetsAsync(state, consumer);
}
