// A small hand-made SimView for checker tests: three brokers, topic orders with 3 partitions (broker 3
// stopped, orders-2 offline), group billing with an idle member, share group packing (packer-1 running,
// packer-2 crashed and still holding locks), and a delivery audit with one loss.
import type { GroupView, PartitionView, ShareGroupView, ShareMemberView, SimView } from '../../engine/index';

function partition(
  id: string,
  leader: number,
  isr: number[],
  extra: Partial<PartitionView> = {},
): PartitionView {
  const [topic = '', n = '0'] = id.split(/-(?=\d+$)/);
  return {
    id,
    topic,
    partition: Number(n),
    replicas: [1, 2, 3],
    isr,
    leader,
    preferredLeader: 1,
    leaderEpoch: 1,
    highWatermark: 10,
    lastStableOffset: 10,
    logEndOffset: 10,
    logStartOffset: 0,
    underReplicated: isr.length < 3,
    underMinIsr: isr.length < 2,
    offline: leader < 0,
    replicaLogs: [],
    ...extra,
  };
}

const billing: GroupView = {
  groupId: 'billing',
  topic: 'orders',
  topics: ['orders'],
  protocol: 'classic',
  state: 'Stable',
  rebalancing: false,
  generation: 2,
  assignor: 'range',
  partitionAssignmentStrategy: ['range', 'cooperative-sticky'],
  fetchMinBytes: 1,
  fetchMaxWaitMs: 500,
  isolationLevel: 'read_uncommitted',
  members: [
    {
      id: 'billing-1',
      memberId: 'billing-1-1',
      groupInstanceId: null,
      status: 'running',
      stopReason: null,
      phase: 'stable',
      memberState: null,
      isLeader: true,
      assigned: ['orders-0', 'orders-1'],
      consumed: 30,
      processingTimeMs: 10,
      buffered: 0,
    },
    {
      id: 'billing-2',
      memberId: 'billing-2-2',
      groupInstanceId: null,
      status: 'running',
      stopReason: null,
      phase: 'stable',
      memberState: null,
      isLeader: false,
      assigned: [],
      consumed: 12,
      processingTimeMs: 10,
      buffered: 0,
    },
    {
      id: 'billing-3',
      memberId: 'billing-3-3',
      groupInstanceId: null,
      status: 'stopped',
      stopReason: { kind: 'crashed' },
      phase: 'left',
      memberState: null,
      isLeader: false,
      assigned: [],
      consumed: 5,
      processingTimeMs: 10,
      buffered: 0,
    },
  ],
  partitions: [
    { partitionId: 'orders-0', owner: 'billing-1', committed: 8, position: 9, highWatermark: 10, lag: 2 },
    { partitionId: 'orders-1', owner: 'billing-1', committed: 7, position: 9, highWatermark: 10, lag: 3 },
    { partitionId: 'orders-2', owner: null, committed: 10, position: null, highWatermark: 10, lag: 0 },
  ],
  totalLag: 5,
  redelivered: 4,
  skipped: 0,
};

const tail = (keys: string[], firstRecordId: number) =>
  keys.map((key, i) => ({
    offset: i,
    key,
    value: `{"n":${i}}`,
    leaderEpoch: 1,
    recordId: firstRecordId + i * 10,
    timestampMs: 1_000 * i,
    timestampType: 'CreateTime' as const,
    txn: null,
    aborted: false,
  }));

function shareMember(consumerId: string, extra: Partial<ShareMemberView>): ShareMemberView {
  return {
    consumerId,
    memberId: `${consumerId}-member`,
    status: 'running',
    stopReason: null,
    inGroup: true,
    memberEpoch: 3,
    assigned: ['orders-0'],
    holding: 0,
    processing: 0,
    processingTimeMs: 100,
    consumed: 0,
    accepted: 0,
    released: 0,
    rejected: 0,
    ...extra,
  };
}

