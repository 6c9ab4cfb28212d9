import { describe, expect, it } from 'vitest';
import { assignPartitions, isBalanced } from './index';
import { kafkaStep, owning, sortedLists, GENERATION_ID as gen } from './stickyTestKit';
import type { Assignment, AssignorMember } from './types';

// Transcribed from Apache Kafka clients/src/test/java/org/apache/kafka/clients/consumer/CooperativeStickyAssignorTest.java
// and the CooperativeStickyAssignor-only branches of AbstractStickyAssignorTest. These assertions read the
// assignor's own result for the rebalance, before any follow-up rebalance.

const lists = (...strings: string[]): Assignment =>
  Object.fromEntries(strings.map((s, i) => [`consumer${i}`, s === '' ? [] : s.split(', ')]));
const withOwned = (topicLists: string[][], owned: Assignment): AssignorMember[] =>
  topicLists.map((topics, i) => owning(`consumer${i}`, topics, owned[`consumer${i}`] ?? [], -1));
const cooperative = (topics: Record<string, number>, members: readonly AssignorMember[]): Assignment =>
  assignPartitions({ assignor: 'cooperative-sticky', topics, members });

describe('CooperativeStickyAssignor (classic "cooperative-sticky")', () => {
  it('CooperativeStickyAssignorTest#testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer', () => {
    const members = [
      owning('consumer1', ['topic'], ['topic-0', 'topic-1'], gen),
      owning('consumer2', ['topic'], ['topic-0', 'topic-2'], gen),
      owning('consumer3', ['topic'], [], gen),
    ];
    const first = cooperative({ topic: 3 }, members);
    // topic-0 counts as owned, so it cannot move until both claimants have revoked it.
    expect(first).toEqual({ consumer1: ['topic-1'], consumer2: ['topic-2'], consumer3: [] });
    const step = kafkaStep('cooperative-sticky', { topic: 3 }, members);
    expect(step.problems).toEqual([]);
    expect(isBalanced(step.final)).toBe(true);
  });

  it('CooperativeStickyAssignorTest#testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer', () => {
    const members = [
      owning('consumer1', ['topic'], ['topic-0', 'topic-1'], gen),
      owning('consumer2', ['topic'], ['topic-0', 'topic-2'], gen),
      owning('consumer3', ['topic'], [], gen),
    ];
    expect(cooperative({ topic: 4 }, members)).toEqual({
      consumer1: ['topic-1', 'topic-3'],
      consumer2: ['topic-2'],
      consumer3: [],
    });
    const step = kafkaStep('cooperative-sticky', { topic: 4 }, members);
    expect(step.problems).toEqual([]);
    expect(isBalanced(step.final)).toBe(true);
  });

  it('CooperativeStickyAssignorTest#testAssignorWithOldVersionSubscriptions', () => {
    // Two members report ownership the ConsumerProtocol v1 way (generation in userData); to us it is the same data.
    const members = [
      owning('consumer1', ['topic1'], ['topic1-0'], gen),
      owning('consumer2', ['topic1'], ['topic1-1'], gen),
      owning('consumer3', ['topic1'], [], gen),
    ];
    expect(cooperative({ topic1: 3 }, members)).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1'],
      consumer3: ['topic1-2'],
    });
  });

  it('AbstractStickyAssignorTest#testRackAwareAssignmentWithNonEqualSubscription (non-rack-aware, cooperative branch)', () => {
    // replication factor 3 on 3 racks puts every partition on every rack, so racks play no part here.
    const topics = { t1: 6, t2: 7, t3: 2 };
    const topicLists = [
      ['t1', 't2', 't3'],
      ['t1', 't2', 't3'],
      ['t1', 't3'],
    ];
    const owned = lists(
      't1-0, t1-1, t1-2, t1-3, t1-4',
      't1-5, t2-0, t2-1, t2-2, t2-3',
      't2-4, t2-5, t2-6, t3-0, t3-1',
    );
    const intermediate = lists('t1-2, t1-3, t1-4', 't2-0, t2-1, t2-2, t2-3', 't3-0, t3-1');
    const assignment = lists(
      't1-2, t1-3, t1-4, t2-4, t2-5',
      't2-0, t2-1, t2-2, t2-3, t2-6',
      't1-0, t1-1, t1-5, t3-0, t3-1',
    );
    expect(sortedLists(cooperative(topics, withOwned(topicLists, owned)))).toEqual(intermediate);
    expect(sortedLists(cooperative(topics, withOwned(topicLists, intermediate)))).toEqual(assignment);
  });
});
