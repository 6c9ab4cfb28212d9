import { javaStringCompare } from './javaOrder';
import { SortedMemberSet } from './sortedMemberSet';
import type { StickySubscription } from './stickyOwnership';
import { partitionKey, topicOf, type PartitionKey } from './topicPartition';

/**
 * The bookkeeping of AbstractStickyAssignor.GeneralAssignmentBuilder and its balance test, kept apart from the
 * assignment steps so each file reads on its own.
 */
export class GeneralAssignmentState {
  /** Topic -> members subscribed to it, in subscription (HashMap) order. */
  protected readonly topic2AllPotentialConsumers = new Map<string, string[]>();
  /** Member -> the existing topics it subscribes to. */
  protected readonly consumer2AllPotentialTopics = new Map<string, string[]>();
  /** Member -> every topic in its subscription, existing or not (Kafka's subscription.topics()). */
  protected readonly subscribedTopics = new Map<string, ReadonlySet<string>>();
  protected readonly currentPartitionConsumer = new Map<PartitionKey, string>();
  /** Topics with the fewest potential consumers first (then by name), each topic's partitions ascending. */
  protected readonly sortedAllPartitions: PartitionKey[] = [];
  protected readonly sorted: SortedMemberSet;
  protected readonly totalPartitionsCount: number;

  constructor(
    protected readonly partitionsPerTopic: ReadonlyMap<string, number>,
    subscriptions: readonly StickySubscription[],
    protected readonly currentAssignment: Map<string, PartitionKey[]>,
  ) {
    for (const topic of partitionsPerTopic.keys()) this.topic2AllPotentialConsumers.set(topic, []);
    for (const { memberId, topics } of subscriptions) {
      const existing = topics.filter((topic) => partitionsPerTopic.has(topic));
      this.consumer2AllPotentialTopics.set(memberId, existing);
      this.subscribedTopics.set(memberId, new Set(topics));
      for (const topic of existing) this.topic2AllPotentialConsumers.get(topic)?.push(memberId);
      if (!currentAssignment.has(memberId)) currentAssignment.set(memberId, []);
    }
    for (const [member, partitions] of currentAssignment) {
      for (const tp of partitions) this.currentPartitionConsumer.set(tp, member);
    }
    const consumersOf = (topic: string): number => this.topic2AllPotentialConsumers.get(topic)?.length ?? 0;
    const sortedAllTopics = [...this.topic2AllPotentialConsumers.keys()].sort(
      (a, b) => consumersOf(a) - consumersOf(b) || javaStringCompare(a, b),
    );
    for (const topic of sortedAllTopics) {
      const count = partitionsPerTopic.get(topic) ?? 0;
      for (let p = 0; p < count; p++) this.sortedAllPartitions.push(partitionKey(topic, p));
    }
    this.totalPartitionsCount = [...partitionsPerTopic.values()].reduce((sum, n) => sum + n, 0);
    this.sorted = new SortedMemberSet((member) => this.sizeOf(member));
  }

  protected sizeOf(member: string): number {
    return this.currentAssignment.get(member)?.length ?? 0;
  }

  protected maxAssignmentSize(topics: readonly string[]): number {
    if (topics.length === this.partitionsPerTopic.size) return this.totalPartitionsCount;
    return topics.reduce((sum, topic) => sum + (this.partitionsPerTopic.get(topic) ?? 0), 0);
  }

  /** A member can gain partitions, or holds a partition some other member could take. */
  protected canConsumerParticipateInReassignment(member: string): boolean {
    const partitions = this.currentAssignment.get(member) ?? [];
    if (partitions.length < this.maxAssignmentSize(this.consumer2AllPotentialTopics.get(member) ?? []))
      return true;
    return partitions.some((tp) => (this.topic2AllPotentialConsumers.get(topicOf(tp))?.length ?? 0) >= 2);
  }

  /**
   * Balanced: sizes differ by at most one, or no member could take a partition of its topics from a member
   * holding at least two more partitions than it does.
   */
  protected isBalanced(): boolean {
    const min = this.sizeOf(this.sorted.first() ?? '');
    const max = this.sizeOf(this.sorted.last() ?? '');
    if (min >= max - 1) return true;
    const owners = new Map<PartitionKey, string>();
    for (const [member, partitions] of this.currentAssignment)
      for (const tp of partitions) owners.set(tp, member);
    for (const member of this.sorted.values()) {
      const count = this.sizeOf(member);
      const topics = this.consumer2AllPotentialTopics.get(member) ?? [];
      if (count === this.maxAssignmentSize(topics)) continue;
      const own = new Set(this.currentAssignment.get(member));
      for (const topic of topics) {
        const partitionCount = this.partitionsPerTopic.get(topic) ?? 0;
        for (let p = 0; p < partitionCount; p++) {
          const tp = partitionKey(topic, p);
          if (!own.has(tp) && count + 1 < this.sizeOf(owners.get(tp) ?? '')) return false;
        }
      }
    }
    return true;
  }
}
