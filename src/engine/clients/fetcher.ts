// The consumer's fetches: one per broker for the owned partitions it leads (never past the high watermark),
// starting from the position, the committed offset or auto.offset.reset, and put what comes back in the
// fetch buffer for poll() (poll.ts). A partition whose fetched records poll() has not all returned yet is
// not fetched (AbstractFetch.fetchablePartitions); poll() resumes its fetcher when they are.
import type { Message, MessageBody, SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { emit } from '../sim/events';
import { lastStableOffset } from '../log/txnIndex';
import { consumerNode } from '../sim/network';
import { leaderLog } from '../cluster/partition';
import { markIdle, startFetcher, wakeFetcher } from '../cluster/fetchers';
import { brokerIdOf } from '../cluster/nodeKeys';
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
  // KIP-447: an exactly_once_v2 instance reads a newly assigned partition's committed offset only once
  // no instance of its service, itself included, has a transaction unfinished whose offsets may be
  // pending (UNSTABLE_OFFSET_COMMIT until then); the transaction's end wakes it (wakeUnstableOffsetFetches).
  if (consumer.service?.exactlyOnce && offsetsUnstable(state, consumer)) return null;
  const g = state.groups[consumer.groupId]!;
  const start = g.committed[partitionId] ?? resetOffset(state, consumer, partitionId);
  if (start === null) return null;
  consumer.positions[partitionId] = start;
  return start;
}

/**
 * Whether an instance of the consumer's service has a transaction open or ending: its offsets may be
 * pending at the group coordinator. (Kafka tells per partition; here per service, which only waits longer.)
 */
function offsetsUnstable(state: SimState, consumer: ConsumerState): boolean {
  const prefix = `${consumer.service!.serviceId}-`;
  for (const id of Object.keys(state.transactions)) {
    const e = state.transactions[id]!;
    if (!id.startsWith(prefix)) continue;
    if (e.state === 'Ongoing' || e.state === 'PrepareCommit' || e.state === 'PrepareAbort') return true;
  }
  return false;
}

/** A transaction ended: exactly_once_v2 instances waiting for stable offsets fetch their new partitions. */
export function wakeUnstableOffsetFetches(state: SimState): void {
  for (const id of state.consumerIds) {
    const c = state.consumers[id]!;
    if (c.status !== 'running' || !c.service?.exactlyOnce) continue;
    for (const pid of c.assigned)
      if (c.positions[pid] === undefined) startFetcher(state, consumerNode(c.id), pid);
  }
}

function resetOffset(state: SimState, consumer: ConsumerState, partitionId: string): number | null {
  const p = state.partitions[partitionId];
  const log = p ? leaderLog(p) : undefined;
  if (!log) return null;
  const policy = consumer.config['auto.offset.reset'];
  if (policy === 'none') {
    const text = `NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [${partitionId}] (consumer ${consumer.id}).`;
    // Every fetch built to the partition's leader asks again (as every poll() throws again in Kafka); the
    // log says it once, not once per fetch of the broker's other partitions.
    if (!state.events.some((e) => e.type === 'noOffset' && e.text === text)) emit(state, 'noOffset', text);
    return null;
  }
  if (policy === 'earliest') return log.logStartOffset;
  // ListOffsets(LATEST) answers a read_committed consumer with the last stable offset, not the HW, so
  // an open transaction's records are not skipped once it commits.
  return consumer.config['isolation.level'] === 'read_committed' ? lastStableOffset(log) : log.highWatermark;
}

/**
 * Each partition's result in turn; one whose partition is no longer ours, whose leader has moved or whose
 * position has moved since the request is stale and ignored (FetchCollector: "Discarding stale fetch
 * response"). Then the next fetch: at once for partitions poll() has drained meanwhile, else at the next
 * poll(), after retry.backoff.ms if every partition failed.
 */
export function onConsumerFetchResponse(state: SimState, message: Message): void {
  const res = message.body as FetchResponse;
  const node = message.to;
  const sourceId = brokerIdOf(message.from);
  const consumer = state.consumers[node.slice(9)];
  if (!consumer || consumer.status !== 'running') return;
  let failed = 0;
  let fetched = false;
  for (const r of res.responses) {
    const p = state.partitions[r.partitionId];
    if (!p || p.leader !== sourceId || p.leaderEpoch !== r.currentLeaderEpoch) continue;
    if (!consumer.assigned.includes(r.partitionId) || consumer.positions[r.partitionId] !== r.fetchOffset)
      continue;
    if (isBuffered(consumer, r.partitionId)) continue;
    if (r.error !== null) {
      failed++;
      if (r.error === 'OFFSET_OUT_OF_RANGE') resetOutOfRange(state, consumer, r.partitionId);
      continue;
    }
    const first = r.records[0];
    // Usually every record is from the position on; copy only when some are not.
    const fresh =
      first === undefined || first.offset >= r.fetchOffset
        ? r.records
        : r.records.filter((x) => x.offset >= r.fetchOffset);
    // The partition rests until poll() has returned all of these (pollForFetches makes it fetchable again).
    if (fresh.length === 0) continue;
    addCompletedFetch(consumer, r.partitionId, fresh, r.abortedTransactions);
    fetched = true;
  }
  markIdle(state, node, sourceId);
  if (fetched) poll(state, consumer);
  const allFailed = failed > 0 && failed === res.responses.length;
  // Partitions that came back empty are fetched again by the next poll(): now if the application is
  // waiting in poll(), else once it is done with what it holds.
  wakeFetcher(
    state,
    node,
    sourceId,
    allFailed ? CONSUMER_RETRY_BACKOFF_MS : consumer.busyUntilMs - state.nowMs,
    true,
  );
}

function resetOutOfRange(state: SimState, consumer: ConsumerState, partitionId: string): void {
  const reset = resetOffset(state, consumer, partitionId);
  emit(
    state,
    'offsetReset',
    `Consumer ${consumer.id}: offset ${consumer.positions[partitionId]} is out of range for ${partitionId}; auto.offset.reset=${consumer.config['auto.offset.reset']} moves it to ${reset ?? 'nowhere'}.`,
    { partitionId },
  );
  if (reset === null) return;
  consumer.positions[partitionId] = reset;
  clearBuffered(consumer, [partitionId]);
}

/** The partition's leader changed: the new leader's fetcher takes it up. */
export function restartConsumerFetchersFor(state: SimState, partitionId: string): void {
  for (const id of state.consumerIds) {
    const c = state.consumers[id]!;
    if (c.status === 'running' && c.assigned.includes(partitionId))
      startFetcher(state, consumerNode(id), partitionId);
  }
}
