// The transaction coordinator (TransactionCoordinator, TransactionMetadata), one always-available node as
// the group coordinator is (Simplifications): InitProducerId gives a transactional.id its producer id and
// fences any older instance; a partition joins the open transaction when the producer first sends to it;
// EndTxn writes a COMMIT or ABORT marker to every partition of the transaction through its leader
// (WriteTxnMarkers) and answers once all are written; a transaction left open longer than its
// transaction.timeout.ms is aborted, and its producer fenced. An epoch bump is modelled as a fresh
// producer id, as the idempotent producer's (Simplifications).
import type {
  Message,
  MessageBody,
  NodeId,
  ProducerState,
  SimState,
  TxnCoordinatorEntry,
  TxnOffsets,
} from '../types';
import { TXN_TIMEOUT_CHECK_INTERVAL_MS } from '../config';
import { wakeUnstableOffsetFetches } from '../clients/fetcher';
import { emit } from '../sim/events';
import { brokerNode, COORDINATOR, send } from '../sim/network';
import { schedule } from '../sim/timers';

/** How often the coordinator looks for markers to send again (to a new leader, or after a refusal). */
const MARKER_RETRY_MS = 1_000;
/** A marker the same leader has not confirmed for this long is sent again (its answer may have been lost). */
const MARKER_RESEND_MS = 5_000;

type Body<K extends MessageBody['kind']> = Extract<MessageBody, { kind: K }>;

export function onInitProducerId(state: SimState, message: Message): void {
  const body = message.body as Body<'InitProducerIdRequest'>;
  let e = state.transactions[body.transactionalId];
  if (!e) {
    e = {
      transactionalId: body.transactionalId,
      producerId: state.nextId++,
      producerEpoch: 0,
      state: 'Empty',
      partitions: [],
      startedAtMs: -1,
      timeoutMs: body.transactionTimeoutMs,
      txnProducerId: -1,
      pendingMarkers: [],
      markerEpochs: {},
      replyTo: null,
      initReplyTo: null,
      pendingOffsets: null,
    };
    state.transactions[body.transactionalId] = e;
    return replyInit(state, e, message.from);
  }
  // A new instance of the same transactional.id: the old one is fenced, its open transaction aborted.
  fence(state, e);
  e.timeoutMs = body.transactionTimeoutMs;
  if (e.state === 'Ongoing') {
    e.initReplyTo = message.from;
    beginEnd(state, e, false, null);
    emit(
      state,
      'transactionFenced',
      `Transaction coordinator: a new producer initialised transactional.id ${e.transactionalId}, so the open transaction of the old one is aborted and the old producer fenced.`,
    );
  } else if (e.state === 'PrepareCommit' || e.state === 'PrepareAbort') e.initReplyTo = message.from;
  else replyInit(state, e, message.from);
}

/** Bump the epoch (a fresh producer id here): requests of the producer id before are refused from now on. */
function fence(state: SimState, e: TxnCoordinatorEntry): void {
  e.producerEpoch++;
  e.producerId = state.nextId++;
}

function replyInit(state: SimState, e: TxnCoordinatorEntry, to: NodeId): void {
  send(state, COORDINATOR, to, {
    kind: 'InitProducerIdResponse',
    transactionalId: e.transactionalId,
    producerId: e.producerId,
    producerEpoch: e.producerEpoch,
  });
}

/** AddPartitionsToTxn, at once when the producer first sends to the partition (Simplifications). */
export function addPartitionToTxn(state: SimState, producer: ProducerState, partitionId: string): void {
  const e = state.transactions[producer.config['transactional.id'] ?? ''];
  // A fenced producer's records are refused by the partition leader (PRODUCER_FENCED).
  if (!e || e.producerId !== producer.producerId) return;
  if (e.state !== 'Ongoing') {
    Object.assign(e, {
      state: 'Ongoing',
      partitions: [],
      startedAtMs: state.nowMs,
      txnProducerId: e.producerId,
    });
    armTimeoutCheck(state);
  }
  if (!e.partitions.includes(partitionId)) e.partitions.push(partitionId);
}

/** Whether a transactional produce may be written: its producer id is the transactional.id's current one. */
export function isFenced(state: SimState, transactionalId: string, producerId: number): boolean {
  const e = state.transactions[transactionalId];
  return e !== undefined && e.producerId !== producerId;
}

export function onEndTxn(state: SimState, message: Message): void {
  const body = message.body as Body<'EndTxnRequest'>;
  const e = state.transactions[body.transactionalId];
  if (!e || e.producerId !== body.producerId)
    return void send(state, COORDINATOR, message.from, {
      kind: 'EndTxnResponse',
      transactionalId: body.transactionalId,
      error: 'PRODUCER_FENCED',
      committed: body.committed,
    });
  if (e.state !== 'Ongoing') {
    // Nothing was sent in the transaction: there is nothing to mark, only its offsets to commit.
    if (body.committed && body.offsets) commitTxnOffsets(state, body.offsets);
    return void send(state, COORDINATOR, message.from, {
      kind: 'EndTxnResponse',
      transactionalId: body.transactionalId,
      error: null,
      committed: body.committed,
    });
  }
  e.pendingOffsets = body.committed ? body.offsets : null;
  beginEnd(state, e, body.committed, message.from);
}

/**
 * TxnOffsetCommit: offsets sent with sendOffsetsToTransaction() become the group's committed offsets only
 * when the transaction commits (the group coordinator holds them pending until its marker); an abort
 * discards them, so the input is read again from the last committed offsets.
 */
