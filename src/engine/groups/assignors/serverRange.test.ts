import { describe, expect, it } from 'vitest';
import { assignPartitions, serverRangeAssign } from './index';
import { asAssignment, asSets, groupSpec, member, tps } from './serverTestKit';
import type { Assignment, AssignorMember } from './types';

// Transcribed from Apache Kafka group-coordinator/src/test/java/org/apache/kafka/coordinator/group/assignor/
// RangeAssignorTest.java (the stateless server-side range assignor; members in a TreeMap, non-rack cases),
// CommonAssignorTests, and the RangeAssignor javadoc. Kafka compares each member's partitions as a set.

interface Case {
  readonly source: string;
  readonly topics: Record<string, number>;
  readonly members: readonly AssignorMember[];
  readonly subscriptionType: 'HOMOGENEOUS' | 'HETEROGENEOUS';
  readonly expected: Assignment;
}

const t12 = ['topic1', 'topic2'];
const cases: Case[] = [
  {
    source: 'RangeAssignor javadoc (M0, M1; T1, T2 with 3 partitions each)',
    topics: { T1: 3, T2: 3 },
    members: [member('M0', ['T1', 'T2']), member('M1', ['T1', 'T2'])],
    subscriptionType: 'HOMOGENEOUS',
    expected: { M0: [...tps('T1', 0, 1), ...tps('T2', 0, 1)], M1: [...tps('T1', 2), ...tps('T2', 2)] },
  },
  {
    source: 'RangeAssignor javadoc (static members I0, I1 keep their ranges whatever their member ids)',
    topics: { T1: 3, T2: 3 },
    members: [member('M3', ['T1', 'T2'], [], 'I0'), member('M2', ['T1', 'T2'], [], 'I1')],
    subscriptionType: 'HOMOGENEOUS',
    expected: { M3: [...tps('T1', 0, 1), ...tps('T2', 0, 1)], M2: [...tps('T1', 2), ...tps('T2', 2)] },
  },
  {
    source: 'RangeAssignorTest#testOneMemberNoTopic',
    topics: {},
    members: [member('A', [])],
    subscriptionType: 'HOMOGENEOUS',
    expected: { A: [] },
  },
  {
    source: 'RangeAssignorTest#testFirstAssignmentTwoMembersTwoTopicsSameSubscriptions',
    topics: { topic1: 3, topic3: 2 },
    members: [member('A', ['topic1', 'topic3']), member('B', ['topic1', 'topic3'])],
    subscriptionType: 'HOMOGENEOUS',
    expected: {
      A: [...tps('topic1', 0, 1), ...tps('topic3', 0)],
      B: [...tps('topic1', 2), ...tps('topic3', 1)],
    },
  },
  {
    source: 'RangeAssignorTest#testFirstAssignmentThreeMembersThreeTopicsDifferentSubscriptions',
    topics: { topic1: 3, topic2: 3, topic3: 2 },
    members: [member('A', t12), member('B', ['topic3']), member('C', ['topic2', 'topic3'])],
    subscriptionType: 'HETEROGENEOUS',
    expected: {
      A: [...tps('topic1', 0, 1, 2), ...tps('topic2', 0, 1)],
      B: tps('topic3', 0),
      C: [...tps('topic2', 2), ...tps('topic3', 1)],
    },
  },
  {
    source: 'RangeAssignorTest#testFirstAssignmentNumMembersGreaterThanNumPartitions',
    topics: { topic1: 3, topic3: 2 },
    members: ['A', 'B', 'C'].map((id) => member(id, ['topic1', 'topic3'])),
    subscriptionType: 'HOMOGENEOUS',
    expected: {
      A: [...tps('topic1', 0), ...tps('topic3', 0)],
      B: [...tps('topic1', 1), ...tps('topic3', 1)],
      C: tps('topic1', 2),
    },
  },
  {
    source: 'RangeAssignorTest#testReassignmentNumMembersGreaterThanNumPartitionsWhenOneMemberAdded',
    topics: { topic1: 2, topic2: 2 },
    members: [
      member('A', t12, ['topic1-0', 'topic2-0']),
      member('B', t12, ['topic1-1', 'topic2-1']),
      member('C', t12),
    ],
    subscriptionType: 'HOMOGENEOUS',
    expected: { A: ['topic1-0', 'topic2-0'], B: ['topic1-1', 'topic2-1'], C: [] },
  },
  {
    source: 'RangeAssignorTest#testReassignmentWhenOnePartitionAddedForTwoMembersTwoTopics',
    topics: { topic1: 4, topic2: 4 },
    members: [
      member('A', t12, [...tps('topic1', 0, 1), ...tps('topic2', 0, 1)]),
      member('B', t12, ['topic1-2', 'topic2-2']),
    ],
    subscriptionType: 'HOMOGENEOUS',
    expected: {
      A: [...tps('topic1', 0, 1), ...tps('topic2', 0, 1)],
      B: [...tps('topic1', 2, 3), ...tps('topic2', 2, 3)],
    },
  },
  {
    source:
      'RangeAssignorTest#testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics',
    topics: { topic1: 3, topic2: 3 },
    members: [
      member('A', t12, [...tps('topic1', 0, 1), ...tps('topic2', 0, 1)]),
      member('B', t12, ['topic1-2', 'topic2-2']),
      member('C', t12),
    ],
    subscriptionType: 'HOMOGENEOUS',
    expected: { A: ['topic1-0', 'topic2-0'], B: ['topic1-1', 'topic2-1'], C: ['topic1-2', 'topic2-2'] },
  },
  {
    source:
      'RangeAssignorTest#testReassignmentWhenOneMemberAddedAndOnePartitionAfterInitialAssignmentWithTwoMembersTwoTopics',
    topics: { topic1: 4, topic2: 3 },
    members: [
      member('A', t12, [...tps('topic1', 0, 1), ...tps('topic2', 0, 1)]),
      member('B', t12, ['topic1-2', 'topic2-2']),
      member('C', ['topic1']),
    ],
    subscriptionType: 'HETEROGENEOUS',
    expected: {
      A: [...tps('topic1', 0, 1), ...tps('topic2', 0, 1)],
      B: ['topic1-2', 'topic2-2'],
      C: ['topic1-3'],
    },
  },
  {
    source:
      'RangeAssignorTest#testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithTwoMembersTwoTopics',
    topics: { topic1: 3, topic2: 3 },
    members: [member('B', t12, ['topic1-2', 'topic2-2'])],
    subscriptionType: 'HOMOGENEOUS',
    expected: { B: [...tps('topic1', 0, 1, 2), ...tps('topic2', 0, 1, 2)] },
  },
  {
    source:
      'RangeAssignorTest#testReassignmentWhenMultipleSubscriptionsRemovedAfterInitialAssignmentWithThreeMembersTwoTopics',
    topics: { topic1: 3, topic2: 3, topic3: 2 },
    members: [
      member('A', ['topic1'], [...tps('topic1', 0, 1, 2), 'topic2-0']),
      member('B', ['topic1', 'topic2', 'topic3'], ['topic2-1']),
      member('C', ['topic2'], ['topic2-2', ...tps('topic3', 0, 1)]),
    ],
    subscriptionType: 'HETEROGENEOUS',
    expected: {
      A: tps('topic1', 0, 1),
      B: [...tps('topic1', 2), ...tps('topic2', 0, 1), ...tps('topic3', 0, 1)],
      C: tps('topic2', 2),
    },
  },
];

