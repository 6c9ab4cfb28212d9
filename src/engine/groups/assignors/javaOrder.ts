/**
 * Java's String.compareTo, by sign. JavaScript's relational operators on strings also compare UTF-16 code units,
 * which is exactly Java's order; localeCompare is not (it depends on the host's locale).
 */
export function javaStringCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, in 32-bit overflow arithmetic. */
export function javaStringHashCode(s: string): number {
  let hash = 0;
  for (let i = 0; i < s.length; i++) {
    hash = (Math.imul(31, hash) + s.charCodeAt(i)) | 0;
  }
  return hash;
}

/** org.apache.kafka.common.TopicPartition.hashCode: 31 * (31 + partition) + topic.hashCode(). */
export function topicPartitionHashCode(topic: string, partition: number): number {
  return (Math.imul(31, (31 + partition) | 0) + javaStringHashCode(topic)) | 0;
}
