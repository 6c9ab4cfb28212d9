import { describe, expect, it } from 'vitest';
import { assignPartitions } from './index';

// The public function's contract, plus the examples of /work/shared/kafka-reference.md section 2 (whose sources are
// RangeAssignorTest#testMultipleConsumersMixedTopics and AbstractStickyAssignorTest, renamed there).
describe('assignPartitions', () => {
  it('reference 2.4: two consumers, t1 and t2 with 3 partitions each (sticky)', () => {
    const members = [
      { memberId: 'c1', topics: ['t1', 't2'] },
      { memberId: 'c2', topics: ['t1', 't2'] },
    ];
    expect(assignPartitions({ assignor: 'sticky', topics: { t1: 3, t2: 3 }, members })).toEqual({
      c1: ['t1-0', 't1-2', 't2-1'],
      c2: ['t1-1', 't2-0', 't2-2'],
    });
  });

  it('reference 2.4: unequal subscriptions, sticky against range', () => {
    const topics = { topic1: 3, topic2: 2 };
    const members = [
      { memberId: 'c1', topics: ['topic1'] },
      { memberId: 'c2', topics: ['topic1', 'topic2'] },
      { memberId: 'c3', topics: ['topic1'] },
    ];
    expect(assignPartitions({ assignor: 'sticky', topics, members })).toEqual({
      c1: ['topic1-0', 'topic1-2'],
      c2: ['topic2-0', 'topic2-1'],
      c3: ['topic1-1'],
    });
    expect(assignPartitions({ assignor: 'range', topics, members })['c2']).toEqual([
      'topic1-1',
      'topic2-0',
      'topic2-1',
    ]);
  });

  it('defaults to the classic protocol', () => {
    const input = {
      assignor: 'roundrobin',
      topics: { t: 2 },
      members: [{ memberId: 'a', topics: ['t'] }],
    } as const;
    expect(assignPartitions(input)).toEqual(assignPartitions({ ...input, protocol: 'classic' }));
  });

  it('lists every member, with [] when it gets nothing', () => {
    const members = ['a', 'b', 'c'].map((memberId) => ({ memberId, topics: ['t'] }));
    expect(assignPartitions({ assignor: 'range', topics: { t: 1 }, members })).toEqual({
      a: ['t-0'],
      b: [],
      c: [],
    });
    expect(assignPartitions({ protocol: 'consumer', assignor: 'uniform', topics: {}, members })).toEqual({
      a: [],
      b: [],
      c: [],
    });
    expect(assignPartitions({ assignor: 'sticky', topics: { t: 3 }, members: [] })).toEqual({});
  });

  it.each([
    ['classic', 'uniform', /range, roundrobin, sticky, cooperative-sticky/],
    ['consumer', 'roundrobin', /uniform, range/],
    ['consumer', 'sticky', /uniform, range/],
    ['consumer', 'cooperative-sticky', /uniform, range/],
  ] as const)('rejects %s with %s, naming the valid assignors', (protocol, assignor, valid) => {
    expect(() => assignPartitions({ protocol, assignor, topics: {}, members: [] })).toThrow(valid);
  });

  it('reads the partition number after the LAST dash, so topic names may contain dashes', () => {
    const members = [
      { memberId: 'a', topics: ['orders-eu'], ownedPartitions: ['orders-eu-1'], generation: 1 },
      { memberId: 'b', topics: ['orders-eu'], ownedPartitions: ['orders-eu-0'], generation: 1 },
    ];
    expect(assignPartitions({ assignor: 'cooperative-sticky', topics: { 'orders-eu': 2 }, members })).toEqual(
      {
        a: ['orders-eu-1'],
        b: ['orders-eu-0'],
      },
    );
  });

  it.each(['orders', 'orders-', 'orders-01', '-1', 'orders-x'])('rejects the partition "%s"', (partition) => {
    const members = [{ memberId: 'a', topics: ['orders'], ownedPartitions: [partition] }];
    expect(() => assignPartitions({ assignor: 'sticky', topics: { orders: 2 }, members })).toThrow(
      /not a partition/,
    );
  });

  it('rejects impossible input: negative partition counts, repeated member ids, a partition in two targets', () => {
    expect(() => assignPartitions({ assignor: 'range', topics: { t: -1 }, members: [] })).toThrow(
      /partition count/,
    );
    const twice = [
      { memberId: 'a', topics: ['t'] },
      { memberId: 'a', topics: ['t'] },
    ];
    expect(() => assignPartitions({ assignor: 'range', topics: { t: 1 }, members: twice })).toThrow(/twice/);
    const both = [
      { memberId: 'a', topics: ['t'], ownedPartitions: ['t-0'] },
      { memberId: 'b', topics: ['t'], ownedPartitions: ['t-0'] },
    ];
    expect(() =>
      assignPartitions({ protocol: 'consumer', assignor: 'uniform', topics: { t: 1 }, members: both }),
    ).toThrow(/target assignment of both a and b/);
  });

  it('keeps member ids such as "__proto__" as ordinary keys', () => {
    const result = assignPartitions({
      assignor: 'range',
      topics: { t: 1 },
      members: [{ memberId: '__proto__', topics: ['t'] }],
    });
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});
