import { javaStringCompare } from './javaOrder';
import { removeFirst } from './stickyOwnership';
import { partitionKey, partitionOf, topicOf, type PartitionKey } from './topicPartition';

export interface StickyResult {
  readonly assignment: Map<string, PartitionKey[]>;
  /** Partition -> new owner for partitions taken from another member; null on the general path (Kafka's too). */
  readonly partitionsTransferringOwnership: Map<PartitionKey, string> | null;
}

/** Owned partitions are kept lowest partition number first, across topics: (partition, topic). */
function comparePartitionThenTopic(a: PartitionKey, b: PartitionKey): number {
  return partitionOf(a) - partitionOf(b) || javaStringCompare(topicOf(a), topicOf(b));
}

/**
 * AbstractStickyAssignor.ConstrainedAssignmentBuilder without rack awareness: used when every member subscribes to
 * the same topics. Each member keeps its owned partitions up to minQuota (or maxQuota while fewer than
 * `total % members` members hold maxQuota); the rest are dealt round-robin to the sorted unfilled members.
 * `consumerToOwnedPartitions` must be in Kafka's HashMap order: it decides who may keep maxQuota.
 */
export function buildConstrainedAssignment(
  partitionsPerTopic: ReadonlyMap<string, number>,
  consumerToOwnedPartitions: ReadonlyMap<string, readonly PartitionKey[]>,
  partitionsWithMultiplePreviousOwners: ReadonlySet<PartitionKey>,
): StickyResult {
  const builder = new ConstrainedAssignmentBuilder(
    partitionsPerTopic,
    consumerToOwnedPartitions,
    partitionsWithMultiplePreviousOwners,
  );
  return builder.build();
}

class ConstrainedAssignmentBuilder {
  readonly #allRevokedPartitions = new Set<PartitionKey>();
  readonly #transferring = new Map<PartitionKey, string>();
  // Members that may still take partitions: below minQuota, and at exactly minQuota while maxQuota slots remain.
  #unfilledUnderMinQuota: string[] = [];
  #unfilledAtMinQuota: string[] = [];
  readonly #minQuota: number;
  readonly #maxQuota: number;
  readonly #expectedNumMembersWithOverMinQuota: number;
  #currentNumMembersWithOverMinQuota = 0;
  readonly #assignment = new Map<string, PartitionKey[]>();
  readonly #assignedPartitions: PartitionKey[] = [];

  constructor(
    private readonly partitionsPerTopic: ReadonlyMap<string, number>,
    private readonly consumerToOwnedPartitions: ReadonlyMap<string, readonly PartitionKey[]>,
    private readonly partitionsWithMultiplePreviousOwners: ReadonlySet<PartitionKey>,
  ) {
    const total = [...partitionsPerTopic.values()].reduce((sum, n) => sum + n, 0);
    const members = consumerToOwnedPartitions.size;
    this.#minQuota = Math.floor(total / members);
    this.#maxQuota = Math.ceil(total / members);
    this.#expectedNumMembersWithOverMinQuota = total % members;
    for (const consumer of consumerToOwnedPartitions.keys()) this.#assignment.set(consumer, []);
  }

  build(): StickyResult {
    this.#assignOwnedPartitions();
    const unassigned = this.#unassignedPartitions();
    this.#unfilledUnderMinQuota.sort(javaStringCompare);
    this.#unfilledAtMinQuota.sort(javaStringCompare);
    this.#assignRoundRobin(unassigned);
    this.#verifyUnfilledMembers();
    return { assignment: this.#assignment, partitionsTransferringOwnership: this.#transferring };
  }

  #assignOwnedPartitions(): void {
    for (const [consumer, claimed] of this.consumerToOwnedPartitions) {
      const owned = [...claimed].sort(comparePartitionThenTopic);
      for (const doublyClaimed of this.partitionsWithMultiplePreviousOwners)
        removeFirst(owned, doublyClaimed);
      if (owned.length < this.#minQuota) {
        this.#keep(consumer, owned, owned.length);
        this.#unfilledUnderMinQuota.push(consumer);
      } else if (
        owned.length >= this.#maxQuota &&
        this.#currentNumMembersWithOverMinQuota < this.#expectedNumMembersWithOverMinQuota
      ) {
        this.#currentNumMembersWithOverMinQuota++;
        if (this.#currentNumMembersWithOverMinQuota === this.#expectedNumMembersWithOverMinQuota) {
          this.#unfilledAtMinQuota = [];
        }
        this.#keep(consumer, owned, this.#maxQuota);
      } else {
        this.#keep(consumer, owned, this.#minQuota);
        if (this.#currentNumMembersWithOverMinQuota < this.#expectedNumMembersWithOverMinQuota) {
          this.#unfilledAtMinQuota.push(consumer);
        }
      }
    }
  }

