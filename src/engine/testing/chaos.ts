// Seeded fault schedules: random kills, restarts, isolations and slow followers against a producing
// cluster, with the audit's verdict compared to an independent recount from the final logs.
import type { Acks } from '../types';
import type { LoggedCommand } from '../simulation';
import type { Command } from '../sim/commands';
import { Simulation } from '../simulation';
import { createRng, nextInt } from '../rng';
import { cluster } from './harness';
import { forEachRecord } from '../log/replicaLog';
import { auditEntries } from '../audit/entries';
import { lastStableOffset } from '../log/txnIndex';

export interface ChaosOptions {
  acks: Acks;
  unclean: boolean;
  idempotence: boolean;
  durationMs: number;
  faults: number;
  /** Add a consumer group and let the schedule crash and restart its members too. */
  consumers?: boolean;
  groupProtocol?: 'classic' | 'consumer';
  /**
   * A transactional producer (five records per transaction, transaction.timeout.ms 10 s) and a
   * read_committed group: no aborted record may reach it, and every transaction must end.
   */
  transactions?: boolean;
  /**
   * A share group of three members (share.record.lock.duration.ms 15 s) whose members the schedule
   * crashes and restarts too: once settled, every record below the high watermark must have been
   * accepted exactly once (or archived at the delivery limit), and nothing may be left in flight.
   */
  shareGroup?: boolean;
  /** Quiet time after the last fault, so that everything can settle (default 8 s). */
  settleMs?: number;
}

export interface ChaosResult {
  seed: number;
  acknowledged: number;
  lost: number;
  recountedLost: number;
  duplicated: number;
  reordered: number;
  deterministic: boolean;
  log: LoggedCommand[];
  /** Consumption: records processed twice by the group, records it jumped over. */
  redelivered: number;
  skipped: number;
  /** Transactions: aborted records the read_committed group processed (must be 0), and partitions still holding an unfinished transaction at the end. */
  abortedReadCommitted: number;
  unfinishedTransactions: number;
  /** Records in aborted transactions (the audit's count). */
  abortedTotal: number;
  /** Share group: what went wrong once settled (null when all is well), and records it accepted. */
  shareProblem: string | null;
  shareAccepted: number;
}

export function chaosSetup(o: ChaosOptions) {
  const builder = cluster(3)
    .config({
      replicaLagTimeMaxMs: 3_000,
      brokerSessionTimeoutMs: 2_000,
      brokerHeartbeatIntervalMs: 500,
      networkLatencyMs: 20,
    })
    .topic('t', 2, 3, {
      config: { 'min.insync.replicas': 2, 'unclean.leader.election.enable': o.unclean, 'retention.ms': -1 },
    })
    .producer({
      id: 'p',
      topic: 't',
      ratePerSec: 40,
      keys: { kind: 'random', keys: ['a', 'b', 'c', 'd', 'e', 'f'] },
      config: {
        acks: o.acks,
        // Kafka refuses an explicit idempotence with acks other than all; left unset it turns itself off.
        ...(o.acks === 'all' || !o.idempotence ? { 'enable.idempotence': o.idempotence } : {}),
        'request.timeout.ms': 1_500,
        'delivery.timeout.ms': 6_000,
        ...(o.transactions ? { 'transactional.id': 'chaos-tx', 'transaction.timeout.ms': 10_000 } : {}),
      },
      ...(o.transactions ? { recordsPerTransaction: 5 } : {}),
    });
  if (o.transactions)
    builder.group({
      groupId: 'rc',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'isolation.level': 'read_committed' },
      consumers: [{ id: 'rc1' }],
    });
  if (o.consumers) {
    builder.group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: {
        'session.timeout.ms': 3_000,
        'heartbeat.interval.ms': 1_000,
        'auto.commit.interval.ms': 1_000,
        'group.protocol': o.groupProtocol ?? 'classic',
      },
      consumers: [{ id: 'c1' }, { id: 'c2' }],
    });
  }
  const setup = builder.definition;
  if (o.shareGroup)
    setup.shareGroups = [
      {
        groupId: 'sg',
        topic: 't',
        config: {
          'share.auto.offset.reset': 'earliest',
          'share.record.lock.duration.ms': 15_000,
          'share.session.timeout.ms': 45_000,
        },
        consumers: [
          { id: 's1', processingTimeMs: 5 },
          { id: 's2', processingTimeMs: 5 },
          { id: 's3', processingTimeMs: 5 },
        ],
      },
    ];
  return setup;
}

/**
 * Once settled, a share group must have finished every record below each leader's high watermark: the
 * start offset has reached it, and each data record was accepted once or archived at the limit.
 */