function commitTxnOffsets(state: SimState, offsets: TxnOffsets): void {
  const g = state.groups[offsets.groupId];
  if (!g) return;
  for (const pid of Object.keys(offsets.offsets)) g.committed[pid] = offsets.offsets[pid]!;
}

/** PrepareCommit or PrepareAbort: a marker for every partition of the transaction. */
function beginEnd(state: SimState, e: TxnCoordinatorEntry, committed: boolean, replyTo: NodeId | null): void {
  if (!committed) e.pendingOffsets = null;
  e.state = committed ? 'PrepareCommit' : 'PrepareAbort';
  e.replyTo = replyTo;
  e.pendingMarkers = e.partitions.slice();
  e.markerEpochs = {};
  sendMarkers(state, e);
}

/**
 * WriteTxnMarkers to each pending partition's current leader, one request per broker. A marker already
 * sent to the partition's current leader epoch is not sent again: that leader answers once the marker
 * is committed. One sent to an older epoch, or refused, may be lost, so it goes to the new leader.
 */
function sendMarkers(state: SimState, e: TxnCoordinatorEntry): void {
  const byBroker = new Map<number, string[]>();
  for (const pid of e.pendingMarkers) {
    const p = state.partitions[pid];
    const leader = p?.leader ?? -1;
    if (!p || leader < 0) continue; // no leader now: the retry finds the next one
    const sent = e.markerEpochs[pid];
    if (sent && sent.epoch === p.leaderEpoch && state.nowMs - sent.atMs < MARKER_RESEND_MS) continue;
    e.markerEpochs[pid] = { epoch: p.leaderEpoch, atMs: state.nowMs };
    byBroker.set(leader, [...(byBroker.get(leader) ?? []), pid]);
  }
  for (const [brokerId, partitions] of byBroker)
    send(state, COORDINATOR, brokerNode(brokerId), {
      kind: 'WriteTxnMarkersRequest',
      transactionalId: e.transactionalId,
      producerId: e.txnProducerId,
      committed: e.state === 'PrepareCommit',
      partitions,
    });
  schedule(state, state.nowMs + MARKER_RETRY_MS, {
    kind: 'txnMarkerRetry',
    transactionalId: e.transactionalId,
  });
}

export function onWriteTxnMarkersResponse(state: SimState, message: Message): void {
  const body = message.body as Body<'WriteTxnMarkersResponse'>;
  const e = state.transactions[body.transactionalId];
  if (!e || (e.state !== 'PrepareCommit' && e.state !== 'PrepareAbort')) return;
  const written = body.results.filter((r) => r.error === null).map((r) => r.partitionId);
  // A refused marker (no longer the leader, ISR below min.insync.replicas) goes again at the next retry.
  for (const r of body.results) if (r.error !== null) e.markerEpochs[r.partitionId] = { epoch: -1, atMs: -1 };
  e.pendingMarkers = e.pendingMarkers.filter((p) => !written.includes(p));
  if (e.pendingMarkers.length === 0) complete(state, e);
}

export function onTxnMarkerRetry(state: SimState, transactionalId: string): void {
  const e = state.transactions[transactionalId];
  if (!e || (e.state !== 'PrepareCommit' && e.state !== 'PrepareAbort') || e.pendingMarkers.length === 0)
    return;
  sendMarkers(state, e);
}

function complete(state: SimState, e: TxnCoordinatorEntry): void {
  const committed = e.state === 'PrepareCommit';
  e.state = committed ? 'CompleteCommit' : 'CompleteAbort';
  if (committed && e.pendingOffsets) commitTxnOffsets(state, e.pendingOffsets);
  e.pendingOffsets = null;
  wakeUnstableOffsetFetches(state);
  emit(
    state,
    committed ? 'transactionCommitted' : 'transactionAborted',
    `Transaction of ${e.transactionalId} ${committed ? 'committed' : 'aborted'}: ${committed ? 'COMMIT' : 'ABORT'} markers written on ${e.partitions.join(', ')}.`,
  );
  if (e.replyTo)
    send(state, COORDINATOR, e.replyTo, {
      kind: 'EndTxnResponse',
      transactionalId: e.transactionalId,
      error: null,
      committed,
    });
  e.replyTo = null;
  if (e.initReplyTo) {
    replyInit(state, e, e.initReplyTo);
    e.initReplyTo = null;
  }
}

function armTimeoutCheck(state: SimState): void {
  if (state.txnTimeoutCheckArmed) return;
  state.txnTimeoutCheckArmed = true;
  schedule(state, state.nowMs + TXN_TIMEOUT_CHECK_INTERVAL_MS, { kind: 'txnTimeoutCheck' });
}

/** abortTimedOutTransactions: an open transaction older than its timeout is aborted; its producer is fenced. */
export function onTxnTimeoutCheck(state: SimState): void {
  state.txnTimeoutCheckArmed = false;
  let open = false;
  for (const id of Object.keys(state.transactions)) {
    const e = state.transactions[id]!;
    if (e.state !== 'Ongoing') continue;
    if (state.nowMs - e.startedAtMs < e.timeoutMs) {
      open = true;
      continue;
    }
    fence(state, e);
    emit(
      state,
      'transactionTimedOut',
      `Transaction coordinator: the transaction of ${e.transactionalId} has been open longer than transaction.timeout.ms (${e.timeoutMs} ms). The coordinator aborts it and fences its producer.`,
    );
    beginEnd(state, e, false, null);
  }
  if (open) armTimeoutCheck(state);
}