  #keep(consumer: string, owned: readonly PartitionKey[], count: number): void {
    const kept = owned.slice(0, count);
    this.#assignment.get(consumer)?.push(...kept);
    this.#assignedPartitions.push(...kept);
    owned.slice(count).forEach((tp) => this.#allRevokedPartitions.add(tp));
  }

  /** All partitions by topic name then number, minus those kept: the order new partitions are dealt in. */
  #unassignedPartitions(): PartitionKey[] {
    const assigned = new Set(this.#assignedPartitions);
    const all: PartitionKey[] = [];
    const topics = [...this.partitionsPerTopic.keys()].sort(javaStringCompare);
    for (const topic of topics) {
      const count = this.partitionsPerTopic.get(topic) ?? 0;
      for (let p = 0; p < count; p++) all.push(partitionKey(topic, p));
    }
    return all.filter((tp) => !assigned.has(tp));
  }

  /**
   * Round-robin over the members below minQuota (a Java iterator that restarts at the end), then one extra
   * partition each, in order, to the members sitting at minQuota.
   */
  #assignRoundRobin(unassigned: readonly PartitionKey[]): void {
    let cursor = 0;
    for (const tp of unassigned) {
      let consumer: string | undefined;
      if (cursor < this.#unfilledUnderMinQuota.length) {
        consumer = this.#unfilledUnderMinQuota[cursor++];
      } else if (this.#unfilledUnderMinQuota.length === 0) {
        consumer = this.#unfilledAtMinQuota.shift();
        if (consumer === undefined)
          throw new Error('ConstrainedAssignmentBuilder: no more unfilled consumers');
      } else {
        cursor = 0;
        consumer = this.#unfilledUnderMinQuota[cursor++];
      }
      if (consumer === undefined)
        throw new Error('ConstrainedAssignmentBuilder: lost track of the unfilled members');
      const count = this.#assignNewPartition(tp, consumer);
      if (count === this.#minQuota) {
        // Iterator.remove(): the member just returned leaves the under-minQuota list.
        this.#unfilledUnderMinQuota.splice(--cursor, 1);
        this.#unfilledAtMinQuota.push(consumer);
      } else if (count === this.#maxQuota) {
        this.#currentNumMembersWithOverMinQuota++;
      }
    }
  }

  #assignNewPartition(tp: PartitionKey, consumer: string): number {
    const partitions = this.#assignment.get(consumer) ?? [];
    partitions.push(tp);
    // Every owned partition that could be kept already was, so a revoked or multiply-claimed partition
    // handed out here is moving to a new owner.
    if (this.#allRevokedPartitions.has(tp) || this.partitionsWithMultiplePreviousOwners.has(tp)) {
      this.#transferring.set(tp, consumer);
    }
    return partitions.length;
  }

  #verifyUnfilledMembers(): void {
    if (this.#unfilledUnderMinQuota.length === 0) return;
    if (this.#currentNumMembersWithOverMinQuota !== this.#expectedNumMembersWithOverMinQuota) {
      throw new Error(
        'ConstrainedAssignmentBuilder: members left under quota with no partitions to give them',
      );
    }
    for (const member of this.#unfilledUnderMinQuota) {
      if ((this.#assignment.get(member)?.length ?? 0) !== this.#minQuota) {
        throw new Error(`ConstrainedAssignmentBuilder: member ${member} did not reach minQuota`);
      }
    }
  }
}
