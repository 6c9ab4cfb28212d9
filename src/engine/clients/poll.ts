// The application's poll loop: poll() returns up to max.poll.records records from the fetch buffer, the
// position moves past them, and the application works through them for processingTimeMs each, then calls
// poll() again. Before returning records, poll() sends the next fetches for the partitions it has
// drained, so that their data arrives while the application is busy (KafkaConsumer.poll: "send off the
// next round of fetches … to enable pipelining while the user is handling the fetched records").
import type { AbortedTxn, LogRecord, ProducerState, SimState } from '../types';
import { canSend, commitWithOffsets, restartInstanceProducer } from './transactionManager';
import { emit } from '../sim/events';
import { loseAll } from './subscriptionState';
import { rejoin } from './groupProtocol';
import { drainProducer } from './sender';
import { isAborted, isControl, TXN_NONE } from '../log/txnIndex';
import type { ConsumerState } from '../groups/types';
import { consumerNode } from '../sim/network';
import { schedule } from '../sim/timers';
import { startFetcherNow } from '../cluster/fetchers';
import { onRecordsProcessed } from '../groups/consumption';
import { clearBuffered, collectFetch, type PolledRecords } from './fetchBuffer';
import { takeBatch } from './offsetCommit';
import { runService } from './service';

/**
 * The application calls poll(), unless it is still working on what the last poll() returned. An
 * application that spends no time on its records is back in poll() at once, so it polls on in a loop
 * (no timer) until the buffer is empty.
 */
export function poll(state: SimState, consumer: ConsumerState): void {
  while (consumer.status === 'running' && consumer.busyUntilMs <= state.nowMs) {
    // exactly_once_v2: the stream thread polls again only once its last transaction has committed (and
    // its producer is initialised); the producer's answer wakes it (wakeExactlyOnceConsumers).
    if (consumer.service?.exactlyOnce && recoverIfFenced(state, consumer)) return;
    const txnProducer = consumer.service?.exactlyOnce ? exactlyOnceProducer(state, consumer) : null;
    if (txnProducer !== null && (txnProducer === undefined || !canSend(state, txnProducer))) return;
    consumer.lastPollMs = state.nowMs;
    const { polled, drained } = collectFetch(consumer);
    const fetchable = new Set(drained);
    const consumedBefore = consumer.consumed;
    const { worked, workMs } = handToApplication(state, consumer, polled, fetchable);
    for (const pid of fetchable)
      if (consumer.assigned.includes(pid)) startFetcherNow(state, consumerNode(consumer.id), pid);
    if (worked.length === 0) return;
    consumer.busyUntilMs = state.nowMs + workMs;
    for (const pid of worked)
      takeBatch(consumer, pid, consumer.positions[pid]!, state.nowMs, consumer.busyUntilMs);
    if (txnProducer) {
      // sendOffsetsToTransaction() with what it processed, then commitTransaction(), which flushes.
      const offsets: Record<string, number> = {};
      for (const pid of worked) offsets[pid] = consumer.positions[pid]!;
      commitWithOffsets(state, txnProducer, { groupId: consumer.groupId, offsets });
      drainProducer(state, txnProducer);
      return;
    }
    // enable.auto.commit=false: the application commits what it processed (commitSync) before polling again.
    if (!consumer.config['enable.auto.commit'] && consumer.consumed > consumedBefore)
      schedule(state, consumer.busyUntilMs, pollTimer(consumer, true));
    if (workMs > 0) {
      schedule(state, consumer.busyUntilMs, pollTimer(consumer, false));
      return;
    }
    if (consumer.fetchBuffer.length === 0) return;
  }
}

/** An exactly_once_v2 instance's own transactional producer (undefined if it is gone). */
function exactlyOnceProducer(state: SimState, consumer: ConsumerState): ProducerState | undefined {
  const id = consumer.service?.outputProducerId;
  const p = id ? state.producers[id] : undefined;
  return p?.running ? p : undefined;
}

/**
 * Kafka Streams: a fenced thread producer surfaces as a TaskMigratedException. The thread closes its tasks
 * dirty (what it processed since its last commit is given up with the aborted transaction), creates a new
 * producer and rejoins its group, resuming from the committed offsets (StreamThread's handling of
 * TaskMigratedException, TaskManager.handleLostAll). Returns whether it did.
 */
