// Replica placement must match AdminUtils.assignReplicasToBrokers. Cases are transcribed from apache/kafka
// server-common/src/test/java/org/apache/kafka/admin/AdminRackAwareTest.java (the Java port of
// core/src/test/scala/unit/kafka/admin/AdminRackAwareTest.scala and RackAwareTest.scala). Where Kafka's test
// lets RAND pick the start index and shift, these tests try every value RAND.nextInt(#brokers) can return.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { KafkaError } from '../errors';
import { drawPlacementOffsets, placeReplicas, rackAlternatedBrokerList } from './placement';

type RackMap = Record<number, string>;

const racked = (rackMap: RackMap) => Object.entries(rackMap).map(([id, rack]) => ({ id: Number(id), rack }));
const unracked = (ids: number[]) => ids.map((id) => ({ id }));

type Offsets = { startIndex: number; nextReplicaShift: number };

/** Runs `check` for every (startIndex, nextReplicaShift) pair AdminUtils' two RAND.nextInt(n) draws can produce. */
function forEveryOffset(n: number, check: (offsets: Offsets) => void): void {
  for (let startIndex = 0; startIndex < n; startIndex++) {
    for (let nextReplicaShift = 0; nextReplicaShift < n; nextReplicaShift++) {
      const offsets = { startIndex, nextReplicaShift };
      try {
        check(offsets);
      } catch (e) {
        throw new Error(`with ${JSON.stringify(offsets)}: ${e instanceof Error ? e.message : String(e)}`, {
          cause: e,
        });
      }
    }
  }
}

/** RackAwareTest.checkReplicaDistribution / AdminRackAwareTest.assertReplicaDistribution. */
function checkReplicaDistribution(
  assignment: Record<number, number[]>,
  rackMap: RackMap,
  numBrokers: number,
  numPartitions: number,
  replicationFactor: number,
  verify: { rackAware?: boolean; leaders?: boolean; replicas?: boolean } = {},
): void {
  const { rackAware = true, leaders = true, replicas = true } = verify;
  const lists = Object.values(assignment);
  expect(lists).toHaveLength(numPartitions);
  // "More than one replica is assigned to same broker for the same partition"
  for (const list of lists) expect(new Set(list).size).toBe(list.length);
  if (rackAware) {
    // "More than one replica of the same partition is assigned to the same rack"
    for (const list of lists) expect(new Set(list.map((b) => rackMap[b])).size).toBe(replicationFactor);
  }
  const leaderCount = countBy(lists.map((l) => l[0]!));
  const replicaCount = countBy(lists.flat());
  if (leaders) {
    // "Preferred leader count is not even for brokers"
    expect([...leaderCount.values()]).toEqual(
      new Array<number>(numBrokers).fill(Math.floor(numPartitions / numBrokers)),
    );
  }
  if (replicas) {
    // "Replica count is not even for broker"
    const perBroker = Math.floor((numPartitions * replicationFactor) / numBrokers);
    expect([...replicaCount.values()]).toEqual(new Array<number>(numBrokers).fill(perBroker));
  }
}

function countBy(ids: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

function expectKafkaError(fn: () => unknown, code: string, message: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KafkaError);
    expect((e as KafkaError).code).toBe(code);
    expect((e as KafkaError).message).toBe(message);
    return;
  }
  throw new Error(`expected ${code}`);
}

const sixBrokersThreeRacks: RackMap = {
  0: 'rack1',
  1: 'rack2',
  2: 'rack2',
  3: 'rack3',
  4: 'rack3',
  5: 'rack1',
};

