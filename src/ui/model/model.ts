// What the screen shows, derived once per frame from the engine's view. When a piece is unchanged from
// the previous frame (compared field by field, without building strings) the previous object is kept,
// so React components, which select these objects, re-render only when what they show has changed.
// That keeps per-frame work proportional to what changed, not to the size of the cluster.
import type {
  ConsumerPartitionView,
  ConsumerStopReason,
  GroupMemberView,
  ProducerView,
  RecordView,
  ShareGroupView,
  SimView,
  TopicConfig,
} from '../../engine/index';
import { cellLabels } from '../diagram/layout';
import { structureFingerprint, structureOf, type DiagramStructure } from './structure';
import { sameShareGroup } from './shareGroups';
import { keep, sameBroker, sameGroup, sameProducer, sameRefs, sameReplica, sameRow, sameTopic } from './same';

/** Kafka admin UIs' replica states: the leader, a follower in the ISR, one out of it, one on a dead broker. */
export type Role = 'leader' | 'isr' | 'out' | 'offline';

export interface ReplicaModel {
  partitionId: string;
  brokerId: number;
  role: Role;
  /** The first replica in the assignment: where leadership returns on a preferred election. */
  preferred: boolean;
  logStartOffset: number;
  logEndOffset: number;
  /** The partition's high watermark (the leader's), so records at or above it are shown uncommitted. */
  highWatermark: number;
  tail: RecordView[];
  partitionOffline: boolean;
}

export interface BrokerModel {
  id: number;
  status: 'running' | 'stopped';
  isolated: boolean;
  fenced: boolean;
  slowFetchDelayMs: number;
  leaderCount: number;
  registersAtMs: number | null;
  replicas: ReplicaModel[];
  counts: Record<Role, number>;
}

export interface PartitionRow {
  id: string;
  topic: string;
  partition: number;
  leader: number;
  preferredLeader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  /** Replicas − ISR: empty in the happy state, as the Streamshub console shows it. */
  outOfSync: number[];
  highWatermark: number;
  /** Below the high watermark while a transaction is unfinished: where read_committed consumers stop. */
  lastStableOffset: number;
  logEndOffset: number;
  offline: boolean;
  underReplicated: boolean;
  underMinIsr: boolean;
}

export interface TopicModel {
  name: string;
  partitions: number;
  replicationFactor: number;
  config: TopicConfig;
  underReplicated: number;
  offline: number;
  rows: PartitionRow[];
}

export interface MemberModel {
  id: string;
  status: 'running' | 'stopped';
  /** Why a stopped member stopped: it crashed, was closed, or failed with a fatal error. */
  stopReason: ConsumerStopReason | null;
  /** Where the member is in the group protocol: joining, syncing, stable, reconciling, left. */
  phase: string;
  /** KIP-848: the coordinator's MemberState for it (UNRELEASED_PARTITIONS: waiting for partitions). */
  memberState: GroupMemberView['memberState'];
  /** The classic protocol's group leader, which computes the assignment. */
  isLeader: boolean;
  /** group.instance.id: a static member (KIP-345) keeps its partitions across a restart within session.timeout.ms. */
  groupInstanceId: string | null;
  assigned: string[];
  consumed: number;
  processingTimeMs: number;
  /** Records fetched and waiting in its fetch buffer for poll(). */
  buffered: number;
}

export interface GroupModel {
  groupId: string;
  topic: string;
  topics: string[];
  /** group.protocol: classic (JoinGroup/SyncGroup) or consumer (KIP-848). */
  protocol: string;
  /** The assignor of this generation (ASSIGNMENT-STRATEGY), null before the first. */
  assignor: string | null;
  partitionAssignmentStrategy: string[];
  fetchMinBytes: number;
  fetchMaxWaitMs: number;
  isolationLevel: 'read_uncommitted' | 'read_committed';
  rebalancing: boolean;
  state: string;
  generation: number;
  members: MemberModel[];
  partitions: ConsumerPartitionView[];
  totalLag: number;
}

export type ProducerModel = ProducerView;

export interface Model {
  structure: DiagramStructure;
  structureFingerprint: string;
  /** Short labels for replica cells, recomputed only when the structure changes. */
  cellLabels: ReadonlyMap<string, string>;
  brokers: BrokerModel[];
  brokerById: Map<number, BrokerModel>;
  topics: TopicModel[];
  partitionById: Map<string, PartitionRow>;
  groups: GroupModel[];
  groupById: Map<string, GroupModel>;
  /** Share groups (KIP-932), as the engine's view gives them. */
  shareGroups: ShareGroupView[];
  shareGroupById: Map<string, ShareGroupView>;
  producers: ProducerModel[];
  producerById: Map<string, ProducerModel>;
}

/** Records per replica the model keeps: the longest strip any view draws. */
export const TAIL_KEPT = 12;

export function roleOf(
  p: { leader: number; isr: number[] },
  brokerId: number,
  brokerStatus: 'running' | 'stopped',
): Role {
  if (brokerStatus === 'stopped') return 'offline';
  if (p.leader === brokerId) return 'leader';
  return p.isr.includes(brokerId) ? 'isr' : 'out';
}

