import type { PartitionKey } from './topicPartition';

/** 'classic' = JoinGroup/SyncGroup with a client-side assignor; 'consumer' = KIP-848, assignor on the broker. */
export type GroupProtocol = 'classic' | 'consumer';

/** partition.assignment.strategy names (classic) and group.consumer.assignors names (consumer). */
export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky' | 'uniform';

export interface AssignorMember {
  readonly memberId: string;
  /** group.instance.id: set for static members. */
  readonly groupInstanceId?: string | null;
  readonly topics: readonly string[];
  /**
   * Classic: the partitions the member reports owning (ConsumerProtocol ownedPartitions; for the eager `sticky`
   * assignor the same data travels in userData). Consumer protocol: the member's current target assignment.
   */
  readonly ownedPartitions?: readonly PartitionKey[];
  /** Classic: the generation those partitions were owned in (absent means DEFAULT_GENERATION, -1). */
  readonly generation?: number;
}

export interface AssignPartitionsInput {
  readonly protocol?: GroupProtocol;
  readonly assignor: AssignorName;
  /** Every existing topic and its partition count, in the order server-side assignors walk topics. */
  readonly topics: Readonly<Record<string, number>>;
  readonly members: readonly AssignorMember[];
}

/** Member id -> partitions, every member present (with [] when it gets nothing). */
export type Assignment = Record<string, PartitionKey[]>;
