// The view: a small, plain summary of the state for the UI and the CLI. It is what crosses the worker
// boundary every frame, so it carries windows of logs (the last few records), never whole logs.
import type {
  Acks,
  BrokerState,
  FetchPartitionResponse,
  LossExplanation,
  MessageBody,
  ProducerTxnStateName,
  TxnCoordinatorEntry,
  SimEvent,
  SimState,
  TimestampType,
  TopicConfig,
} from './types';
import type {
  ConsumerState,
  ConsumerStopReason,
  GroupProtocol,
  GroupStateName,
  MemberPhase,
  MemberState,
} from './groups/types';
import { leaderLog } from './cluster/partition';
import { shareGroupViews, type ShareGroupView } from './share/view';
import { tailRecords } from './log/replicaLog';
import { isAborted, lastStableOffset, TXN_DATA } from './log/txnIndex';

const TXN_VIEW = [null, 'data', 'COMMIT', 'ABORT'] as const;

export interface RecordView {
  offset: number;
  key: string | null;
  value: string | null;
  leaderEpoch: number;
  recordId: number;
  /** The record's timestamp and who set it (message.timestamp.type when it was appended). */
  timestampMs: number;
  timestampType: TimestampType;
  /**
   * Transactions: 'data' for a record written in a transaction (`aborted` once an ABORT marker closed
   * it), 'COMMIT' or 'ABORT' for a transaction marker (a control record), null for a plain record.
   */
  txn: 'data' | 'COMMIT' | 'ABORT' | null;
  aborted: boolean;
}

export interface ReplicaView {
  brokerId: number;
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  /** Where read_committed consumers stop: the first offset of the oldest unfinished transaction, or the HW. */
  lastStableOffset: number;
  inIsr: boolean;
  tail: RecordView[];
}

export interface PartitionView {
  id: string;
  topic: string;
  partition: number;
  replicas: number[];
  isr: number[];
  leader: number;
  preferredLeader: number;
  leaderEpoch: number;
  highWatermark: number;
  /** The leader's last stable offset: below the HW while a transaction is unfinished. */
  lastStableOffset: number;
  logEndOffset: number;
  logStartOffset: number;
  underReplicated: boolean;
  underMinIsr: boolean;
  offline: boolean;
  replicaLogs: ReplicaView[];
}

export interface BrokerView {
  id: number;
  rack: string | null;
  status: BrokerState['status'];
  isolated: boolean;
  fenced: boolean;
  slowFetchDelayMs: number;
  leaderCount: number;
  /** A restarted process waiting for its old session to expire before it can register, else null. */
  registersAtMs: number | null;
}

export interface ProducerView {
  id: string;
  topic: string;
  acks: Acks;
  idempotence: boolean;
  ratePerSec: number;
  produced: number;
  inFlight: number;
  queued: number;
  lastError: string | null;
  /** send() is blocked: buffer.memory is full of records the brokers have not acknowledged. */
  blocked: boolean;
  /** Whether its process is still sending (false once removed, fenced, or stopped with its service instance). */
  running: boolean;
  /** transactional.id, and where its application is in its loop of transactions; null if not transactional. */
  transactionalId: string | null;
  transaction: {
    state: ProducerTxnStateName;
    sent: number;
    recordsPerTransaction: number;
    committed: number;
    aborted: number;
    producerId: number;
  } | null;
}

export interface ConsumerPartitionView {
  partitionId: string;
  owner: string | null;
  committed: number | null;
  position: number | null;
  highWatermark: number;
  /** HW − committed offset, as kafka-consumer-groups prints LAG; null when nothing is committed. */
  lag: number | null;
}

export interface GroupMemberView {
  /** The consumer's name in the simulation (its client.id). */
  id: string;
  memberId: string;
  groupInstanceId: string | null;
  status: 'running' | 'stopped';
  /** Why it is stopped (crashed, closed, or failed with a fatal error); null while running. */
  stopReason: ConsumerStopReason | null;
  phase: MemberPhase;
  /**
   * KIP-848: where the coordinator is in reconciling this member (UNRELEASED_PARTITIONS: at the target
   * epoch, waiting for partitions others still own); null for a classic group or a stopped consumer.
   */
  memberState: MemberState | null;
  isLeader: boolean;
  assigned: string[];
  consumed: number;
  processingTimeMs: number;
  /**
   * Records fetched and waiting in the consumer's FetchBuffer for poll() to return them: the records of
   * its CompletedFetches not yet returned (an obsolete one, no longer next for the position, not counted).
   */
  buffered: number;
}

