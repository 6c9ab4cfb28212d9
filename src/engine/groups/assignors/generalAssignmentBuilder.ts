import { PartitionMovements } from './partitionMovements';
import { removeFirst, type StickySubscription } from './stickyOwnership';
import { partitionKey, topicOf, type PartitionKey } from './topicPartition';
import { GeneralAssignmentState } from './generalAssignmentState';

interface ConsumerGenerationPair {
  readonly consumer: string;
  readonly generation: number;
}

/** java.util.List.removeAll, in place, so that two names for one list (as in Kafka) stay one list. */
function removeAllInPlace(list: PartitionKey[], remove: ReadonlySet<PartitionKey>): void {
  const kept = list.filter((tp) => !remove.has(tp));
  list.splice(0, list.length, ...kept);
}

function balanceScore(assignment: ReadonlyMap<string, readonly PartitionKey[]>): number {
  const sizes = [...assignment.values()].map((partitions) => partitions.length);
  let score = 0;
  for (let i = 0; i < sizes.length; i++) {
    for (let j = i + 1; j < sizes.length; j++) score += Math.abs((sizes[i] ?? 0) - (sizes[j] ?? 0));
  }
  return score;
}

function deepCopy(assignment: ReadonlyMap<string, readonly PartitionKey[]>): Map<string, PartitionKey[]> {
  return new Map([...assignment].map(([member, partitions]) => [member, [...partitions]]));
}

/**
 * AbstractStickyAssignor.GeneralAssignmentBuilder without rack awareness, for members with different
 * subscriptions: keep every valid owned partition, give each unassigned partition to the eligible member with the
 * fewest partitions, then move partitions from members with 2+ more than an eligible peer until balanced (or until
 * no move helps), preferring to hand a partition back to its previous owner and never undoing a move.
 * `subscriptions` must be in Kafka's HashMap order (it breaks ties between equal previous generations).
 */
export function buildGeneralAssignment(
  partitionsPerTopic: ReadonlyMap<string, number>,
  subscriptions: readonly StickySubscription[],
  consumerToOwnedPartitions: Map<string, PartitionKey[]>,
  maxGeneration: number,
): Map<string, PartitionKey[]> {
  return new GeneralAssignmentBuilder(
    partitionsPerTopic,
    subscriptions,
    consumerToOwnedPartitions,
    maxGeneration,
  ).build();
}

class GeneralAssignmentBuilder extends GeneralAssignmentState {
  readonly #movements = new PartitionMovements();
  #revocationRequired = false;

  constructor(
    partitionsPerTopic: ReadonlyMap<string, number>,
    private readonly subscriptions: readonly StickySubscription[],
    currentAssignment: Map<string, PartitionKey[]>,
    private readonly maxGeneration: number,
  ) {
    super(partitionsPerTopic, subscriptions, currentAssignment);
  }

  build(): Map<string, PartitionKey[]> {
    const prevAssignment = this.#prepopulatePrevAssignment();
    const assigned = this.#assignOwnedPartitions();
    const unassigned = this.#unassignedPartitions(assigned);
    for (const member of this.currentAssignment.keys()) this.sorted.add(member);
    this.#balance(prevAssignment, unassigned);
    return this.currentAssignment;
  }

