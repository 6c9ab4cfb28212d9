// Share groups (KIP-932, "queues for Kafka"): the share-partition's in-flight records, the share group
// at its coordinator, the share consumer, and their messages and timers, by Kafka's names. Re-exported
// by types.ts.
import type { LogRecord, NodeId } from '../types';

/** RecordState in SharePartition: where each in-flight record is in its delivery. */
export type ShareRecordState = 'AVAILABLE' | 'ACQUIRED' | 'ACKNOWLEDGED' | 'ARCHIVED';

/**
 * AcknowledgeType: what the application says of a record it was given. RENEW (Kafka 4.2, KIP-1222) keeps
 * the record and restarts its acquisition lock.
 */
export type AcknowledgeType = 'ACCEPT' | 'RELEASE' | 'REJECT' | 'RENEW';

/** One record between the share-partition start offset and end offset (SharePartition's cachedState). */
export interface InFlightRecord {
  offset: number;
  state: ShareRecordState;
  /** Times it was acquired, this acquisition included. */
  deliveryCount: number;
  /** The member holding its acquisition lock, '' when none does. */
  memberId: string;
  /** When its acquisition lock runs out, -1 when it is not acquired. */
  lockUntilMs: number;
}

/** A group's share-partition: the window of in-flight records its members share (SharePartition). */
export interface SharePartitionState {
  partitionId: string;
  /**
   * The share-partition start offset (SPSO): every record below it is acknowledged or archived. -1 until
   * a member first fetches the partition (share.auto.offset.reset decides where it starts).
   */
  startOffset: number;
  /** The offset after the last record taken into the window (SPEO + 1): new records are acquired from here. */
  endOffset: number;
  /** The records in [startOffset, endOffset) still in the window, ascending (gaps after compaction). */
  inFlight: InFlightRecord[];
  /** Bumped when the share-partition is reset or its leader changes (the persister's stateEpoch). */
  stateEpoch: number;
}

/** The group configs of a share group (GroupConfig's share.* keys) and what its members run with. */
export interface ShareGroupConfig {
  /** Where a share-partition starts when it is first used: the end of the log, or its start. */
  'share.auto.offset.reset': 'latest' | 'earliest';
  'share.record.lock.duration.ms': number;
  'share.delivery.count.limit': number;
  'share.isolation.level': 'read_uncommitted' | 'read_committed';
  /** Broker-wide (group.share.partition.max.record.locks): in-flight records per share-partition. */
  'share.partition.max.record.locks': number;
  'share.session.timeout.ms': number;
  'share.heartbeat.interval.ms': number;
  /** Consumer configs. */
  'share.acknowledgement.mode': 'implicit' | 'explicit';
  'max.poll.records': number;
  'fetch.max.wait.ms': number;
}

export type ShareGroupStateName = 'Empty' | 'Stable' | 'Dead';

/** The coordinator's record of a share group member (ShareGroupMember). */
export interface ShareMember {
  memberId: string;
  consumerId: string;
  memberEpoch: number;
  assignment: string[];
  lastHeartbeatAtMs: number;
}

export interface ShareGroupState {
  groupId: string;
  topics: string[];
  state: ShareGroupStateName;
  /** Bumped whenever membership or subscribed partitions change. */
  groupEpoch: number;
  members: Record<string, ShareMember>;
  /** Join order. */
  memberOrder: string[];
  /** Share consumers created for this group, running or not (for the view). */
  consumerIds: string[];
  /** Share-partitions by partition id, made when a member first fetches the partition. */
  partitions: Record<string, SharePartitionState>;
  config: ShareGroupConfig;
  /** Acknowledgements the share-partition leaders applied, and records archived at the delivery limit. */
  stats: {
    accepted: number;
    released: number;
    rejected: number;
    archivedAtLimit: number;
    redelivered: number;
    /** Locks restarted by RENEW acknowledgements. */
    renewed: number;
  };
}

/**
 * The application behind a share consumer: records with these keys fail processing, and it acknowledges
 * them with `onFailure` (only with share.acknowledgement.mode=explicit; implicit accepts everything).
 */
export interface ShareApplication {
  poisonKeys: string[];
  onFailure: 'RELEASE' | 'REJECT';
  /**
   * With share.acknowledgement.mode=explicit: while it works on a batch, it acknowledges the batch's
   * records with RENEW every half share.record.lock.duration.ms, so the locks last as long as the work.
   */
  renewLocks: boolean;
}

