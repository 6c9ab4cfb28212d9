import { describe, expect, it } from 'vitest';
import { assignPartitions } from './index';
import type { AssignorMember } from './types';

// Cases transcribed from Apache Kafka clients/src/test/java/org/apache/kafka/clients/consumer/RangeAssignorTest.java
// (the non-rack expectations) and the RangeAssignor javadoc. Kafka compares each member's partitions as a set
// (assertAssignment, toSortedString), so we compare sorted copies.

interface Case {
  readonly source: string;
  readonly topics: Record<string, number>;
  readonly members: readonly AssignorMember[];
  readonly expected: Record<string, string[]>;
}

const dyn = (memberId: string, topics: string[]): AssignorMember => ({ memberId, topics });
const stat = (memberId: string, groupInstanceId: string, topics: string[]): AssignorMember => ({
  memberId,
  groupInstanceId,
  topics,
});
const split = (list: string): string[] => (list === '' ? [] : list.split(', '));
const numbered = (lists: string[], topics: string[][]): Pick<Case, 'members' | 'expected'> => ({
  members: topics.map((t, i) => dyn(`consumer${i}`, t)),
  expected: Object.fromEntries(lists.map((list, i) => [`consumer${i}`, split(list)])),
});
const all3 = ['t1', 't2', 't3'];

