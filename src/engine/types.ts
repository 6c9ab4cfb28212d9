// The simulation state: plain, serialisable data keyed by stable ids, so it can be cloned for checkpoints,
// hashed for determinism checks and sent across the worker boundary without classes.
import type { RngState } from './rng';
import type { ClientMetadata } from './clients/metadata';
import type { ConsumerState, GroupMessageBody, GroupState, GroupTimer } from './groups/types';
import type {
  ParkedShareFetch,
  ShareConsumerState,
  ShareGroupState,
  ShareMessageBody,
  ShareTimer,
} from './share/types';
import type {
  AbortedTxn,
  ProducerTxn,
  TxnCoordinatorEntry,
  TxnMark,
  TxnMarkerResult,
  TxnOffsets,
} from './txnTypes';
export type * from './txnTypes';
export type * from './share/types';

export type BrokerId = number;
/** Network endpoints: `broker-1`, `controller`, `producer-p1`, `consumer-billing-1`. */
export type NodeId = string;

/** Cluster-wide broker configs, named after Kafka's with units last. */
export interface ClusterConfig {
  /** Not a Kafka config: one network hop. Exaggerated (Kafka sees ~1 ms) so travel is visible. */
  networkLatencyMs: number;
  /** replica.lag.time.max.ms */
  replicaLagTimeMaxMs: number;
  /** replica.fetch.wait.max.ms: how long a follower's fetch may wait at the leader for new data. */
  replicaFetchWaitMaxMs: number;
  /** replica.fetch.max.bytes: record bytes a follower's fetch returns per partition (at least one record). */
  replicaFetchMaxBytes: number;
  /** broker.heartbeat.interval.ms */
  brokerHeartbeatIntervalMs: number;
  /** broker.session.timeout.ms */
  brokerSessionTimeoutMs: number;
  /** log.retention.check.interval.ms */
  logRetentionCheckIntervalMs: number;
  /** auto.leader.rebalance.enable */
  autoLeaderRebalanceEnable: boolean;
  /** leader.imbalance.check.interval.seconds, in ms */
  leaderImbalanceCheckIntervalMs: number;
  /** unclean.leader.election.interval.ms: how often the KRaft controller retries offline partitions uncleanly. */
  uncleanLeaderElectionIntervalMs: number;
  /** group.initial.rebalance.delay.ms */
  groupInitialRebalanceDelayMs: number;
  /** group.consumer.heartbeat.interval.ms (KIP-848, broker side) */
  groupConsumerHeartbeatIntervalMs: number;
  /** group.consumer.session.timeout.ms (KIP-848, broker side) */
  groupConsumerSessionTimeoutMs: number;
}

export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete';

/**
 * message.timestamp.type: who sets a record's timestamp. CreateTime: the producer, when the application
 * calls send(); LogAppendTime: the leader, when it appends the record.
 */
export type TimestampType = 'CreateTime' | 'LogAppendTime';

export interface TopicConfig {
  'min.insync.replicas': number;
  'retention.ms': number;
  'retention.bytes': number;
  'cleanup.policy': CleanupPolicy;
  'unclean.leader.election.enable': boolean;
  'message.timestamp.type': TimestampType;
}

export interface BrokerState {
  id: BrokerId;
  rack: string | null;
  /** The process: `stopped` after a crash or a controlled shutdown. */
  status: 'running' | 'stopped';
  /** Cut off from every other node (its messages are dropped both ways). */
  isolated: boolean;
  /** Extra delay before each of this broker's follower fetches: a slow follower. */
  slowFetchDelayMs: number;
  /** The controller's view: a fenced broker leads nothing and is in no ISR. */
  fenced: boolean;
  brokerEpoch: number;
  /** When the controller last heard a heartbeat from this broker. */
  lastHeartbeatAtMs: number;
  inControlledShutdown: boolean;
  /**
   * A new process waiting to register (ClusterControlManager refuses it while the old process's session
   * lasts): when it tries again, else -1.
   */
  registerAtMs: number;
}

