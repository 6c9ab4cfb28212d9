import { describe, expect, it } from 'vitest';
import { assignPartitions, uniformAssign } from './index';
import { asAssignment, asSets, groupSpec, member, tps } from './serverTestKit';
import type { Assignment, AssignorMember } from './types';

// Transcribed from Apache Kafka group-coordinator/src/test/java/org/apache/kafka/coordinator/group/assignor/
// UniformHomogeneousAssignmentBuilderTest.java, UniformHeterogeneousAssignmentBuilderTest.java and
// CommonAssignorTests.java. Members are ordered by id (Kafka's tests use a TreeMap / sorted TestGroupSpecImpl).
// Kafka's topic ids are replaced by topic order:
//  - homogeneous tests walk unassigned partitions in the HashSet<Uuid> order of the tests' fixed ids, which is
//    topic2, topic3, topic1; so `topics` lists them in that order;
//  - heterogeneous tests break ties by Uuid order, which for those ids is topic1 < topic2 < topic3 < topic4.
// A member's current assignment is walked in the order its ownedPartitions list topics: mkOrderedAssignment
// order where Kafka's test uses it, the HashMap order (topic2 before topic1) where it uses mkAssignment.

interface Case {
  readonly source: string;
  readonly topics: Record<string, number>;
  readonly members: readonly AssignorMember[];
  readonly expected: Assignment;
}

const t12 = ['topic1', 'topic2'];

const homogeneousCases: Case[] = [
  {
    source: 'UniformHomogeneousAssignmentBuilderTest#testOneMemberNoTopicSubscription',
    topics: { topic1: 3 },
    members: [member('A', [])],
    expected: { A: [] },
  },
  {
    source: 'UniformHomogeneousAssignmentBuilderTest#testFirstAssignmentTwoMembersTwoTopicsNoMemberRacks',
    topics: { topic3: 2, topic1: 3 },
    members: [member('A', ['topic1', 'topic3']), member('B', ['topic1', 'topic3'])],
    expected: { A: tps('topic3', 0, 1), B: tps('topic1', 0, 1, 2) },
  },
  {
    source:
      'UniformHomogeneousAssignmentBuilderTest#testFirstAssignmentNumMembersGreaterThanTotalNumPartitions',
    topics: { topic3: 2 },
    members: ['A', 'B', 'C'].map((id) => member(id, ['topic3'])),
    expected: { A: [], B: tps('topic3', 0), C: tps('topic3', 1) },
  },
  {
    source:
      'UniformHomogeneousAssignmentBuilderTest#testReassignmentForTwoMembersTwoTopicsGivenUnbalancedPrevAssignment',
    topics: { topic2: 3, topic1: 3 },
    members: [
      member('A', t12, [...tps('topic1', 0, 1), ...tps('topic2', 0, 1)]),
      member('B', t12, [...tps('topic1', 2), ...tps('topic2', 2)]),
    ],
    expected: {
      A: [...tps('topic1', 0, 1), ...tps('topic2', 0)],
      B: [...tps('topic1', 2), ...tps('topic2', 1, 2)],
    },
  },
  {
    source:
      'UniformHomogeneousAssignmentBuilderTest#testReassignmentWhenPartitionsAreAddedForTwoMembersTwoTopics',
    topics: { topic2: 5, topic1: 6 },
    members: [
      member('A', t12, [...tps('topic1', 0, 2), ...tps('topic2', 0)]),
      member('B', t12, [...tps('topic1', 1), ...tps('topic2', 1, 2)]),
    ],
    expected: {
      A: [...tps('topic1', 0, 2), ...tps('topic2', 0, 3, 4)],
      B: [...tps('topic1', 1, 3, 4, 5), ...tps('topic2', 1, 2)],
    },
  },
  {
    source:
      'UniformHomogeneousAssignmentBuilderTest#testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics',
    topics: { topic2: 3, topic1: 3 },
    members: [
      member('A', t12, [...tps('topic1', 0, 2), ...tps('topic2', 0)]),
      member('B', t12, [...tps('topic1', 1), ...tps('topic2', 1, 2)]),
      member('C', t12),
    ],
    expected: {
      A: tps('topic1', 0, 2),
      B: [...tps('topic1', 1), ...tps('topic2', 1)],
      C: tps('topic2', 0, 2),
    },
  },
  {
    source:
      'UniformHomogeneousAssignmentBuilderTest#testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithThreeMembersTwoTopics',
    topics: { topic2: 3, topic1: 3 },
    members: [
      member('A', t12, [...tps('topic2', 0), ...tps('topic1', 0)]),
      member('B', t12, [...tps('topic2', 1), ...tps('topic1', 1)]),
    ],
    expected: {
      A: [...tps('topic1', 0), ...tps('topic2', 0, 2)],
      B: [...tps('topic1', 1, 2), ...tps('topic2', 1)],
    },
  },
  {
    source:
      'UniformHomogeneousAssignmentBuilderTest#testReassignmentWhenOneSubscriptionRemovedAfterInitialAssignmentWithTwoMembersTwoTopics',
    topics: { topic2: 2, topic1: 2 },
    members: [
      member('A', ['topic2'], [...tps('topic2', 0), ...tps('topic1', 0)]),
      member('B', ['topic2'], [...tps('topic2', 1), ...tps('topic1', 1)]),
    ],
    expected: { A: tps('topic2', 0), B: tps('topic2', 1) },
  },
];