const cases: Case[] = [
  {
    source: 'RangeAssignor javadoc (C0, C1; t0, t1 with 3 partitions each)',
    topics: { t0: 3, t1: 3 },
    members: [dyn('C0', ['t0', 't1']), dyn('C1', ['t0', 't1'])],
    expected: { C0: ['t0-0', 't0-1', 't1-0', 't1-1'], C1: ['t0-2', 't1-2'] },
  },
  {
    source: 'RangeAssignorTest#testOneConsumerNoTopic',
    topics: {},
    members: [dyn('consumer1', [])],
    expected: { consumer1: [] },
  },
  {
    source: 'RangeAssignorTest#testOneConsumerNonexistentTopic',
    topics: {},
    members: [dyn('consumer1', ['topic1'])],
    expected: { consumer1: [] },
  },
  {
    source: 'RangeAssignorTest#testOneConsumerOneTopic',
    topics: { topic1: 3 },
    members: [dyn('consumer1', ['topic1'])],
    expected: { consumer1: ['topic1-0', 'topic1-1', 'topic1-2'] },
  },
  {
    source: 'RangeAssignorTest#testOnlyAssignsPartitionsFromSubscribedTopics',
    topics: { topic1: 3, other: 3 },
    members: [dyn('consumer1', ['topic1'])],
    expected: { consumer1: ['topic1-0', 'topic1-1', 'topic1-2'] },
  },
  {
    source: 'RangeAssignorTest#testOneConsumerMultipleTopics',
    topics: { topic1: 1, topic2: 2 },
    members: [dyn('consumer1', ['topic1', 'topic2'])],
    expected: { consumer1: ['topic1-0', 'topic2-0', 'topic2-1'] },
  },
  {
    source: 'RangeAssignorTest#testTwoConsumersOneTopicOnePartition',
    topics: { topic1: 1 },
    members: [dyn('consumer1', ['topic1']), dyn('consumer2', ['topic1'])],
    expected: { consumer1: ['topic1-0'], consumer2: [] },
  },
  {
    source: 'RangeAssignorTest#testTwoConsumersOneTopicTwoPartitions',
    topics: { topic1: 2 },
    members: [dyn('consumer1', ['topic1']), dyn('consumer2', ['topic1'])],
    expected: { consumer1: ['topic1-0'], consumer2: ['topic1-1'] },
  },
  {
    source: 'RangeAssignorTest#testMultipleConsumersMixedTopics',
    topics: { topic1: 3, topic2: 2 },
    members: [
      dyn('consumer1', ['topic1']),
      dyn('consumer2', ['topic1', 'topic2']),
      dyn('consumer3', ['topic1']),
    ],
    expected: {
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-1'],
      consumer3: ['topic1-2'],
    },
  },
  {
    source: 'RangeAssignorTest#testTwoConsumersTwoTopicsSixPartitions',
    topics: { topic1: 3, topic2: 3 },
    members: [dyn('consumer1', ['topic1', 'topic2']), dyn('consumer2', ['topic1', 'topic2'])],
    expected: {
      consumer1: ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      consumer2: ['topic1-2', 'topic2-2'],
    },
  },
  {
    // consumer-a sorts before consumer-b by member id, but instance ids decide between static members.
    source: 'RangeAssignorTest#testTwoStaticConsumersTwoTopicsSixPartitions',
    topics: { topic1: 3, topic2: 3 },
    members: [
      stat('consumer-b', 'instance1', ['topic1', 'topic2']),
      stat('consumer-a', 'instance2', ['topic1', 'topic2']),
    ],
    expected: {
      'consumer-b': ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      'consumer-a': ['topic1-2', 'topic2-2'],
    },
  },
  {
    source: 'RangeAssignorTest#testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions',
    topics: { topic1: 3, topic2: 3 },
    members: [stat('consumer-b', 'instance1', ['topic1', 'topic2']), dyn('consumer-a', ['topic1', 'topic2'])],
    expected: {
      'consumer-b': ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      'consumer-a': ['topic1-2', 'topic2-2'],
    },
  },
  {
    source: 'RangeAssignorTest#testRackAwareAssignmentWithUniformSubscription (non-rack-aware expectation)',
    topics: { t1: 6, t2: 7, t3: 2 },
    ...numbered(
      ['t1-0, t1-1, t2-0, t2-1, t2-2, t3-0', 't1-2, t1-3, t2-3, t2-4, t3-1', 't1-4, t1-5, t2-5, t2-6'],
      [all3, all3, all3],
    ),
  },
  {
    source: 'RangeAssignorTest#testRackAwareAssignmentWithNonEqualSubscription (non-rack-aware expectation)',
    topics: { t1: 6, t2: 7, t3: 2 },
    ...numbered(
      ['t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0', 't1-2, t1-3, t2-4, t2-5, t2-6, t3-1', 't1-4, t1-5'],
      [all3, all3, ['t1', 't3']],
    ),
  },
  {
    source: 'RangeAssignorTest#testRackAwareAssignmentWithUniformPartitions (non-rack-aware expectation)',
    topics: { t1: 5, t2: 5, t3: 5 },
    ...numbered(
      ['t1-0, t1-1, t2-0, t2-1, t3-0, t3-1', 't1-2, t1-3, t2-2, t2-3, t3-2, t3-3', 't1-4, t2-4, t3-4'],
      [all3, all3, all3],
    ),
  },
  {
    source:
      'RangeAssignorTest#testRackAwareAssignmentWithUniformPartitionsNonEqualSubscription (non-rack-aware)',
    topics: { t1: 5, t2: 5, t3: 5 },
    ...numbered(
      ['t1-0, t1-1, t2-0, t2-1, t2-2, t3-0, t3-1', 't1-2, t1-3, t2-3, t2-4, t3-2, t3-3', 't1-4, t3-4'],
      [all3, all3, ['t1', 't3']],
    ),
  },
  {
    source: 'RangeAssignorTest#testRackAwareAssignmentWithCoPartitioning (non-rack-aware, two topic pairs)',
    topics: { t1: 6, t2: 6, t3: 2, t4: 2 },
    ...numbered(
      [
        't1-0, t1-1, t1-2, t2-0, t2-1, t2-2',
        't1-3, t1-4, t1-5, t2-3, t2-4, t2-5',
        't3-0, t4-0',
        't3-1, t4-1',
      ],
      [
        ['t1', 't2'],
        ['t1', 't2'],
        ['t3', 't4'],
        ['t3', 't4'],
      ],
    ),
  },
  {
    source: 'RangeAssignorTest#testRackAwareAssignmentWithCoPartitioning (non-rack-aware, all topics)',
    topics: { t1: 6, t2: 6, t3: 2, t4: 2 },
    ...numbered(
      [
        't1-0, t1-1, t2-0, t2-1, t3-0, t4-0',
        't1-2, t1-3, t2-2, t2-3, t3-1, t4-1',
        't1-4, t2-4',
        't1-5, t2-5',
      ],
      [
        ['t1', 't2', 't3', 't4'],
        ['t1', 't2', 't3', 't4'],
        ['t1', 't2', 't3', 't4'],
        ['t1', 't2', 't3', 't4'],
      ],
    ),
  },
  {
    // t7, t8 and t9 are subscribed but do not exist.
    source: 'RangeAssignorTest#testCoPartitionedAssignmentWithSameSubscription (non-rack-aware expectation)',
    topics: { t1: 6, t2: 6, t3: 2, t4: 2, t5: 4, t6: 4 },
    ...numbered(
      [
        't1-0, t1-1, t2-0, t2-1, t3-0, t4-0, t5-0, t5-1, t6-0, t6-1',
        't1-2, t1-3, t2-2, t2-3, t3-1, t4-1, t5-2, t6-2',
        't1-4, t1-5, t2-4, t2-5, t5-3, t6-3',
      ],
      Array.from({ length: 3 }, () => ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']),
    ),
  },
];

const asSets = (assignment: Record<string, string[]>): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(assignment).map(([member, partitions]) => [member, [...partitions].sort()]),
  );

