// The consumer's fetcher and poll loop: fetch from each owned partition's leader (never past the high
// watermark), start from the position, the committed offset or auto.offset.reset, and hand each batch of
// up to max.poll.records to the application, which spends processingTimeMs on every record. The next
// fetch of a partition waits until the application is done with what it holds.
import type { LogRecord, Message, MessageBody, SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { emit } from '../sim/events';
import { consumerNode } from '../sim/network';
import { schedule } from '../sim/timers';
import { leaderLog } from '../cluster/partition';
import { fetchAgain, startFetcher } from '../cluster/replication';
import { onRecordsProcessed } from '../groups/consumption';
import { takeBatch } from './offsetCommit';
import { runService } from './service';

type FetchResponse = Extract<MessageBody, { kind: 'FetchResponse' }>;

/** retry.backoff.ms for a consumer fetch that failed. */
const CONSUMER_RETRY_BACKOFF_MS = 100;

/** Where the next fetch starts: the position, else the committed offset, else auto.offset.reset. */
export function consumerFetchOffset(state: SimState, node: string, partitionId: string): number | null {
  const consumer = state.consumers[node.slice(9)];
  if (!consumer || consumer.status !== 'running' || !consumer.assigned.includes(partitionId)) return null;
  const known = consumer.positions[partitionId];
  if (known !== undefined) return known;
  const g = state.groups[consumer.groupId]!;
  const start = g.committed[partitionId] ?? resetOffset(state, consumer, partitionId);
  if (start === null) return null;
  consumer.positions[partitionId] = start;
  return start;
}

function resetOffset(state: SimState, consumer: ConsumerState, partitionId: string): number | null {
  const p = state.partitions[partitionId];
  const log = p ? leaderLog(p) : undefined;
  if (!log) return null;
  const policy = consumer.config['auto.offset.reset'];
  if (policy === 'none') {
    emit(
      state,
      'noOffset',
      `NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [${partitionId}] (consumer ${consumer.id}).`,
    );
    return null;
  }
  return policy === 'earliest' ? log.logStartOffset : log.highWatermark;
}

export function onConsumerFetchResponse(state: SimState, message: Message): void {
  const res = message.body as FetchResponse;
  const node = message.to;
  const consumer = state.consumers[node.slice(9)];
  if (!consumer || consumer.status !== 'running' || !consumer.assigned.includes(res.partitionId)) return;
  if (res.error === 'OFFSET_OUT_OF_RANGE') {
    const reset = resetOffset(state, consumer, res.partitionId);
    emit(
      state,
      'offsetReset',
      `Consumer ${consumer.id}: offset ${consumer.positions[res.partitionId]} is out of range for ${res.partitionId}; auto.offset.reset=${consumer.config['auto.offset.reset']} moves it to ${reset ?? 'nowhere'}.`,
      { partitionId: res.partitionId },
    );
    if (reset === null) return;
    consumer.positions[res.partitionId] = reset;
  }
  if (res.error !== null) {
    schedule(state, state.nowMs + CONSUMER_RETRY_BACKOFF_MS, {
      kind: 'fetch',
      node,
      partitionId: res.partitionId,
      session: res.session,
    });
    return;
  }
  handBatch(state, consumer, res.partitionId, res.records);
  fetchAgain(state, node, res.partitionId, res.session, consumer.busyUntilMs - state.nowMs);
}

/** poll() returns the fetched records from the position on, and the application works through them. */
function handBatch(
  state: SimState,
  consumer: ConsumerState,
  partitionId: string,
  records: LogRecord[],
): void {
  const position = consumer.positions[partitionId] ?? 0;
  let fresh = records.filter((r) => r.offset >= position).slice(0, consumer.config['max.poll.records']);
  if (consumer.busyUntilMs <= state.nowMs) consumer.lastPollMs = state.nowMs;
  let extraBusyMs = 0;
  if (consumer.service && fresh.length > 0) {
    // A service's handler may stop at a record it cannot process (head-of-line blocking).
    const handled = runService(state, consumer, partitionId, fresh);
    fresh = handled.processed;
    extraBusyMs = handled.extraBusyMs;
  }
  const last = fresh[fresh.length - 1];
  if (!last && extraBusyMs === 0) return;
  // The application works through its batches one after the other: this one starts when the last is done.
  const startAtMs = Math.max(consumer.busyUntilMs, state.nowMs);
  consumer.busyUntilMs = startAtMs + fresh.length * consumer.processingTimeMs + extraBusyMs;
  if (last) {
    consumer.positions[partitionId] = last.offset + 1;
    consumer.consumed += fresh.length;
    onRecordsProcessed(state, state.groups[consumer.groupId]!, partitionId, position, fresh);
    if (!consumer.config['enable.auto.commit']) {
      schedule(state, consumer.busyUntilMs, {
        kind: 'consumerCommitProcessed',
        consumerId: consumer.id,
        token: consumer.token,
      });
    }
  }
  takeBatch(
    consumer,
    partitionId,
    consumer.positions[partitionId] ?? position,
    startAtMs,
    consumer.busyUntilMs,
  );
}

export function restartConsumerFetchersFor(state: SimState, partitionId: string): void {
  for (const id of state.consumerIds) {
    const c = state.consumers[id]!;
    if (c.status === 'running' && c.assigned.includes(partitionId))
      startFetcher(state, consumerNode(id), partitionId);
  }
}
