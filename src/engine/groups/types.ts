// Consumer groups: the client's state (ConsumerState), the coordinator's state (GroupState), and the
// messages and timers of the classic group protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup,
// OffsetCommit), by Kafka's names.
import type { ClientMetadata } from '../clients/metadata';
import type { AbortedTxn, LogRecord } from '../types';

export type ClientAssignor = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';
export type ServerAssignor = 'uniform' | 'range';
export type GroupProtocol = 'classic' | 'consumer';

/** ClassicGroupState, plus KIP-848's Assigning and Reconciling for group.protocol=consumer. */
export type GroupStateName =
  'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Assigning' | 'Reconciling' | 'Stable' | 'Dead';

export interface ConsumerConfig {
  'group.protocol': GroupProtocol;
  'partition.assignment.strategy': ClientAssignor[];
  'group.remote.assignor': ServerAssignor;
  'session.timeout.ms': number;
  'heartbeat.interval.ms': number;
  'max.poll.interval.ms': number;
  'enable.auto.commit': boolean;
  'auto.commit.interval.ms': number;
  'auto.offset.reset': 'earliest' | 'latest' | 'none';
  'max.poll.records': number;
  /** How often the client refreshes its cluster metadata even without a reason (new partitions, brokers). */
  'metadata.max.age.ms': number;
  /** Record bytes a fetch returns per partition (at least one record). */
  'max.partition.fetch.bytes': number;
  /** Record bytes a fetch returns across its partitions (at least one record). */
  'fetch.max.bytes': number;
  /** Record bytes the broker waits for before it answers a fetch, up to fetch.max.wait.ms. */
  'fetch.min.bytes': number;
  /** How long the broker holds a fetch that has less than fetch.min.bytes to return. */
  'fetch.max.wait.ms': number;
  /** read_committed: only records below the last stable offset, and none of an aborted transaction. */
  'isolation.level': 'read_uncommitted' | 'read_committed';
}

export type MemberPhase = 'joining' | 'syncing' | 'stable' | 'left' | 'reconciling';

/**
 * KIP-848, the coordinator's view of a member's reconciliation (MemberState): STABLE once it owns its
 * target; UNREVOKED_PARTITIONS while it must still give partitions up (it stays at its member epoch);
 * UNRELEASED_PARTITIONS at the target epoch, waiting for partitions other members have not released yet.
 */
export type MemberState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS';

/**
 * Why a consumer is stopped: its process died (no leave, no commit), the application closed it
 * (KafkaConsumer.close()), or poll() threw a fatal error, named by its Java exception class.
 */
export type ConsumerStopReason =
  { kind: 'crashed' } | { kind: 'closed' } | { kind: 'failed'; exception: string };

/**
 * What the eager StickyAssignor remembers of its last assignment and sends as its subscription's user data
 * (StickyAssignor.onAssignment / subscriptionUserData), since an eager member owns nothing when it joins.
 */
export interface StickyUserData {
  partitions: string[];
  generation: number;
}

export interface ConsumerState {
  id: string;
  groupId: string;
  status: 'running' | 'stopped';
  /** Set while stopped. */
  stopReason: ConsumerStopReason | null;
  /** group.instance.id: a static member keeps its assignment across a quick restart. */
  groupInstanceId: string | null;
  config: ConsumerConfig;
  /**
   * Classic: given by the coordinator, '' until the first JoinGroup answers. KIP-848: the consumer's own
   * (KIP-1082), drawn when the process starts and kept for its whole life, across leaves and rejoins.
   */
  memberId: string;
  generation: number;
  /** The assignor the group chose in the consumer's last JoinGroup answer (ConsumerCoordinator). */
  protocolName: string | null;
  /** The cluster as this consumer last saw it (metadata.max.age.ms). */
  metadata: ClientMetadata;
  /** As leader, the partition counts its last assignment was made with (ConsumerCoordinator's snapshot). */
  assignmentSnapshot: Record<string, number> | null;
  /** The StickyAssignor's memory; null until a sticky assignment arrives. */
  stickyMemory: StickyUserData | null;
  phase: MemberPhase;
  /** Partitions it owns and reads. */
  assigned: string[];
  /**
   * The position per partition id: the offset of the next record poll() returns, and where the next fetch
   * starts once nothing of the partition is left in the fetch buffer.
   */
  positions: Record<string, number>;
  /**
   * FetchBuffer: fetched records that poll() has not returned yet, as CompletedFetches in the order their
   * responses arrived, at most one per partition. They are not consumed: the position moves only when
   * poll() returns them, and a partition with one here is not fetched again (fetchablePartitions).
   */
  fetchBuffer: CompletedFetch[];
  /**
   * SubscriptionState.allConsumed(): per partition, the offset after the last record the application has
   * finished processing (it came back to poll() after that batch). Commits made at a poll() carry these,
   * never a batch the application is still working on.
   */
  consumedPositions: Record<string, number>;
  /** Batches handed to the application, oldest first, with when it is done processing each one. */
  processing: ProcessingBatch[];
  /**
   * ConsumerCoordinator.nextAutoCommitTimer: the first poll() at or after this time auto-commits; -1 while
   * enable.auto.commit=false.
   */
  nextAutoCommitMs: number;
  /** Virtual ms to process one record. */
  processingTimeMs: number;
  consumed: number;
  busyUntilMs: number;
  /**
   * When it was last in poll() (max.poll.interval.ms counts from there): the end of the last batch it
   * finished, or when a fetch response found it waiting in poll(). Batches finished since are counted in
   * by settleProcessed.
   */
  lastPollMs: number;
  /**
   * KIP-848 (HeartbeatRequestState): when the ConsumerGroupHeartbeat in flight was sent, -1 when none is.
   * No other goes out until it is answered, but a leave.
   */
  heartbeatInFlightSinceMs: number;
  /** KIP-848: when the heartbeat timer expires, the send time of the last heartbeat plus the interval. */
  nextHeartbeatMs: number;
  /** KIP-848: the heartbeat interval of the coordinator's last answer; 0 before the first. */
  heartbeatIntervalMs: number;
  /** Identifies the current heartbeat and auto-commit chains; bumped on restart. */
  token: number;
  /**
   * The connection this run of the consumer opened to the coordinator: its requests carry it and the
   * coordinator's responses echo it. A restarted consumer has a new one, so it drops answers meant for its
   * previous run, as a closed connection's responses never reach a new one. Bumped on every start.
   */
  connectionId: number;
  /** Set when this consumer is a service's instance: it produces a record for each one it consumes. */
  service?: ServiceRuntime;
}

