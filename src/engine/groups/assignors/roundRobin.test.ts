import { describe, expect, it } from 'vitest';
import { assignPartitions } from './index';
import type { AssignorMember } from './types';

// Cases transcribed from Apache Kafka clients/src/test/java/org/apache/kafka/clients/consumer/RoundRobinAssignorTest.java
// and the RoundRobinAssignor javadoc. Kafka asserts these lists with assertEquals, so the order is checked too.

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
const both = ['topic1', 'topic2'];

const cases: Case[] = [
  {
    source: 'RoundRobinAssignor javadoc, identical subscriptions',
    topics: { t0: 3, t1: 3 },
    members: [dyn('C0', ['t0', 't1']), dyn('C1', ['t0', 't1'])],
    expected: { C0: ['t0-0', 't0-2', 't1-1'], C1: ['t0-1', 't1-0', 't1-2'] },
  },
  {
    source: 'RoundRobinAssignor javadoc, different subscriptions',
    topics: { t0: 1, t1: 2, t2: 3 },
    members: [dyn('C0', ['t0']), dyn('C1', ['t0', 't1']), dyn('C2', ['t0', 't1', 't2'])],
    expected: { C0: ['t0-0'], C1: ['t1-0'], C2: ['t1-1', 't2-0', 't2-1', 't2-2'] },
  },
  {
    source: 'RoundRobinAssignorTest#testOneConsumerNoTopic',
    topics: {},
    members: [dyn('consumer', [])],
    expected: { consumer: [] },
  },
  {
    source: 'RoundRobinAssignorTest#testOneConsumerNonexistentTopic',
    topics: {},
    members: [dyn('consumer', ['topic'])],
    expected: { consumer: [] },
  },
  {
    source: 'RoundRobinAssignorTest#testOneConsumerOneTopic',
    topics: { topic: 3 },
    members: [dyn('consumer', ['topic'])],
    expected: { consumer: ['topic-0', 'topic-1', 'topic-2'] },
  },
  {
    source: 'RoundRobinAssignorTest#testOnlyAssignsPartitionsFromSubscribedTopics',
    topics: { topic: 3, other: 3 },
    members: [dyn('consumer', ['topic'])],
    expected: { consumer: ['topic-0', 'topic-1', 'topic-2'] },
  },
  {
    source: 'RoundRobinAssignorTest#testOneConsumerMultipleTopics',
    topics: { topic1: 1, topic2: 2 },
    members: [dyn('consumer', both)],
    expected: { consumer: ['topic1-0', 'topic2-0', 'topic2-1'] },
  },
  {
    source: 'RoundRobinAssignorTest#testTwoConsumersOneTopicOnePartition',
    topics: { topic: 1 },
    members: [dyn('consumer1', ['topic']), dyn('consumer2', ['topic'])],
    expected: { consumer1: ['topic-0'], consumer2: [] },
  },
  {
    source: 'RoundRobinAssignorTest#testTwoConsumersOneTopicTwoPartitions',
    topics: { topic: 2 },
    members: [dyn('consumer1', ['topic']), dyn('consumer2', ['topic'])],
    expected: { consumer1: ['topic-0'], consumer2: ['topic-1'] },
  },
  {
    source: 'RoundRobinAssignorTest#testMultipleConsumersMixedTopics',
    topics: { topic1: 3, topic2: 2 },
    members: [dyn('consumer1', ['topic1']), dyn('consumer2', both), dyn('consumer3', ['topic1'])],
    expected: {
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-1'],
      consumer3: ['topic1-2'],
    },
  },
  {
    source: 'RoundRobinAssignorTest#testTwoDynamicConsumersTwoTopicsSixPartitions',
    topics: { topic1: 3, topic2: 3 },
    members: [dyn('consumer1', both), dyn('consumer2', both)],
    expected: {
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    },
  },
  {
    source: 'RoundRobinAssignorTest#testTwoStaticConsumersTwoTopicsSixPartitions',
    topics: { topic1: 3, topic2: 3 },
    members: [stat('consumer-b', 'instance1', both), stat('consumer-a', 'instance2', both)],
    expected: {
      'consumer-b': ['topic1-0', 'topic1-2', 'topic2-1'],
      'consumer-a': ['topic1-1', 'topic2-0', 'topic2-2'],
    },
  },
  {
    source: 'RoundRobinAssignorTest#testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions',
    topics: { topic1: 3, topic2: 3 },
    members: [stat('consumer-b', 'instance1', both), dyn('consumer-a', both)],
    expected: {
      'consumer-b': ['topic1-0', 'topic1-2', 'topic2-1'],
      'consumer-a': ['topic1-1', 'topic2-0', 'topic2-2'],
    },
  },
];

describe('RoundRobinAssignor (classic "roundrobin")', () => {
  it.each(cases)('$source', ({ topics, members, expected }) => {
    expect(assignPartitions({ assignor: 'roundrobin', topics, members })).toEqual(expected);
  });

  it('RoundRobinAssignorTest#testStaticMemberAssignmentPersistent', () => {
    const topics = { topic1: 3, topic2: 3 };
    const statics = [
      stat('consumer1', 'instance1', both),
      stat('consumer2', 'instance2', both),
      stat('consumer3', 'instance3', both),
    ];
    const expectedStatic = {
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
      consumer3: ['topic1-2'],
    };
    expect(
      assignPartitions({ assignor: 'roundrobin', topics, members: [...statics, dyn('consumer4', both)] }),
    ).toEqual({
      ...expectedStatic,
      consumer4: ['topic2-0'],
    });
    expect(
      assignPartitions({ assignor: 'roundrobin', topics, members: [...statics, dyn('consumer5', both)] }),
    ).toEqual({
      ...expectedStatic,
      consumer5: ['topic2-0'],
    });
  });

  it('RoundRobinAssignorTest#testStaticMemberAssignmentPersistentAfterMemberIdChanges', () => {
    const topics = { topic1: 3, topic2: 3 };
    // checkStaticAssignment: the i-th member of memberIdList gets [topic1-i, topic2-i], by instance id.
    const check = (memberIds: string[], instanceOf: Record<string, string>): Record<string, string[]> => {
      const members = memberIds.map((id) => stat(id, instanceOf[id] ?? '', both));
      const result = assignPartitions({ assignor: 'roundrobin', topics, members });
      const byInstance = Object.fromEntries(memberIds.map((id) => [instanceOf[id] ?? '', result[id] ?? []]));
      const expected = Object.fromEntries(
        memberIds.map((id, i) => [instanceOf[id] ?? '', [`topic1-${i}`, `topic2-${i}`]]),
      );
      expect(byInstance).toEqual(expected);
      return byInstance;
    };
    const before = check(['consumer1', 'consumer2', 'consumer3'], {
      consumer1: 'instance1',
      consumer2: 'instance2',
      consumer3: 'instance3',
    });
    const after = check(['consumer4', 'consumer5', 'consumer1'], {
      consumer4: 'instance1',
      consumer5: 'instance2',
      consumer1: 'instance3',
    });
    expect(after).toEqual(before);
  });
});
