import { MemberAssignmentBalancer } from './memberAssignmentBalancer';
import { partitionKey, sortByTopicThenPartition, type PartitionKey } from './topicPartition';
import type { GroupSpec } from './consumerGroupSpec';

/** UniformHeterogeneousAssignmentBuilder.MAX_ITERATION_COUNT: the balancing passes over all topics. */
const MAX_ITERATION_COUNT = 16;

/**
 * UniformHeterogeneousAssignmentBuilder (Kafka 4.x, without rack awareness), for groups whose members subscribe to
 * different topics: keep every current partition of a still-subscribed topic, deal the unassigned partitions of
 * each topic to its least loaded subscribers, then move partitions from the most to the least loaded subscribers
 * topic by topic until a full pass changes nothing (at most 16 passes). Topics are taken by partitions per
 * subscriber (descending), then subscriber count, then topic order. Output: topic, then partition.
 */
export function uniformHeterogeneousAssign(spec: GroupSpec): Map<string, PartitionKey[]> {
  return new UniformHeterogeneousAssignmentBuilder(spec).build();
}

class UniformHeterogeneousAssignmentBuilder {
  readonly #memberIds: string[];
  /** Topic -> indices of its subscribers, ascending. */
  readonly #topicSubscribers = new Map<string, number[]>();
  readonly #sizes: number[];
  /** Topic -> owner index per partition, -1 while unassigned. */
  readonly #owners = new Map<string, number[]>();

  constructor(private readonly spec: GroupSpec) {
    this.#memberIds = spec.members.map((m) => m.memberId);
    this.#sizes = spec.members.map(() => 0);
    spec.members.forEach((member, index) => {
      for (const topic of spec.topicOrder) {
        if (!member.subscribedTopics.has(topic)) continue;
        const subscribers = this.#topicSubscribers.get(topic) ?? [];
        subscribers.push(index);
        this.#topicSubscribers.set(topic, subscribers);
      }
    });
    for (const topic of this.#topicSubscribers.keys()) {
      this.#owners.set(topic, new Array<number>(this.#partitionCount(topic)).fill(-1));
    }
  }

  build(): Map<string, PartitionKey[]> {
    if (this.#topicSubscribers.size > 0) {
      this.#retainSubscribedPartitions();
      this.#assignRemainingPartitions();
      this.#balanceTopics([...this.#topicSubscribers.keys()].filter((t) => this.#subscriberCount(t) >= 2));
    }
    const assignment = new Map<string, PartitionKey[]>(this.#memberIds.map((id) => [id, []]));
    for (const [topic, owners] of this.#owners) {
      owners.forEach((owner, p) =>
        assignment.get(this.#memberIds[owner] ?? '')?.push(partitionKey(topic, p)),
      );
    }
    for (const [id, partitions] of assignment) assignment.set(id, sortByTopicThenPartition(partitions));
    return assignment;
  }

  #partitionCount(topic: string): number {
    return this.spec.partitionCounts.get(topic) ?? 0;
  }

  #subscriberCount(topic: string): number {
    return this.#topicSubscribers.get(topic)?.length ?? 0;
  }