describe('rack-unaware placement (AdminRackAwareTest#testReplicaAssignment)', () => {
  const brokers = unracked([0, 1, 2, 3, 4]);
  const expected = {
    0: [0, 1, 2],
    1: [1, 2, 3],
    2: [2, 3, 4],
    3: [3, 4, 0],
    4: [4, 0, 1],
    5: [0, 2, 3],
    6: [1, 3, 4],
    7: [2, 4, 0],
    8: [3, 0, 1],
    9: [4, 1, 2],
  };

  it('5 brokers, 10 partitions, RF 3, fixed start index 0', () => {
    const assignment = placeReplicas({
      brokers,
      partitions: 10,
      replicationFactor: 3,
      startIndex: 0,
      nextReplicaShift: 0,
    });
    expect(assignment).toEqual(expected);
  });

  it('uses the broker list sorted by id, as AdminZkClient.getBrokerMetadatas passes it', () => {
    const shuffled = unracked([3, 0, 4, 2, 1]);
    expect(placeReplicas({ brokers: shuffled, partitions: 10, replicationFactor: 3 })).toEqual(expected);
  });

  it('defaults startIndex and nextReplicaShift to 0', () => {
    expect(placeReplicas({ brokers, partitions: 10, replicationFactor: 3 })).toEqual(expected);
  });

  it('rejects replication factor 0 and 6 (> 5 brokers) with INVALID_REPLICATION_FACTOR', () => {
    expectKafkaError(
      () => placeReplicas({ brokers, partitions: 10, replicationFactor: 0 }),
      'INVALID_REPLICATION_FACTOR',
      'Replication factor must be larger than 0.',
    );
    expectKafkaError(
      () => placeReplicas({ brokers, partitions: 10, replicationFactor: 6 }),
      'INVALID_REPLICATION_FACTOR',
      'Unable to replicate the partition 6 time(s): The target replication factor of 6 cannot be reached because only 5 broker(s) are registered.',
    );
  });

  it('continues an existing topic from startPartitionId (CreatePartitions)', () => {
    // Partitions 5..9 of the same layout, placed on their own, are exactly partitions 5..9 above.
    const tail = placeReplicas({ brokers, partitions: 5, replicationFactor: 3, startPartitionId: 5 });
    expect(tail).toEqual({ 5: expected[5], 6: expected[6], 7: expected[7], 8: expected[8], 9: expected[9] });
  });
});

describe('rack-alternated broker list (AdminRackAwareTest#testGetRackAlternatedBrokerListAndAssignReplicasToBrokers)', () => {
  const rackMap: RackMap = { 0: 'rack1', 1: 'rack3', 2: 'rack3', 3: 'rack2', 4: 'rack2', 5: 'rack1' };

  it('{0:rack1,1:rack3,2:rack3,3:rack2,4:rack2,5:rack1} -> [0,3,1,5,4,2]', () => {
    expect(rackAlternatedBrokerList(racked(rackMap))).toEqual([0, 3, 1, 5, 4, 2]);
  });

  it('without broker 5 -> [0,3,1,4,2]', () => {
    const rest = Object.fromEntries(Object.entries(rackMap).filter(([id]) => id !== '5'));
    expect(rackAlternatedBrokerList(racked(rest))).toEqual([0, 3, 1, 4, 2]);
  });

  it('does not depend on the order brokers are listed in', () => {
    expect(rackAlternatedBrokerList(racked(rackMap).reverse())).toEqual([0, 3, 1, 5, 4, 2]);
  });

  it('7 partitions, RF 3, fixed start index 0', () => {
    expect(
      placeReplicas({
        brokers: racked(rackMap),
        partitions: 7,
        replicationFactor: 3,
        startIndex: 0,
        nextReplicaShift: 0,
      }),
    ).toEqual({
      0: [0, 3, 1],
      1: [3, 1, 5],
      2: [1, 5, 4],
      3: [5, 4, 2],
      4: [4, 2, 0],
      5: [2, 0, 3],
      6: [0, 4, 2],
    });
  });
});