export interface LogRecord {
  offset: number;
  /** The leader epoch under which the record was appended. */
  leaderEpoch: number;
  key: string | null;
  value: string | null;
  /**
   * The record's timestamp: under CreateTime, when the application called send() (a retry keeps it); under
   * LogAppendTime, when the leader appended it. Retention by time and ListOffsets by timestamp read it.
   */
  timestampMs: number;
  /** The topic's message.timestamp.type when the leader appended it (Kafka keeps it in the batch's attributes). */
  timestampType: TimestampType;
  sizeBytes: number;
  /** Delivery-audit identity; a retried record keeps its id. */
  recordId: number;
  producerId: number;
  /** Idempotent producer's per-partition sequence, -1 when idempotence is off. */
  sequence: number;
  /**
   * Transactions: TXN_NONE for a plain record, TXN_DATA for a record written in a transaction, or a
   * control record (a transaction marker, recordId -1): TXN_COMMIT or TXN_ABORT for producerId.
   */
  txn: TxnMark;
}

export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

/** One replica's copy of a partition on one broker. */
export interface ReplicaLog {
  brokerId: BrokerId;
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  /**
   * Ordered by offset; offsets may have gaps after compaction. Chunked so that checkpoints share full
   * chunks instead of copying the log; read and write it only through log/replicaLog.ts.
   */
  records: {
    /** Records at the front of chunks[0] already deleted (the chunk itself may be shared). */
    head: number;
    /**
     * Every chunk but the last holds exactly LOG_CHUNK_RECORDS records. A chunk restored from a frozen
     * checkpoint may hold its records still encoded: `thaw` decodes them on first use (sim/frozenLogs.ts).
     */
    chunks: { shared: boolean; records: LogRecord[]; thaw: (() => LogRecord[]) | null }[];
  };
  /** The leader-epoch cache (leader-epoch-checkpoint): first offset of each epoch. */
  epochs: EpochEntry[];
  /**
   * Per producer id, its last idempotent record in this log (what lastSequenceOf answers), kept as the
   * log changes so that a produce does not scan the log backwards.
   */
  lastSequences: Record<string, { sequence: number; offset: number }>;
  /**
   * Derived from the records, as Kafka's producer state and transaction index are: each open
   * transaction's first offset by producer id, and the aborted ones (log/txnIndex.ts).
   */
  txns: {
    open: Record<string, number>;
    aborted: AbortedTxn[];
    /** Ended transactions whose marker may still be at or above the high watermark: [first, marker]. */
    unstable: [number, number][];
  };
}

/** What the leader knows of a follower, from that follower's fetches (Kafka's Replica state). */
export interface FollowerState {
  logEndOffset: number;
  lastCaughtUpTimeMs: number;
  lastFetchTimeMs: number;
  lastFetchLeaderLogEndOffset: number;
}

export interface PendingProduce {
  requestId: number;
  producerId: string;
  /** The produce completes when the high watermark reaches this offset. */
  requiredOffset: number;
  baseOffset: number;
  expiresAtMs: number;
}

/** One partition's result in a ProduceResponse (Kafka's PartitionProduceResponse). */
export interface PartitionProduceResponse {
  partitionId: string;
  error: KafkaErrorCode | null;
  baseOffset: number;
}

/**
 * An acks=all produce request waiting in purgatory (DelayedProduce): it is answered once, when every
 * partition it carries has its result.
 */
export interface DelayedProduce {
  producerId: string;
  brokerId: BrokerId;
  /** Partitions still waiting for the high watermark to pass their records. */
  waiting: number;
  partitionResponses: PartitionProduceResponse[];
}