  /** Partitions per subscriber descending, then subscriber count ascending, then topic id (here: topic order). */
  #sortTopics(topics: readonly string[]): string[] {
    const rank = new Map(this.spec.topicOrder.map((topic, i) => [topic, i]));
    const perSubscriber = (t: string): number => this.#partitionCount(t) / this.#subscriberCount(t);
    return [...topics].sort(
      (a, b) =>
        perSubscriber(b) - perSubscriber(a) ||
        this.#subscriberCount(a) - this.#subscriberCount(b) ||
        (rank.get(a) ?? 0) - (rank.get(b) ?? 0),
    );
  }

  /** maybeRevokePartitions: only topics the member no longer subscribes to are taken away. */
  #retainSubscribedPartitions(): void {
    this.spec.members.forEach((member, index) => {
      for (const [topic, partitions] of member.assignment) {
        if (!member.subscribedTopics.has(topic)) continue;
        const owners = this.#owners.get(topic);
        for (const p of partitions) if (owners !== undefined) owners[p] = index;
        this.#sizes[index] = (this.#sizes[index] ?? 0) + partitions.length;
      }
    });
  }

  #assignRemainingPartitions(): void {
    const unassigned = new Map<string, number[]>();
    for (const [topic, owners] of this.#owners) {
      const free = owners.flatMap((owner, p) => (owner === -1 ? [p] : []));
      if (free.length > 0) unassigned.set(topic, free);
    }
    const balancer = new MemberAssignmentBalancer(this.#sizes);
    for (const topic of this.#sortTopics([...unassigned.keys()])) {
      balancer.initialize(this.#topicSubscribers.get(topic) ?? []);
      for (const p of unassigned.get(topic) ?? [])
        this.#assignPartition(topic, p, balancer.nextLeastLoadedMember());
    }
  }

  /** Loops over the topics until a whole pass reassigns nothing, or MAX_ITERATION_COUNT passes. */
  #balanceTopics(topics: readonly string[]): void {
    if (topics.length === 0) return;
    const sortedTopics = this.#sortTopics(topics);
    let lastRebalanceTopicIndex = -1;
    const balancer = new MemberAssignmentBalancer(this.#sizes);
    for (let i = 0; i < MAX_ITERATION_COUNT; i++) {
      for (let topicIndex = 0; topicIndex < sortedTopics.length; topicIndex++) {
        if (topicIndex === lastRebalanceTopicIndex) return;
        const reassigned = this.#balanceTopic(sortedTopics[topicIndex] ?? '', balancer);
        if (reassigned > 0 || lastRebalanceTopicIndex === -1) lastRebalanceTopicIndex = topicIndex;
      }
    }
  }

  #balanceTopic(topic: string, balancer: MemberAssignmentBalancer): number {
    if (balancer.initialize(this.#topicSubscribers.get(topic) ?? []) <= 1) return 0;
    const owners = this.#owners.get(topic) ?? [];
    // The topic's partitions grouped by owner, so each owner gives up its highest-numbered partition first.
    const partitions = owners.map((_, p) => p).sort((a, b) => (owners[a] ?? 0) - (owners[b] ?? 0) || a - b);
    const start = new Map<number, number>();
    const end = new Map<number, number>();
    partitions.forEach((p, i) => {
      const owner = owners[p] ?? -1;
      if (!start.has(owner)) start.set(owner, i);
      end.set(owner, i + 1);
    });
    let reassigned = 0;
    while (!balancer.isBalanced()) {
      const donor = this.#nextDonor(balancer, start, end);
      if (donor === -1) break;
      const donorEnd = end.get(donor) ?? 0;
      const partition = partitions[donorEnd - 1] ?? 0;
      end.set(donor, donorEnd - 1);
      const receiver = balancer.nextLeastLoadedMember();
      if (balancer.isBalanced()) break;
      this.#assignPartition(topic, partition, receiver);
      reassigned++;
    }
    return reassigned;
  }

  /** The next most loaded subscriber that still holds a partition of this topic, or -1. */
  #nextDonor(
    balancer: MemberAssignmentBalancer,
    start: ReadonlyMap<number, number>,
    end: ReadonlyMap<number, number>,
  ): number {
    for (;;) {
      const member = balancer.nextMostLoadedMember();
      if (member === -1) return -1;
      const held = (end.get(member) ?? 0) - (start.get(member) ?? 0);
      if (end.has(member) && held > 0) return member;
      balancer.excludeMostLoadedMember();
    }
  }

  #assignPartition(topic: string, partition: number, memberIndex: number): void {
    const owners = this.#owners.get(topic);
    if (owners === undefined) return;
    const previous = owners[partition] ?? -1;
    if (previous !== -1) this.#sizes[previous] = (this.#sizes[previous] ?? 0) - 1;
    owners[partition] = memberIndex;
    this.#sizes[memberIndex] = (this.#sizes[memberIndex] ?? 0) + 1;
  }
}