/** A record the share consumer was given: the log's object, shared, and its delivery count. */
export interface AcquiredRecord {
  partitionId: string;
  record: LogRecord;
  deliveryCount: number;
}

export interface ShareConsumerState {
  id: string;
  groupId: string;
  status: 'running' | 'stopped';
  stopReason: 'crashed' | 'closed' | null;
  /** Made by the consumer when its process starts (KIP-1082), kept across rejoins. */
  memberId: string;
  /** 0 before it joins; the coordinator's epoch afterwards. */
  memberEpoch: number;
  assigned: string[];
  processingTimeMs: number;
  application: ShareApplication;
  /** Records fetched and not yet returned by poll(), in arrival order. */
  buffer: AcquiredRecord[];
  /** The batch poll() last returned, being processed from batchStartedAtMs until busyUntilMs. */
  processing: AcquiredRecord[];
  batchStartedAtMs: number;
  busyUntilMs: number;
  /** Acknowledgements waiting to ride on the next ShareFetch (or ShareAcknowledge) to each partition's leader. */
  pendingAcks: { partitionId: string; offset: number; type: AcknowledgeType }[];
  /** Brokers with a ShareFetch of this consumer in flight, and when each was sent. */
  fetchingFrom: { brokerId: number; sentAtMs: number }[];
  /**
   * When its one request.timeout.ms check fires, -1 when none is armed: one timer at the earliest
   * deadline rather than one per ShareFetch, since nearly every fetch is answered well before it.
   */
  timeoutCheckAtMs: number;
  heartbeatInFlight: boolean;
  nextHeartbeatMs: number;
  /** Identifies this run's timers; bumped on every start. */
  token: number;
  consumed: number;
  accepted: number;
  released: number;
  rejected: number;
}

export type ShareMessageBody =
  | {
      kind: 'ShareGroupHeartbeatRequest';
      groupId: string;
      memberId: string;
      /** 0 to join, -1 to leave, else the member's epoch. */
      memberEpoch: number;
      subscribedTopics: string[];
      token: number;
    }
  | {
      kind: 'ShareGroupHeartbeatResponse';
      groupId: string;
      error: 'FENCED_MEMBER_EPOCH' | 'UNKNOWN_MEMBER_ID' | null;
      memberId: string;
      memberEpoch: number;
      heartbeatIntervalMs: number;
      assignment: string[];
      token: number;
    }
  | {
      kind: 'ShareFetchRequest';
      groupId: string;
      memberId: string;
      partitions: string[];
      acknowledgements: { partitionId: string; offset: number; type: AcknowledgeType }[];
      maxRecords: number;
      maxWaitMs: number;
      token: number;
    }
  | {
      kind: 'ShareFetchResponse';
      groupId: string;
      responses: {
        partitionId: string;
        error: 'NOT_LEADER_OR_FOLLOWER' | null;
        acquired: { record: LogRecord; deliveryCount: number }[];
      }[];
      token: number;
    }
  | {
      kind: 'ShareAcknowledgeRequest';
      groupId: string;
      memberId: string;
      acknowledgements: { partitionId: string; offset: number; type: AcknowledgeType }[];
      /** The consumer is closing: the leader releases whatever the member still holds. */
      closing: boolean;
    };

export type ShareTimer =
  | { kind: 'shareHeartbeat'; consumerId: string; token: number }
  | { kind: 'sharePoll'; consumerId: string; token: number }
  /** The application renews the locks of the batch it started at `batchStartMs` (RENEW). */
  | { kind: 'shareRenew'; consumerId: string; token: number; batchStartMs: number }
  /** A ShareFetch to this broker will never be answered (its process died, or the network cut it off). */
  | { kind: 'shareFetchLost'; consumerId: string; brokerId: number; sentAtMs: number; token: number }
  /** The share consumer's request.timeout.ms check (ShareConsumerState.timeoutCheckAtMs). */
  | { kind: 'shareRequestTimeout'; consumerId: string; token: number }
  | { kind: 'shareSessionExpiry'; groupId: string; memberId: string; heartbeatAtMs: number }
  | { kind: 'shareLockExpiry'; groupId: string; partitionId: string }
  | { kind: 'shareFetchWaitExpired'; brokerId: number };

/** A ShareFetch parked at the leader until records can be acquired or its MaxWaitMs passes. */
export interface ParkedShareFetch {
  expiresAtMs: number;
  from: NodeId;
  brokerId: number;
  body: Extract<ShareMessageBody, { kind: 'ShareFetchRequest' }>;
}