const packing = (): ShareGroupView => ({
  groupId: 'packing',
  topic: 'orders',
  state: 'Stable',
  groupEpoch: 3,
  config: {
    'share.auto.offset.reset': 'earliest',
    'share.record.lock.duration.ms': 15_000,
    'share.delivery.count.limit': 5,
    'share.isolation.level': 'read_uncommitted',
    'share.partition.max.record.locks': 2_000,
    'share.session.timeout.ms': 45_000,
    'share.heartbeat.interval.ms': 5_000,
    'share.acknowledgement.mode': 'explicit',
    'max.poll.records': 2,
    'fetch.max.wait.ms': 500,
  },
  poisonKeys: ['zed'],
  onFailure: 'RELEASE',
  renewLocks: false,
  members: [
    shareMember('packer-1', { consumed: 12, accepted: 8, released: 4, holding: 1 }),
    shareMember('packer-2', {
      status: 'stopped',
      stopReason: 'crashed',
      consumed: 3,
      accepted: 3,
      holding: 2,
    }),
  ],
  partitions: [],
  totalLag: 4,
  stats: { accepted: 11, released: 4, rejected: 0, archivedAtLimit: 1, redelivered: 4, renewed: 0 },
});

export function sampleView(): SimView {
  return {
    nowMs: 20_000,
    seed: 1,
    brokers: [
      {
        id: 1,
        rack: null,
        status: 'running',
        isolated: false,
        fenced: false,
        slowFetchDelayMs: 0,
        leaderCount: 1,
      },
      {
        id: 2,
        rack: null,
        status: 'running',
        isolated: false,
        fenced: false,
        slowFetchDelayMs: 0,
        leaderCount: 1,
      },
      {
        id: 3,
        rack: null,
        status: 'stopped',
        isolated: false,
        fenced: true,
        slowFetchDelayMs: 0,
        leaderCount: 0,
      },
    ],
    topics: [
      {
        name: 'orders',
        partitions: 3,
        replicationFactor: 3,
        config: {
          'min.insync.replicas': 2,
          'retention.ms': 604_800_000,
          'retention.bytes': -1,
          'cleanup.policy': 'delete',
          'unclean.leader.election.enable': false,
          'message.timestamp.type': 'CreateTime',
        },
        underReplicatedPartitions: 3,
      },
    ],
    partitions: [
      partition('orders-0', 1, [1, 2], {
        logStartOffset: 4,
        replicaLogs: [
          {
            brokerId: 1,
            logStartOffset: 4,
            logEndOffset: 10,
            highWatermark: 10,
            lastStableOffset: 10,
            inIsr: true,
            tail: tail(['alice', 'bob', 'alice'], 100),
          },
        ],
      }),
      partition('orders-1', 2, [2, 1], {
        replicaLogs: [
          {
            brokerId: 2,
            logStartOffset: 0,
            logEndOffset: 10,
            highWatermark: 10,
            lastStableOffset: 10,
            inIsr: true,
            tail: tail(['carol', 'bob'], 101),
          },
        ],
      }),
      partition('orders-2', -1, [3]),
    ],
    producers: [
      {
        id: 'checkout',
        topic: 'orders',
        acks: 'all',
        idempotence: true,
        ratePerSec: 2,
        produced: 40,
        inFlight: 0,
        queued: 0,
        lastError: null,
        blocked: false,
        running: true,
        transactionalId: null,
        transaction: null,
      },
    ],
    groups: [billing],
    shareGroups: [packing()],
    transactions: [],
    messages: [],
    audit: {
      produced: 40,
      acknowledged: 30,
      committed: 29,
      lost: 1,
      duplicated: 2,
      reordered: 0,
      failed: 0,
      aborted: 3,
      explanations: [
        {
          atMs: 15_000,
          recordId: 7,
          partitionId: 'orders-2',
          offset: 9,
          text: 'acks=1: leader 3 acknowledged offset 9 of orders-2',
        },
      ],
    },
    events: [
      { atMs: 5_000, type: 'leaderElected', text: 'The controller made broker 2 leader of orders-1.' },
      { atMs: 12_000, type: 'brokerKilled', text: 'Broker 3 crashed.' },
    ],
    eventCount: 2,
  };
}
