// The consumer client: fetch from each assigned partition's leader (never past the high watermark),
// spend processing time per record, and commit positions with enable.auto.commit. Group membership is
// simplified here: the assignment is recomputed at once with the range assignor when members change
// (the classic join/sync protocol with its generations replaces this in the group coordinator).
import type { ConsumerState, GroupState, Message, MessageBody, SimState } from '../types';
import { emit } from '../sim/events';
import { consumerNode } from '../sim/network';
import { schedule } from '../sim/timers';
import { leaderLog } from '../cluster/partition';
import { startFetcher, stopFetcher } from '../cluster/replication';

type FetchResponse = Extract<MessageBody, { kind: 'FetchResponse' }>;

/** retry.backoff.ms for a consumer fetch that failed. */
const CONSUMER_RETRY_BACKOFF_MS = 100;

/** Where the next fetch starts: the position, else the committed offset, else auto.offset.reset. */
export function consumerFetchOffset(state: SimState, node: string, partitionId: string): number | null {
  const consumer = state.consumers[node.slice(9)];
  if (!consumer || consumer.status !== 'running' || !consumer.assigned.includes(partitionId)) return null;
  const known = consumer.positions[partitionId];
  if (known !== undefined) return known;
  const group = state.groups[consumer.groupId]!;
  const committed = group.committed[partitionId];
  const start = committed ?? resetOffset(state, group, partitionId);
  if (start === null) return null;
  consumer.positions[partitionId] = start;
  return start;
}

function resetOffset(state: SimState, group: GroupState, partitionId: string): number | null {
  const p = state.partitions[partitionId];
  const log = p ? leaderLog(p) : undefined;
  if (!log) return null;
  if (group.autoOffsetReset === 'none') {
    emit(
      state,
      'noOffset',
      `NoOffsetForPartitionException: Undefined offset with no reset policy for partition ${partitionId} (group ${group.groupId}).`,
    );
    return null;
  }
  return group.autoOffsetReset === 'earliest' ? log.logStartOffset : log.highWatermark;
}

export function onConsumerFetchResponse(state: SimState, message: Message): void {
  const res = message.body as FetchResponse;
  const node = message.to;
  const consumer = state.consumers[node.slice(9)];
  if (!consumer || consumer.status !== 'running' || !consumer.assigned.includes(res.partitionId)) return;
  if (res.error === 'OFFSET_OUT_OF_RANGE') {
    const group = state.groups[consumer.groupId]!;
    const reset = resetOffset(state, group, res.partitionId);
    emit(
      state,
      'offsetReset',
      `Consumer ${consumer.id}: offset ${consumer.positions[res.partitionId]} is out of range for ${res.partitionId}; auto.offset.reset=${group.autoOffsetReset} moves it to ${reset ?? 'nowhere'}.`,
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
  const position = consumer.positions[res.partitionId] ?? 0;
  const fresh = res.records.filter((r) => r.offset >= position);
  const last = fresh[fresh.length - 1];
  if (last) {
    consumer.positions[res.partitionId] = last.offset + 1;
    consumer.consumed += fresh.length;
    consumer.busyUntilMs =
      Math.max(consumer.busyUntilMs, state.nowMs) + fresh.length * consumer.processingTimeMs;
  }
  const nextAt = Math.max(state.nowMs, consumer.busyUntilMs);
  schedule(state, nextAt, { kind: 'fetch', node, partitionId: res.partitionId, session: res.session });
}

export function restartConsumerFetchersFor(state: SimState, partitionId: string): void {
  for (const id of state.consumerIds) {
    const c = state.consumers[id]!;
    if (c.status === 'running' && c.assigned.includes(partitionId))
      startFetcher(state, consumerNode(id), partitionId);
  }
}

/** Range assignment over the group's running members, sorted by member id (Java String order). */
export function reassignGroup(state: SimState, group: GroupState): void {
  const topic = state.topics[group.topic];
  if (!topic) return;
  const members = group.members
    .filter((m) => state.consumers[m]?.status === 'running')
    .sort(compareJavaStrings);
  const quota = members.length > 0 ? Math.floor(topic.partitions / members.length) : 0;
  const extra = members.length > 0 ? topic.partitions % members.length : 0;
  let next = 0;
  const newAssignment: Record<string, string[]> = {};
  members.forEach((m, i) => {
    const count = quota + (i < extra ? 1 : 0);
    newAssignment[m] = Array.from({ length: count }, (_, k) => `${topic.name}-${next + k}`);
    next += count;
  });
  group.generation++;
  for (const id of group.members) {
    const consumer = state.consumers[id]!;
    const assigned = newAssignment[id] ?? [];
    for (const pid of consumer.assigned) {
      if (!assigned.includes(pid)) {
        stopFetcher(state, consumerNode(id), pid);
        commitPosition(group, consumer, pid);
        delete consumer.positions[pid];
      }
    }
    for (const pid of assigned) {
      if (!consumer.assigned.includes(pid)) startFetcher(state, consumerNode(id), pid);
    }
    consumer.assigned = assigned;
  }
  emit(
    state,
    'groupRebalanced',
    `Group ${group.groupId} rebalanced (generation ${group.generation}): ${members.map((m) => `${m} → [${newAssignment[m]!.map((p) => p.slice(p.lastIndexOf('-') + 1)).join(',')}]`).join('; ') || 'no members'}.`,
  );
}

function commitPosition(group: GroupState, consumer: ConsumerState, partitionId: string): void {
  const position = consumer.positions[partitionId];
  if (position !== undefined) group.committed[partitionId] = position;
}

export function onAutoCommit(state: SimState, groupId: string): void {
  const group = state.groups[groupId];
  if (!group) return;
  for (const id of group.members) {
    const consumer = state.consumers[id]!;
    if (consumer.status !== 'running') continue;
    for (const pid of consumer.assigned) commitPosition(group, consumer, pid);
  }
  schedule(state, state.nowMs + group.autoCommitIntervalMs, { kind: 'autoCommit', groupId });
}

/** Java's String.compareTo: UTF-16 code unit order, independent of locale. */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
