import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rebalanceUntilNoRevocations, validityAndBalanceProblems } from './assignmentChecks';
import { assignPartitions, isBalanced, uniformHeterogeneousAssign } from './index';
import { asAssignment, groupSpec } from './serverTestKit';
import { topicOf } from './topicPartition';
import type { AssignorMember, AssignorName, Assignment, GroupProtocol } from './types';

// Properties Kafka states for its assignors, over random groups. fast-check prints the seed of any failure.

interface Group {
  readonly topics: Record<string, number>;
  readonly members: AssignorMember[];
}

const TOPIC_NAMES = ['orders', 'pay-ments', 't-1', 'a', 'Z', 'é'];

function partitionsOf(topics: Record<string, number>, names: readonly string[]): string[] {
  return names.flatMap((name) => Array.from({ length: topics[name] ?? 0 }, (_, p) => `${name}-${p}`));
}

/**
 * A group with random member ids (any UTF-16 text, to exercise Kafka's ordering and hashing), non-empty
 * subscriptions (identical ones when `equal`), and each partition owned by at most one member, in generation 1.
 */
function groupArb(equal: boolean, maxMembers = 6): fc.Arbitrary<Group> {
  const topicsArb = fc
    .uniqueArray(fc.constantFrom(...TOPIC_NAMES), { minLength: 1, maxLength: 4 })
    .chain((names) =>
      fc
        .array(fc.integer({ min: 0, max: 8 }), { minLength: names.length, maxLength: names.length })
        .map((counts) => Object.fromEntries(names.map((name, i) => [name, counts[i] ?? 0]))),
    );
  const idsArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5, unit: 'binary' }), {
    minLength: 1,
    maxLength: maxMembers,
  });
  return fc.tuple(topicsArb, idsArb).chain(([topics, ids]) => {
    const names = Object.keys(topics);
    const subscription = fc.subarray(names, { minLength: 1 });
    const subscriptions = equal
      ? subscription.map((s) => ids.map(() => s))
      : fc.array(subscription, { minLength: ids.length, maxLength: ids.length });
    const all = partitionsOf(topics, names);
    const owners = fc.array(fc.integer({ min: -1, max: ids.length - 1 }), {
      minLength: all.length,
      maxLength: all.length,
    });
    return fc.tuple(subscriptions, owners).map(([subs, owner]) => ({
      topics,
      members: ids.map((memberId, i) => ({
        memberId,
        topics: subs[i] ?? [],
        ownedPartitions: all.filter((_, j) => owner[j] === i),
        generation: 1,
      })),
    }));
  });
}

const withoutOwnership = (group: Group): Group => ({
  topics: group.topics,
  members: group.members.map(({ memberId, topics }) => ({ memberId, topics })),
});

const subscribedPartitions = (group: Group): string[] =>
  partitionsOf(group.topics, [...new Set(group.members.flatMap((m) => m.topics))]);

const run = (protocol: GroupProtocol, assignor: AssignorName, group: Group): Assignment =>
  assignPartitions({ protocol, assignor, topics: group.topics, members: group.members });

/** The next rebalance: every member reports what it got, one generation later. */
const owningResult = (group: Group, result: Assignment): Group => ({
  topics: group.topics,
  members: group.members.map((m) => ({ ...m, ownedPartitions: result[m.memberId] ?? [], generation: 2 })),
});

const sorted = (assignment: Assignment): Assignment =>
  Object.fromEntries(Object.entries(assignment).map(([m, ps]) => [m, [...ps].sort()]));

function assignedOnce(group: Group, result: Assignment): void {
  const assigned = Object.values(result).flat();
  expect(new Set(assigned).size).toBe(assigned.length);
  expect([...assigned].sort()).toEqual(subscribedPartitions(group).sort());
}

const ALL: ReadonlyArray<readonly [GroupProtocol, AssignorName]> = [
  ['classic', 'range'],
  ['classic', 'roundrobin'],
  ['classic', 'sticky'],
  ['classic', 'cooperative-sticky'],
  ['consumer', 'range'],
  ['consumer', 'uniform'],
];
const BALANCED_WHEN_EQUAL = ALL.filter(([, a]) => a === 'roundrobin' || a === 'sticky' || a === 'uniform');