/** `hidden`: node ids of producers and consumers removed by a command (see model/producerSettings.ts). */
export function buildModel(view: SimView, prev: Model | null, hidden: ReadonlySet<string>): Model {
  const fingerprint = structureFingerprint(view, hidden);
  const structure =
    prev && prev.structureFingerprint === fingerprint ? prev.structure : structureOf(view, hidden);
  const status = new Map(view.brokers.map((b) => [b.id, b.status]));
  const rows = view.partitions.map((p) => keep(prev?.partitionById.get(p.id), partitionRow(p), sameRow));
  const partitionById = new Map(rows.map((r) => [r.id, r]));
  const replicasOf = new Map<number, ReplicaModel[]>(view.brokers.map((b) => [b.id, []]));
  const prevReplicas = new Map<string, ReplicaModel>();
  if (prev)
    for (const b of prev.brokers) for (const r of b.replicas) prevReplicas.set(`${b.id}/${r.partitionId}`, r);
  for (const p of view.partitions) {
    for (const log of p.replicaLogs) {
      const next: ReplicaModel = {
        partitionId: p.id,
        brokerId: log.brokerId,
        role: roleOf(p, log.brokerId, status.get(log.brokerId) ?? 'stopped'),
        preferred: p.preferredLeader === log.brokerId,
        logStartOffset: log.logStartOffset,
        logEndOffset: log.logEndOffset,
        highWatermark: p.highWatermark,
        tail: log.tail.length > TAIL_KEPT ? log.tail.slice(-TAIL_KEPT) : log.tail,
        partitionOffline: p.leader < 0,
      };
      replicasOf
        .get(log.brokerId)
        ?.push(keep(prevReplicas.get(`${log.brokerId}/${p.id}`), next, sameReplica));
    }
  }
  const brokers = view.brokers.map((b) => {
    const replicas = replicasOf.get(b.id) ?? [];
    const counts: Record<Role, number> = { leader: 0, isr: 0, out: 0, offline: 0 };
    for (const r of replicas) counts[r.role]++;
    return keep(prev?.brokerById.get(b.id), { ...b, replicas, counts }, sameBroker);
  });
  const topics = view.topics.map((t) => {
    const own = rows.filter((r) => r.topic === t.name);
    const next: TopicModel = {
      name: t.name,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor,
      config: t.config,
      underReplicated: t.underReplicatedPartitions,
      offline: own.filter((r) => r.offline).length,
      rows: own,
    };
    return keep(
      prev?.topics.find((x) => x.name === t.name),
      next,
      sameTopic,
    );
  });
  const groups = view.groups.map((g) => {
    const next: GroupModel = {
      groupId: g.groupId,
      topic: g.topic,
      topics: g.topics,
      protocol: g.protocol,
      assignor: g.assignor,
      partitionAssignmentStrategy: g.partitionAssignmentStrategy,
      fetchMinBytes: g.fetchMinBytes,
      fetchMaxWaitMs: g.fetchMaxWaitMs,
      isolationLevel: g.isolationLevel,
      rebalancing: g.rebalancing,
      state: g.state,
      generation: g.generation,
      members: g.members
        .filter((m) => !hidden.has(`consumer-${m.id}`))
        .map((m) => ({
          id: m.id,
          status: m.status,
          stopReason: m.stopReason,
          phase: m.phase,
          memberState: m.memberState,
          isLeader: m.isLeader,
          groupInstanceId: m.groupInstanceId,
          assigned: m.assigned,
          consumed: m.consumed,
          processingTimeMs: m.processingTimeMs,
          buffered: m.buffered,
        })),
      partitions: g.partitions,
      totalLag: g.totalLag,
    };
    return keep(prev?.groupById.get(g.groupId), next, sameGroup);
  });
  const shareGroups = view.shareGroups.map((g) =>
    keep(prev?.shareGroupById.get(g.groupId), g, sameShareGroup),
  );
  const producers = view.producers
    .filter((p) => !hidden.has(`producer-${p.id}`))
    .map((p) => keep(prev?.producerById.get(p.id), p, sameProducer));
  const sameStructure = prev !== null && prev.structure.key === structure.key;
  return {
    structure: sameStructure ? prev.structure : structure,
    structureFingerprint: fingerprint,
    cellLabels: sameStructure ? prev.cellLabels : cellLabels(view.partitions.map((p) => p.id)),
    brokers: prev && sameRefs(prev.brokers, brokers) ? prev.brokers : brokers,
    brokerById: new Map(brokers.map((b) => [b.id, b])),
    topics: prev && sameRefs(prev.topics, topics) ? prev.topics : topics,
    partitionById,
    groups: prev && sameRefs(prev.groups, groups) ? prev.groups : groups,
    groupById: new Map(groups.map((g) => [g.groupId, g])),
    shareGroups: prev && sameRefs(prev.shareGroups, shareGroups) ? prev.shareGroups : shareGroups,
    shareGroupById: new Map(shareGroups.map((g) => [g.groupId, g])),
    producers,
    producerById: new Map(producers.map((p) => [p.id, p])),
  };
}

function partitionRow(p: SimView['partitions'][number]): PartitionRow {
  return {
    id: p.id,
    topic: p.topic,
    partition: p.partition,
    leader: p.leader,
    preferredLeader: p.preferredLeader,
    leaderEpoch: p.leaderEpoch,
    replicas: p.replicas,
    isr: p.isr,
    outOfSync: p.replicas.filter((r) => !p.isr.includes(r)),
    highWatermark: p.highWatermark,
    lastStableOffset: p.lastStableOffset,
    logEndOffset: p.logEndOffset,
    offline: p.offline,
    underReplicated: p.underReplicated,
    underMinIsr: p.underMinIsr,
  };
}