describe('server-side RangeAssignor (consumer protocol "range")', () => {
  it.each(cases)('$source', ({ topics, members, subscriptionType, expected }) => {
    const spec = groupSpec(topics, members, subscriptionType);
    expect(asSets(asAssignment(spec, serverRangeAssign(spec)))).toEqual(asSets(expected));
    // Through the public API, which works out the subscription type itself.
    expect(asSets(assignPartitions({ protocol: 'consumer', assignor: 'range', topics, members }))).toEqual(
      asSets(expected),
    );
  });

  it('RangeAssignorTest#testStaticMembership: a static member rejoining with a new member id keeps its partitions', () => {
    const topics = { topic1: 3 };
    const before = assignPartitions({
      protocol: 'consumer',
      assignor: 'range',
      topics,
      members: [member('A', ['topic1'], [], 'instanceA'), member('B', ['topic1'], [], 'instanceB')],
    });
    const after = assignPartitions({
      protocol: 'consumer',
      assignor: 'range',
      topics,
      members: [member('B', ['topic1'], [], 'instanceB'), member('memberA1', ['topic1'], [], 'instanceA')],
    });
    expect(after['memberA1']).toEqual(before['A']);
    expect(after['B']).toEqual(before['B']);
  });

  it('RangeAssignorTest#testMixedStaticMembership', () => {
    const topics = { topic1: 5 };
    const before = assignPartitions({
      protocol: 'consumer',
      assignor: 'range',
      topics,
      members: [
        member('A', ['topic1'], [], 'instanceA'),
        member('C', ['topic1'], [], 'instanceC'),
        member('B', ['topic1']),
      ],
    });
    const after = assignPartitions({
      protocol: 'consumer',
      assignor: 'range',
      topics,
      members: [
        member('C', ['topic1'], [], 'instanceC'),
        member('B', ['topic1']),
        member('memberA1', ['topic1'], [], 'instanceA'),
      ],
    });
    expect(after['memberA1']).toEqual(before['A']);
    expect(after['B']).toEqual(before['B']);
    expect(after['C']).toEqual(before['C']);
  });

  it.each(['HOMOGENEOUS', 'HETEROGENEOUS'] as const)(
    'CommonAssignorTests#testReassignmentStickiness (%s): the same result whatever the member order',
    (subscriptionType) => {
      const topics = { topic1: 2, topic2: 5, topic3: 7 };
      const all = ['topic1', 'topic2', 'topic3'];
      const spec = groupSpec(
        topics,
        ['A', 'B', 'C'].map((id) => member(id, all)),
        subscriptionType,
      );
      const first = asAssignment(spec, serverRangeAssign(spec));
      for (const order of [
        ['A', 'B', 'C'],
        ['A', 'C', 'B'],
        ['B', 'A', 'C'],
        ['B', 'C', 'A'],
        ['C', 'A', 'B'],
        ['C', 'B', 'A'],
      ]) {
        const again = groupSpec(
          topics,
          order.map((id) => member(id, all, first[id] ?? [])),
          subscriptionType,
        );
        expect(asSets(asAssignment(again, serverRangeAssign(again)))).toEqual(asSets(first));
      }
    },
  );
});
