import { describe, expect, it } from 'vitest';
import { destination } from './SendRecordForm';

describe('where a hand-written record goes', () => {
  it('names the partition murmur2 picks, matching Kafka for known keys', () => {
    // kafka-reference.md 1.1: "foobar" hashes to 1357151166, so partition 1 of 5 and 6 of 10.
    expect(destination('orders', 5, 'foobar', '')).toBe('orders-1: murmur2("foobar") modulo 5 partitions.');
    expect(destination('orders', 10, 'foobar', '')).toBe('orders-6: murmur2("foobar") modulo 10 partitions.');
  });
  it('prefers an explicit partition, and says a null key goes to the sticky partitioner', () => {
    expect(destination('orders', 3, 'alice', '2')).toBe('orders-2, the partition you chose.');
    expect(destination('orders', 3, '', '')).toContain('sticky partitioner');
  });
});