describe('assignor properties', () => {
  it.each(ALL)(
    '%s %s: a fresh group gets every subscribed partition exactly once, each to a subscriber',
    (protocol, assignor) => {
      fc.assert(
        fc.property(groupArb(false).map(withoutOwnership), (group) => {
          const result = run(protocol, assignor, group);
          expect(Object.keys(result).sort()).toEqual(group.members.map((m) => m.memberId).sort());
          assignedOnce(group, result);
          for (const m of group.members) {
            for (const tp of result[m.memberId] ?? []) expect(m.topics).toContain(topicOf(tp));
          }
        }),
      );
    },
  );

  it.each([
    ['classic', 'sticky'],
    ['consumer', 'uniform'],
  ] as const)(
    '%s %s: with owned partitions every subscribed partition is still assigned exactly once',
    (protocol, assignor) => {
      fc.assert(
        fc.property(groupArb(false), (group) => {
          assignedOnce(group, run(protocol, assignor, group));
        }),
      );
    },
  );

  it('cooperative-sticky: at most once now, and this round plus the follow-up covers everything', () => {
    fc.assert(
      fc.property(groupArb(false), (group) => {
        const first = run('classic', 'cooperative-sticky', group);
        const firstAssigned = Object.values(first).flat();
        expect(new Set(firstAssigned).size).toBe(firstAssigned.length);
        const followUp = run('classic', 'cooperative-sticky', owningResult(group, first));
        const union = new Set([...firstAssigned, ...Object.values(followUp).flat()]);
        expect([...union].sort()).toEqual(subscribedPartitions(group).sort());
      }),
    );
  });

  it('cooperative-sticky: after a valid previous assignment, follow-ups settle within 4 rebalances (verifyValidityAndBalance)', () => {
    fc.assert(
      fc.property(groupArb(false), groupArb(false), (before, after) => {
        // Members keep their ids and previous partitions but change subscriptions, as in
        // AbstractStickyAssignorTest#testReassignmentWithRandomSubscriptionsAndChanges.
        const previous = run('classic', 'sticky', withoutOwnership(before));
        const names = Object.keys(before.topics);
        const members = before.members.map((m, i) => {
          const wanted = (after.members[i]?.topics ?? []).filter((t) => names.includes(t));
          return {
            ...m,
            topics: wanted.length > 0 ? wanted : m.topics,
            ownedPartitions: previous[m.memberId] ?? [],
          };
        });
        const assign = (ms: readonly AssignorMember[]): Assignment =>
          assignPartitions({ assignor: 'cooperative-sticky', topics: before.topics, members: ms });
        const history = rebalanceUntilNoRevocations(members, assign(members), assign, 1);
        const final = history[history.length - 1] ?? {};
        expect(validityAndBalanceProblems(members, final)).toEqual([]);
      }),
    );
  });

  it.each(BALANCED_WHEN_EQUAL)(
    '%s %s: identical subscriptions give counts within one of each other',
    (protocol, assignor) => {
      fc.assert(
        fc.property(groupArb(true), (group) => {
          expect(isBalanced(run(protocol, assignor, group))).toBe(true);
        }),
      );
    },
  );

  it('cooperative-sticky: identical subscriptions are balanced once the follow-up rebalances are done', () => {
    fc.assert(
      fc.property(groupArb(true), (group) => {
        const assign = (ms: readonly AssignorMember[]): Assignment =>
          assignPartitions({ assignor: 'cooperative-sticky', topics: group.topics, members: ms });
        const history = rebalanceUntilNoRevocations(group.members, assign(group.members), assign, 2);
        expect(isBalanced(history[history.length - 1] ?? {})).toBe(true);
      }),
    );
  });

  it.each([
    ['classic', 'sticky'],
    ['classic', 'cooperative-sticky'],
    ['consumer', 'uniform'],
  ] as const)(
    '%s %s: with identical subscriptions a member owning k <= minQuota partitions keeps them all',
    (protocol, assignor) => {
      fc.assert(
        fc.property(groupArb(true), (group) => {
          const subscribed = new Set(subscribedPartitions(group));
          const members = group.members.map((m) => ({
            ...m,
            ownedPartitions: (m.ownedPartitions ?? []).filter((tp) => subscribed.has(tp)),
          }));
          const minQuota = Math.floor(subscribed.size / members.length);
          const result = run(protocol, assignor, { topics: group.topics, members });
          for (const m of members) {
            if (m.ownedPartitions.length <= minQuota)
              expect(result[m.memberId]).toEqual(expect.arrayContaining(m.ownedPartitions));
          }
        }),
      );
    },
  );

  it.each(ALL)(
    '%s %s: feeding a result back (generation + 1) returns the same assignment',
    (protocol, assignor) => {
      // Range and round-robin are stateless; the sticky and uniform assignors promise this for identical
      // subscriptions (Kafka's CommonAssignorTests#testAssignmentReuse, AbstractStickyAssignorTest's rack cases).
      const equal = assignor !== 'range' && assignor !== 'roundrobin';
      fc.assert(
        fc.property(groupArb(equal).map(withoutOwnership), (group) => {
          const first = run(protocol, assignor, group);
          expect(sorted(run(protocol, assignor, owningResult(group, first)))).toEqual(sorted(first));
        }),
      );
    },
  );

  it('uniform, heterogeneous builder forced on identical subscriptions (as CommonAssignorTests does): feeding back is stable', () => {
    fc.assert(
      fc.property(groupArb(true).map(withoutOwnership), (group) => {
        const spec = groupSpec(group.topics, group.members, 'HETEROGENEOUS');
        const first = asAssignment(spec, uniformHeterogeneousAssign(spec));
        const again = groupSpec(group.topics, owningResult(group, first).members, 'HETEROGENEOUS');
        expect(asAssignment(again, uniformHeterogeneousAssign(again))).toEqual(first);
      }),
    );
  });

  it.each(ALL)('%s %s: the same input always gives the same output, order included', (protocol, assignor) => {
    fc.assert(
      fc.property(groupArb(false), (group) => {
        expect(run(protocol, assignor, group)).toEqual(run(protocol, assignor, group));
      }),
    );
  });
});
