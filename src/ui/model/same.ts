// Field-by-field equality for the screen model, so that an unchanged piece keeps its identity between
// frames (see model.ts) without building strings or JSON every frame.
import type { ConsumerPartitionView, RecordView } from '../../engine/index';
import type {
  BrokerModel,
  GroupModel,
  MemberModel,
  PartitionRow,
  ProducerModel,
  ReplicaModel,
  TopicModel,
} from './model';

/** Keep the previous object when it equals the next one, so that selectors return the same reference. */
export function keep<T>(prev: T | undefined, next: T, same: (a: T, b: T) => boolean): T {
  return prev !== undefined && same(prev, next) ? prev : next;
}

export const sameNumbers = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export const sameRefs = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Records are immutable once appended, so a tail is identified by its length and its ends. */
export const sameTail = (a: readonly RecordView[], b: readonly RecordView[]): boolean =>
  a.length === b.length &&
  (a.length === 0 ||
    (a[0]!.recordId === b[0]!.recordId &&
      a[a.length - 1]!.recordId === b[b.length - 1]!.recordId &&
      a[0]!.offset === b[0]!.offset &&
      a[a.length - 1]!.offset === b[b.length - 1]!.offset));

export const sameReplica = (a: ReplicaModel, b: ReplicaModel): boolean =>
  a.role === b.role &&
  a.preferred === b.preferred &&
  a.logStartOffset === b.logStartOffset &&
  a.logEndOffset === b.logEndOffset &&
  a.highWatermark === b.highWatermark &&
  a.partitionOffline === b.partitionOffline &&
  sameTail(a.tail, b.tail);

export const sameRow = (a: PartitionRow, b: PartitionRow): boolean =>
  a.leader === b.leader &&
  a.leaderEpoch === b.leaderEpoch &&
  a.highWatermark === b.highWatermark &&
  a.lastStableOffset === b.lastStableOffset &&
  a.logEndOffset === b.logEndOffset &&
  a.underMinIsr === b.underMinIsr &&
  sameNumbers(a.isr, b.isr) &&
  sameNumbers(a.replicas, b.replicas);

export const sameBroker = (a: BrokerModel, b: BrokerModel): boolean =>
  a.status === b.status &&
  a.isolated === b.isolated &&
  a.fenced === b.fenced &&
  a.slowFetchDelayMs === b.slowFetchDelayMs &&
  a.leaderCount === b.leaderCount &&
  a.registersAtMs === b.registersAtMs &&
  sameRefs(a.replicas, b.replicas);

export const sameTopic = (a: TopicModel, b: TopicModel): boolean =>
  a.partitions === b.partitions &&
  a.replicationFactor === b.replicationFactor &&
  a.underReplicated === b.underReplicated &&
  a.offline === b.offline &&
  a.config['min.insync.replicas'] === b.config['min.insync.replicas'] &&
  a.config['retention.ms'] === b.config['retention.ms'] &&
  a.config['unclean.leader.election.enable'] === b.config['unclean.leader.election.enable'] &&
  a.config['cleanup.policy'] === b.config['cleanup.policy'] &&
  sameRefs(a.rows, b.rows);

function sameStopReason(a: MemberModel['stopReason'], b: MemberModel['stopReason']): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'failed') return b.kind === 'failed' && a.exception === b.exception;
  return a.kind === b.kind;
}

export const sameMember = (a: MemberModel, b: MemberModel): boolean =>
  a.id === b.id &&
  a.status === b.status &&
  sameStopReason(a.stopReason, b.stopReason) &&
  a.phase === b.phase &&
  a.memberState === b.memberState &&
  a.isLeader === b.isLeader &&
  a.processingTimeMs === b.processingTimeMs &&
  a.groupInstanceId === b.groupInstanceId &&
  a.consumed === b.consumed &&
  a.buffered === b.buffered &&
  a.assigned.length === b.assigned.length &&
  a.assigned.every((p, i) => p === b.assigned[i]);

export const sameGroupPartition = (a: ConsumerPartitionView, b: ConsumerPartitionView): boolean =>
  a.partitionId === b.partitionId &&
  a.owner === b.owner &&
  a.committed === b.committed &&
  a.position === b.position &&
  a.highWatermark === b.highWatermark &&
  a.lag === b.lag;

export const sameGroup = (a: GroupModel, b: GroupModel): boolean =>
  a.state === b.state &&
  a.protocol === b.protocol &&
  a.assignor === b.assignor &&
  a.partitionAssignmentStrategy.join() === b.partitionAssignmentStrategy.join() &&
  a.fetchMinBytes === b.fetchMinBytes &&
  a.fetchMaxWaitMs === b.fetchMaxWaitMs &&
  a.isolationLevel === b.isolationLevel &&
  a.generation === b.generation &&
  a.totalLag === b.totalLag &&
  a.topic === b.topic &&
  a.members.length === b.members.length &&
  a.members.every((m, i) => sameMember(m, b.members[i]!)) &&
  a.partitions.length === b.partitions.length &&
  a.partitions.every((p, i) => sameGroupPartition(p, b.partitions[i]!));

export const sameProducer = (a: ProducerModel, b: ProducerModel): boolean =>
  a.topic === b.topic &&
  a.acks === b.acks &&
  a.idempotence === b.idempotence &&
  a.ratePerSec === b.ratePerSec &&
  a.produced === b.produced &&
  a.inFlight === b.inFlight &&
  a.queued === b.queued &&
  a.lastError === b.lastError &&
  a.blocked === b.blocked &&
  a.running === b.running &&
  a.transactionalId === b.transactionalId &&
  sameTransaction(a.transaction, b.transaction);

const sameTransaction = (a: ProducerModel['transaction'], b: ProducerModel['transaction']): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.state === b.state &&
    a.sent === b.sent &&
    a.recordsPerTransaction === b.recordsPerTransaction &&
    a.committed === b.committed &&
    a.aborted === b.aborted &&
    a.producerId === b.producerId);