  /** Partitions claimed in older generations than the newest one: the owner a partition should go back to. */
  #prepopulatePrevAssignment(): Map<PartitionKey, ConsumerGenerationPair> {
    const prev = new Map<PartitionKey, ConsumerGenerationPair>();
    for (const { memberId: consumer, generation, ownedPartitions } of this.subscriptions) {
      if (generation >= this.maxGeneration) continue;
      for (const tp of ownedPartitions) {
        const existing = prev.get(tp);
        if (existing === undefined || generation > existing.generation)
          prev.set(tp, { consumer, generation });
      }
    }
    return prev;
  }

  #assignOwnedPartitions(): PartitionKey[] {
    const assigned: PartitionKey[] = [];
    for (const [consumer, partitions] of this.currentAssignment) {
      const subscribed = this.subscribedTopics.get(consumer);
      for (const tp of [...partitions]) {
        if (!this.topic2AllPotentialConsumers.has(topicOf(tp))) {
          removeFirst(partitions, tp);
          this.currentPartitionConsumer.delete(tp);
        } else if (!subscribed?.has(topicOf(tp))) {
          // Kafka leaves currentPartitionConsumer pointing at the old owner here; the partition is reassigned
          // (and the entry overwritten) below.
          removeFirst(partitions, tp);
          this.#revocationRequired = true;
        } else {
          assigned.push(tp);
        }
      }
    }
    return assigned;
  }

  /** Kafka returns sortedAllPartitions itself when nothing is kept, so later in-place removals hit both names. */
  #unassignedPartitions(assigned: readonly PartitionKey[]): PartitionKey[] {
    if (assigned.length === 0) return this.sortedAllPartitions;
    const kept = new Set(assigned);
    return this.sortedAllPartitions.filter((tp) => !kept.has(tp));
  }

  #balance(
    prevAssignment: ReadonlyMap<PartitionKey, ConsumerGenerationPair>,
    unassigned: PartitionKey[],
  ): void {
    const initializing = (this.currentAssignment.get(this.sorted.last() ?? '')?.length ?? 0) === 0;
    for (const tp of unassigned) {
      if ((this.topic2AllPotentialConsumers.get(topicOf(tp))?.length ?? 0) > 0)
        this.#maybeAssignPartition(tp);
    }

    const fixedPartitions = new Set<PartitionKey>();
    for (const [topic, consumers] of this.topic2AllPotentialConsumers) {
      if (consumers.length >= 2) continue;
      const count = this.partitionsPerTopic.get(topic) ?? 0;
      for (let p = 0; p < count; p++) fixedPartitions.add(partitionKey(topic, p));
    }
    removeAllInPlace(this.sortedAllPartitions, fixedPartitions);
    removeAllInPlace(unassigned, fixedPartitions);

    const fixedAssignments = new Map<string, PartitionKey[]>();
    for (const consumer of this.consumer2AllPotentialTopics.keys()) {
      if (this.canConsumerParticipateInReassignment(consumer)) continue;
      this.sorted.remove(consumer);
      fixedAssignments.set(consumer, this.currentAssignment.get(consumer) ?? []);
      this.currentAssignment.delete(consumer);
    }

    const preBalanceAssignment = deepCopy(this.currentAssignment);
    const preBalancePartitionConsumers = new Map(this.currentPartitionConsumer);
    // Without subscription changes, first try to balance by moving only the newly assigned partitions.
    if (!this.#revocationRequired) this.#performReassignments(unassigned, prevAssignment);
    const reassignmentPerformed = this.#performReassignments(this.sortedAllPartitions, prevAssignment);

    // A rebalance of an existing assignment must pay for its moves with better balance, or it is undone.
    if (
      !initializing &&
      reassignmentPerformed &&
      balanceScore(this.currentAssignment) >= balanceScore(preBalanceAssignment)
    ) {
      this.currentAssignment.clear();
      for (const [member, partitions] of deepCopy(preBalanceAssignment))
        this.currentAssignment.set(member, partitions);
      this.currentPartitionConsumer.clear();
      for (const [tp, member] of preBalancePartitionConsumers) this.currentPartitionConsumer.set(tp, member);
    }
    for (const [consumer, partitions] of fixedAssignments) {
      this.currentAssignment.set(consumer, partitions);
      this.sorted.add(consumer);
    }
  }

  /** The member with the fewest partitions (then lowest id) among those subscribed to the partition's topic. */
  #maybeAssignPartition(tp: PartitionKey): void {
    for (const consumer of this.sorted.values()) {
      if (!this.consumer2AllPotentialTopics.get(consumer)?.includes(topicOf(tp))) continue;
      this.sorted.remove(consumer);
      this.currentAssignment.get(consumer)?.push(tp);
      this.currentPartitionConsumer.set(tp, consumer);
      this.sorted.add(consumer);
      return;
    }
  }

  #performReassignments(
    reassignable: readonly PartitionKey[],
    prevAssignment: ReadonlyMap<PartitionKey, ConsumerGenerationPair>,
  ): boolean {
    let reassignmentPerformed = false;
    let modified: boolean;
    do {
      modified = false;
      for (let i = 0; i < reassignable.length && !this.isBalanced(); i++) {
        const tp = reassignable[i];
        if (tp !== undefined && this.#reassignIfUnbalanced(tp, prevAssignment)) {
          reassignmentPerformed = true;
          modified = true;
        }
      }
    } while (modified);
    return reassignmentPerformed;
  }

  #reassignIfUnbalanced(
    tp: PartitionKey,
    prevAssignment: ReadonlyMap<PartitionKey, ConsumerGenerationPair>,
  ): boolean {
    const consumer = this.currentPartitionConsumer.get(tp) ?? '';
    const size = this.sizeOf(consumer);
    const previous = prevAssignment.get(tp);
    // Faithful to Kafka: the previous owner gets the partition back even if it no longer subscribes to the topic.
    // Where Kafka would hit a NullPointerException (previous owner gone or set aside as fixed), we skip the rule.
    if (previous !== undefined && this.currentAssignment.has(previous.consumer)) {
      if (size > this.sizeOf(previous.consumer) + 1) {
        this.#reassignPartition(tp, previous.consumer);
        return true;
      }
    }
    const others = this.topic2AllPotentialConsumers.get(topicOf(tp)) ?? [];
    if (!others.some((other) => size > this.sizeOf(other) + 1)) return false;
    const newConsumer = this.sorted
      .values()
      .find((c) => this.consumer2AllPotentialTopics.get(c)?.includes(topicOf(tp)));
    if (newConsumer !== undefined) this.#reassignPartition(tp, newConsumer);
    return true;
  }

  #reassignPartition(tp: PartitionKey, newConsumer: string): void {
    const consumer = this.currentPartitionConsumer.get(tp) ?? '';
    const toMove = this.#movements.getTheActualPartitionToBeMoved(tp, consumer, newConsumer);
    const oldConsumer = this.currentPartitionConsumer.get(toMove) ?? '';
    this.sorted.remove(oldConsumer);
    this.sorted.remove(newConsumer);
    this.#movements.movePartition(toMove, oldConsumer, newConsumer);
    removeFirst(this.currentAssignment.get(oldConsumer) ?? [], toMove);
    this.currentAssignment.get(newConsumer)?.push(toMove);
    this.currentPartitionConsumer.set(toMove, newConsumer);
    this.sorted.add(newConsumer);
    this.sorted.add(oldConsumer);
  }
}
