// Transactions, checked against Kafka's documented behaviour:
// - KafkaProducer javadoc: initTransactions(), then beginTransaction() … commitTransaction(); records of a
//   transaction become visible to read_committed consumers only once it commits, and never if it aborts.
// - ConsumerConfig isolation.level: "If set to read_committed, consumer.poll() will only return
//   transactional messages which have been committed … read_committed consumers may also only read up to
//   the last stable offset (LSO), which is the one less than the offset of the first open transaction …
//   Transactional messages that are aborted are not returned by read_committed consumers."
// - The transaction markers are control records: they take an offset but are never returned by poll().
// - transaction.timeout.ms: "The maximum amount of time … that a transaction will remain open before the
//   coordinator proactively aborts it." A new instance with the same transactional.id fences the old one
//   (ProducerFencedException).
import { describe, expect, it } from 'vitest';
import type { LogRecord, SimState } from '../types';
import { Simulation } from '../simulation';
import { cluster } from '../testing/harness';
import { recordsOf } from '../log/replicaLog';
import { lastStableOffset } from '../log/txnIndex';

const TXN = { 'transactional.id': 'orders-tx', 'transaction.timeout.ms': 15_000 } as const;

/** Topic t, one partition led by broker 1, a transactional producer and two groups, one per isolation level. */
function setup(ratePerSec: number, recordsPerTransaction = 3): Simulation {
  return builder(ratePerSec, recordsPerTransaction).build();
}

function builder(ratePerSec: number, recordsPerTransaction: number) {
  return cluster(3)
    .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, config: { 'min.insync.replicas': 2 } })
    .producer({
      id: 'tx',
      topic: 't',
      ratePerSec,
      keys: { kind: 'null' },
      config: TXN,
      recordsPerTransaction,
    })
    .group({
      groupId: 'committed',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'isolation.level': 'read_committed' },
      consumers: [{ id: 'rc' }],
    })
    .group({ groupId: 'uncommitted', topic: 't', autoOffsetReset: 'earliest', consumers: [{ id: 'ru' }] });
}

const leaderRecords = (sim: Simulation): LogRecord[] => {
  const p = (sim.peekState() as SimState).partitions['t-0']!;
  return recordsOf(p.logs[p.leader]!);
};
const pattern = (records: LogRecord[]) => records.map((r) => ['-', 'd', 'C', 'A'][r.txn]).join('');
const consumed = (sim: Simulation, group: string) =>
  sim
    .view()
    .groups.find((g) => g.groupId === group)!
    .members.reduce((n, m) => n + m.consumed, 0);
const position = (sim: Simulation, group: string) =>
  sim.view().groups.find((g) => g.groupId === group)!.partitions[0]!.position;

