// Who leads a partition: the KRaft controller's choice in PartitionChangeBuilder.electLeader
// (metadata/src/main/java/org/apache/kafka/controller/PartitionChangeBuilder.java) with eligible leader
// replicas (ELR, KIP-966) disabled: the simulator models clusters without ELR, so an ISR never empties and
// no ELR member can be chosen.

/** LeaderConstants.NO_LEADER: the partition is offline. */
export const NO_LEADER = -1;

/**
 * PartitionChangeBuilder.Election. 'online' is the default for ordinary changes; 'unclean' is used when the
 * topic has unclean.leader.election.enable=true; 'preferred' is what auto.leader.rebalance.enable and
 * `kafka-leader-election --election-type preferred` run.
 */
export type ElectionType = 'preferred' | 'online' | 'unclean';

export interface ElectionInput {
  /** The assignment, in order: replicas[0] is the preferred leader. */
  replicas: readonly number[];
  /** The target ISR, i.e. the ISR after the change being built. */
  isr: readonly number[];
  /** The current leader, or NO_LEADER. */
  leader: number;
  /** The controller's isAcceptableLeader: brokers that are unfenced and not in controlled shutdown. */
  liveBrokers: readonly number[];
  election: ElectionType;
}

export interface ElectionResult {
  leader: number;
  /**
   * ElectionResult.unclean: the leader came from outside the ISR. When this changes the leader, Kafka sets
   * ISR := [leader] and leaderRecoveryState := RECOVERING, and committed records the new leader lacks are lost.
   */
  unclean: boolean;
}

export function electLeader(input: ElectionInput): ElectionResult {
  const live = new Set(input.liveBrokers);
  const isr = new Set(input.isr);
  // isValidNewLeader with ELR disabled: in the target ISR and acceptable.
  const isValid = (r: number): boolean => isr.has(r) && live.has(r);
  return input.election === 'preferred' ? electPreferred(input, isValid) : electAny(input, isValid, live);
}

// electPreferredLeader: never unclean, even for a topic that allows unclean elections.
function electPreferred(input: ElectionInput, isValid: (r: number) => boolean): ElectionResult {
  const preferred = input.replicas[0];
  if (preferred !== undefined && isValid(preferred)) return { leader: preferred, unclean: false };
  // A valid current leader is kept rather than moved to another non-preferred replica.
  if (isValid(input.leader)) return { leader: input.leader, unclean: false };
  const other = input.replicas.slice(1).find(isValid);
  return { leader: other ?? NO_LEADER, unclean: false };
}

// electAnyLeader: a valid current leader always stays, which is why a recovering broker does not take its
// leadership back until a preferred election runs.
function electAny(
  input: ElectionInput,
  isValid: (r: number) => boolean,
  live: ReadonlySet<number>,
): ElectionResult {
  if (isValid(input.leader)) return { leader: input.leader, unclean: false };
  const clean = input.replicas.find(isValid);
  if (clean !== undefined) return { leader: clean, unclean: false };
  if (input.election === 'unclean') {
    const unclean = input.replicas.find((r) => live.has(r));
    if (unclean !== undefined) return { leader: unclean, unclean: true };
  }
  return { leader: NO_LEADER, unclean: false };
}
