// Leader election must choose exactly as the KRaft controller does. The fixtures are PartitionChangeBuilderTest's
// (apache/kafka metadata/src/test/java/org/apache/kafka/controller/PartitionChangeBuilderTest.java), read with
// ELR disabled (PartitionChangeRecord version 0); the builder's isAcceptableLeader predicate becomes liveBrokers.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { electLeader, NO_LEADER } from './election';
import type { ElectionInput, ElectionType } from './election';

// FOO: replicas [2,1,3], isr [2,1,3], leader 1, isAcceptableLeader r -> r != 3 (broker 4 exists for the
// reassignment case, so it is acceptable too).
const foo = (election: ElectionType, isr = [2, 1, 3], replicas = [2, 1, 3]): ElectionInput => ({
  replicas,
  isr,
  leader: 1,
  liveBrokers: [1, 2, 4],
  election,
});
// BAZ: replicas [2,1,3], isr [1,3], leader 3, every broker acceptable.
const baz = (election: ElectionType): ElectionInput => ({
  replicas: [2, 1, 3],
  isr: [1, 3],
  leader: 3,
  liveBrokers: [1, 2, 3],
  election,
});
// OFFLINE: replicas [2,1,3], isr [3], leader -1, isAcceptableLeader r -> r == 1.
const offline = (election: ElectionType, isr = [3]): ElectionInput => ({
  replicas: [2, 1, 3],
  isr,
  leader: NO_LEADER,
  liveBrokers: [1],
  election,
});

describe('PartitionChangeBuilderTest#testElectLeader', () => {
  it.each<[string, ElectionInput, number, boolean]>([
    ['FOO preferred', foo('preferred'), 2, false],
    ['FOO online', foo('online'), 1, false],
    ['FOO unclean', foo('unclean'), 1, false],
    ['FOO online, target ISR [1,3]', foo('online', [1, 3]), 1, false],
    ['FOO unclean, target ISR [1,3]', foo('unclean', [1, 3]), 1, false],
    ['FOO online, target ISR [3]', foo('online', [3]), NO_LEADER, false],
    ['FOO unclean, target ISR [3]', foo('unclean', [3]), 2, true],
    ['FOO unclean, target ISR [4], replicas [2,1,3,4]', foo('unclean', [4], [2, 1, 3, 4]), 4, false],
    ['BAZ preferred', baz('preferred'), 3, false],
    ['BAZ online', baz('online'), 3, false],
    ['BAZ unclean', baz('unclean'), 3, false],
  ])('%s', (_name, input, leader, unclean) => {
    expect(electLeader(input)).toEqual({ leader, unclean });
  });
});

describe('other PartitionChangeBuilderTest cases, with ELR disabled', () => {
  it('testIsrChangeAndLeaderChange: FOO with target ISR [2,3] moves leadership to 2', () => {
    expect(electLeader(foo('online', [2, 3]))).toEqual({ leader: 2, unclean: false });
  });

  it('testUncleanLeaderElection: OFFLINE elects acceptable broker 1 uncleanly, with ISR [3] or [2]', () => {
    expect(electLeader(offline('unclean'))).toEqual({ leader: 1, unclean: true });
    expect(electLeader(offline('unclean', [2]))).toEqual({ leader: 1, unclean: true });
  });

  it('testNoChange: BAR (replicas [1,2,3,4], isr [1,2,3], leader 1) keeps 1, online and unclean', () => {
    const bar = { replicas: [1, 2, 3, 4], isr: [1, 2, 3], leader: 1, liveBrokers: [1, 2, 4] };
    expect(electLeader({ ...bar, election: 'online' })).toEqual({ leader: 1, unclean: false });
    expect(electLeader({ ...bar, election: 'unclean' })).toEqual({ leader: 1, unclean: false });
  });

  it('testChangeInLeadershipDoesNotChangeRecoveryState: no acceptable broker -> NO_LEADER; back online -> 1', () => {
    const base = { replicas: [1, 2, 3], isr: [1], election: 'online' as const };
    expect(electLeader({ ...base, isr: [], leader: 1, liveBrokers: [] })).toEqual({
      leader: NO_LEADER,
      unclean: false,
    });
    expect(electLeader({ ...base, leader: NO_LEADER, liveBrokers: [1, 2, 3] })).toEqual({
      leader: 1,
      unclean: false,
    });
  });

  it('testUncleanSetsLeaderRecoveringState: isr [2,3] all down, broker 1 acceptable -> 1, unclean', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [2, 3],
      leader: NO_LEADER,
      liveBrokers: [1],
      election: 'unclean',
    };
    expect(electLeader(input)).toEqual({ leader: 1, unclean: true });
  });

  it('testStoppedLeaderIsDemotedAfterReassignmentCompletesEvenIfNoNewEligibleLeaders: leader 0 is dropped', () => {
    // After the reassignment completes: replicas [2,3], isr [2,3], old leader 0, no acceptable broker.
    const input: ElectionInput = {
      replicas: [2, 3],
      isr: [2, 3],
      leader: 0,
      liveBrokers: [],
      election: 'online',
    };
    expect(electLeader(input)).toEqual({ leader: NO_LEADER, unclean: false });
  });

  it('testEligibleLeaderReplicas_IsrShrinkBelowMinISR (v0): preferred with ISR [1,2] keeps leader 1', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3, 4],
      isr: [1, 2],
      leader: 1,
      liveBrokers: [1, 2, 4],
      election: 'preferred',
    };
    expect(electLeader(input)).toEqual({ leader: 1, unclean: false });
  });

  it('testEligibleLeaderReplicas_IsrAddNewMemberNotInELR (v0): preferred with ISR [1,4] keeps leader 1', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3, 4],
      isr: [1, 4],
      leader: 1,
      liveBrokers: [1, 2, 4],
      election: 'preferred',
    };
    expect(electLeader(input)).toEqual({ leader: 1, unclean: false });
  });
});

