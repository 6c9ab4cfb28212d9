/**
 * UniformHeterogeneousAssignmentBuilder.MemberAssignmentBalancer: walks one topic's subscribers from the least
 * loaded up (to receive partitions) and from the most loaded down (to give them up), level by level, so partitions
 * are spread evenly without re-sorting after every move. `sizes` is shared with the builder and updated by it.
 */
export class MemberAssignmentBalancer {
  #sorted: number[] = [];
  #leastLoadedRangeEnd = 0;
  #leastLoadedRangePartitionCount = -1;
  #nextLeastLoadedMember = 0;
  #mostLoadedRangeStart = 0;
  #mostLoadedRangeEnd = 0;
  #mostLoadedRangePartitionCount = 1;
  #nextMostLoadedMember = -1;

  constructor(private readonly sizes: number[]) {}

  #size(position: number): number {
    return this.sizes[this.#sorted[position] ?? -1] ?? 0;
  }

  /** Starts over on a topic's subscribers; returns the spread between its most and least loaded subscriber. */
  initialize(members: readonly number[]): number {
    if (members.length === 0) throw new Error('Cannot balance an empty subscriber list.');
    this.#sorted = [...members].sort((a, b) => (this.sizes[a] ?? 0) - (this.sizes[b] ?? 0) || a - b);
    const last = this.#sorted.length - 1;
    this.#leastLoadedRangeEnd = 0;
    this.#leastLoadedRangePartitionCount = this.#size(0) - 1;
    this.#nextLeastLoadedMember = 0;
    this.#mostLoadedRangeStart = this.#sorted.length;
    this.#mostLoadedRangeEnd = this.#sorted.length;
    this.#mostLoadedRangePartitionCount = this.#size(last) + 1;
    this.#nextMostLoadedMember = last;
    return this.#size(last) - this.#size(0);
  }

  /** The member to give the next partition to; assumes it will get it. */
  nextLeastLoadedMember(): number {
    if (this.#nextLeastLoadedMember >= this.#leastLoadedRangeEnd) {
      // Every member of the range got one: the range is a level higher and may now take in its neighbours.
      this.#leastLoadedRangePartitionCount++;
      while (
        this.#leastLoadedRangeEnd < this.#sorted.length &&
        this.#size(this.#leastLoadedRangeEnd) === this.#leastLoadedRangePartitionCount
      ) {
        this.#leastLoadedRangeEnd++;
      }
      this.#nextLeastLoadedMember = 0;
    }
    return this.#sorted[this.#nextLeastLoadedMember++] ?? -1;
  }

  /** The member to take the next partition from, or -1 when no member in range has one to give. */
  nextMostLoadedMember(): number {
    if (this.#nextMostLoadedMember < this.#mostLoadedRangeStart) {
      if (this.#mostLoadedRangeEnd <= this.#mostLoadedRangeStart && this.#mostLoadedRangeStart > 0) {
        // The range emptied through exclusions: restart it at the next member's level so that it grows.
        this.#mostLoadedRangePartitionCount = this.#size(this.#mostLoadedRangeStart - 1);
      } else {
        this.#mostLoadedRangePartitionCount--;
      }
      while (
        this.#mostLoadedRangeStart > 0 &&
        this.#size(this.#mostLoadedRangeStart - 1) === this.#mostLoadedRangePartitionCount
      ) {
        this.#mostLoadedRangeStart--;
      }
      this.#nextMostLoadedMember = this.#mostLoadedRangeEnd - 1;
    }
    if (this.#nextMostLoadedMember < 0) return -1;
    return this.#sorted[this.#nextMostLoadedMember--] ?? -1;
  }

  /** Drops the member last returned by nextMostLoadedMember (it has nothing of this topic to give). */
  excludeMostLoadedMember(): void {
    const position = this.#nextMostLoadedMember + 1;
    const member = this.#sorted[position] ?? -1;
    this.#sorted[position] = this.#sorted[this.#mostLoadedRangeEnd - 1] ?? -1;
    this.#sorted[this.#mostLoadedRangeEnd - 1] = member;
    this.#mostLoadedRangeEnd--;
  }

  isBalanced(): boolean {
    return this.#mostLoadedRangePartitionCount - this.#leastLoadedRangePartitionCount <= 1;
  }
}