describe('rack-aware distribution (AdminRackAwareTest)', () => {
  it('testAssignmentWithRackAware: fixed start index 2, 6 partitions, RF 3', () => {
    const a = placeReplicas({
      brokers: racked(sixBrokersThreeRacks),
      partitions: 6,
      replicationFactor: 3,
      startIndex: 2,
      nextReplicaShift: 2,
    });
    checkReplicaDistribution(a, sixBrokersThreeRacks, 6, 6, 3);
  });

  it('testAssignmentWithRackAwareWithRandomStartIndex, every random offset', () => {
    forEveryOffset(6, (offsets) => {
      const a = placeReplicas({
        brokers: racked(sixBrokersThreeRacks),
        partitions: 6,
        replicationFactor: 3,
        ...offsets,
      });
      checkReplicaDistribution(a, sixBrokersThreeRacks, 6, 6, 3);
    });
  });

  it('testAssignmentWithRackAwareWithUnevenReplicas: fixed start 0, 13 partitions, RF 3 (rack-aware only)', () => {
    const a = placeReplicas({
      brokers: racked(sixBrokersThreeRacks),
      partitions: 13,
      replicationFactor: 3,
      startIndex: 0,
      nextReplicaShift: 0,
    });
    checkReplicaDistribution(a, sixBrokersThreeRacks, 6, 13, 3, { leaders: false, replicas: false });
  });

  it('testAssignmentWithRackAwareWithUnevenRacks (12 partitions, RF 3), every random offset', () => {
    forEveryOffset(6, (offsets) => {
      const rackMap: RackMap = { 0: 'rack1', 1: 'rack1', 2: 'rack2', 3: 'rack3', 4: 'rack3', 5: 'rack1' };
      const a = placeReplicas({ brokers: racked(rackMap), partitions: 12, replicationFactor: 3, ...offsets });
      checkReplicaDistribution(a, rackMap, 6, 12, 3, { replicas: false });
    });
  });

  it('testAssignmentWith2ReplicasRackAware (12 partitions, RF 2), every random offset', () => {
    forEveryOffset(6, (offsets) => {
      const a = placeReplicas({
        brokers: racked(sixBrokersThreeRacks),
        partitions: 12,
        replicationFactor: 2,
        ...offsets,
      });
      checkReplicaDistribution(a, sixBrokersThreeRacks, 6, 12, 2);
    });
  });

  const brokers6to11: RackMap = { 6: 'rack1', 7: 'rack2', 8: 'rack2', 9: 'rack3', 10: 'rack3', 11: 'rack1' };

  it('testRackAwareExpansion (startPartitionId 12, 12 partitions, RF 2), every random offset', () => {
    forEveryOffset(6, (offsets) => {
      const a = placeReplicas({
        brokers: racked(brokers6to11),
        partitions: 12,
        replicationFactor: 2,
        startPartitionId: 12,
        ...offsets,
      });
      expect(Object.keys(a).map(Number)).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
      checkReplicaDistribution(a, brokers6to11, 6, 12, 2);
    });
  });

  it('testAssignmentWith2ReplicasRackAwareWith6Partitions (brokers 6..11), every random offset', () => {
    forEveryOffset(6, (offsets) => {
      const a = placeReplicas({
        brokers: racked(brokers6to11),
        partitions: 6,
        replicationFactor: 2,
        ...offsets,
      });
      checkReplicaDistribution(a, brokers6to11, 6, 6, 2);
    });
  });

  it('testAssignmentWith2ReplicasRackAwareWith6PartitionsAnd3Brokers, every random offset', () => {
    forEveryOffset(3, (offsets) => {
      const rackMap: RackMap = { 0: 'rack1', 1: 'rack2', 4: 'rack3' };
      const a = placeReplicas({ brokers: racked(rackMap), partitions: 3, replicationFactor: 2, ...offsets });
      checkReplicaDistribution(a, rackMap, 3, 3, 2);
    });
  });

  it('testLargeNumberPartitionsAssignment: 12 brokers, 96 partitions, RF 3, every random offset', () => {
    const rackMap: RackMap = {
      ...sixBrokersThreeRacks,
      6: 'rack1',
      7: 'rack2',
      8: 'rack2',
      9: 'rack3',
      10: 'rack1',
      11: 'rack3',
    };
    forEveryOffset(12, (offsets) => {
      const a = placeReplicas({ brokers: racked(rackMap), partitions: 96, replicationFactor: 3, ...offsets });
      checkReplicaDistribution(a, rackMap, 12, 96, 3);
    });
  });

  const unevenRackMap: RackMap = { 0: 'rack1', 1: 'rack2', 2: 'rack2', 3: 'rack3', 4: 'rack3', 5: 'rack2' };

  it('testMoreReplicasThanRacks (RF 5, 3 racks): every partition spans exactly 3 racks, every random offset', () => {
    forEveryOffset(6, (offsets) => {
      const a = placeReplicas({
        brokers: racked(unevenRackMap),
        partitions: 6,
        replicationFactor: 5,
        ...offsets,
      });
      for (const list of Object.values(a)) {
        expect(list).toHaveLength(5);
        expect(new Set(list).size).toBe(5);
        expect(new Set(list.map((b) => unevenRackMap[b])).size).toBe(3);
      }
    });
  });

  it('testLessReplicasThanRacks (RF 2, 3 racks): every partition spans 2 racks, every random offset', () => {
    forEveryOffset(6, (offsets) => {
      const a = placeReplicas({
        brokers: racked(unevenRackMap),
        partitions: 6,
        replicationFactor: 2,
        ...offsets,
      });
      for (const list of Object.values(a)) {
        expect(list).toHaveLength(2);
        expect(new Set(list.map((b) => unevenRackMap[b])).size).toBe(2);
      }
    });
  });

  it('testSingleRack (RF 3): one rack per partition, one leadership per broker, every random offset', () => {
    forEveryOffset(6, (offsets) => {
      const rackMap: RackMap = { 0: 'rack1', 1: 'rack1', 2: 'rack1', 3: 'rack1', 4: 'rack1', 5: 'rack1' };
      const a = placeReplicas({ brokers: racked(rackMap), partitions: 6, replicationFactor: 3, ...offsets });
      for (const list of Object.values(a)) {
        expect(list).toHaveLength(3);
        expect(new Set(list.map((b) => rackMap[b])).size).toBe(1);
      }
      const leaders = countBy(Object.values(a).map((l) => l[0]!));
      for (const id of [0, 1, 2, 3, 4, 5]) expect(leaders.get(id)).toBe(1);
    });
  });

  it('testSkipBrokerWithReplicaAlreadyAssigned: {0:a,1:b,2:c,3:a,4:a}, 6 partitions, RF 4, fixed start 2', () => {
    const rackInfo: RackMap = { 0: 'a', 1: 'b', 2: 'c', 3: 'a', 4: 'a' };
    const a = placeReplicas({
      brokers: racked(rackInfo),
      partitions: 6,
      replicationFactor: 4,
      startIndex: 2,
      nextReplicaShift: 2,
    });
    checkReplicaDistribution(a, rackInfo, 5, 6, 4, { rackAware: false, leaders: false, replicas: false });
    for (const list of Object.values(a)) expect(list).toHaveLength(4);
  });
});

