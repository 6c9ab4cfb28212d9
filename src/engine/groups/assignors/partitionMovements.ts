import { JavaHashIterationOrder } from './javaHashOrder';
import { topicPartitionHashCode } from './javaOrder';
import { partitionOf, topicOf, type PartitionKey } from './topicPartition';

interface ConsumerPair {
  readonly src: string;
  readonly dst: string;
}

function pairKey(src: string, dst: string): string {
  return JSON.stringify([src, dst]);
}

function newPartitionSet(): JavaHashIterationOrder {
  return new JavaHashIterationOrder((tp) => topicPartitionHashCode(topicOf(tp), partitionOf(tp)));
}

/**
 * AbstractStickyAssignor.PartitionMovements: remembers which partitions of each topic moved between which two
 * members during one general-path rebalance, so that a later move in the opposite direction sends back a partition
 * that already moved instead of a second one (stickiness). Which one is sent back is the first element of a Java
 * HashSet<TopicPartition>, so the sets replay Java's iteration order.
 */
export class PartitionMovements {
  readonly #byTopic = new Map<string, Map<string, JavaHashIterationOrder>>();
  readonly #movements = new Map<PartitionKey, ConsumerPair>();

  movePartition(partition: PartitionKey, oldConsumer: string, newConsumer: string): void {
    const existing = this.#movements.get(partition);
    if (existing === undefined) {
      this.#addRecord(partition, { src: oldConsumer, dst: newConsumer });
      return;
    }
    this.#removeRecord(partition, existing);
    // A partition moving back to where it started is no longer a movement at all.
    if (existing.src !== newConsumer) this.#addRecord(partition, { src: existing.src, dst: newConsumer });
  }

  getTheActualPartitionToBeMoved(
    partition: PartitionKey,
    oldConsumer: string,
    newConsumer: string,
  ): PartitionKey {
    const forTopic = this.#byTopic.get(topicOf(partition));
    if (forTopic === undefined) return partition;
    const source = this.#movements.get(partition)?.src ?? oldConsumer;
    return forTopic.get(pairKey(newConsumer, source))?.first() ?? partition;
  }

  #addRecord(partition: PartitionKey, pair: ConsumerPair): void {
    this.#movements.set(partition, pair);
    const topic = topicOf(partition);
    const forTopic = this.#byTopic.get(topic) ?? new Map<string, JavaHashIterationOrder>();
    this.#byTopic.set(topic, forTopic);
    const key = pairKey(pair.src, pair.dst);
    const set = forTopic.get(key) ?? newPartitionSet();
    forTopic.set(key, set);
    set.add(partition);
  }

  #removeRecord(partition: PartitionKey, pair: ConsumerPair): void {
    this.#movements.delete(partition);
    const topic = topicOf(partition);
    const forTopic = this.#byTopic.get(topic);
    const key = pairKey(pair.src, pair.dst);
    const set = forTopic?.get(key);
    set?.delete(partition);
    // Emptied sets and maps are dropped, so a later movement starts a fresh HashSet (16 buckets again).
    if (set?.size === 0) forTopic?.delete(key);
    if (forTopic?.size === 0) this.#byTopic.delete(topic);
  }
}