const heterogeneousCases: Case[] = [
  {
    source: 'UniformHeterogeneousAssignmentBuilderTest#testTwoMembersNoTopicSubscription',
    topics: { topic1: 3 },
    members: [member('A', []), member('B', [])],
    expected: { A: [], B: [] },
  },
  {
    source: 'UniformHeterogeneousAssignmentBuilderTest#testFirstAssignmentTwoMembersTwoTopics',
    topics: { topic1: 3, topic3: 6 },
    members: [member('A', ['topic1', 'topic3']), member('B', ['topic3'])],
    expected: { A: [...tps('topic1', 0, 1, 2), ...tps('topic3', 4)], B: tps('topic3', 0, 1, 2, 3, 5) },
  },
  {
    source:
      'UniformHeterogeneousAssignmentBuilderTest#testFirstAssignmentNumMembersGreaterThanTotalNumPartitions',
    topics: { topic1: 2, topic3: 1 },
    members: [member('A', ['topic3']), member('B', ['topic3']), member('C', ['topic1'])],
    expected: { A: tps('topic3', 0), B: [], C: tps('topic1', 0, 1) },
  },
  {
    source:
      'UniformHeterogeneousAssignmentBuilderTest#testReassignmentForTwoMembersThreeTopicsGivenUnbalancedPrevAssignment',
    topics: { topic1: 6, topic2: 4, topic3: 4 },
    members: [
      member('A', ['topic1'], tps('topic1', 0, 1, 2)),
      member('B', t12, [...tps('topic1', 3), ...tps('topic2', 0)]),
      member(
        'C',
        ['topic1', 'topic2', 'topic3'],
        [...tps('topic1', 4, 5), ...tps('topic2', 1, 2, 3), ...tps('topic3', 0, 1, 2, 3)],
      ),
    ],
    expected: {
      A: tps('topic1', 0, 1, 2, 5),
      B: [...tps('topic1', 3), ...tps('topic2', 0, 1, 2, 3)],
      C: [...tps('topic1', 4), ...tps('topic3', 0, 1, 2, 3)],
    },
  },
  {
    source: 'UniformHeterogeneousAssignmentBuilderTest#testReassignmentWhenPartitionsAreAddedForTwoMembers',
    topics: { topic1: 6, topic2: 5, topic3: 3, topic4: 3 },
    members: [
      member('A', ['topic1', 'topic3'], [...tps('topic1', 0, 1, 2, 3), ...tps('topic3', 0, 1)]),
      member(
        'B',
        ['topic1', 'topic2', 'topic3', 'topic4'],
        [...tps('topic2', 0, 1, 2), ...tps('topic4', 0, 1, 2)],
      ),
    ],
    expected: {
      A: [...tps('topic1', 0, 1, 2, 3, 4, 5), ...tps('topic3', 0, 1, 2)],
      B: [...tps('topic2', 0, 1, 2, 3, 4), ...tps('topic4', 0, 1, 2)],
    },
  },
  {
    source:
      'UniformHeterogeneousAssignmentBuilderTest#testReassignmentWhenOneMemberAddedAndPartitionsAddedTwoMembersTwoTopics',
    topics: { topic1: 6, topic2: 7 },
    members: [
      member('A', ['topic1'], [...tps('topic1', 0, 2), ...tps('topic2', 0)]),
      member('B', t12, [...tps('topic1', 1), ...tps('topic2', 1, 2)]),
      member('C', t12),
    ],
    expected: {
      A: tps('topic1', 0, 2, 3, 4, 5),
      B: [...tps('topic1', 1), ...tps('topic2', 1, 2, 6)],
      C: tps('topic2', 0, 3, 4, 5),
    },
  },
  {
    source:
      'UniformHeterogeneousAssignmentBuilderTest#testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithThreeMembersThreeTopics',
    topics: { topic1: 3, topic2: 8, topic3: 3 },
    members: [
      member('A', ['topic1', 'topic3'], [...tps('topic1', 0, 1, 2), ...tps('topic3', 0, 1)]),
      member('B', ['topic2'], tps('topic2', 3, 4, 5, 6)),
    ],
    expected: {
      A: [...tps('topic1', 0, 1, 2), ...tps('topic3', 0, 1, 2)],
      B: tps('topic2', 0, 1, 2, 3, 4, 5, 6, 7),
    },
  },
  {
    source:
      'UniformHeterogeneousAssignmentBuilderTest#testReassignmentWhenOneSubscriptionRemovedAfterInitialAssignmentWithTwoMembersTwoTopics',
    topics: { topic1: 3, topic2: 5 },
    members: [
      member('A', ['topic1'], [...tps('topic1', 0, 2), ...tps('topic2', 1, 3)]),
      member('B', t12, [...tps('topic1', 1), ...tps('topic2', 0, 2, 4)]),
    ],
    expected: { A: tps('topic1', 0, 1, 2), B: tps('topic2', 0, 1, 2, 3, 4) },
  },
  {
    source:
      'UniformHeterogeneousAssignmentBuilderTest#testReassignmentWhenTopicPartitionsRunOutAndMembersHaveNoPartitions',
    topics: { topic1: 2, topic2: 2, topic3: 2 },
    members: [
      member(
        'A',
        ['topic1', 'topic2', 'topic3'],
        [...tps('topic1', 0, 1), ...tps('topic2', 0, 1), ...tps('topic3', 0, 1)],
      ),
      member('B', ['topic1', 'topic2', 'topic3']),
    ],
    expected: {
      A: [...tps('topic2', 0), ...tps('topic3', 0, 1)],
      B: [...tps('topic1', 0, 1), ...tps('topic2', 1)],
    },
  },
  {
    source:
      'UniformHeterogeneousAssignmentBuilderTest#testFirstAssignmentWithTwoMembersIncludingOneWithoutSubscriptions',
    topics: { topic1: 3 },
    members: [member('A', ['topic1']), member('B', [])],
    expected: { A: tps('topic1', 0, 1, 2), B: [] },
  },
];

