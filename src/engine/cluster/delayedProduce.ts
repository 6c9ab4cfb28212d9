// DelayedProduce: an acks=all produce request waits in the purgatory of each partition it appended to,
// and is answered with ONE ProduceResponse once every partition has its result (the high watermark passed
// its records, or its own error, or request.timeout.ms expired).
import type { KafkaErrorCode, PartitionProduceResponse, PartitionState, SimState } from '../types';
import { emit } from '../sim/events';
import { brokerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { effectiveMinIsr, formatIds, leaderLog } from './partition';

/** Registers a request whose partitions wait in purgatory (their entries are already parked). */
export function watchDelayedProduce(
  state: SimState,
  requestId: number,
  producerId: string,
  brokerId: number,
  waiting: number,
  partitionResponses: PartitionProduceResponse[],
): void {
  state.delayedProduces[requestId] = { producerId, brokerId, waiting, partitionResponses };
}

export function parkInPurgatory(
  state: SimState,
  p: PartitionState,
  requestId: number,
  producerId: string,
  timeoutMs: number,
  baseOffset: number,
  requiredOffset: number,
): void {
  const expiresAtMs = state.nowMs + timeoutMs;
  p.purgatory.push({ requestId, producerId, requiredOffset, baseOffset, expiresAtMs });
  armPurgatoryCheck(state, p, expiresAtMs);
}

/**
 * One timer per purgatory, at its earliest expiry, rather than one per request: nearly every request
 * completes long before its timeout, and a timer each was two events per record that only ever found
 * nothing to do. Expiry times and the order of expiries are the same.
 */
function armPurgatoryCheck(state: SimState, p: PartitionState, atMs: number): void {
  if (p.purgatoryCheckAtMs >= state.nowMs && p.purgatoryCheckAtMs <= atMs) return;
  p.purgatoryCheckAtMs = atMs;
  schedule(state, atMs, { kind: 'produceTimeout', partitionId: p.id });
}

/** One partition of a waiting request has its result; the request is answered when it was the last. */
function partitionDone(
  state: SimState,
  requestId: number,
  partitionId: string,
  error: KafkaErrorCode | null,
  baseOffset: number,
): void {
  const delayed = state.delayedProduces[requestId];
  if (!delayed) return; // its connection closed (the broker died): nobody is waiting for the answer
  const response = delayed.partitionResponses.find((r) => r.partitionId === partitionId)!;
  response.error = error;
  response.baseOffset = baseOffset;
  if (--delayed.waiting > 0) return;
  delete state.delayedProduces[requestId];
  send(state, brokerNode(delayed.brokerId), delayed.producerId, {
    kind: 'ProduceResponse',
    requestId,
    partitionResponses: delayed.partitionResponses,
  });
}

/** DelayedProduce.tryComplete for every waiting acks=all request of this partition. */
export function completeProducePurgatory(state: SimState, p: PartitionState): void {
  const log = leaderLog(p);
  if (!log || p.purgatory.length === 0) return;
  // Checked on every high-watermark move: usually nothing is complete yet.
  if (!p.purgatory.some((pending) => log.highWatermark >= pending.requiredOffset)) return;
  const minIsr = effectiveMinIsr(state, p);
  const waiting = p.purgatory;
  p.purgatory = [];
  for (const pending of waiting) {
    if (log.highWatermark < pending.requiredOffset) {
      p.purgatory.push(pending);
      continue;
    }
    const error: KafkaErrorCode | null = p.isr.length >= minIsr ? null : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
    if (error) {
      emit(
        state,
        'produceRejected',
        `NOT_ENOUGH_REPLICAS_AFTER_APPEND on ${p.id}: the records were written, but the ISR ${formatIds(p.isr)} shrank below min.insync.replicas=${minIsr}.`,
        { partitionId: p.id },
      );
    }
    partitionDone(state, pending.requestId, p.id, error, pending.baseOffset);
  }
}

/** Partitions still waiting when their timeout passes fail with REQUEST_TIMED_OUT, in the order they came. */
export function onProduceTimeout(state: SimState, p: PartitionState): void {
  const expired = p.purgatory.filter((x) => x.expiresAtMs <= state.nowMs);
  if (expired.length > 0) p.purgatory = p.purgatory.filter((x) => x.expiresAtMs > state.nowMs);
  for (const pending of expired) partitionDone(state, pending.requestId, p.id, 'REQUEST_TIMED_OUT', -1);
  if (p.purgatory.length > 0) armPurgatoryCheck(state, p, Math.min(...p.purgatory.map((x) => x.expiresAtMs)));
}

/** When a leader loses leadership, its waiting partitions fail so that producers retry elsewhere. */
export function failPurgatoryOnLeaderChange(state: SimState, p: PartitionState): void {
  const waiting = p.purgatory;
  p.purgatory = [];
  for (const pending of waiting) partitionDone(state, pending.requestId, p.id, 'NOT_LEADER_OR_FOLLOWER', -1);
}

/** The broker's process died: its waiting requests are dropped with their connections (requestIds returned). */
export function dropDelayedProducesOf(
  state: SimState,
  brokerId: number,
): { producerId: string; requestId: number }[] {
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    if (p.leader === brokerId) p.purgatory = [];
  }
  const dropped: { producerId: string; requestId: number }[] = [];
  for (const key of Object.keys(state.delayedProduces)) {
    const delayed = state.delayedProduces[key]!;
    if (delayed.brokerId !== brokerId) continue;
    dropped.push({ producerId: delayed.producerId, requestId: Number(key) });
    delete state.delayedProduces[key];
  }
  return dropped;
}
