import { describe, expect, it } from 'vitest';
import { isBalanced } from './index';
import {
  GENERATION_ID,
  kafkaStep,
  owning,
  sortedLists,
  sub,
  withheld,
  type StickyAssignorName,
} from './stickyTestKit';
import type { Assignment, AssignorMember } from './types';

// Transcribed from Apache Kafka clients/src/test/java/org/apache/kafka/clients/consumer/internals/
// AbstractStickyAssignorTest.java (the version with testTopicBalanceAfterReassignment), which runs once for StickyAssignor and once for CooperativeStickyAssignor, without
// racks. Every Kafka case ends in verifyValidityAndBalance; for cooperative-sticky that first runs the follow-up
// rebalances and its later assertions read the final assignment. Lists are compared in order where Kafka uses
// assertEquals on lists, as sets where it compares HashSets.

interface Case {
  readonly source: string;
  readonly topics: Record<string, number>;
  readonly members: readonly AssignorMember[];
  /** assertEquals(partitions(...), assignment.get(member)). */
  readonly expected?: Assignment;
  /** assertEquals(new HashSet<>(...), new HashSet<>(assignment.get(member))), for the members listed. */
  readonly expectedSets?: Assignment;
  /** assignor.partitionsTransferringOwnership: {} for isEmpty(), null for assertNull. */
  readonly transferring?: Record<string, string> | null;
  /** assertTrue(isFullyBalanced(assignment)). */
  readonly fullyBalanced?: boolean;
}

const gen = GENERATION_ID;
const t123 = ['t1', 't2', 't3'];
const numbered = (topicLists: string[][]): AssignorMember[] =>
  topicLists.map((t, i) => sub(`consumer${i}`, t));
const lists = (...strings: string[]): Assignment =>
  Object.fromEntries(strings.map((s, i) => [`consumer${i}`, s === '' ? [] : s.split(', ')]));