describe('transactions', () => {
  it('commits every recordsPerTransaction records with a COMMIT marker that takes an offset', () => {
    const sim = setup(10);
    sim.advanceTo(12_000);
    const records = leaderRecords(sim);
    // initTransactions(), then three send() calls and a commit, again and again.
    expect(pattern(records)).toMatch(/^(dddC)+d{0,3}$/);
    const markers = records.filter((r) => r.txn === 2);
    // Each transaction waits for its acknowledgements, EndTxn and the markers: round trips of 200 ms hops.
    expect(markers.length).toBeGreaterThanOrEqual(4);
    expect(markers.every((m) => m.recordId === -1 && m.key === null && m.value === null)).toBe(true);
    expect(sim.view().producers[0]!.transaction).toMatchObject({ committed: markers.length });
    // Both isolation levels see every committed record, and neither is handed a marker.
    const data = records.filter((r, i) => r.txn === 1 && i < records.lastIndexOf(markers.at(-1)!)).length;
    expect(consumed(sim, 'committed')).toBeGreaterThanOrEqual(data - 3);
    expect(consumed(sim, 'uncommitted')).toBeGreaterThanOrEqual(data - 3);
    expect(sim.view().audit).toMatchObject({ lost: 0, duplicated: 0, aborted: 0 });
  });

  it('keeps an aborted transaction from read_committed consumers, not from read_uncommitted ones', () => {
    const sim = setup(0, 4);
    sim.advanceTo(3_000);
    for (let i = 0; i < 2; i++) sim.dispatch({ type: 'produce', producerId: 'tx', key: 'k', value: `a${i}` });
    sim.advanceTo(5_000);
    expect(sim.dispatch({ type: 'abortTransaction', producerId: 'tx' }).result).toEqual({ ok: true });
    sim.advanceTo(8_000);
    for (let i = 0; i < 4; i++) sim.dispatch({ type: 'produce', producerId: 'tx', key: 'k', value: `c${i}` });
    sim.advanceTo(20_000);
    expect(pattern(leaderRecords(sim))).toBe('ddAddddC');
    expect(sim.view().audit.aborted).toBe(2);
    // read_uncommitted returns the aborted records too; read_committed only the committed four.
    expect(consumed(sim, 'uncommitted')).toBe(6);
    expect(consumed(sim, 'committed')).toBe(4);
    // Both have moved past both markers: the next offset is the log end.
    expect(position(sim, 'committed')).toBe(8);
    expect(position(sim, 'uncommitted')).toBe(8);
    expect(sim.view().audit.lost).toBe(0);
    // Outside a transaction there is nothing to abort, in the TransactionManager's words.
    expect(sim.dispatch({ type: 'abortTransaction', producerId: 'tx' }).result).toEqual({
      ok: false,
      error:
        'TransactionalId orders-tx: Invalid transition attempted from state READY to state ABORTING_TRANSACTION',
    });
  });

  it('holds read_committed consumers at the LSO while a transaction stays open, until transaction.timeout.ms aborts it', () => {
    const sim = cluster(3)
      .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] } })
      .producer({
        id: 'tx',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'null' },
        config: TXN,
        recordsPerTransaction: 10,
      })
      .producer({ id: 'plain', topic: 't', ratePerSec: 0, keys: { kind: 'null' } })
      .group({
        groupId: 'committed',
        topic: 't',
        autoOffsetReset: 'earliest',
        config: { 'isolation.level': 'read_committed' },
        consumers: [{ id: 'rc' }],
      })
      .group({ groupId: 'uncommitted', topic: 't', autoOffsetReset: 'earliest', consumers: [{ id: 'ru' }] })
      .build();
    sim.advanceTo(3_000);
    sim.dispatch({ type: 'produce', producerId: 'plain', key: null, value: 'p0' });
    sim.advanceTo(4_000);
    for (let i = 0; i < 2; i++)
      sim.dispatch({ type: 'produce', producerId: 'tx', key: null, value: `t${i}` });
    sim.advanceTo(5_000);
    // The application dies mid-transaction: close() does not end it.
    sim.dispatch({ type: 'removeProducer', producerId: 'tx' });
    for (let i = 1; i <= 3; i++)
      sim.dispatch({ type: 'produce', producerId: 'plain', key: null, value: `p${i}` });
    sim.advanceTo(9_000);
    const p = () => (sim.peekState() as SimState).partitions['t-0']!;
    const leader = () => p().logs[p().leader]!;
    // The open transaction starts at offset 1: the LSO stays there, below the high watermark.
    expect([lastStableOffset(leader()), leader().highWatermark]).toEqual([1, 6]);
    expect(position(sim, 'committed')).toBe(1);
    expect(position(sim, 'uncommitted')).toBe(6);
    expect(sim.view().partitions[0]!.replicaLogs[0]!.lastStableOffset).toBe(1);
    // transaction.timeout.ms (15 s) after it began, at the coordinator's next check (every 10 s).
    sim.advanceTo(40_000);
    const timedOut = sim.view().events.find((e) => e.type === 'transactionTimedOut');
    expect(timedOut?.atMs).toBeGreaterThanOrEqual(4_000 + 15_000);
    expect(timedOut?.atMs).toBeLessThanOrEqual(4_000 + 15_000 + 10_000);
    expect(pattern(recordsOf(leader()))).toBe('-dd---A');
    expect(lastStableOffset(leader())).toBe(leader().highWatermark);
    // The read_committed consumer now reads past the aborted records to the plain ones behind them.
    expect(consumed(sim, 'committed')).toBe(4);
    expect(position(sim, 'committed')).toBe(7);
    expect(sim.view().audit.aborted).toBe(2);
  });

  it('fences the older producer when a new one initialises the same transactional.id', () => {
    const sim = setup(0, 5);
    sim.advanceTo(3_000);
    for (let i = 0; i < 2; i++)
      sim.dispatch({ type: 'produce', producerId: 'tx', key: null, value: `old${i}` });
    sim.advanceTo(4_000);
    sim.dispatch({
      type: 'addProducer',
      producer: {
        id: 'tx-new',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'null' },
        config: TXN,
        recordsPerTransaction: 2,
      },
    });
    sim.advanceTo(6_000);
    // The zombie's open transaction was aborted before the new producer got its id.
    expect(pattern(leaderRecords(sim))).toBe('ddA');
    const zombie = sim.dispatch({ type: 'produce', producerId: 'tx', key: null, value: 'late' });
    expect(zombie.result.ok).toBe(true);
    sim.advanceTo(8_000);
    expect(sim.view().producers.find((p) => p.id === 'tx')!.transaction?.state).toBe('FENCED');
    expect(sim.view().events.some((e) => e.type === 'producerFenced')).toBe(true);
    for (let i = 0; i < 2; i++)
      sim.dispatch({ type: 'produce', producerId: 'tx-new', key: null, value: `new${i}` });
    sim.advanceTo(12_000);
    expect(pattern(leaderRecords(sim))).toBe('ddAddC');
    expect(consumed(sim, 'committed')).toBe(2);
  });

  it('writes the marker on the new leader when the leader fails mid-transaction', () => {
    const sim = setup(0, 3);
    sim.advanceTo(3_000);
    for (let i = 0; i < 2; i++)
      sim.dispatch({ type: 'produce', producerId: 'tx', key: null, value: `t${i}` });
    sim.advanceTo(4_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(20_000);
    const p = (sim.peekState() as SimState).partitions['t-0']!;
    expect(p.leader).not.toBe(1);
    // The new leader rebuilt the open transaction from the records it replicated.
    expect(lastStableOffset(p.logs[p.leader]!)).toBe(0);
    sim.dispatch({ type: 'produce', producerId: 'tx', key: null, value: 't2' });
    sim.advanceTo(30_000);
    expect(pattern(leaderRecords(sim))).toBe('dddC');
    expect(consumed(sim, 'committed')).toBe(3);
    expect(sim.view().audit).toMatchObject({ lost: 0, aborted: 0 });
  });

  it('refuses a transactional.id without idempotence or acks=all, in ProducerConfig’s words', () => {
    const sim = setup(0);
    const add = (config: object) =>
      sim.dispatch({
        type: 'addProducer',
        producer: {
          id: 'bad',
          topic: 't',
          ratePerSec: 0,
          keys: { kind: 'null' },
          config: { ...TXN, ...config },
        },
      }).result;
    expect(add({ 'enable.idempotence': false })).toEqual({
      ok: false,
      error: 'Cannot set a transactional.id without also enabling idempotence.',
    });
    // acks=1 turns the default idempotence off, so Kafka names what idempotence was needed for.
    expect(add({ acks: 1 })).toEqual({
      ok: false,
      error: 'Cannot set a transactional.id without also enabling idempotence.',
    });
    expect(add({ acks: 1, 'enable.idempotence': true })).toEqual({
      ok: false,
      error:
        'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
    });
  });

  it('replays a transactional run exactly, from the start and from a checkpoint', () => {
    const b = builder(8, 3);
    const sim = Simulation.create(b.definition, 7, { checkpointIntervalMs: 2_000 });
    sim.advanceTo(5_000);
    sim.dispatch({ type: 'abortTransaction', producerId: 'tx' });
    sim.advanceTo(9_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(16_000);
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.advanceTo(30_000);
    const hash = sim.hash();
    expect(sim.view().producers[0]!.transaction!.committed).toBeGreaterThan(3);
    sim.seek(12_500);
    sim.advanceTo(30_000);
    expect(sim.hash()).toBe(hash);
    expect(Simulation.replay(b.definition, 7, sim.commandLog(), 30_000).hash()).toBe(hash);
  });

  it('starts a read_committed group with auto.offset.reset=latest at the LSO, so an open transaction is not skipped', () => {
    const sim = setup(0, 4);
    sim.advanceTo(3_000);
    for (let i = 0; i < 2; i++)
      sim.dispatch({ type: 'produce', producerId: 'tx', key: null, value: `o${i}` });
    sim.advanceTo(4_000);
    sim.dispatch({
      type: 'addGroup',
      group: {
        groupId: 'late',
        topic: 't',
        autoOffsetReset: 'latest',
        config: { 'isolation.level': 'read_committed' },
        consumers: [{ id: 'late-1' }],
      },
    });
    sim.advanceTo(10_000);
    // The group has its position at offset 0, the open transaction's first record, not at the HW (2).
    expect(position(sim, 'late')).toBe(0);
    for (let i = 2; i < 4; i++)
      sim.dispatch({ type: 'produce', producerId: 'tx', key: null, value: `o${i}` });
    sim.advanceTo(16_000);
    expect(consumed(sim, 'late')).toBe(4);
  });

  it('compacts only below the LSO: an open transaction’s record is not cleaned away', () => {
    const sim = cluster(3)
      .config({ logRetentionCheckIntervalMs: 1_000 })
      .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] }, config: { 'cleanup.policy': 'compact' } })
      .producer({
        id: 'tx',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'null' },
        config: TXN,
        recordsPerTransaction: 2,
      })
      .producer({ id: 'plain', topic: 't', ratePerSec: 0, keys: { kind: 'null' } })
      .build();
    sim.advanceTo(3_000);
    sim.dispatch({ type: 'produce', producerId: 'tx', key: 'k', value: 'in-txn' });
    sim.advanceTo(4_000);
    sim.dispatch({ type: 'produce', producerId: 'plain', key: 'k', value: 'newer' });
    sim.advanceTo(8_000);
    // Offset 0 is superseded by offset 1, but its transaction is open: the LSO is 0, nothing is cleaned.
    expect(pattern(leaderRecords(sim))).toBe('d-');
    sim.dispatch({ type: 'produce', producerId: 'tx', key: 'j', value: 'last' });
    sim.advanceTo(14_000);
    // Committed: the cleaner may now drop the superseded record; the marker and the rest stay.
    expect(leaderRecords(sim).map((r) => r.value ?? r.txn)).toEqual(['newer', 'last', 2]);
  });
});