describe('invalid input (AdminRackAwareTest#testAssignReplicasToBrokersWithInvalidParameters)', () => {
  // Broker 4 has no rack.
  const brokers = [...racked({ 0: 'rack1', 1: 'rack3', 2: 'rack3', 3: 'rack2' }), { id: 4, rack: null }];

  it('0 partitions -> INVALID_PARTITIONS', () => {
    expectKafkaError(
      () => placeReplicas({ brokers, partitions: 0, replicationFactor: 0 }),
      'INVALID_PARTITIONS',
      'Number of partitions must be larger than 0.',
    );
  });

  it('replication factor 0 -> INVALID_REPLICATION_FACTOR', () => {
    expectKafkaError(
      () => placeReplicas({ brokers, partitions: 10, replicationFactor: 0 }),
      'INVALID_REPLICATION_FACTOR',
      'Replication factor must be larger than 0.',
    );
  });

  it('replication factor above the broker count -> INVALID_REPLICATION_FACTOR, checked before racks', () => {
    expectKafkaError(
      () => placeReplicas({ brokers, partitions: 10, replicationFactor: 6 }),
      'INVALID_REPLICATION_FACTOR',
      'Unable to replicate the partition 6 time(s): The target replication factor of 6 cannot be reached because only 5 broker(s) are registered.',
    );
  });

  it('some brokers with racks and some without -> AdminOperationException text', () => {
    expectKafkaError(
      () => placeReplicas({ brokers, partitions: 10, replicationFactor: 5 }),
      'UNKNOWN_SERVER_ERROR',
      'Not all brokers have rack information for replica rack aware assignment.',
    );
  });

  it('no brokers at all -> "only 0 broker(s) are registered"', () => {
    expectKafkaError(
      () => placeReplicas({ brokers: [], partitions: 1, replicationFactor: 1 }),
      'INVALID_REPLICATION_FACTOR',
      'Unable to replicate the partition 1 time(s): The target replication factor of 1 cannot be reached because only 0 broker(s) are registered.',
    );
  });

  it('treats an absent rack and a null rack alike (Optional.empty())', () => {
    const mixed = [{ id: 0 }, { id: 1, rack: null }, { id: 2 }];
    expect(placeReplicas({ brokers: mixed, partitions: 3, replicationFactor: 2 })).toEqual(
      placeReplicas({ brokers: unracked([0, 1, 2]), partitions: 3, replicationFactor: 2 }),
    );
  });
});

