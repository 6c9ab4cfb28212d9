import { javaStringHashCode } from './javaOrder';

/*
 * Kafka's sticky assignor walks java.util.HashMap and HashSet instances whose iteration order decides ties (which
 * member keeps its extra partition, which moved partition goes back first). To give the same answers as Kafka we
 * replay that order instead of picking our own: a HashMap iterates bucket by bucket, where the bucket is
 * (h ^ (h >>> 16)) & (capacity - 1), and within a bucket in insertion order (resizes split buckets but keep the
 * relative order). The table starts at 16 buckets and doubles when size exceeds 0.75 * capacity, or when a bucket
 * reaches 9 entries while capacity < 64 (HashMap.treeifyBin resizes instead of treeifying small tables).
 * Not replayed: the order inside a treeified bucket (9+ colliding keys in a table of 64+), which needs
 * adversarial member ids.
 */
const DEFAULT_CAPACITY = 16;
const LOAD_FACTOR = 0.75;
const TREEIFY_CHAIN_LENGTH = 9;
const MIN_TREEIFY_CAPACITY = 64;

interface Slot {
  readonly hash: number;
  readonly seq: number;
}

export class JavaHashIterationOrder {
  #capacity = DEFAULT_CAPACITY;
  #nextSeq = 0;
  readonly #slots = new Map<string, Slot>();

  constructor(private readonly hashOf: (key: string) => number) {}

  get size(): number {
    return this.#slots.size;
  }

  has(key: string): boolean {
    return this.#slots.has(key);
  }

  /** Like HashSet.add / a first HashMap.put: an existing key keeps its place. */
  add(key: string): boolean {
    if (this.#slots.has(key)) return false;
    const hash = this.hashOf(key);
    this.#slots.set(key, { hash, seq: this.#nextSeq++ });
    if (this.#capacity < MIN_TREEIFY_CAPACITY && this.#chainLength(hash) >= TREEIFY_CHAIN_LENGTH) {
      this.#capacity *= 2;
    }
    if (this.#slots.size > this.#capacity * LOAD_FACTOR) this.#capacity *= 2;
    return true;
  }

  /** A removed key that comes back is appended to its bucket again, as in Java. The table never shrinks. */
  delete(key: string): boolean {
    return this.#slots.delete(key);
  }

  keys(): string[] {
    return [...this.#slots.entries()]
      .sort(([, a], [, b]) => this.#bucket(a.hash) - this.#bucket(b.hash) || a.seq - b.seq)
      .map(([key]) => key);
  }

  first(): string | undefined {
    return this.keys()[0];
  }

  #bucket(hash: number): number {
    return (hash ^ (hash >>> 16)) & (this.#capacity - 1);
  }

  #chainLength(hash: number): number {
    const bucket = this.#bucket(hash);
    let length = 0;
    for (const slot of this.#slots.values()) if (this.#bucket(slot.hash) === bucket) length++;
    return length;
  }
}

/** The iteration order of a `new HashMap<String, V>()` filled by putting `keys` in this order. */
export function javaHashMapKeyOrder(keys: Iterable<string>): string[] {
  const order = new JavaHashIterationOrder(javaStringHashCode);
  for (const key of keys) order.add(key);
  return order.keys();
}