function recoverIfFenced(state: SimState, consumer: ConsumerState): boolean {
  const id = consumer.service?.outputProducerId;
  const producer = id ? state.producers[id] : undefined;
  if (!producer || producer.txn?.state !== 'FENCED' || consumer.status !== 'running') return false;
  emit(
    state,
    'taskMigrated',
    `${consumer.id}: its producer was fenced (TaskMigratedException), so it closes its tasks dirty, starts a new producer and rejoins group ${consumer.groupId}, resuming from the committed offsets.`,
  );
  loseAll(state, consumer);
  rejoin(state, consumer, 'its producer was fenced (TaskMigratedException)');
  restartInstanceProducer(state, producer);
  return true;
}

/** A producer's transaction ended or it was initialised: its exactly_once_v2 instance polls again. */
export function wakeExactlyOnceConsumers(state: SimState, producerId: string): void {
  for (const id of state.consumerIds) {
    const c = state.consumers[id]!;
    if (c.status === 'running' && c.service?.exactlyOnce && c.service.outputProducerId === producerId)
      poll(state, c);
  }
}

function pollTimer(consumer: ConsumerState, commit: boolean) {
  const kind = commit ? ('consumerCommitProcessed' as const) : ('consumerPoll' as const);
  return { kind, consumerId: consumer.id, token: consumer.token };
}

/** The application is done with what the last poll() returned and polls again. */
export function onConsumerPoll(state: SimState, consumerId: string, token: number): void {
  const consumer = state.consumers[consumerId];
  if (!consumer || consumer.status !== 'running' || consumer.token !== token) return;
  poll(state, consumer);
}

/**
 * The records go to the application: each partition's position moves past what it processed. A service
 * may stop at a record it cannot process (head-of-line blocking); like Spring Kafka's error handler it then
 * seeks each partition with records it did not get to back to the first of them, which drops their
 * fetched data, so they are fetched again. Returns the partitions it worked on and for how long.
 */
function handToApplication(
  state: SimState,
  consumer: ConsumerState,
  polled: PolledRecords[],
  fetchable: Set<string>,
): { worked: string[]; workMs: number } {
  const worked: string[] = [];
  let workMs = 0;
  let stopped = false;
  for (const { partitionId, records: fetched, aborted } of polled) {
    const from = consumer.positions[partitionId]!;
    // Control records (transaction markers) never reach the application, nor, for read_committed, the
    // records of aborted transactions (CompletedFetch.nextFetchedRecord skips them); the position moves
    // past them all the same.
    const records = fetched.some((r) => r.txn !== TXN_NONE) ? visibleRecords(fetched, aborted) : fetched;
    let processed: LogRecord[] = stopped ? [] : records;
    if (consumer.service && !stopped) {
      const handled = runService(state, consumer, partitionId, records);
      processed = handled.processed;
      workMs += handled.extraBusyMs;
      stopped = processed.length < records.length;
      worked.push(partitionId);
    }
    const last = processed[processed.length - 1];
    if (last) {
      consumer.positions[partitionId] = last.offset + 1;
      consumer.consumed += processed.length;
      workMs += processed.length * consumer.processingTimeMs;
      if (!consumer.service) worked.push(partitionId);
      onRecordsProcessed(state, state.groups[consumer.groupId]!, partitionId, from, processed);
    }
    if (processed.length < records.length) {
      consumer.positions[partitionId] = records[processed.length]!.offset;
      clearBuffered(consumer, [partitionId]);
      fetchable.add(partitionId);
    } else if (records.length < fetched.length) {
      // Skipped records at the end still move the position (and the next commit) past them.
      consumer.positions[partitionId] = fetched[fetched.length - 1]!.offset + 1;
      if (!worked.includes(partitionId)) worked.push(partitionId);
    }
  }
  return { worked, workMs };
}

function visibleRecords(fetched: LogRecord[], aborted: AbortedTxn[] | null): LogRecord[] {
  return fetched.filter((r) => !isControl(r) && !(aborted && isAborted(r, aborted)));
}