describe('drawPlacementOffsets mirrors AdminUtils RAND.nextInt(#brokers) draws', () => {
  it('draws startIndex first, then nextReplicaShift, both bounded by the broker count', () => {
    const bounds: number[] = [];
    const values = [3, 1];
    const offsets = drawPlacementOffsets(5, (bound) => {
      bounds.push(bound);
      return values.shift() ?? -1;
    });
    expect(bounds).toEqual([5, 5]);
    expect(offsets).toEqual({ startIndex: 3, nextReplicaShift: 1 });
  });

  it('draws nothing when there are no brokers (AdminUtils fails validation before drawing)', () => {
    let calls = 0;
    expect(drawPlacementOffsets(0, () => ++calls)).toEqual({ startIndex: 0, nextReplicaShift: 0 });
    expect(calls).toBe(0);
  });
});

describe('placement properties over random clusters', () => {
  const rackNames = ['r1', 'r2', 'r3', 'r4'];
  // Either no broker has a rack or every broker has one of up to four racks.
  const brokersFor = (ids: number[], withRacks: boolean): fc.Arbitrary<{ id: number; rack?: string }[]> =>
    withRacks
      ? fc
          .array(fc.constantFrom(...rackNames), { minLength: ids.length, maxLength: ids.length })
          .map((racks) => ids.map((id, i) => ({ id, rack: racks[i] ?? 'r1' })))
      : fc.constant(ids.map((id) => ({ id })));
  const cluster = (withRacks: boolean) =>
    fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 9 }).chain((ids) =>
      fc.record({
        brokers: brokersFor(ids, withRacks),
        replicationFactor: fc.integer({ min: 1, max: ids.length }),
        partitions: fc.integer({ min: 1, max: 40 }),
        startIndex: fc.nat(ids.length - 1),
        nextReplicaShift: fc.nat(ids.length - 1),
        startPartitionId: fc.nat(30),
      }),
    );

  it.each([false, true])(
    'racks=%s: RF distinct replicas per partition, all registered brokers',
    (withRacks) => {
      fc.assert(
        fc.property(cluster(withRacks), (input) => {
          const ids = new Set(input.brokers.map((b) => b.id));
          const a = placeReplicas(input);
          const keys = Object.keys(a).map(Number);
          expect(keys).toEqual(
            Array.from({ length: input.partitions }, (_, i) => input.startPartitionId + i),
          );
          for (const list of Object.values(a)) {
            expect(list).toHaveLength(input.replicationFactor);
            expect(new Set(list).size).toBe(list.length);
            for (const b of list) expect(ids.has(b)).toBe(true);
          }
        }),
      );
    },
  );

  it.each([false, true])(
    'racks=%s: leaders differ by at most 1 and are even when partitions is a multiple of brokers',
    (withRacks) => {
      fc.assert(
        fc.property(cluster(withRacks), fc.integer({ min: 1, max: 4 }), (input, rounds) => {
          const n = input.brokers.length;
          const a = placeReplicas({ ...input, partitions: n * rounds });
          const leaders = countBy(Object.values(a).map((l) => l[0]!));
          expect(leaders.size).toBe(n);
          for (const count of leaders.values()) expect(count).toBe(rounds);
          const any = placeReplicas(input);
          const counts = [...countBy(Object.values(any).map((l) => l[0]!)).values()];
          const max = Math.max(...counts);
          const min = counts.length < n ? 0 : Math.min(...counts);
          expect(max - min).toBeLessThanOrEqual(1);
        }),
      );
    },
  );

  it('rack-aware with RF <= #racks puts every replica of a partition on a distinct rack', () => {
    fc.assert(
      fc.property(cluster(true), (input) => {
        const rackOf = new Map(input.brokers.map((b) => [b.id, b.rack]));
        const numRacks = new Set(rackOf.values()).size;
        fc.pre(input.replicationFactor <= numRacks);
        for (const list of Object.values(placeReplicas(input))) {
          expect(new Set(list.map((b) => rackOf.get(b))).size).toBe(list.length);
        }
      }),
    );
  });

  it('rack-unaware placement does not depend on the order brokers are listed in', () => {
    fc.assert(
      fc.property(cluster(false), (input) => {
        const reversed = { ...input, brokers: [...input.brokers].reverse() };
        expect(placeReplicas(reversed)).toEqual(placeReplicas(input));
      }),
    );
  });
});