export interface PartitionState {
  /** `orders-0` */
  id: string;
  topic: string;
  partition: number;
  /** Assignment order; the first is the preferred leader. */
  replicas: BrokerId[];
  isr: BrokerId[];
  /** -1 when offline. */
  leader: BrokerId;
  leaderEpoch: number;
  partitionEpoch: number;
  /** The leader epoch that began with an unclean election, -1 if none did (explains losses). */
  uncleanEpoch: number;
  /** Per broker id (as string key); order of keys is not meaningful. */
  logs: Record<string, ReplicaLog>;
  /** The leader's view of followers; rebuilt when leadership changes. */
  followers: Record<string, FollowerState>;
  /** acks=all produce requests waiting for the high watermark (DelayedProduce). */
  purgatory: PendingProduce[];
  /** When the one pending produceTimeout check of the purgatory fires, -1 if none is armed. */
  purgatoryCheckAtMs: number;
  /**
   * Transaction markers this leader appended and acknowledges once the high watermark passes them, as a
   * WriteTxnMarkers append waits for the ISR (requiredAcks=-1): a marker lost in a failover is written again.
   */
  pendingMarkers: { offset: number; leaderEpoch: number; transactionalId: string }[];
}

export interface TopicState {
  name: string;
  /** The topic's Uuid (KRaft gives every topic one), from the seeded generator. */
  topicId: string;
  partitions: number;
  replicationFactor: number;
  config: TopicConfig;
}

export type Acks = 0 | 1 | 'all';
export type KeyStrategy =
  | { kind: 'cycle'; keys: string[] }
  | { kind: 'random'; keys: string[] }
  | { kind: 'null' }
  | { kind: 'unique'; prefix: string };

export interface ProducerConfig {
  acks: Acks;
  'enable.idempotence': boolean;
  retries: number;
  'retry.backoff.ms': number;
  /** KIP-580 (Kafka 3.7+): the retry backoff doubles per attempt up to this. */
  'retry.backoff.max.ms': number;
  /** How often the producer refreshes its cluster metadata even without a reason (new partitions). */
  'metadata.max.age.ms': number;
  'request.timeout.ms': number;
  'delivery.timeout.ms': number;
  'max.in.flight.requests.per.connection': number;
  'batch.size': number;
  /** How long a batch that is not full waits for more records before it may be sent (KIP-1030: 5 ms since 4.0). */
  'linger.ms': number;
  /** Bytes of records the producer may hold unacknowledged (queued or in flight) before send() blocks. */
  'buffer.memory': number;
  /** How long send() blocks for buffer.memory before it throws BufferExhaustedException. */
  'max.block.ms': number;
  /** Makes the producer transactional; null (Kafka's default) for none. */
  'transactional.id': string | null;
  /** How long the coordinator lets a transaction stay open before it aborts it. */
  'transaction.timeout.ms': number;
}

/**
 * One batch in flight: the records of one partition. The batches a produce request carries share its
 * requestId, and max.in.flight.requests.per.connection counts requests per broker, not batches.
 */
export interface InFlightSend {
  requestId: number;
  /** The broker the request went to (its connection). */
  brokerId: BrokerId;
  partition: number;
  records: QueuedRecord[];
  sentAtMs: number;
  /** A request with no answer by then has timed out (request.timeout.ms). */
  timeoutAtMs: number;
  /** The batch fails by then, answered or not (delivery.timeout.ms from its oldest record). */
  expiresAtMs: number;
}

export interface QueuedRecord {
  recordId: number;
  /** The batch it was first sent in, -1 before that: a retried batch is resent whole and never merged. */
  batchId: number;
  /** An attempt timed out or lost its connection: the broker may have written it. */
  unknownOutcome?: boolean;
  key: string | null;
  value: string | null;
  partition: number;
  sequence: number;
  attempt: number;
  /**
   * When it entered the accumulator: linger.ms and delivery.timeout.ms count from here. A send() that
   * blocked on buffer.memory gets here only once memory was freed (RecordAccumulator reads the clock again).
   */
  createdAtMs: number;
  /** Its CreateTime timestamp: when the application called send(), before any block on buffer.memory. */
  timestampMs: number;
  /** Not before this time (retry.backoff.ms). */
  notBeforeMs: number;
  /** The broker a failed attempt went to: a retry to a new leader skips its backoff (KIP-951). */
  retryLeader?: number;
}

