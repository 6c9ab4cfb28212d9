import { javaStringCompare } from './javaOrder';

/**
 * A partition written the way Kafka prints a TopicPartition: "<topic>-<partition>". Topic names may contain
 * '-', so the partition number is always the text after the LAST '-'.
 */
export type PartitionKey = string;

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export function partitionKey(topic: string, partition: number): PartitionKey {
  return `${topic}-${partition}`;
}

// Canonical decimal only ("t-01" is refused) so that one partition always has exactly one key.
const PARTITION_NUMBER = /^(0|[1-9][0-9]{0,9})$/;

export function parsePartitionKey(key: string): TopicPartition {
  const dash = key.lastIndexOf('-');
  const digits = key.slice(dash + 1);
  if (dash <= 0 || !PARTITION_NUMBER.test(digits) || Number(digits) > 2147483647) {
    throw new Error(`"${key}" is not a partition: write it as "<topic>-<partition>", for example "orders-0"`);
  }
  return { topic: key.slice(0, dash), partition: Number(digits) };
}

export function topicOf(key: PartitionKey): string {
  return key.slice(0, key.lastIndexOf('-'));
}

export function partitionOf(key: PartitionKey): number {
  return Number(key.slice(key.lastIndexOf('-') + 1));
}

/** Topic name (Java String order), then partition number: the order of Kafka's TreeSet of partitions. */
export function compareTopicThenPartition(a: PartitionKey, b: PartitionKey): number {
  return javaStringCompare(topicOf(a), topicOf(b)) || partitionOf(a) - partitionOf(b);
}

/** The documented output order wherever Kafka's own result has no order (sets, or hash-ordered maps). */
export function sortByTopicThenPartition(keys: Iterable<PartitionKey>): PartitionKey[] {
  return [...keys].sort(compareTopicThenPartition);
}
