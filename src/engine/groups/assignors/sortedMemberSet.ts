import { javaStringCompare } from './javaOrder';

/**
 * The TreeSet<String> Kafka orders by (number of assigned partitions, member id). Like Kafka, callers remove a
 * member before its count changes and add it back afterwards; the set keeps itself sorted by binary insertion.
 */
export class SortedMemberSet {
  readonly #members: string[] = [];

  constructor(private readonly sizeOf: (member: string) => number) {}

  #compare(a: string, b: string): number {
    return this.sizeOf(a) - this.sizeOf(b) || javaStringCompare(a, b);
  }

  add(member: string): void {
    if (this.#members.includes(member)) return;
    let low = 0;
    let high = this.#members.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.#members[mid];
      if (other !== undefined && this.#compare(other, member) < 0) low = mid + 1;
      else high = mid;
    }
    this.#members.splice(low, 0, member);
  }

  remove(member: string): void {
    const index = this.#members.indexOf(member);
    if (index >= 0) this.#members.splice(index, 1);
  }

  first(): string | undefined {
    return this.#members[0];
  }

  last(): string | undefined {
    return this.#members[this.#members.length - 1];
  }

  /** A snapshot, ascending: callers may change the set while walking it only if they stop walking right after. */
  values(): readonly string[] {
    return [...this.#members];
  }
}