export interface ProducerState {
  id: string;
  /** Numeric producer id (InitProducerId); stamped into records for idempotence. */
  producerId: number;
  topic: string;
  config: ProducerConfig;
  /** The configs set explicitly (Kafka's originals): a default idempotence may turn itself off, an explicit one not. */
  originals: Partial<ProducerConfig>;
  /** The cluster as this producer last saw it (metadata.max.age.ms). */
  metadata: ClientMetadata;
  /** Records per second; 0 = only explicit produce commands. */
  ratePerSec: number;
  keys: KeyStrategy;
  valueTemplate: string;
  running: boolean;
  produced: number;
  nextSequence: Record<string, number>;
  /** Built-in sticky partitioner for null keys (KIP-794). */
  sticky: { partition: number; bytes: number };
  queue: QueuedRecord[];
  /** Queued records per partition, kept with every change to the queue (lets a drain stop early). */
  queuedPerPartition: number[];
  /** Their record bytes, per partition: a partition holding batch.size bytes has a full batch (linger.ms ends). */
  queuedBytesPerPartition: number[];
  inFlight: InFlightSend[];
  lastError: string | null;
  /** KIP-360: an unfillable sequence gap was seen; bump the epoch once nothing is in flight. */
  epochBumpPending: boolean;
  /** Identifies the current chain of produceTick timers. */
  tickToken: number;
  /** When the current chain started, and how many records it has produced: record k is due at
   * tickStartMs + floor(k × 1000 / ratePerSec), so the rate is exact over any stretch of time. */
  tickStartMs: number;
  tickCount: number;
  /** Record bytes queued or in flight, counted against buffer.memory (freed when acknowledged or failed). */
  bufferedBytes: number;
  /** When the application's send() started blocking on a full buffer.memory, -1 when it is not blocked. */
  blockedSinceMs: number;
  /** When a blocked-buffer event was last narrated, -1 if never (they are rate-limited). */
  blockedNotedAtMs: number;
  /**
   * Brokers whose connection this producer saw close (the process died): NetworkClient no longer counts
   * them as ready, so their partitions' batches wait in the accumulator until the broker is back or
   * another broker leads them, instead of being sent into a dead socket.
   */
  disconnectedFrom: BrokerId[];
  /** The one pending producerSend wake-up, -1 if none. */
  sendWakeAtMs: number;
  /** When the one pending clientRequestTimeout check of the in-flight requests fires, -1 if none. */
  requestTimeoutCheckAtMs: number;
  /** Transactions, when the producer has a transactional.id; null otherwise. */
  txn: ProducerTxn | null;
}

export type { ConsumerState, GroupState } from './groups/types';

/** One record's audit, as audit/entries.ts reads it out of the audit's columns. */
export interface RecordAudit {
  id: number;
  producer: string;
  partitionId: string;
  key: string | null;
  keySeq: number;
  acks: Acks;
  /** The broker that appended it as leader first, and at which offset. */
  leaderBroker: number;
  offset: number;
  /** Distinct offsets at which it was committed (2+ = duplicated in the log). */
  committedOffsets: number[];
  /** How many replicas hold it now, and the most that ever did. */
  copies: number;
  maxCopies: number;
  acked: boolean;
  committed: boolean;
  lost: boolean;
  expired: boolean;
  /** Written in a transaction that was aborted. */
  aborted: boolean;
  /** When the application called send() (the producer's record timestamp, CreateTime). */
  sentAtMs: number;
  /** Virtual times, -1 when it has not happened: the producer got its acknowledgement; the high watermark first passed it. */
  ackedAtMs: number;
  committedAtMs: number;
  /** Per broker id, when that broker's log appended the copy it holds (or last held). */
  appendedAtMs: Record<string, number>;
  /** Per group id, when the group first processed it. */
  consumedAtMs: Record<string, number>;
  /** When it was lost and why (null unless lost). */
  loss: { atMs: number; text: string } | null;
}

/** Why an acknowledged record was lost, and where it was (its first leader's offset). */
export interface LossExplanation {
  atMs: number;
  recordId: number;
  partitionId: string;
  offset: number;
  text: string;
}