export interface GroupView {
  groupId: string;
  /** The first subscribed topic (kept for simple views). */
  topic: string;
  topics: string[];
  protocol: GroupProtocol;
  state: GroupStateName;
  /** kafka-consumer-groups says "is rebalancing" for these states. */
  rebalancing: boolean;
  generation: number;
  /** The assignor chosen for this generation (ASSIGNMENT-STRATEGY), null before the first one. */
  assignor: string | null;
  partitionAssignmentStrategy: string[];
  /** The members' fetch settings: fetch.min.bytes and fetch.max.wait.ms (the group's config). */
  fetchMinBytes: number;
  fetchMaxWaitMs: number;
  isolationLevel: 'read_uncommitted' | 'read_committed';
  members: GroupMemberView[];
  partitions: ConsumerPartitionView[];
  totalLag: number;
  /** Records this group processed more than once (at-least-once after a crash before a commit). */
  redelivered: number;
  skipped: number;
}

export interface MessageView {
  id: number;
  kind: MessageBody['kind'];
  from: string;
  to: string;
  sentAtMs: number;
  deliverAtMs: number;
  partitionId: string | null;
  keys: (string | null)[];
  error: string | null;
}

export interface AuditView {
  produced: number;
  acknowledged: number;
  committed: number;
  lost: number;
  duplicated: number;
  reordered: number;
  failed: number;
  /** Written in transactions that were aborted: in the logs, never read by read_committed consumers. */
  aborted: number;
  explanations: LossExplanation[];
}

export interface TopicView {
  name: string;
  topicId: string;
  partitions: number;
  replicationFactor: number;
  config: TopicConfig;
  underReplicatedPartitions: number;
}

/** The transaction coordinator's entry for a transactional.id (what kafka-transactions describe prints). */
export interface TransactionView {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  state: TxnCoordinatorEntry['state'];
  timeoutMs: number;
  /** When the current transaction began, -1 when none is open or ending. */
  startedAtMs: number;
  partitions: string[];
}

export interface SimView {
  nowMs: number;
  seed: number;
  brokers: BrokerView[];
  topics: TopicView[];
  partitions: PartitionView[];
  producers: ProducerView[];
  groups: GroupView[];
  /** Share groups (KIP-932), with each share-partition's in-flight records. */
  shareGroups: ShareGroupView[];
  transactions: TransactionView[];
  messages: MessageView[];
  audit: AuditView;
  events: SimEvent[];
  eventCount: number;
}

export interface ViewOptions {
  /** Records per replica tail. */
  tail?: number;
  /** Most recent events. */
  events?: number;
}

export type { ShareGroupView, ShareMemberView, SharePartitionView, ShareRecordView } from './share/view';

export function buildView(state: SimState, options: ViewOptions = {}): SimView {
  const tail = options.tail ?? 12;
  const partitions = state.partitionIds.map((id) => partitionView(state, id, tail));
  return {
    nowMs: state.nowMs,
    seed: state.seed,
    brokers: state.brokerIds.map((id) => brokerView(state, id, partitions)),
    topics: state.topicNames.map((name) => {
      const t = state.topics[name]!;
      return {
        name,
        topicId: t.topicId,
        partitions: t.partitions,
        replicationFactor: t.replicationFactor,
        config: { ...t.config },
        underReplicatedPartitions: partitions.filter((p) => p.topic === name && p.underReplicated).length,
      };
    }),
    partitions,
    producers: state.producerIds.map((id) => {
      const p = state.producers[id]!;
      return {
        id,
        topic: p.topic,
        acks: p.config.acks,
        idempotence: p.config['enable.idempotence'],
        ratePerSec: p.ratePerSec,
        produced: p.produced,
        inFlight: p.inFlight.reduce((n, f) => n + f.records.length, 0),
        queued: p.queue.length,
        lastError: p.lastError,
        blocked: p.blockedSinceMs >= 0,
        running: p.running,
        transactionalId: p.config['transactional.id'],
        transaction: p.txn
          ? {
              state: p.txn.state,
              sent: p.txn.sent,
              recordsPerTransaction: p.txn.recordsPerTransaction,
              committed: p.txn.committed,
              aborted: p.txn.aborted,
              producerId: p.producerId,
            }
          : null,
      };
    }),
    groups: state.groupIds.map((id) => groupView(state, id)),
    shareGroups: shareGroupViews(state),
    transactions: Object.keys(state.transactions)
      .sort()
      .map((id) => {
        const e = state.transactions[id]!;
        const open = e.state === 'Ongoing' || e.state === 'PrepareCommit' || e.state === 'PrepareAbort';
        return {
          transactionalId: id,
          producerId: e.producerId,
          producerEpoch: e.producerEpoch,
          state: e.state,
          timeoutMs: e.timeoutMs,
          startedAtMs: open ? e.startedAtMs : -1,
          partitions: open ? [...e.partitions] : [],
        };
      }),
    messages: messageViews(state),
    audit: {
      produced: state.producerIds.reduce((n, id) => n + state.producers[id]!.produced, 0),
      acknowledged: state.audit.acknowledged,
      committed: state.audit.committed,
      lost: state.audit.lost,
      duplicated: state.audit.duplicated,
      reordered: state.audit.reordered,
      failed: state.audit.failed,
      aborted: state.audit.aborted,
      explanations: state.audit.explanations.slice(-20),
    },
    events: state.events.slice(-(options.events ?? 60)),
    eventCount: state.eventCount,
  };
}