describe('kafka-reference.md section 3.5 rules', () => {
  const all = [1, 2, 3];

  it('online keeps a valid current leader even when the preferred replica is back', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [1, 2, 3],
      leader: 2,
      liveBrokers: all,
      election: 'online',
    };
    expect(electLeader(input)).toEqual({ leader: 2, unclean: false });
  });

  it('online takes the first replica in assignment order, not in ISR order', () => {
    const input: ElectionInput = {
      replicas: [3, 1, 2],
      isr: [1, 2, 3],
      leader: NO_LEADER,
      liveBrokers: all,
      election: 'online',
    };
    expect(electLeader(input)).toEqual({ leader: 3, unclean: false });
  });

  it('online skips an ISR member that is not acceptable (fenced or shutting down)', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [1, 2],
      leader: 1,
      liveBrokers: [2, 3],
      election: 'online',
    };
    expect(electLeader(input)).toEqual({ leader: 2, unclean: false });
  });

  it('online never elects outside the ISR: the partition goes offline instead', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [1],
      leader: 1,
      liveBrokers: [2, 3],
      election: 'online',
    };
    expect(electLeader(input)).toEqual({ leader: NO_LEADER, unclean: false });
  });

  it('unclean prefers a clean choice and falls back to the first live replica in assignment order', () => {
    const clean: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [1, 3],
      leader: 1,
      liveBrokers: [2, 3],
      election: 'unclean',
    };
    expect(electLeader(clean)).toEqual({ leader: 3, unclean: false });
    const forced: ElectionInput = {
      replicas: [1, 3, 2],
      isr: [1],
      leader: 1,
      liveBrokers: [2, 3],
      election: 'unclean',
    };
    expect(electLeader(forced)).toEqual({ leader: 3, unclean: true });
  });

  it('the unclean fallback scans every acceptable replica in order, the current leader included', () => {
    // PartitionChangeBuilder.electAnyLeader: targetReplicas.stream().filter(isAcceptableLeader).findFirst().
    const input: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [2],
      leader: 1,
      liveBrokers: [1, 3],
      election: 'unclean',
    };
    expect(electLeader(input)).toEqual({ leader: 1, unclean: true });
  });

  it('unclean with no live replica at all leaves the partition offline', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [1],
      leader: 1,
      liveBrokers: [4],
      election: 'unclean',
    };
    expect(electLeader(input)).toEqual({ leader: NO_LEADER, unclean: false });
  });

  it('preferred moves leadership back to replicas[0] when it is valid', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [1, 2, 3],
      leader: 2,
      liveBrokers: all,
      election: 'preferred',
    };
    expect(electLeader(input)).toEqual({ leader: 1, unclean: false });
  });

  it('preferred falls back to the first other valid replica when neither preferred nor current leader is valid', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [2, 3],
      leader: 1,
      liveBrokers: [2, 3],
      election: 'preferred',
    };
    expect(electLeader(input)).toEqual({ leader: 2, unclean: false });
  });

  it('preferred is never unclean', () => {
    const input: ElectionInput = {
      replicas: [1, 2, 3],
      isr: [1],
      leader: NO_LEADER,
      liveBrokers: [2, 3],
      election: 'preferred',
    };
    expect(electLeader(input)).toEqual({ leader: NO_LEADER, unclean: false });
  });
});

describe('election invariants (property)', () => {
  const scenario = fc
    .uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 5 })
    .chain((replicas) =>
      fc.record({
        replicas: fc.constant(replicas),
        isr: fc.subarray(replicas),
        leader: fc.constantFrom(NO_LEADER, ...replicas),
        liveBrokers: fc.subarray([0, 1, 2, 3, 4, 5, 6]),
        election: fc.constantFrom<ElectionType>('preferred', 'online', 'unclean'),
      }),
    );

  it('a leader is a live replica; a clean leader is in the ISR; unclean only when no ISR member is live', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { leader, unclean } = electLeader(input);
        const liveIsr = input.isr.filter((r) => input.liveBrokers.includes(r));
        if (leader === NO_LEADER) {
          expect(unclean).toBe(false);
          expect(liveIsr).toEqual([]);
          return;
        }
        expect(input.replicas).toContain(leader);
        expect(input.liveBrokers).toContain(leader);
        if (unclean) {
          expect(input.election).toBe('unclean');
          expect(liveIsr).toEqual([]);
        } else {
          expect(input.isr).toContain(leader);
        }
      }),
    );
  });
});