function run(
  topics: Record<string, number>,
  members: readonly AssignorMember[],
  type: 'HOMOGENEOUS' | 'HETEROGENEOUS',
): Assignment {
  const spec = groupSpec(topics, members, type);
  return asAssignment(spec, uniformAssign(spec));
}

/** UniformHomogeneousAssignmentBuilderTest.checkValidityAndBalance, as a list of problems. */
function homogeneousProblems(members: readonly AssignorMember[], assignment: Assignment): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const m of members) {
    for (const tp of assignment[m.memberId] ?? []) {
      if (!m.topics.some((topic) => tp.startsWith(`${topic}-`)))
        problems.push(`${tp} is not subscribed by ${m.memberId}`);
      if (seen.has(tp)) problems.push(`${tp} is assigned twice`);
      seen.add(tp);
    }
  }
  const sizes = Object.values(assignment).map((partitions) => partitions.length);
  if (sizes.length > 0 && Math.max(...sizes) - Math.min(...sizes) > 1)
    problems.push(`sizes ${sizes.join(', ')}`);
  return problems;
}

describe('UniformAssignor (consumer protocol "uniform")', () => {
  it.each(homogeneousCases)('$source', ({ topics, members, expected }) => {
    const actual = run(topics, members, 'HOMOGENEOUS');
    expect(asSets(actual)).toEqual(asSets(expected));
    expect(homogeneousProblems(members, actual)).toEqual([]);
  });

  it.each(heterogeneousCases)('$source', ({ topics, members, expected }) => {
    expect(asSets(run(topics, members, 'HETEROGENEOUS'))).toEqual(asSets(expected));
  });

  it('picks the builder from the subscriptions through the public API', () => {
    for (const { topics, members, expected } of [
      ...homogeneousCases.filter((c) => c.source.includes('testReassignmentWhenPartitionsAreAdded')),
      ...heterogeneousCases.filter((c) => c.source.includes('testFirstAssignmentTwoMembersTwoTopics')),
    ]) {
      expect(
        asSets(assignPartitions({ protocol: 'consumer', assignor: 'uniform', topics, members })),
      ).toEqual(asSets(expected));
    }
  });

  it('UniformHomogeneousAssignmentBuilderTest#testValidityAndBalanceForLargeSampleSet', () => {
    const topics = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`topic-${i + 1}`, 3]));
    const members = Array.from({ length: 49 }, (_, i) => member(`member${i + 1}`, Object.keys(topics)));
    expect(homogeneousProblems(members, run(topics, members, 'HOMOGENEOUS'))).toEqual([]);
  });

  describe.each(['HOMOGENEOUS', 'HETEROGENEOUS'] as const)('%s', (type) => {
    const topics = { topic1: 2, topic2: 5, topic3: 7 };
    const all = ['topic1', 'topic2', 'topic3'];

    it('CommonAssignorTests#testAssignmentReuse: an unchanged assignment comes back unchanged', () => {
      const first = run(
        topics,
        ['A', 'B', 'C'].map((id) => member(id, all)),
        type,
      );
      const second = run(
        topics,
        ['A', 'B', 'C'].map((id) => member(id, all, first[id] ?? [])),
        type,
      );
      expect(second).toEqual(first);
    });

    it('CommonAssignorTests#testReassignmentStickiness: the same result whatever the member order', () => {
      const first = run(
        topics,
        ['A', 'B', 'C'].map((id) => member(id, all)),
        type,
      );
      for (const order of [
        ['A', 'B', 'C'],
        ['A', 'C', 'B'],
        ['B', 'A', 'C'],
        ['B', 'C', 'A'],
        ['C', 'A', 'B'],
        ['C', 'B', 'A'],
      ]) {
        expect(
          asSets(
            run(
              topics,
              order.map((id) => member(id, all, first[id] ?? [])),
              type,
            ),
          ),
        ).toEqual(asSets(first));
      }
    });
  });
});
