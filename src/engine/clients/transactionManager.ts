// A transactional producer's TransactionManager, driven by an application loop as Kafka's documentation
// writes it: initTransactions() once, then beginTransaction(), recordsPerTransaction send() calls and
// commitTransaction(), again and again. commitTransaction() flushes (lingering batches leave at once),
// waits for every record of the transaction to be acknowledged, then sends EndTxn; the application is
// blocked meanwhile and sends its next records once the coordinator has answered. A record that failed
// makes the transaction abortable only: the application aborts it instead. abortTransaction() drops
// the records not sent yet and ends the transaction once those in flight are answered.
import type { Message, MessageBody, ProducerState, ProducerTxn, SimState, TxnOffsets } from '../types';
import { onFailed } from '../audit/audit';
import { emit } from '../sim/events';
import { COORDINATOR, producerNode, send } from '../sim/network';
import { nodeInfo } from '../cluster/nodeKeys';
import { addPartitionToTxn } from '../cluster/txnCoordinator';
import { releaseBytes } from './bufferPool';

/** The application's default loop: five send() calls per transaction. */
export const DEFAULT_RECORDS_PER_TRANSACTION = 5;

export function newProducerTxn(recordsPerTransaction: number): ProducerTxn {
  return {
    state: 'UNINITIALIZED',
    recordsPerTransaction: Math.max(1, Math.floor(recordsPerTransaction)),
    sent: 0,
    partitions: [],
    failed: false,
    ending: false,
    committed: 0,
    aborted: 0,
    offsets: null,
  };
}

/**
 * Whether the application's next send() may go now. An uninitialised producer first calls
 * initTransactions() (InitProducerId to the coordinator) and waits for it; a ready one begins a
 * transaction; one committing or aborting waits for EndTxn's answer.
 */
export function canSend(state: SimState, producer: ProducerState): boolean {
  const txn = producer.txn;
  if (!txn) return true;
  if (txn.state === 'UNINITIALIZED') {
    txn.state = 'INITIALIZING';
    send(state, producerNode(producer.id), COORDINATOR, {
      kind: 'InitProducerIdRequest',
      transactionalId: producer.config['transactional.id']!,
      transactionTimeoutMs: producer.config['transaction.timeout.ms'],
    });
    return false;
  }
  if (txn.state === 'READY') {
    // beginTransaction()
    Object.assign(txn, {
      state: 'IN_TRANSACTION',
      sent: 0,
      partitions: [],
      failed: false,
      ending: false,
      offsets: null,
    });
    return true;
  }
  return txn.state === 'IN_TRANSACTION';
}

/**
 * A send() of the transaction went into the accumulator: its partition joins the transaction, and the
 * last send() of the loop is followed by commitTransaction(). True when the application now blocks in it.
 */
export function afterSend(state: SimState, producer: ProducerState, partitionId: string): boolean {
  const txn = producer.txn;
  if (!txn) return false;
  if (!txn.partitions.includes(partitionId)) {
    txn.partitions.push(partitionId);
    addPartitionToTxn(state, producer, partitionId);
  }
  txn.sent++;
  if (txn.sent < txn.recordsPerTransaction) return false;
  txn.state = 'COMMITTING_TRANSACTION';
  return true;
}

/** abortTransaction(), as the application (a teacher) calls it; an error text outside a transaction. */
export function abortTransaction(state: SimState, producer: ProducerState): string | null {
  const txn = producer.txn;
  const id = producer.config['transactional.id'];
  if (!txn) return `Producer ${producer.id} has no transactional.id, so it has no transaction to abort.`;
  if ((txn.state !== 'IN_TRANSACTION' && txn.state !== 'COMMITTING_TRANSACTION') || txn.ending)
    return `TransactionalId ${id}: Invalid transition attempted from state ${txn.state} to state ABORTING_TRANSACTION`;
  txn.state = 'ABORTING_TRANSACTION';
  dropUnsent(state, producer, 'TransactionAbortedException: Failing batch since transaction was aborted');
  return null;
}

/** Records still in the accumulator fail back to the application; those in flight are answered first. */
function dropUnsent(state: SimState, producer: ProducerState, why: string): void {
  for (const rec of producer.queue) {
    onFailed(state, rec.recordId);
    releaseBytes(producer, rec);
  }
  if (producer.queue.length > 0) {
    producer.lastError = why.slice(0, why.indexOf(':'));
    emit(
      state,
      'produceFailed',
      `Producer ${producer.id}: ${producer.queue.length} record(s) not sent: ${why}.`,
    );
  }
  producer.queue = [];
  producer.queuedPerPartition = [];
  producer.queuedBytesPerPartition = [];
}