function brokerView(state: SimState, id: number, partitions: PartitionView[]): BrokerView {
  const b = state.brokers[id]!;
  return {
    id,
    rack: b.rack,
    status: b.status,
    isolated: b.isolated,
    fenced: b.fenced,
    slowFetchDelayMs: b.slowFetchDelayMs,
    leaderCount: partitions.filter((p) => p.leader === id).length,
    registersAtMs: b.registerAtMs >= 0 ? b.registerAtMs : null,
  };
}

function partitionView(state: SimState, id: string, tail: number): PartitionView {
  const p = state.partitions[id]!;
  const log = leaderLog(p);
  const minIsr = Math.min(state.topics[p.topic]!.config['min.insync.replicas'], p.replicas.length);
  return {
    id,
    topic: p.topic,
    partition: p.partition,
    replicas: [...p.replicas],
    isr: [...p.isr],
    leader: p.leader,
    preferredLeader: p.replicas[0]!,
    leaderEpoch: p.leaderEpoch,
    highWatermark: log?.highWatermark ?? -1,
    lastStableOffset: log ? lastStableOffset(log) : -1,
    logEndOffset: log?.logEndOffset ?? -1,
    logStartOffset: log?.logStartOffset ?? -1,
    underReplicated: p.isr.length < p.replicas.length,
    underMinIsr: p.isr.length < minIsr,
    offline: p.leader < 0,
    replicaLogs: p.replicas.map((r) => {
      const l = p.logs[r]!;
      return {
        brokerId: r,
        logStartOffset: l.logStartOffset,
        logEndOffset: l.logEndOffset,
        highWatermark: l.highWatermark,
        lastStableOffset: lastStableOffset(l),
        inIsr: p.isr.includes(r),
        tail: tailRecords(l, tail).map((x) => ({
          offset: x.offset,
          key: x.key,
          value: x.value,
          leaderEpoch: x.leaderEpoch,
          recordId: x.recordId,
          timestampMs: x.timestampMs,
          timestampType: x.timestampType,
          txn: TXN_VIEW[x.txn],
          aborted: x.txn === TXN_DATA && isAborted(x, l.txns.aborted),
        })),
      };
    }),
  };
}

/** FetchBuffer: the records poll() would still return, from the fetches that are next for their position. */
function bufferedRecords(c: ConsumerState): number {
  let n = 0;
  for (const f of c.fetchBuffer)
    if (f.nextFetchOffset === c.positions[f.partitionId]) n += f.records.length - f.returned;
  return n;
}