export interface AuditState {
  /**
   * Each record's audit as columns, in chunks keyed by recordId / AUDIT_CHUNK_IDS: no object per record,
   * and checkpoints share the chunks nothing has touched since. Read and write through audit/entries.ts.
   */
  records: Record<
    string,
    {
      /** Also held by a checkpoint: copied before any write. */
      shared: boolean;
      /**
       * A chunk restored from a frozen checkpoint may have its columns still encoded: `thaw` fills them
       * in on first use (audit/entries.ts readies every chunk it hands out; sim/frozenAudit.ts).
       */
      thaw: (() => void) | null;
      /** Entries not deleted; the chunk goes when none are left. */
      live: number;
      /** Entries in the chunk: the columns' first n slots (typed columns may have room for more). */
      n: number;
      /** Ascending record ids; every other column is indexed alike. */
      ids: Int32Array;
      producer: string[];
      partitionId: string[];
      key: (string | null)[];
      keySeq: Int32Array;
      /** acks=0, 1, or -1 for all. */
      acks: Int8Array;
      leaderBroker: Int32Array;
      offset: Int32Array;
      /** The first offset at which it was committed, -1 before. */
      committedOffset: Int32Array;
      copies: Int32Array;
      maxCopies: Int32Array;
      /** Bits: acked, lost, expired, deleted (audit/entries.ts). */
      flags: Uint8Array;
      /** Virtual times: send() was called; then, -1 before: acknowledged to the producer; first committed. */
      sentAtMs: Float64Array;
      ackedAtMs: Float64Array;
      committedAtMs: Float64Array;
      /**
       * Per broker id, then per group id, a time column made on the first write to this chunk (-1 where
       * nothing happened): a run pays for the brokers and groups it has, not for every possible one.
       */
      appendedAtMs: Record<string, Float64Array>;
      consumedAtMs: Record<string, Float64Array>;
      /** Further distinct offsets at which a record was committed (duplicates), by column index. */
      duplicates: Record<string, number[]>;
      /**
       * When and why each lost record was lost, by column index: kept with the entry, unlike the capped
       * list of recent explanations, so that following an old lost record still says why.
       */
      losses: Record<string, { atMs: number; text: string }>;
    }
  >;
  acknowledged: number;
  committed: number;
  lost: number;
  duplicated: number;
  reordered: number;
  failed: number;
  /** Records written in a transaction that was then aborted: in the log, never for read_committed. */
  aborted: number;
  explanations: LossExplanation[];
  /** Highest committed per-key sequence, per partition id and key. */
  lastCommittedKeySeq: Record<string, Record<string, number>>;
  nextKeySeq: Record<string, number>;
}

export interface ProduceRecordData {
  recordId: number;
  key: string | null;
  value: string | null;
  /** The producer's timestamp (CreateTime); a LogAppendTime topic's leader replaces it. */
  timestampMs: number;
  producerId: number;
  sequence: number;
}

export interface Message {
  id: number;
  from: NodeId;
  to: NodeId;
  sentAtMs: number;
  deliverAtMs: number;
  body: MessageBody;
}

