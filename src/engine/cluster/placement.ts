// Where a new topic's replicas go: AdminUtils.assignReplicasToBrokers (server-common/.../admin/AdminUtils.java),
// the placement ZooKeeper-mode Kafka used for topic creation and `kafka-reassign-partitions --generate` still
// uses. It is chosen over KRaft's StripedReplicaPlacer because its only randomness is two start offsets,
// which the engine draws from its seeded RNG; every other step is a pure function a learner can follow.
import { KafkaError } from '../errors';

export interface PlacementBroker {
  id: number;
  rack?: string | null;
}

export interface PlacementInput {
  brokers: readonly PlacementBroker[];
  partitions: number;
  replicationFactor: number;
  /** Where the round-robin of leaders starts; AdminUtils draws it with RAND.nextInt(#brokers). Default 0. */
  startIndex?: number;
  /** The initial gap between a leader and its first follower; drawn the same way. Default 0. */
  nextReplicaShift?: number;
  /** The first partition id to place (CreatePartitions continues from the current count). Default 0. */
  startPartitionId?: number;
}

/**
 * AdminUtils' two RAND.nextInt(#brokers) draws, in its order: startIndex first, then nextReplicaShift.
 * The rack-aware path draws the same two, bounded by the rack-alternated list, which has the same length.
 * With no brokers AdminUtils fails validation before drawing, so nothing is drawn here either and
 * placeReplicas reports the error.
 */
export function drawPlacementOffsets(
  brokerCount: number,
  nextInt: (bound: number) => number,
): { startIndex: number; nextReplicaShift: number } {
  if (brokerCount < 1) return { startIndex: 0, nextReplicaShift: 0 };
  const startIndex = nextInt(brokerCount);
  const nextReplicaShift = nextInt(brokerCount);
  return { startIndex, nextReplicaShift };
}

/** Map from partition id to its replica list; the first replica is the preferred leader. */
export function placeReplicas(input: PlacementInput): Record<number, number[]> {
  const { brokers, partitions, replicationFactor } = input;
  checkPlacementInput(input);
  const startIndex = input.startIndex ?? 0;
  const shift = input.nextReplicaShift ?? 0;
  const firstPartitionId = Math.max(0, input.startPartitionId ?? 0);
  if (brokers.every((b) => !hasRack(b))) {
    // AdminZkClient.getBrokerMetadatas sorts brokers by id before calling AdminUtils; do the same here so
    // the result does not depend on the order the caller happened to list them in.
    const ids = brokers.map((b) => b.id).sort((a, b) => a - b);
    return placeRackUnaware(ids, partitions, replicationFactor, startIndex, shift, firstPartitionId);
  }
  if (!brokers.every(hasRack)) {
    // An AdminOperationException is not an ApiException, so Errors.forException reports it as UNKNOWN_SERVER_ERROR.
    throw new KafkaError(
      'UNKNOWN_SERVER_ERROR',
      'Not all brokers have rack information for replica rack aware assignment.',
    );
  }
  const racked = brokers.map((b) => ({ id: b.id, rack: b.rack }));
  return placeRackAware(racked, partitions, replicationFactor, startIndex, shift, firstPartitionId);
}

/** AdminUtils.getRackAlternatedBrokerList: racks sorted by name, then one broker (lowest id first) per rack in turn. */
export function rackAlternatedBrokerList(brokers: readonly { id: number; rack: string }[]): number[] {
  const byRack = new Map<string, number[]>();
  for (const b of brokers) byRack.set(b.rack, [...(byRack.get(b.rack) ?? []), b.id]);
  // Default string sort compares UTF-16 code units, exactly like Java's Arrays.sort(String[]); localeCompare would not.
  const racks = [...byRack.keys()].sort();
  const queues = racks.map((r) => [...(byRack.get(r) ?? [])].sort((a, b) => a - b));
  const result: number[] = [];
  for (let round = 0; result.length < brokers.length; round++) {
    for (const queue of queues) {
      const id = queue[round];
      if (id !== undefined) result.push(id);
    }
  }
  return result;
}

function hasRack(b: PlacementBroker): b is PlacementBroker & { rack: string } {
  return typeof b.rack === 'string';
}