function groupView(state: SimState, groupId: string): GroupView {
  const g = state.groups[groupId]!;
  const owners = new Map<string, string>();
  for (const id of g.consumerIds) {
    const c = state.consumers[id]!;
    if (c.status === 'running') for (const pid of c.assigned) owners.set(pid, id);
  }
  const leader = g.leaderId ? g.members[g.leaderId]?.consumerId : undefined;
  const partitions: ConsumerPartitionView[] = [];
  let totalLag = 0;
  for (const topicName of g.topics) {
    const topic = state.topics[topicName];
    if (!topic) continue;
    for (let i = 0; i < topic.partitions; i++) {
      const pid = `${topic.name}-${i}`;
      const hw = leaderLog(state.partitions[pid]!)?.highWatermark ?? -1;
      const committed = g.committed[pid] ?? null;
      const owner = owners.get(pid) ?? null;
      const lag = committed === null || hw < 0 ? null : Math.max(0, hw - committed);
      totalLag += lag ?? 0;
      const position = owner ? (state.consumers[owner]!.positions[pid] ?? null) : null;
      partitions.push({ partitionId: pid, owner, committed, position, highWatermark: hw, lag });
    }
  }
  return {
    groupId,
    topic: g.topics[0] ?? '',
    topics: [...g.topics],
    protocol: g.protocol,
    state: g.state,
    rebalancing: ['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling'].includes(g.state),
    generation: g.generation,
    assignor: g.protocolName,
    partitionAssignmentStrategy: [...g.consumerConfig['partition.assignment.strategy']],
    fetchMinBytes: g.consumerConfig['fetch.min.bytes'],
    fetchMaxWaitMs: g.consumerConfig['fetch.max.wait.ms'],
    isolationLevel: g.consumerConfig['isolation.level'],
    members: g.consumerIds.map((id) => {
      const c = state.consumers[id]!;
      return {
        id,
        memberId: c.memberId,
        groupInstanceId: c.groupInstanceId,
        status: c.status,
        stopReason: c.stopReason,
        phase: c.phase,
        memberState:
          g.protocol === 'consumer' && c.status === 'running'
            ? (g.members[c.memberId]?.memberState ?? null)
            : null,
        isLeader: leader === id && c.status === 'running',
        assigned: [...c.assigned],
        consumed: c.consumed,
        processingTimeMs: c.processingTimeMs,
        buffered: bufferedRecords(c),
      };
    }),
    partitions,
    totalLag,
    redelivered: g.redelivered,
    skipped: g.skipped,
  };
}

function messageViews(state: SimState): MessageView[] {
  const out: MessageView[] = [];
  for (const t of state.timers) {
    if (t.timer.kind !== 'deliver') continue;
    const m = t.timer.message;
    const b = m.body;
    if (b.kind === 'BrokerHeartbeat') continue;
    const view = {
      id: m.id,
      kind: b.kind,
      from: m.from,
      to: m.to,
      sentAtMs: m.sentAtMs,
      deliverAtMs: m.deliverAtMs,
    };
    if (b.kind === 'ProduceRequest') {
      // A request carries a batch for each of several partitions: each batch travels to its own
      // partition's row, side by side, so records still land where they are appended.
      for (const data of b.partitionData)
        out.push({
          ...view,
          partitionId: data.partitionId,
          keys: data.records.map((r) => r.key),
          error: null,
        });
      continue;
    }
    if (b.kind === 'FetchResponse') {
      fetchResponseViews(out, view, b.responses);
      continue;
    }
    if (b.kind === 'ShareFetchResponse') {
      // Acquired records travel from their partition's row to the share consumer, as fetched ones do.
      fetchResponseViews(
        out,
        view,
        b.responses.map((r) => ({
          partitionId: r.partitionId,
          records: r.acquired.map((a) => a.record),
          error: r.error,
        })),
      );
      continue;
    }
    const keys: (string | null)[] = [];
    let error: string | null = null;
    let partitionId: string | null = 'partitionId' in b ? (b.partitionId as string) : null;
    // One request for several partitions goes from the fetcher's card (or row, for one partition).
    if (b.kind === 'FetchRequest')
      partitionId = b.partitions.length === 1 ? b.partitions[0]!.partitionId : null;
    if (b.kind === 'ShareFetchRequest') partitionId = b.partitions.length === 1 ? b.partitions[0]! : null;
    if (b.kind === 'ProduceResponse') {
      // One answer for several partitions goes back from the broker card; a failed partition colours it.
      const results = b.partitionResponses;
      partitionId = results.length === 1 ? results[0]!.partitionId : null;
      error = results.find((r) => r.error !== null)?.error ?? null;
    }
    out.push({ ...view, partitionId, keys, error });
  }
  return out.sort((a, b) => a.id - b.id);
}

/**
 * A fetch response carries a result for each of several partitions: each partition's records (or error)
 * travel to its own row, side by side, as a produce request's batches do; one that brings nothing at
 * all is one empty answer.
 */
function fetchResponseViews(
  out: MessageView[],
  view: Omit<MessageView, 'partitionId' | 'keys' | 'error'>,
  responses: readonly Pick<FetchPartitionResponse, 'partitionId' | 'records' | 'error'>[],
): void {
  let shown = 0;
  for (const r of responses) {
    if (r.records.length === 0 && r.error === null) continue;
    out.push({ ...view, partitionId: r.partitionId, keys: r.records.map((x) => x.key), error: r.error });
    shown++;
  }
  if (shown === 0)
    out.push({
      ...view,
      partitionId: responses.length === 1 ? responses[0]!.partitionId : null,
      keys: [],
      error: null,
    });
}