export type MessageBody =
  | {
      kind: 'ProduceRequest';
      requestId: number;
      acks: Acks;
      /** The producer's transactional.id: its records are written in a transaction. */
      transactionalId: string | null;
      /** At most one batch per partition, for the partitions this broker leads. */
      partitionData: { partitionId: string; records: ProduceRecordData[] }[];
      timeoutMs: number;
    }
  | {
      kind: 'ProduceResponse';
      requestId: number;
      partitionResponses: PartitionProduceResponse[];
    }
  | {
      kind: 'FetchRequest';
      /** -1 for consumers, as in Kafka's FetchRequest. */
      replicaId: number;
      /** replica.fetch.response.max.bytes or fetch.max.bytes: record bytes across all partitions. */
      maxBytes: number;
      /**
       * MaxWaitMs and MinBytes, as on the wire: replica.fetch.wait.max.ms and replica.fetch.min.bytes for
       * followers, fetch.max.wait.ms and fetch.min.bytes for consumers. The leader answers once the
       * partitions hold at least minBytes to return (or an error), and after maxWaitMs in any case.
       */
      maxWaitMs: number;
      minBytes: number;
      /** read_committed reads up to the last stable offset and learns the aborted transactions. */
      isolationLevel: 'read_uncommitted' | 'read_committed';
      /** Every partition the fetcher fetches from this broker now, in the fetcher's order. */
      partitions: FetchPartition[];
      /** Identifies the fetcher chain; a response to a superseded chain is ignored. */
      session: number;
    }
  | {
      kind: 'FetchResponse';
      /** One result per partition of the request, in its order. */
      responses: FetchPartitionResponse[];
      session: number;
    }
  | { kind: 'BrokerHeartbeat'; brokerId: BrokerId; brokerEpoch: number }
  | { kind: 'InitProducerIdRequest'; transactionalId: string; transactionTimeoutMs: number }
  | {
      kind: 'InitProducerIdResponse';
      transactionalId: string;
      producerId: number;
      producerEpoch: number;
    }
  | {
      kind: 'EndTxnRequest';
      transactionalId: string;
      producerId: number;
      committed: boolean;
      /** Offsets sent with sendOffsetsToTransaction(), committed with the transaction. */
      offsets: TxnOffsets | null;
    }
  | { kind: 'EndTxnResponse'; transactionalId: string; error: KafkaErrorCode | null; committed: boolean }
  | {
      kind: 'WriteTxnMarkersRequest';
      transactionalId: string;
      producerId: number;
      committed: boolean;
      partitions: string[];
    }
  | { kind: 'WriteTxnMarkersResponse'; transactionalId: string; results: TxnMarkerResult[] }
  | GroupMessageBody
  | ShareMessageBody;

export type KafkaErrorCode =
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'FENCED_LEADER_EPOCH'
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'REQUEST_TIMED_OUT'
  | 'OFFSET_OUT_OF_RANGE'
  | 'DUPLICATE_SEQUENCE_NUMBER'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'NETWORK_EXCEPTION'
  | 'PRODUCER_FENCED'
  | 'INVALID_TXN_STATE'
  | 'INVALID_RECORD';

/** One partition of a FetchRequest (FetchRequestData.FetchPartition). */
export interface FetchPartition {
  partitionId: string;
  fetchOffset: number;
  lastFetchedEpoch: number;
  currentLeaderEpoch: number;
  /** The partition's byte limit (replica.fetch.max.bytes or max.partition.fetch.bytes). */
  maxBytes: number;
}

/** One partition's result in a FetchResponse (FetchResponseData.PartitionData). */
export interface FetchPartitionResponse {
  partitionId: string;
  /**
   * The request's fetch offset and leader epoch for it, which the fetcher keeps with its request: a result
   * for a partition whose fetch state has changed since is stale and ignored.
   */
  fetchOffset: number;
  currentLeaderEpoch: number;
  error: KafkaErrorCode | null;
  highWatermark: number;
  records: LogRecord[];
  divergingEpoch: (EpochEntry & { endOffset: number }) | null;
  leaderEpoch: number;
  /** read_committed: the last stable offset, and the aborted transactions among the records; else -1, null. */
  lastStableOffset: number;
  abortedTransactions: AbortedTxn[] | null;
}

/** Something scheduled on the virtual clock. */
export type Timer =
  | { kind: 'deliver'; message: Message }
  | { kind: 'produceTick'; producerId: string; token: number }
  | { kind: 'producerSend'; producerId: string }
  | { kind: 'brokerHeartbeat'; brokerId: BrokerId; brokerEpoch: number }
  | { kind: 'sessionExpiry'; brokerId: BrokerId; heartbeatAtMs: number }
  | { kind: 'brokerRegister'; brokerId: BrokerId }
  | { kind: 'isrExpiration'; brokerId: BrokerId; brokerEpoch: number }
  | { kind: 'fetchWaitExpired'; brokerId: BrokerId }
  | { kind: 'fetch'; node: NodeId; brokerId: BrokerId; session: number }
  | { kind: 'produceTimeout'; partitionId: string }
  | { kind: 'clientRequestTimeout'; producerId: string }
  | { kind: 'clientDisconnected'; producerId: string; requestId: number; brokerId: BrokerId }
  | { kind: 'retentionCheck' }
  | { kind: 'leaderImbalanceCheck' }
  | { kind: 'uncleanElectionCheck' }
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms: the coordinator looks for expired transactions. */
  | { kind: 'txnTimeoutCheck' }
  /** Markers not confirmed by then are sent again, to the partitions' current leaders. */
  | { kind: 'txnMarkerRetry'; transactionalId: string }
  | GroupTimer
  | ShareTimer;