/** One fetch response's records for one partition, waiting in the fetch buffer (CompletedFetch). */
export interface CompletedFetch {
  partitionId: string;
  /** The response's records from the fetch offset on: the log's own objects, shared, never copied. */
  records: LogRecord[];
  /** How many of them poll() has returned. */
  returned: number;
  /**
   * The offset after the last record poll() returned from it (at first, the fetch offset). poll() takes
   * records from it only while this is the partition's position; otherwise they are stale.
   */
  nextFetchOffset: number;
  /** read_committed: the aborted transactions the response named, whose records poll() skips. */
  aborted: AbortedTxn[] | null;
}

/** Records that one poll() returned for one partition, and when the application is done with them. */
export interface ProcessingBatch {
  /** null once the partition has been revoked: the work still takes its time, but no longer counts. */
  partitionId: string | null;
  /** The offset after the batch's last record. */
  position: number;
  startAtMs: number;
  doneAtMs: number;
}

/** A service: consume from one topic, produce to another (event-driven orchestration). */
export interface ServiceRuntime {
  serviceId: string;
  /** The producer that writes the service's output, and the one that writes dead letters. */
  outputProducerId: string | null;
  deadLetterProducerId: string | null;
  valueTemplate: string;
  /** Records with these keys always fail processing (a poison pill). */
  poisonKeys: string[];
  /** Attempts before a failing record goes to the dead-letter topic (or blocks, without one). */
  maxRetries: number;
  retryBackoffMs: number;
  /** Offsets already reported as failing, per partition, so each failure is narrated once. */
  reportedFailures: Record<string, number>;
  /**
   * exactly_once_v2: outputProducerId is this instance's own transactional producer, and the input
   * offsets are committed in its transactions, never by the consumer itself.
   */
  exactlyOnce: boolean;
}

/** The coordinator's record of one member. */
export interface GroupMember {
  memberId: string;
  consumerId: string;
  groupInstanceId: string | null;
  protocols: ClientAssignor[];
  ownedPartitions: string[];
  /** The sticky assignor's user data from the member's last JoinGroup (classic only). */
  stickyUserData: StickyUserData | null;
  assignment: string[];
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  lastHeartbeatAtMs: number;
  awaitingJoin: boolean;
  awaitingSync: boolean;
  /** The connection of its latest JoinGroup or SyncGroup, where a parked response goes. */
  connectionId: number;
  /** KIP-848: the member epoch, and the target assignment the coordinator is reconciling it towards. */
  memberEpoch: number;
  /**
   * KIP-848: the epoch before the last reconciliation (ConsumerGroupMember.previousMemberEpoch; -1 for none),
   * still accepted from a member that missed the answer bumping it (memberEpochIsValid).
   */
  previousMemberEpoch: number;
  target: string[];
  memberState: MemberState;
  /** Partitions taken from this member that it has not yet confirmed releasing. */
  pendingRevocation: string[];
}