/** A record of the transaction failed (retries or delivery.timeout.ms ran out): it can only abort now. */
export function markTxnFailed(producer: ProducerState): void {
  if (producer.txn && producer.txn.state !== 'READY') producer.txn.failed = true;
}

/**
 * After every drain: a committing or aborting transaction with nothing of it queued or in flight sends
 * EndTxn. A commit whose records did not all make it is aborted instead (commitTransaction() throws, and
 * the application calls abortTransaction()).
 */
export function maybeEndTxn(state: SimState, producer: ProducerState): void {
  const txn = producer.txn;
  if (!txn || txn.ending) return;
  if (txn.state !== 'COMMITTING_TRANSACTION' && txn.state !== 'ABORTING_TRANSACTION') return;
  if (producer.queue.length > 0 || producer.inFlight.length > 0) return;
  if (txn.state === 'COMMITTING_TRANSACTION' && txn.failed) txn.state = 'ABORTING_TRANSACTION';
  txn.ending = true;
  send(state, producerNode(producer.id), COORDINATOR, {
    kind: 'EndTxnRequest',
    transactionalId: producer.config['transactional.id']!,
    producerId: producer.producerId,
    committed: txn.state === 'COMMITTING_TRANSACTION',
    offsets: txn.state === 'COMMITTING_TRANSACTION' ? txn.offsets : null,
  });
}

/**
 * A Kafka Streams task's commit under exactly_once_v2: sendOffsetsToTransaction() with the positions it
 * processed up to, then commitTransaction(). A batch that produced nothing still commits its offsets in
 * a transaction. False when the producer cannot (not initialised yet, fenced, ending a transaction).
 */
export function commitWithOffsets(state: SimState, producer: ProducerState, offsets: TxnOffsets): boolean {
  const txn = producer.txn;
  if (!txn || !canSend(state, producer)) return false;
  txn.offsets = offsets;
  txn.state = 'COMMITTING_TRANSACTION';
  return true;
}

/** The producer found out that a newer instance (or a timeout abort) fenced it: a fatal error. */
export function fenceProducer(state: SimState, producer: ProducerState): void {
  const txn = producer.txn;
  if (!txn || txn.state === 'FENCED') return;
  txn.state = 'FENCED';
  producer.running = false;
  producer.ratePerSec = 0;
  producer.lastError = 'ProducerFencedException';
  dropUnsent(state, producer, 'ProducerFencedException');
  emit(
    state,
    'producerFenced',
    `Producer ${producer.id}: ProducerFencedException: there is a newer producer with the same transactional.id (${producer.config['transactional.id']}), or its transaction timed out. It can only be closed.`,
  );
}

export function onInitProducerIdResponse(
  state: SimState,
  message: Message,
  restart: (p: ProducerState) => void,
): void {
  const body = message.body as Extract<MessageBody, { kind: 'InitProducerIdResponse' }>;
  const producer = state.producers[nodeInfo(message.to).key];
  if (!producer?.txn || producer.txn.state !== 'INITIALIZING') return;
  producer.producerId = body.producerId;
  producer.nextSequence = {};
  producer.txn.state = 'READY';
  emit(
    state,
    'producerInitialized',
    `Producer ${producer.id}: initTransactions() done, transactional.id ${body.transactionalId} has producer id ${body.producerId} at epoch ${body.producerEpoch}.`,
  );
  if (producer.running) restart(producer);
}

export function onEndTxnResponse(
  state: SimState,
  message: Message,
  restart: (p: ProducerState) => void,
): void {
  const body = message.body as Extract<MessageBody, { kind: 'EndTxnResponse' }>;
  const producer = state.producers[nodeInfo(message.to).key];
  const txn = producer?.txn;
  if (!producer || !txn || !txn.ending) return;
  if (body.error === 'PRODUCER_FENCED') return fenceProducer(state, producer);
  txn.ending = false;
  txn.state = 'READY';
  if (body.committed) txn.committed++;
  else txn.aborted++;
  if (producer.running) restart(producer);
}

/**
 * The process of an exactly_once_v2 instance died (or closed): its producer goes with it, records not
 * yet sent included; an open transaction stays open until the coordinator's timeout or a new instance.
 */
export function stopInstanceProducer(state: SimState, producer: ProducerState): void {
  producer.running = false;
  producer.ratePerSec = 0;
  dropUnsent(state, producer, 'the instance stopped');
  // A dead process never sends EndTxn, whatever its in-flight records' answers say.
  if (producer.txn) producer.txn.ending = true;
}

/** The instance starts again: a new producer with the same transactional.id, which fences the old one. */
export function restartInstanceProducer(state: SimState, producer: ProducerState): void {
  producer.running = true;
  producer.txn = newProducerTxn(producer.txn?.recordsPerTransaction ?? DEFAULT_RECORDS_PER_TRANSACTION);
  producer.lastError = null;
  canSend(state, producer);
}