export interface ScheduledTimer {
  atMs: number;
  seq: number;
  timer: Timer;
}

/**
 * A fetcher (a replica fetcher thread's, or a consumer's for one broker): one Fetch at a time to its
 * source broker for every partition the node fetches from it.
 */
export interface FetcherState {
  /** The current chain; bumping it abandons the old chain's messages and timers. */
  session: number;
  /**
   * `fetching`: a Fetch is in flight, and a partition that becomes fetchable joins the next one.
   * `waiting`: its next Fetch is scheduled (a slow follower, a backoff, a consumer's next poll()), and
   * `idle`: nothing to fetch; either way a partition that becomes fetchable starts a Fetch at once.
   */
  status: 'idle' | 'waiting' | 'fetching';
}

/** A fetch parked at the leader until data arrives or replica.fetch.wait.max.ms passes (DelayedFetch). */
export interface ParkedFetch {
  /** When the request's MaxWaitMs runs out and it is answered with whatever there is. */
  expiresAtMs: number;
  message: Message;
}

export interface SimEvent {
  atMs: number;
  type: string;
  text: string;
  partitionId?: string;
  brokerId?: BrokerId;
}

export interface SimState {
  version: 1;
  seed: number;
  nowMs: number;
  /** Tie-breaker for timers due at the same ms. */
  seq: number;
  nextId: number;
  /** One generator per subsystem; `members` draws KIP-848 consumers' member ids (KIP-1082). */
  /** Seeded streams, one per purpose, so that a draw for one never shifts another's. */
  rng: {
    producers: RngState;
    placement: RngState;
    members: RngState;
    retries: RngState;
    topics: RngState;
  };
  config: ClusterConfig;
  brokers: Record<string, BrokerState>;
  brokerIds: BrokerId[];
  topics: Record<string, TopicState>;
  topicNames: string[];
  partitions: Record<string, PartitionState>;
  partitionIds: string[];
  producers: Record<string, ProducerState>;
  producerIds: string[];
  consumers: Record<string, ConsumerState>;
  consumerIds: string[];
  groups: Record<string, GroupState>;
  groupIds: string[];
  /** Share groups (KIP-932) and their consumers; share-partitions live in their group (share/types.ts). */
  shareGroups: Record<string, ShareGroupState>;
  shareGroupIds: string[];
  shareConsumers: Record<string, ShareConsumerState>;
  shareConsumerIds: string[];
  /** ShareFetches parked at each leader broker (DelayedShareFetch), by broker id, in parking order. */
  parkedShareFetches: Record<string, ParkedShareFetch[]>;
  /** Binary min-heap ordered by (atMs, seq). */
  timers: ScheduledTimer[];
  /** Fetches parked at each leader broker (DelayedFetch), by broker id, in parking order. */
  parkedFetches: Record<string, ParkedFetch[]>;
  /** Per broker, when its one pending fetchWaitExpired check fires (-1 or absent: none pending). */
  fetchWaitCheckAtMs: Record<string, number>;
  /** Each node's fetcher per source broker, by `${node}|${brokerId}`. */
  fetchers: Record<string, FetcherState>;
  /** acks=all produce requests waiting for their partitions, by requestId. */
  delayedProduces: Record<string, DelayedProduce>;
  /** The transaction coordinator's state, by transactional.id; whether its timeout check is armed. */
  transactions: Record<string, TxnCoordinatorEntry>;
  txnTimeoutCheckArmed: boolean;
  audit: AuditState;
  /** The most recent narrated events, oldest first. */
  events: SimEvent[];
  eventCount: number;
}