const cases: Case[] = [
  {
    source: 'testOneConsumerNoTopic',
    topics: {},
    members: [sub('consumer', [])],
    expected: { consumer: [] },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testOneConsumerNonexistentTopic',
    topics: { topic: 0 },
    members: [sub('consumer', ['topic'])],
    expected: { consumer: [] },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testOneConsumerOneTopic',
    topics: { topic: 3 },
    members: [sub('consumer', ['topic'])],
    expected: { consumer: ['topic-0', 'topic-1', 'topic-2'] },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testOnlyAssignsPartitionsFromSubscribedTopics',
    topics: { topic: 2 },
    members: [owning('consumer', ['topic'], ['topic-0', 'topic-1', 'other-0', 'other-1'], gen)],
    expected: { consumer: ['topic-0', 'topic-1'] },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testOneConsumerMultipleTopics',
    topics: { topic1: 1, topic2: 2 },
    members: [sub('consumer', ['topic1', 'topic2'])],
    expected: { consumer: ['topic1-0', 'topic2-0', 'topic2-1'] },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testTwoConsumersOneTopicOnePartition',
    topics: { topic: 1 },
    members: [sub('consumer1', ['topic']), sub('consumer2', ['topic'])],
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testTwoConsumersOneTopicTwoPartitions',
    topics: { topic: 2 },
    members: [sub('consumer1', ['topic']), sub('consumer2', ['topic'])],
    expected: { consumer1: ['topic-0'], consumer2: ['topic-1'] },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testMultipleConsumersMixedTopicSubscriptions',
    topics: { topic1: 3, topic2: 2 },
    members: [
      sub('consumer1', ['topic1']),
      sub('consumer2', ['topic1', 'topic2']),
      sub('consumer3', ['topic1']),
    ],
    expected: {
      consumer1: ['topic1-0', 'topic1-2'],
      consumer2: ['topic2-0', 'topic2-1'],
      consumer3: ['topic1-1'],
    },
    transferring: null,
    fullyBalanced: true,
  },
  {
    source: 'testTwoConsumersTwoTopicsSixPartitions',
    topics: { topic1: 3, topic2: 3 },
    members: [sub('consumer1', ['topic1', 'topic2']), sub('consumer2', ['topic1', 'topic2'])],
    expected: {
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testConsumerOwningMinQuotaExpectedMaxQuota',
    topics: { topic1: 2, topic2: 3 },
    members: [
      owning('consumer1', ['topic1', 'topic2'], ['topic1-0', 'topic2-1'], gen),
      owning('consumer2', ['topic1', 'topic2'], ['topic1-1', 'topic2-2'], gen),
    ],
    expected: { consumer1: ['topic1-0', 'topic2-1', 'topic2-0'], consumer2: ['topic1-1', 'topic2-2'] },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers',
    topics: { topic1: 2, topic2: 2 },
    members: [
      owning('consumer1', ['topic1', 'topic2'], ['topic1-0', 'topic2-0'], gen),
      owning('consumer2', ['topic1', 'topic2'], ['topic1-1', 'topic2-1'], gen),
      owning('consumer3', ['topic1', 'topic2'], [], gen),
    ],
    expected: { consumer1: ['topic1-0'], consumer2: ['topic1-1', 'topic2-1'], consumer3: ['topic2-0'] },
    transferring: { 'topic2-0': 'consumer3' },
    fullyBalanced: true,
  },
  {
    source: 'testAllConsumersAreUnderMinQuota',
    topics: { topic1: 2, topic2: 3 },
    members: [
      owning('consumer1', ['topic1', 'topic2'], ['topic1-0'], gen),
      owning('consumer2', ['topic1', 'topic2'], ['topic1-1'], gen),
      owning('consumer3', ['topic1', 'topic2'], [], gen),
    ],
    expected: {
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
      consumer3: ['topic2-0'],
    },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testPoorRoundRobinAssignmentScenario',
    topics: { topic1: 2, topic2: 1, topic3: 2, topic4: 1, topic5: 2 },
    members: [
      sub('consumer1', ['topic1', 'topic2', 'topic3', 'topic4', 'topic5']),
      sub('consumer2', ['topic1', 'topic3', 'topic5']),
      sub('consumer3', ['topic1', 'topic3', 'topic5']),
      sub('consumer4', ['topic1', 'topic2', 'topic3', 'topic4', 'topic5']),
    ],
  },
  {
    source: 'testMoveExistingAssignments',
    topics: { topic1: 1, topic2: 1, topic3: 1, topic4: 1, topic5: 1, topic6: 1 },
    members: [
      owning('consumer1', ['topic1', 'topic2'], ['topic1-0'], gen),
      owning('consumer2', ['topic1', 'topic2', 'topic3', 'topic4'], ['topic2-0', 'topic3-0'], gen),
      owning(
        'consumer3',
        ['topic2', 'topic3', 'topic4', 'topic5', 'topic6'],
        ['topic4-0', 'topic5-0', 'topic6-0'],
        gen,
      ),
    ],
    transferring: null,
  },
  {
    source: 'testAllConsumersReachExpectedQuotaAndAreConsideredFilled',
    topics: { topic: 4 },
    members: [
      owning('consumer1', ['topic'], ['topic-0', 'topic-1'], gen),
      owning('consumer2', ['topic'], ['topic-2'], gen),
      owning('consumer3', ['topic'], [], gen),
    ],
    expected: { consumer1: ['topic-0', 'topic-1'], consumer2: ['topic-2'], consumer3: ['topic-3'] },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration',
    topics: { topic: 3, topic2: 3 },
    members: [
      owning('consumer1', ['topic', 'topic2'], ['topic-0', 'topic-2', 'topic2-1'], 10),
      owning('consumer2', ['topic', 'topic2'], ['topic-0', 'topic-2', 'topic2-1'], 9),
    ],
    expectedSets: {
      consumer1: ['topic-0', 'topic-2', 'topic2-1'],
      consumer2: ['topic-1', 'topic2-0', 'topic2-2'],
    },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration',
    topics: { topic: 3, topic2: 3 },
    members: [
      owning('consumer1', ['topic', 'topic2'], ['topic-0', 'topic-2', 'topic2-1'], 10),
      owning('consumer2', ['topic', 'topic2'], ['topic-0', 'topic-2', 'topic2-1'], -1),
    ],
    expectedSets: {
      consumer1: ['topic-0', 'topic-2', 'topic2-1'],
      consumer2: ['topic-1', 'topic2-0', 'topic2-2'],
    },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source:
      'testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration',
    topics: { topic: 3 },
    members: [
      owning('consumer1', ['topic'], ['topic-0', 'topic-1'], gen),
      owning('consumer2', ['topic'], ['topic-0', 'topic-2'], gen),
      owning('consumer3', ['topic'], [], gen),
    ],
    expected: { consumer1: ['topic-1'], consumer2: ['topic-2'], consumer3: ['topic-0'] },
    transferring: { 'topic-0': 'consumer3' },
    fullyBalanced: true,
  },
  {
    source: 'testEnsurePartitionsAssignedToHighestGeneration',
    topics: { topic: 3, topic2: 3, topic3: 3 },
    members: [
      owning('consumer1', ['topic', 'topic2', 'topic3'], ['topic-0', 'topic2-0', 'topic3-0'], 10),
      owning('consumer2', ['topic', 'topic2', 'topic3'], ['topic-1', 'topic2-1', 'topic3-1'], 9),
      owning('consumer3', ['topic', 'topic2', 'topic3'], ['topic2-1', 'topic3-0', 'topic3-2'], 8),
    ],
    expectedSets: {
      consumer1: ['topic-0', 'topic2-0', 'topic3-0'],
      consumer2: ['topic-1', 'topic2-1', 'topic3-1'],
      consumer3: ['topic-2', 'topic2-2', 'topic3-2'],
    },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testNoReassignmentOnCurrentMembers',
    topics: { topic: 3, topic1: 3, topic2: 3, topic3: 3 },
    members: [
      owning('consumer1', ['topic', 'topic2', 'topic3', 'topic1'], [], -1),
      owning('consumer2', ['topic', 'topic2', 'topic3', 'topic1'], ['topic-0', 'topic2-0', 'topic1-0'], 9),
      owning('consumer3', ['topic', 'topic2', 'topic3', 'topic1'], ['topic3-2', 'topic2-2', 'topic1-1'], 8),
      owning('consumer4', ['topic', 'topic2', 'topic3', 'topic1'], ['topic3-1', 'topic-1', 'topic-2'], 7),
    ],
    expectedSets: { consumer1: ['topic1-2', 'topic2-1', 'topic3-0'] },
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration',
    topics: { topic: 3, topic2: 3 },
    members: [
      owning('consumer1', ['topic', 'topic2'], ['topic-0', 'topic2-1', 'topic-1'], 10),
      owning('consumer2', ['topic', 'topic2'], ['topic-0', 'topic2-1', 'topic2-2'], 8),
    ],
    expectedSets: {
      consumer1: ['topic-0', 'topic2-1', 'topic-1'],
      consumer2: ['topic-2', 'topic2-2', 'topic2-0'],
    },
    transferring: {},
    fullyBalanced: true,
  },
  {
    // Only topic1 and topic3 exist; topic2 is subscribed but missing.
    source: 'testAssignmentUpdatedForDeletedTopic',
    topics: { topic1: 1, topic3: 100 },
    members: [sub('consumer', ['topic1', 'topic2', 'topic3'])],
    transferring: {},
    fullyBalanced: true,
  },
  {
    source: 'testRackAwareAssignmentWithUniformSubscription (non-rack-aware expectation, nothing owned)',
    topics: { t1: 6, t2: 7, t3: 2 },
    members: numbered([t123, t123, t123]),
    expected: lists(
      't1-0, t1-3, t2-0, t2-3, t2-6',
      't1-1, t1-4, t2-1, t2-4, t3-0',
      't1-2, t1-5, t2-2, t2-5, t3-1',
    ),
  },
  {
    source: 'testRackAwareAssignmentWithNonEqualSubscription (non-rack-aware expectation, nothing owned)',
    topics: { t1: 6, t2: 7, t3: 2 },
    members: numbered([t123, t123, ['t1', 't3']]),
    expectedSets: lists(
      't1-5, t2-0, t2-2, t2-4, t2-6',
      't1-3, t2-1, t2-3, t2-5, t3-0',
      't1-0, t1-1, t1-2, t1-4, t3-1',
    ),
  },
];

const assignors: StickyAssignorName[] = ['sticky', 'cooperative-sticky'];

describe.each(assignors)('AbstractStickyAssignorTest with %s', (assignor) => {
  it.each(cases)('$source', ({ topics, members, expected, expectedSets, transferring, fullyBalanced }) => {
    const step = kafkaStep(assignor, topics, members);
    expect(step.problems).toEqual([]);
    if (transferring !== undefined) expect(step.transferring).toEqual(transferring);
    if (expected !== undefined) {
      expect(step.final).toEqual(expected);
      if (assignor === 'cooperative-sticky' && transferring)
        expect(step.first).toEqual(withheld(expected, transferring));
    }
    if (expectedSets !== undefined) {
      const actual = sortedLists(step.final);
      for (const [member, partitions] of Object.entries(expectedSets))
        expect(actual[member]).toEqual([...partitions].sort());
    }
    if (fullyBalanced) expect(isBalanced(step.final)).toBe(true);
  });

  it('testAssignmentUpdatedForDeletedTopic assigns all 101 partitions of the existing topics', () => {
    const step = kafkaStep(assignor, { topic1: 1, topic3: 100 }, [
      sub('consumer', ['topic1', 'topic2', 'topic3']),
    ]);
    expect(step.final['consumer']).toHaveLength(101);
  });

  it('testAddRemoveConsumerOneTopic', () => {
    const topics = { topic: 3 };
    const one = kafkaStep(assignor, topics, [sub('consumer1', ['topic'])]);
    expect(one.final).toEqual({ consumer1: ['topic-0', 'topic-1', 'topic-2'] });
    expect(one.problems).toEqual([]);

    const two = kafkaStep(assignor, topics, [
      owning('consumer1', ['topic'], one.final['consumer1'] ?? [], gen),
      owning('consumer2', ['topic'], [], gen),
    ]);
    expect(two.transferring).toEqual({ 'topic-2': 'consumer2' });
    expect(two.problems).toEqual([]);
    expect(two.final).toEqual({ consumer1: ['topic-0', 'topic-1'], consumer2: ['topic-2'] });

    const three = kafkaStep(assignor, topics, [
      owning('consumer2', ['topic'], two.final['consumer2'] ?? [], gen),
    ]);
    expect(sortedLists(three.final)).toEqual({ consumer2: ['topic-0', 'topic-1', 'topic-2'] });
    expect(three.transferring).toEqual({});
    expect(three.problems).toEqual([]);
  });

  it('testAddRemoveTwoConsumersTwoTopics', () => {
    const topics = { topic1: 3, topic2: 4 };
    const all = ['topic1', 'topic2'];
    const one = kafkaStep(assignor, topics, [sub('consumer1', all), sub('consumer2', all)]);
    expect(one.final).toEqual({
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1', 'topic2-3'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    });
    expect(one.transferring).toEqual({});

    const two = kafkaStep(assignor, topics, [
      owning('consumer1', all, one.final['consumer1'] ?? [], gen),
      owning('consumer2', all, one.final['consumer2'] ?? [], gen),
      owning('consumer3', all, [], gen),
      owning('consumer4', all, [], gen),
    ]);
    expect(two.transferring).toEqual({
      'topic1-2': 'consumer3',
      'topic2-3': 'consumer3',
      'topic2-2': 'consumer4',
    });
    expect(two.problems).toEqual([]);
    expect(two.final).toEqual({
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic2-0', 'topic1-1'],
      consumer3: ['topic1-2', 'topic2-3'],
      consumer4: ['topic2-2'],
    });
    expect(isBalanced(two.final)).toBe(true);

    const three = kafkaStep(assignor, topics, [
      owning('consumer3', all, two.final['consumer3'] ?? [], gen),
      owning('consumer4', all, two.final['consumer4'] ?? [], gen),
    ]);
    expect(three.final).toEqual({
      consumer3: ['topic1-2', 'topic2-3', 'topic1-0', 'topic2-1'],
      consumer4: ['topic2-2', 'topic1-1', 'topic2-0'],
    });
    expect(three.transferring).toEqual({});
    expect(three.problems).toEqual([]);
  });

  it('testTopicBalanceAfterReassignment: every member keeps an equal share of each topic', () => {
    const topics = { topic1: 12, topic2: 12 };
    const all = ['topic1', 'topic2'];
    const perTopic = (assignment: Assignment, topic: string): number[] =>
      Object.values(assignment).map((tps) => tps.filter((tp) => tp.startsWith(`${topic}-`)).length);

    const one = kafkaStep(assignor, topics, [sub('consumer1', all)]);
    expect(one.problems).toEqual([]);
    expect([perTopic(one.final, 'topic1'), perTopic(one.final, 'topic2')]).toEqual([[12], [12]]);
    expect(one.transferring).toEqual({});

    const two = kafkaStep(assignor, topics, [
      owning('consumer1', all, one.final['consumer1'] ?? [], gen),
      owning('consumer2', all, [], gen),
    ]);
    expect(two.problems).toEqual([]);
    expect([perTopic(two.final, 'topic1'), perTopic(two.final, 'topic2')]).toEqual([
      [6, 6],
      [6, 6],
    ]);

    const four = kafkaStep(assignor, topics, [
      owning('consumer1', all, two.final['consumer1'] ?? [], gen),
      owning('consumer2', all, two.final['consumer2'] ?? [], gen),
      owning('consumer3', all, [], gen),
      owning('consumer4', all, [], gen),
    ]);
    expect(four.problems).toEqual([]);
    expect([perTopic(four.final, 'topic1'), perTopic(four.final, 'topic2')]).toEqual([
      [3, 3, 3, 3],
      [3, 3, 3, 3],
    ]);

    const back = kafkaStep(assignor, topics, [
      owning('consumer3', all, four.final['consumer3'] ?? [], gen),
      owning('consumer4', all, four.final['consumer4'] ?? [], gen),
    ]);
    expect(back.problems).toEqual([]);
    expect([perTopic(back.final, 'topic1'), perTopic(back.final, 'topic2')]).toEqual([
      [6, 6],
      [6, 6],
    ]);
    expect(back.transferring).toEqual({});
    expect(isBalanced(back.final)).toBe(true);
  });

  it('testAddRemoveTopicTwoConsumers', () => {
    const one = kafkaStep(assignor, { topic: 3 }, [sub('consumer1', ['topic']), sub('consumer2', ['topic'])]);
    expect(one.transferring).toEqual({});
    expect(isBalanced(one.final)).toBe(true);
    const c1 = one.final['consumer1'] ?? [];
    const c2 = one.final['consumer2'] ?? [];
    expect([c1.length, c2.length].sort()).toEqual([1, 2]);

    const both = ['topic', 'topic2'];
    const two = kafkaStep(assignor, { topic: 3, topic2: 3 }, [
      owning('consumer1', both, c1, gen),
      owning('consumer2', both, c2, gen),
    ]);
    expect(two.transferring).toEqual({});
    expect(two.problems).toEqual([]);
    const c1b = two.final['consumer1'] ?? [];
    const c2b = two.final['consumer2'] ?? [];
    expect([c1b.length, c2b.length]).toEqual([3, 3]);
    expect(c1b).toEqual(expect.arrayContaining(c1));
    expect(c2b).toEqual(expect.arrayContaining(c2));

    const three = kafkaStep(assignor, { topic2: 3 }, [
      owning('consumer1', ['topic2'], c1b, gen),
      owning('consumer2', ['topic2'], c2b, gen),
    ]);
    expect(three.transferring).toEqual({});
    expect(three.problems).toEqual([]);
    const c1c = three.final['consumer1'] ?? [];
    const c2c = three.final['consumer2'] ?? [];
    expect([c1c.length, c2c.length].sort()).toEqual([1, 2]);
    expect(c1b).toEqual(expect.arrayContaining(c1c));
    expect(c2b).toEqual(expect.arrayContaining(c2c));
  });

  it('testReassignmentAfterOneConsumerLeaves', () => {
    const pad = (i: number): string => String(i).padStart(2, '0');
    const topics = Object.fromEntries(Array.from({ length: 19 }, (_, k) => [`t${pad(k + 1)}`, k + 1]));
    const topicsOf = (i: number): string[] => Array.from({ length: i }, (_, j) => `t${pad(j + 1)}`);
    const members = Array.from({ length: 19 }, (_, k) => sub(`c${pad(k + 1)}`, topicsOf(k + 1)));
    const one = kafkaStep(assignor, topics, members);
    expect(one.problems).toEqual([]);
    // Kafka then removes "consumer10", a name no member has (they are c01..c19), so every member stays.
    const owned = members
      .map((m) => owning(m.memberId, [...m.topics], one.final[m.memberId] ?? [], gen))
      .filter((m) => m.memberId !== 'consumer10');
    expect(kafkaStep(assignor, topics, owned).problems).toEqual([]);
  });

  it('testReassignmentAfterOneConsumerAdded', () => {
    const consumers = Array.from({ length: 9 }, (_, k) => sub(`c0${k + 1}`, ['topic']));
    const one = kafkaStep(assignor, { topic: 20 }, consumers);
    expect(one.transferring).toEqual({});
    expect(one.problems).toEqual([]);
    const two = kafkaStep(assignor, { topic: 20 }, [...consumers, sub('c10', ['topic'])]);
    expect(two.transferring).toEqual({});
    expect(two.problems).toEqual([]);
  });

  it('testSameSubscriptions', () => {
    const pad = (i: number): string => String(i).padStart(2, '0');
    const topics = Object.fromEntries(Array.from({ length: 14 }, (_, k) => [`t${pad(k + 1)}`, k + 1]));
    const all = Object.keys(topics);
    const members = Array.from({ length: 8 }, (_, k) => sub(`c${k + 1}`, all));
    const one = kafkaStep(assignor, topics, members);
    expect(one.transferring).toEqual({});
    expect(one.problems).toEqual([]);
    const owned = members
      .filter((m) => m.memberId !== 'c5')
      .map((m) => owning(m.memberId, all, one.final[m.memberId] ?? [], gen));
    const two = kafkaStep(assignor, topics, owned);
    expect(two.transferring).toEqual({});
    expect(two.problems).toEqual([]);
  });

  it('testSubscriptionNotEqualAndAssignSamePartitionWith3Generation', () => {
    const sequences = [
      [1, 2, 3],
      [1, 3, 2],
      [2, 1, 3],
      [2, 3, 1],
      [3, 1, 2],
      [3, 2, 1],
    ];
    for (const [g1 = 0, g2 = 0, g3 = 0] of sequences) {
      const members = [
        owning('consumer1', ['topic'], ['topic-0', 'topic-2'], g1),
        owning('consumer2', ['topic'], ['topic-1', 'topic-2', 'topic-3'], g2),
        owning('consumer3', ['topic'], ['topic-2', 'topic-4', 'topic-5'], g3),
        owning('consumer4', ['topic1'], ['topic1-0'], 2),
      ];
      const { first } = kafkaStep(assignor, { topic: 6, topic1: 1 }, members);
      const all = Object.values(first).flat();
      expect(new Set(all).size).toBe(all.length);
      for (const partitions of Object.values(first)) {
        expect(partitions.length).toBeGreaterThanOrEqual(1);
        expect(partitions.length).toBeLessThanOrEqual(2);
      }
    }
  });

  it('testNewSubscription', () => {
    const topics = { t1: 1, t2: 1, t3: 1, t4: 1 };
    const one = kafkaStep(assignor, topics, [
      sub('c0', []),
      sub('c1', ['t1']),
      sub('c2', ['t2', 't3', 't4']),
    ]);
    expect(one.problems).toEqual([]);
    const two = kafkaStep(assignor, topics, [
      sub('c0', ['t1']),
      sub('c1', ['t1']),
      sub('c2', ['t2', 't3', 't4']),
    ]);
    expect(two.problems).toEqual([]);
  });

  it('testStickiness', () => {
    const members = ['consumer1', 'consumer2', 'consumer3', 'consumer4'].map((id) => sub(id, ['topic1']));
    const one = kafkaStep(assignor, { topic1: 3 }, members);
    expect(one.transferring).toEqual({});
    expect(one.problems).toEqual([]);
    for (const partitions of Object.values(one.final)) expect(partitions.length).toBeLessThanOrEqual(1);

    const remaining = ['consumer2', 'consumer3', 'consumer4'];
    const two = kafkaStep(
      assignor,
      { topic1: 3 },
      remaining.map((id) => owning(id, ['topic1'], one.final[id] ?? [], gen)),
    );
    expect(two.transferring).toEqual({});
    expect(two.problems).toEqual([]);
    for (const id of remaining) {
      expect(two.final[id]).toHaveLength(1);
      const before = one.final[id] ?? [];
      if (before.length === 1) expect(two.final[id]).toEqual(before);
    }
  });

  it('testNoExceptionThrownWhenOnlySubscribedTopicDeleted', () => {
    const one = kafkaStep(assignor, { topic: 3 }, [sub('consumer', ['topic'])]);
    expect(one.transferring).toEqual({});
    const two = kafkaStep(assignor, {}, [owning('consumer', ['topic'], one.final['consumer'] ?? [], gen)]);
    expect(two.transferring).toEqual({});
    expect(two.final).toEqual({ consumer: [] });
  });

  it('testRackAwareAssignmentWithUniformSubscription (non-rack-aware): owning the expected assignment keeps it', () => {
    if (assignor === 'sticky') return; // StickyAssignor reads ownership from userData, which this Kafka test leaves empty
    const expected = lists(
      't1-0, t1-3, t2-0, t2-3, t2-6',
      't1-1, t1-4, t2-1, t2-4, t3-0',
      't1-2, t1-5, t2-2, t2-5, t3-1',
    );
    const members = numbered([t123, t123, t123]).map((m) =>
      owning(m.memberId, [...m.topics], expected[m.memberId] ?? [], -1),
    );
    expect(sortedLists(kafkaStep(assignor, { t1: 6, t2: 7, t3: 2 }, members).first)).toEqual(
      sortedLists(expected),
    );
  });

  it('testRackAwareAssignmentWithNonEqualSubscription (non-rack-aware): owning the expected assignment keeps it', () => {
    if (assignor === 'sticky') return; // as above: no userData, so nothing owned
    const expected = lists(
      't1-5, t2-0, t2-2, t2-4, t2-6',
      't1-3, t2-1, t2-3, t2-5, t3-0',
      't1-0, t1-1, t1-2, t1-4, t3-1',
    );
    const members = numbered([t123, t123, ['t1', 't3']]).map((m) =>
      owning(m.memberId, [...m.topics], expected[m.memberId] ?? [], -1),
    );
    expect(sortedLists(kafkaStep(assignor, { t1: 6, t2: 7, t3: 2 }, members).first)).toEqual(
      sortedLists(expected),
    );
  });
});