export interface GroupState {
  groupId: string;
  topics: string[];
  protocol: GroupProtocol;
  state: GroupStateName;
  generation: number;
  leaderId: string | null;
  /** The assignor chosen for this generation (ClassicGroup.selectProtocol). */
  protocolName: string | null;
  members: Record<string, GroupMember>;
  /** Join order; the first to join leads. */
  memberOrder: string[];
  /** Consumers created for this group, running or not (for the view). */
  consumerIds: string[];
  /** Committed offsets per partition id, as stored in __consumer_offsets. */
  committed: Record<string, number>;
  /** Guards rebalance and initial-delay timers: a superseded rebalance ignores its old timers. */
  rebalanceToken: number;
  /**
   * The initial rebalance of a new group (tryCompleteInitialRebalanceElseSchedule): when the current delay
   * ends, the delay it ran, the rebalance-timeout budget still left, and whether a member joined meanwhile.
   */
  initialDelayUntilMs: number;
  initialDelayMs: number;
  initialDelayRemainingMs: number;
  newMemberAdded: boolean;
  nextMemberSeq: number;
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined yet. */
  pendingMemberIds: string[];
  /** Highest offset + 1 this group has processed per partition: below it, a record is a redelivery. */
  processedUpTo: Record<string, number>;
  redelivered: number;
  skipped: number;
  /** The consumer configs the group's members run with (and new members get). */
  consumerConfig: ConsumerConfig;
  /** KIP-848: the epoch of the current target assignment (the group epoch is `generation`). */
  targetAssignmentEpoch: number;
  /**
   * KIP-848: the partition count of each subscribed topic when the target was computed (the group's
   * subscription metadata); a heartbeat that finds the topics changed bumps the group epoch.
   */
  subscriptionMetadata: Record<string, number>;
}

/**
 * Every message names the connection it travels on (ConsumerState.connectionId): a request carries its
 * consumer run's, and the response echoes it.
 */
export type GroupMessageBody =
  | {
      kind: 'JoinGroupRequest';
      groupId: string;
      connectionId: number;
      memberId: string;
      groupInstanceId: string | null;
      protocols: ClientAssignor[];
      ownedPartitions: string[];
      stickyUserData: StickyUserData | null;
      sessionTimeoutMs: number;
      rebalanceTimeoutMs: number;
    }
  | {
      kind: 'JoinGroupResponse';
      groupId: string;
      connectionId: number;
      error: 'MEMBER_ID_REQUIRED' | 'UNKNOWN_MEMBER_ID' | 'INCONSISTENT_GROUP_PROTOCOL' | null;
      memberId: string;
      generation: number;
      leaderId: string;
      protocolName: string;
      /** Only for the leader: every member's subscription and owned partitions. */
      members: {
        memberId: string;
        groupInstanceId: string | null;
        ownedPartitions: string[];
        stickyUserData: StickyUserData | null;
      }[];
    }
  | {
      kind: 'SyncGroupRequest';
      groupId: string;
      connectionId: number;
      memberId: string;
      generation: number;
      assignments: Record<string, string[]> | null;
    }
  | {
      kind: 'SyncGroupResponse';
      groupId: string;
      connectionId: number;
      error: GroupError | null;
      assignment: string[];
    }
  | { kind: 'HeartbeatRequest'; groupId: string; connectionId: number; memberId: string; generation: number }
  | { kind: 'HeartbeatResponse'; groupId: string; connectionId: number; error: GroupError | null }
  | { kind: 'LeaveGroupRequest'; groupId: string; connectionId: number; memberId: string; reason: string }
  | {
      kind: 'OffsetCommitRequest';
      groupId: string;
      connectionId: number;
      memberId: string;
      generation: number;
      offsets: Record<string, number>;
    }
  | { kind: 'OffsetCommitResponse'; groupId: string; connectionId: number; error: GroupError | null }
  | {
      kind: 'ConsumerGroupHeartbeatRequest';
      groupId: string;
      connectionId: number;
      memberId: string;
      /** 0 to join, -1 to leave, -2 for a static member leaving for now, else the member's epoch. */
      memberEpoch: number;
      groupInstanceId: string | null;
      subscribedTopics: string[];
      ownedPartitions: string[];
      serverAssignor: ServerAssignor;
    }
  | {
      kind: 'ConsumerGroupHeartbeatResponse';
      groupId: string;
      connectionId: number;
      error: 'FENCED_MEMBER_EPOCH' | 'UNKNOWN_MEMBER_ID' | 'UNRELEASED_INSTANCE_ID' | null;
      errorMessage?: string;
      memberId: string;
      memberEpoch: number;
      heartbeatIntervalMs: number;
      assignment: string[];
    };

/** A group message as its sender writes it: the connection it goes on is added by the sending side. */
export type WithoutConnection<T> = T extends unknown ? Omit<T, 'connectionId'> : never;

export type GroupError =
  | 'REBALANCE_IN_PROGRESS'
  | 'UNKNOWN_MEMBER_ID'
  | 'ILLEGAL_GENERATION'
  | 'STALE_MEMBER_EPOCH'
  | 'FENCED_MEMBER_EPOCH';

export type GroupTimer =
  | { kind: 'consumerHeartbeat'; consumerId: string; token: number }
  | { kind: 'consumerGroupHeartbeat'; consumerId: string; token: number }
  | { kind: 'consumerAutoCommit'; consumerId: string; token: number }
  | { kind: 'consumerCommitProcessed'; consumerId: string; token: number }
  | { kind: 'consumerRejoin'; consumerId: string; token: number }
  | { kind: 'consumerPoll'; consumerId: string; token: number }
  | { kind: 'memberSessionExpiry'; groupId: string; memberId: string; heartbeatAtMs: number }
  | { kind: 'rebalanceTimeout'; groupId: string; token: number }
  | { kind: 'initialRebalanceDelay'; groupId: string; token: number };