describe('client RangeAssignor (classic "range")', () => {
  it.each(cases)('$source', ({ topics, members, expected }) => {
    expect(asSets(assignPartitions({ assignor: 'range', topics, members }))).toEqual(asSets(expected));
  });

  it('RangeAssignorTest#testStaticMemberRangeAssignmentPersistent: static ranges survive replacing a dynamic member', () => {
    const topics = { topic1: 5, topic2: 4 };
    const both = ['topic1', 'topic2'];
    const statics = [
      stat('consumer1', 'instance1', both),
      stat('consumer2', 'instance2', both),
      stat('consumer3', 'instance3', both),
    ];
    const expectedStatic = {
      consumer1: ['topic1-0', 'topic1-1', 'topic2-0'],
      consumer2: ['topic1-2', 'topic2-1'],
      consumer3: ['topic1-3', 'topic2-2'],
    };
    // Kafka asserts these lists with assertEquals, in this order.
    expect(
      assignPartitions({ assignor: 'range', topics, members: [...statics, dyn('consumer4', both)] }),
    ).toEqual({
      ...expectedStatic,
      consumer4: ['topic1-4', 'topic2-3'],
    });
    expect(
      assignPartitions({ assignor: 'range', topics, members: [...statics, dyn('consumer5', both)] }),
    ).toEqual({
      ...expectedStatic,
      consumer5: ['topic1-4', 'topic2-3'],
    });
  });

  it('RangeAssignorTest#testStaticMemberRangeAssignmentPersistentAfterMemberIdChanges', () => {
    const topics = { topic1: 5, topic2: 5 };
    const both = ['topic1', 'topic2'];
    const byInstance = (members: AssignorMember[]): Record<string, string[]> => {
      const result = assignPartitions({ assignor: 'range', topics, members });
      return asSets(
        Object.fromEntries(members.map((m) => [m.groupInstanceId ?? '', result[m.memberId] ?? []])),
      );
    };
    const before = byInstance([
      stat('consumer1', 'instance1', both),
      stat('consumer2', 'instance2', both),
      stat('consumer3', 'instance3', both),
    ]);
    expect(before).toEqual(
      asSets({
        instance1: ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
        instance2: ['topic1-2', 'topic1-3', 'topic2-2', 'topic2-3'],
        instance3: ['topic1-4', 'topic2-4'],
      }),
    );
    const after = byInstance([
      stat('consumer1', 'instance1', both),
      stat('consumer5', 'instance2', both),
      stat('consumer4', 'instance3', both),
    ]);
    expect(after).toEqual(before);
  });
});
