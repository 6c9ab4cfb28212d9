// Transactions' types: the log's transaction marks, the producer's TransactionManager state, and the
// transaction coordinator's entry per transactional.id. Re-exported by types.ts.
import type { KafkaErrorCode, NodeId } from './types';

/** LogRecord.txn (log/txnIndex.ts names them). */
export type TxnMark = 0 | 1 | 2 | 3;

/** A transaction that ended with an ABORT marker, as a log's aborted-transaction index keeps it. */
export interface AbortedTxn {
  producerId: number;
  firstOffset: number;
  /** The ABORT marker's offset. */
  lastOffset: number;
}

/** The producer's TransactionManager states that the simulator reaches. */
export type ProducerTxnStateName =
  | 'UNINITIALIZED'
  | 'INITIALIZING'
  | 'READY'
  | 'IN_TRANSACTION'
  | 'COMMITTING_TRANSACTION'
  | 'ABORTING_TRANSACTION'
  | 'FENCED';

/** A transactional producer's side of its transactions (clients/transactionManager.ts). */
export interface ProducerTxn {
  state: ProducerTxnStateName;
  /** The application's loop: this many send() calls per transaction, then commitTransaction(). */
  recordsPerTransaction: number;
  /** send() calls in the current transaction. */
  sent: number;
  /** Partitions added to the current transaction (AddPartitionsToTxn). */
  partitions: string[];
  /** A record of the current transaction failed: it can only be aborted. */
  failed: boolean;
  /** EndTxn is on its way (the flush is done). */
  ending: boolean;
  committed: number;
  aborted: number;
  /** sendOffsetsToTransaction(): the consumer offsets this transaction commits (exactly_once_v2 services). */
  offsets: TxnOffsets | null;
}

/** Input offsets a transaction commits for a consumer group (TxnOffsetCommit). */
export interface TxnOffsets {
  groupId: string;
  offsets: Record<string, number>;
}

/** The transaction coordinator's entry for one transactional.id (TransactionMetadata). */
export interface TxnCoordinatorEntry {
  transactionalId: string;
  producerId: number;
  /** Bumped by InitProducerId and by a timeout abort; what a fenced producer is told it is behind. */
  producerEpoch: number;
  state: 'Empty' | 'Ongoing' | 'PrepareCommit' | 'PrepareAbort' | 'CompleteCommit' | 'CompleteAbort';
  partitions: string[];
  startedAtMs: number;
  timeoutMs: number;
  /** The producer id the open transaction's records carry (a timeout abort fences it first). */
  txnProducerId: number;
  /** Partitions whose marker is not confirmed yet. */
  pendingMarkers: string[];
  /** The leader epoch each pending marker was last sent to, and when (epoch -1: send again at the next retry). */
  markerEpochs: Record<string, { epoch: number; atMs: number }>;
  /** Who waits for EndTxn's answer, sent once every marker is written; null for a timeout abort. */
  replyTo: NodeId | null;
  /** An InitProducerId waiting for the open transaction to be aborted first. */
  initReplyTo: NodeId | null;
  /** Offsets to commit to a group if the transaction commits (discarded if it aborts). */
  pendingOffsets: TxnOffsets | null;
}

/** Where a transaction marker goes: the partitions of one broker it leads. */
export type TxnMarkerResult = { partitionId: string; error: KafkaErrorCode | null };
