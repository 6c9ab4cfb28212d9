// The consumer's fetcher: fetch from each owned partition's leader (never past the high watermark),
// starting from the position, the committed offset or auto.offset.reset, and put what comes back in the
// fetch buffer for poll() (poll.ts). A partition whose fetched records poll() has not all returned yet is
// not fetched (AbstractFetch.fetchablePartitions); poll() resumes its fetcher when they are.
import type { Message, MessageBody, SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { emit } from '../sim/events';
import { consumerNode } from '../sim/network';
import { schedule } from '../sim/timers';
import { leaderLog } from '../cluster/partition';
import { fetchAgain, startFetcher } from '../cluster/replication';
import { addCompletedFetch, clearBuffered, isBuffered } from './fetchBuffer';
import { poll } from './poll';

type FetchResponse = Extract<MessageBody, { kind: 'FetchResponse' }>;

/** retry.backoff.ms for a consumer fetch that failed. */
const CONSUMER_RETRY_BACKOFF_MS = 100;

/** Where the next fetch starts: the position, else the committed offset, else auto.offset.reset. */
export function consumerFetchOffset(state: SimState, node: string, partitionId: string): number | null {
  const consumer = state.consumers[node.slice(9)];
  if (!consumer || consumer.status !== 'running' || !consumer.assigned.includes(partitionId)) return null;
  // fetchablePartitions: the application has yet to get this partition's fetched records from poll().
  if (isBuffered(consumer, partitionId)) return null;
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
    clearBuffered(consumer, [res.partitionId]);
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
  const position = consumer.positions[res.partitionId] ?? 0;
  const first = res.records[0];
  // Usually every record is from the position on; copy only when some are not.
  const fresh =
    first === undefined || first.offset >= position
      ? res.records
      : res.records.filter((r) => r.offset >= position);
  if (fresh.length === 0) {
    // An empty completed fetch is drained by the next poll(), which fetches the partition again: now if
    // the application is waiting in poll(), else once it is done with what it holds.
    fetchAgain(state, node, res.partitionId, res.session, consumer.busyUntilMs - state.nowMs);
    return;
  }
  // The partition's fetcher rests until poll() has returned all of these (pollForFetches resumes it).
  addCompletedFetch(consumer, res.partitionId, fresh);
  poll(state, consumer);
}

export function restartConsumerFetchersFor(state: SimState, partitionId: string): void {
  for (const id of state.consumerIds) {
    const c = state.consumers[id]!;
    if (c.status === 'running' && c.assigned.includes(partitionId))
      startFetcher(state, consumerNode(id), partitionId);
  }
}