export function shareOutcome(sim: Simulation): { problem: string | null; accepted: number } {
  const state = sim.peekState();
  const g = state.shareGroups.sg;
  if (!g) return { problem: null, accepted: 0 };
  // A producer still sending keeps records in flight by design (the schedule stops it at the end; a
  // minimised log without that command must not count as failing for this).
  if (Object.values(state.producers).some((p) => p.running && p.ratePerSec > 0))
    return { problem: null, accepted: g.stats.accepted };
  let records = 0;
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    const log = p.leader >= 0 ? p.logs[p.leader] : undefined;
    if (!log) return { problem: `${id} has no leader at the end`, accepted: g.stats.accepted };
    const sp = g.partitions[id];
    // A new leader's high watermark may still be behind the old one's (ISR below min.insync.replicas).
    if (!sp || sp.startOffset < log.highWatermark)
      return {
        problem: `share-partition ${id} starts at ${sp?.startOffset ?? 'nothing'}, not at the high watermark ${log.highWatermark}`,
        accepted: g.stats.accepted,
      };
    forEachRecord(log, (r) => {
      if (r.offset < log.highWatermark && r.txn < 2) records++;
    });
  }
  const done = g.stats.accepted + g.stats.archivedAtLimit + g.stats.rejected;
  return {
    problem:
      done === records
        ? null
        : `${records} records below the high watermarks, but ${done} accepted or archived`,
    accepted: g.stats.accepted,
  };
}

/** A fault schedule that ends with every broker running and reachable, so the cluster can settle. */
export function faultSchedule(seed: number, o: ChaosOptions): LoggedCommand[] {
  const rng = createRng(seed);
  const log: LoggedCommand[] = [];
  const faultWindow = o.durationMs - (o.settleMs ?? 8_000);
  const times = Array.from({ length: o.faults }, () => 500 + nextInt(rng, faultWindow)).sort((a, b) => a - b);
  for (const atMs of times) {
    const brokerId = 1 + nextInt(rng, 3);
    const kinds: Command['type'][] = [
      'killBroker',
      'restartBroker',
      'isolateBroker',
      'reconnectBroker',
      'slowBroker',
    ];
    if (o.consumers || o.shareGroup) kinds.push('crashConsumer', 'restartConsumer');
    const type = kinds[nextInt(rng, kinds.length)]!;
    const consumerId = o.shareGroup ? `s${1 + nextInt(rng, 3)}` : `c${1 + nextInt(rng, 2)}`;
    const command: Command =
      type === 'slowBroker'
        ? { type, brokerId, fetchDelayMs: nextInt(rng, 2) * 4_000 }
        : type === 'crashConsumer' || type === 'restartConsumer'
          ? { type, consumerId }
          : ({ type, brokerId } as Command);
    log.push({ atMs, command });
  }
  const healAt = faultWindow + 1_000;
  for (const brokerId of [1, 2, 3]) {
    log.push({ atMs: healAt, command: { type: 'restartBroker', brokerId } });
    log.push({ atMs: healAt, command: { type: 'reconnectBroker', brokerId } });
    log.push({ atMs: healAt, command: { type: 'slowBroker', brokerId, fetchDelayMs: 0 } });
  }
  if (o.consumers || o.shareGroup)
    for (const consumerId of o.shareGroup ? ['s1', 's2', 's3'] : ['c1', 'c2'])
      log.push({ atMs: healAt, command: { type: 'restartConsumer', consumerId } });
  log.push({
    atMs: healAt,
    command: { type: 'setProducerConfig', producerId: 'p', config: {}, ratePerSec: 0 },
  });
  return log;
}

/** Lost = acknowledged, yet in no replica's log at the end (retention is off in these runs). */
export function recountLost(sim: Simulation): number {
  const state = sim.peekState();
  const present = new Set<number>();
  for (const id of state.partitionIds)
    for (const log of Object.values(state.partitions[id]!.logs))
      forEachRecord(log, (r) => {
        present.add(r.recordId);
      });
  let lost = 0;
  for (const a of auditEntries(state.audit)) if (a.acked && !present.has(a.id)) lost++;
  return lost;
}

/** Aborted records the read_committed group processed, and partitions whose leader's LSO is below its HW. */
export function transactionOutcome(sim: Simulation): { aborted: number; unfinished: number } {
  const state = sim.peekState();
  let aborted = 0;
  for (const a of auditEntries(state.audit)) if (a.aborted && a.consumedAtMs['rc'] !== undefined) aborted++;
  let unfinished = 0;
  // A producer still sending has its current transaction open by design (the schedule stops it at the
  // end; a minimised log without that command must not count as failing for this).
  const sending = Object.values(state.producers).some((p) => p.running && p.ratePerSec > 0);
  for (const id of sending ? [] : state.partitionIds) {
    const p = state.partitions[id]!;
    const log = p.leader >= 0 ? p.logs[p.leader] : undefined;
    if (log && lastStableOffset(log) < log.highWatermark) unfinished++;
  }
  return { aborted, unfinished };
}

export function runChaos(seed: number, o: ChaosOptions): ChaosResult {
  const setup = chaosSetup(o);
  const log = faultSchedule(seed, o);
  const sim = Simulation.replay(setup, seed, log, o.durationMs);
  const again = Simulation.replay(setup, seed, log, o.durationMs);
  const audit = sim.view().audit;
  const txns = transactionOutcome(sim);
  const share = shareOutcome(sim);
  return {
    seed,
    acknowledged: audit.acknowledged,
    lost: audit.lost,
    recountedLost: recountLost(sim),
    duplicated: audit.duplicated,
    reordered: audit.reordered,
    deterministic: sim.hash() === again.hash(),
    log,
    redelivered: sim.view().groups[0]?.redelivered ?? 0,
    skipped: sim.view().groups[0]?.skipped ?? 0,
    abortedReadCommitted: txns.aborted,
    unfinishedTransactions: txns.unfinished,
    abortedTotal: audit.aborted,
    shareProblem: share.problem,
    shareAccepted: share.accepted,
  };
}
