import { describe, expect, it } from 'vitest';
import { isBalanced } from './index';
import { kafkaStep, owning, sub, GENERATION_ID as gen } from './stickyTestKit';

// Transcribed from Apache Kafka clients/src/test/java/org/apache/kafka/clients/consumer/StickyAssignorTest.java
// (the eager StickyAssignor; ownership and generation travel in userData, here in ownedPartitions/generation).

const contains = (outer: readonly string[], inner: readonly string[]): boolean =>
  inner.every((tp) => outer.includes(tp));
const disjoint = (a: readonly string[], b: readonly string[]): boolean => !a.some((tp) => b.includes(tp));

describe('StickyAssignor (classic "sticky")', () => {
  it('StickyAssignorTest#testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer', () => {
    const step = kafkaStep('sticky', { topic: 3 }, [
      owning('consumer1', ['topic'], ['topic-0', 'topic-1'], gen),
      owning('consumer2', ['topic'], ['topic-0', 'topic-2'], gen),
      owning('consumer3', ['topic'], [], gen),
    ]);
    expect(step.first).toEqual({ consumer1: ['topic-1'], consumer2: ['topic-2'], consumer3: ['topic-0'] });
    expect(step.problems).toEqual([]);
    expect(isBalanced(step.first)).toBe(true);
  });

  it('StickyAssignorTest#testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer', () => {
    const step = kafkaStep('sticky', { topic: 4 }, [
      owning('consumer1', ['topic'], ['topic-0', 'topic-1'], gen),
      owning('consumer2', ['topic'], ['topic-0', 'topic-2'], gen),
      owning('consumer3', ['topic'], [], gen),
    ]);
    expect(step.first).toEqual({
      consumer1: ['topic-1', 'topic-3'],
      consumer2: ['topic-2'],
      consumer3: ['topic-0'],
    });
    expect(step.problems).toEqual([]);
  });

  it.each([true, false])(
    'StickyAssignorTest#testAssignmentWithMultipleGenerations1 (isAllSubscriptionsEqual = %s)',
    (equal) => {
      const all = ['topic', 'topic2'];
      const c2Topics = equal ? all : ['topic'];
      const topics = { topic: 6, topic2: 6 };
      const r1 = kafkaStep('sticky', topics, [
        sub('consumer1', all),
        sub('consumer2', c2Topics),
        sub('consumer3', all),
      ]);
      const [p1, p2, p3] = ['consumer1', 'consumer2', 'consumer3'].map((c) => r1.first[c] ?? []);
      expect([p1?.length, p2?.length, p3?.length]).toEqual([4, 4, 4]);
      expect(r1.problems).toEqual([]);

      const r2 = kafkaStep('sticky', topics, [
        owning('consumer1', all, p1 ?? [], gen),
        owning('consumer2', c2Topics, p2 ?? [], gen),
      ]);
      const [q1 = [], q2 = []] = ['consumer1', 'consumer2'].map((c) => r2.first[c] ?? []);
      expect([q1.length, q2.length]).toEqual([6, 6]);
      if (equal) expect(contains(q1, p1 ?? [])).toBe(true);
      expect(contains(q2, p2 ?? [])).toBe(true);
      expect(r2.problems).toEqual([]);
      expect(disjoint(q2, p3 ?? [])).toBe(false);

      // consumer3 comes back with its generation-1 partitions; consumer2 owns overlapping ones in generation 2.
      const r3 = kafkaStep('sticky', topics, [
        owning('consumer2', c2Topics, q2, 2),
        owning('consumer3', all, p3 ?? [], 1),
      ]);
      const [s2 = [], s3 = []] = ['consumer2', 'consumer3'].map((c) => r3.first[c] ?? []);
      expect([s2.length, s3.length]).toEqual([6, 6]);
      expect(disjoint(s2, s3)).toBe(true);
      expect(r3.problems).toEqual([]);
    },
  );

  it.each([true, false])(
    'StickyAssignorTest#testAssignmentWithMultipleGenerations2 (isAllSubscriptionsEqual = %s)',
    (equal) => {
      const all = ['topic', 'topic2', 'topic3'];
      const c1Topics = equal ? all : ['topic'];
      const c3Topics = equal ? all : ['topic', 'topic2'];
      const topics = { topic: 4, topic2: 4, topic3: 4 };
      const r1 = kafkaStep('sticky', topics, [
        sub('consumer1', c1Topics),
        sub('consumer2', all),
        sub('consumer3', c3Topics),
      ]);
      const [p1 = [], p2 = [], p3 = []] = ['consumer1', 'consumer2', 'consumer3'].map(
        (c) => r1.first[c] ?? [],
      );
      expect([p1.length, p2.length, p3.length]).toEqual([4, 4, 4]);
      expect(r1.problems).toEqual([]);

      const r2 = kafkaStep('sticky', topics, [owning('consumer2', all, p2, 1)]);
      const q2 = r2.first['consumer2'] ?? [];
      expect(q2).toHaveLength(12);
      expect(contains(q2, p2)).toBe(true);

      const r3 = kafkaStep('sticky', topics, [
        owning('consumer1', c1Topics, p1, 1),
        owning('consumer2', all, q2, 2),
        owning('consumer3', c3Topics, p3, 1),
      ]);
      const sizes = ['consumer1', 'consumer2', 'consumer3'].map((c) => r3.first[c]?.length);
      expect(sizes).toEqual([4, 4, 4]);
      expect(r3.problems).toEqual([]);
      expect(isBalanced(r3.first)).toBe(true);
    },
  );

  it.each([true, false])(
    'StickyAssignorTest#testAssignmentWithConflictingPreviousGenerations (isAllSubscriptionsEqual = %s)',
    (equal) => {
      const all = ['topic', 'topic2', 'topic3'];
      const c1Topics = equal ? all : ['topic'];
      const c2Topics = equal ? all : ['topic', 'topic2'];
      const c1Owned = equal
        ? ['topic-0', 'topic-1', 'topic-2', 'topic2-2', 'topic2-3', 'topic3-0']
        : ['topic-0', 'topic-1', 'topic-2', 'topic-3'];
      const c2Owned = ['topic-0', 'topic-1', 'topic2-0', 'topic2-1', 'topic2-2', 'topic2-3'];
      const c3Owned = ['topic-2', 'topic-3', 'topic3-0', 'topic3-1', 'topic3-2', 'topic3-3'];
      const step = kafkaStep('sticky', { topic: 4, topic2: 4, topic3: 4 }, [
        owning('consumer1', c1Topics, c1Owned, 1),
        owning('consumer2', c2Topics, c2Owned, 2),
        owning('consumer3', all, c3Owned, 2),
      ]);
      const [a1 = [], a2 = [], a3 = []] = ['consumer1', 'consumer2', 'consumer3'].map(
        (c) => step.first[c] ?? [],
      );
      expect([a1.length, a2.length, a3.length]).toEqual([4, 4, 4]);
      expect(contains(c2Owned, a2)).toBe(true);
      expect(contains(c3Owned, a3)).toBe(true);
      expect(step.problems).toEqual([]);
      expect(isBalanced(step.first)).toBe(true);
    },
  );

  it('StickyAssignorTest#testSchemaBackwardCompatibility', () => {
    // consumer2 uses the old userData schema, which carries no generation.
    const step = kafkaStep('sticky', { topic: 3 }, [
      owning('consumer1', ['topic'], ['topic-0', 'topic-2'], 1),
      { memberId: 'consumer2', topics: ['topic'], ownedPartitions: ['topic-1'] },
      sub('consumer3', ['topic']),
    ]);
    const [a1 = [], a2 = [], a3 = []] = ['consumer1', 'consumer2', 'consumer3'].map(
      (c) => step.first[c] ?? [],
    );
    expect([a1.length, a2.length, a3.length]).toEqual([1, 1, 1]);
    expect(contains(['topic-0', 'topic-2'], a1)).toBe(true);
    expect(contains(['topic-1'], a2)).toBe(true);
    expect(step.problems).toEqual([]);
  });

  it('StickyAssignorTest#testAssignorWithOldVersionSubscriptions', () => {
    const step = kafkaStep('sticky', { topic1: 3 }, [
      owning('consumer1', ['topic1'], ['topic1-0'], gen),
      owning('consumer2', ['topic1'], ['topic1-1'], gen),
      owning('consumer3', ['topic1'], [], gen),
    ]);
    expect(step.first).toEqual({ consumer1: ['topic1-0'], consumer2: ['topic1-1'], consumer3: ['topic1-2'] });
    expect(step.problems).toEqual([]);
  });
});