// The checks and their order are AdminUtils'. The text for too few brokers is the KRaft controller's
// (ReplicationControlManager wrapping StripedReplicaPlacer), which is what `kafka-topics --create` prints
// against a KRaft cluster; AdminUtils' own is "Replication factor: 4 larger than available brokers: 3.".
function checkPlacementInput(input: PlacementInput): void {
  const { brokers, partitions, replicationFactor } = input;
  for (const [name, value] of Object.entries({ partitions, replicationFactor })) {
    if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
  }
  for (const [name, value] of Object.entries({
    startIndex: input.startIndex,
    nextReplicaShift: input.nextReplicaShift,
  })) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
    }
  }
  if (new Set(brokers.map((b) => b.id)).size !== brokers.length) {
    throw new Error('placeReplicas: duplicate broker id');
  }
  if (partitions <= 0) {
    throw new KafkaError('INVALID_PARTITIONS', 'Number of partitions must be larger than 0.');
  }
  if (replicationFactor <= 0) {
    throw new KafkaError('INVALID_REPLICATION_FACTOR', 'Replication factor must be larger than 0.');
  }
  if (replicationFactor > brokers.length) {
    throw new KafkaError(
      'INVALID_REPLICATION_FACTOR',
      `Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ` +
        `${replicationFactor} cannot be reached because only ${brokers.length} broker(s) are registered.`,
    );
  }
}

/** AdminUtils.replicaIndex: followers sit a shift away from the leader, never on the leader itself. */
function replicaIndex(
  firstReplicaIndex: number,
  secondReplicaShift: number,
  replica: number,
  n: number,
): number {
  const shift = 1 + ((secondReplicaShift + replica) % (n - 1));
  return (firstReplicaIndex + shift) % n;
}

function placeRackUnaware(
  ids: number[],
  partitions: number,
  replicationFactor: number,
  startIndex: number,
  initialShift: number,
  firstPartitionId: number,
): Record<number, number[]> {
  const n = ids.length;
  const result: Record<number, number[]> = {};
  let shift = initialShift;
  for (let p = firstPartitionId; p < firstPartitionId + partitions; p++) {
    // After each full round of leaders the followers move one step further, so pairs do not repeat.
    if (p > 0 && p % n === 0) shift += 1;
    const first = (p + startIndex) % n;
    const replicas = [at(ids, first)];
    for (let j = 0; j < replicationFactor - 1; j++) replicas.push(at(ids, replicaIndex(first, shift, j, n)));
    result[p] = replicas;
  }
  return result;
}

function placeRackAware(
  brokers: { id: number; rack: string }[],
  partitions: number,
  replicationFactor: number,
  startIndex: number,
  initialShift: number,
  firstPartitionId: number,
): Record<number, number[]> {
  const rackOf = new Map(brokers.map((b) => [b.id, b.rack]));
  const numRacks = new Set(rackOf.values()).size;
  const arranged = rackAlternatedBrokerList(brokers);
  const n = arranged.length;
  const result: Record<number, number[]> = {};
  let shift = initialShift;
  for (let p = firstPartitionId; p < firstPartitionId + partitions; p++) {
    if (p > 0 && p % n === 0) shift += 1;
    const first = (p + startIndex) % n;
    const leader = at(arranged, first);
    const replicas = [leader];
    const racksUsed = new Set([rackOf.get(leader)]);
    const brokersUsed = new Set([leader]);
    let k = 0;
    for (let j = 0; j < replicationFactor - 1; j++) {
      for (;;) {
        const broker = at(arranged, replicaIndex(first, shift * numRacks, k, n));
        const rack = rackOf.get(broker);
        k += 1;
        // Skip a broker whose rack already has a replica while some rack has none, and a broker that already
        // has a replica while some broker has none; once every rack (or broker) is used, anything goes.
        const rackOk = !racksUsed.has(rack) || racksUsed.size === numRacks;
        const brokerOk = !brokersUsed.has(broker) || brokersUsed.size === n;
        if (rackOk && brokerOk) {
          replicas.push(broker);
          racksUsed.add(rack);
          brokersUsed.add(broker);
          break;
        }
      }
    }
    result[p] = replicas;
  }
  return result;
}

function at(list: readonly number[], index: number): number {
  const value = list[index];
  if (value === undefined) throw new Error(`placement index ${index} out of range ${list.length}`);
  return value;
}
