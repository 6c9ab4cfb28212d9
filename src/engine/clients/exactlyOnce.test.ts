// Kafka Streams' processing.guarantee=exactly_once_v2 (KIP-447): each stream thread writes its output
// records and its input offsets (sendOffsetsToTransaction) in one transaction, so when an instance
// crashes, the records it wrote after its last commit are aborted with the offsets it had not committed;
// whoever takes its partitions reprocesses them, and a read_committed reader downstream sees every
// output exactly once. With at_least_once, the same crash leaves duplicates downstream.
import { describe, expect, it } from 'vitest';
import type { SimState } from '../types';
import type { Simulation } from '../simulation';
import { cluster } from '../testing/harness';
import { forEachRecord } from '../log/replicaLog';
import { isAborted, TXN_DATA, TXN_NONE } from '../log/txnIndex';

function pipeline(processingGuarantee: 'at_least_once' | 'exactly_once_v2'): Simulation {
  const b = cluster(3)
    .topic('in', 2, 3, { assignment: { 0: [1, 2, 3], 1: [2, 3, 1] } })
    .topic('out', 2, 3, { assignment: { 0: [3, 1, 2], 1: [1, 2, 3] } })
    .producer({ id: 'src', topic: 'in', ratePerSec: 10, keys: { kind: 'cycle', keys: ['a', 'b', 'c', 'd'] } })
    .group({
      groupId: 'downstream',
      topic: 'out',
      autoOffsetReset: 'earliest',
      config: { 'isolation.level': 'read_committed' },
      consumers: [{ id: 'reader' }],
    });
  b.definition.services = [
    {
      id: 'enrich',
      inputTopic: 'in',
      outputTopic: 'out',
      instances: 2,
      valueTemplate: '{"of":{input}}',
      processingGuarantee,
      // Kafka Streams' session timeout is 45 s; 10 s moves the crashed instance's partitions sooner.
      config: { 'session.timeout.ms': 10_000 },
    },
  ];
  return b.build();
}

/** Outputs per input value, among the records a read_committed reader can see (not aborted). */
function committedOutputs(sim: Simulation): Map<string, number> {
  const state = sim.peekState() as SimState;
  const seen = new Map<string, number>();
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    if (p.topic !== 'out') continue;
    const log = p.logs[p.leader]!;
    forEachRecord(log, (r) => {
      if ((r.txn !== TXN_DATA && r.txn !== TXN_NONE) || isAborted(r, log.txns.aborted)) return;
      seen.set(r.value!, (seen.get(r.value!) ?? 0) + 1);
    });
  }
  return seen;
}

/** Crash enrich-1 while records of its current transaction are on their way (after 12 s). */
function crashRun(sim: Simulation): void {
  sim.advanceTo(12_000);
  const busy = () => (sim.peekState() as SimState).producers['enrich-1-producer']?.inFlight.length ?? 0;
  for (let t = 12_050; busy() === 0 && t < 20_000; t += 50) sim.advanceTo(t);
  sim.dispatch({ type: 'crashConsumer', consumerId: 'enrich-1' });
  sim.advanceTo(20_000);
  sim.dispatch({ type: 'setProducerConfig', producerId: 'src', config: {}, ratePerSec: 0 });
  sim.advanceTo(26_000);
  sim.dispatch({ type: 'restartConsumer', consumerId: 'enrich-1' });
  sim.advanceTo(90_000);
}

describe('services with processing.guarantee', () => {
  it('exactly_once_v2: after an instance crash, every input has exactly one committed output', () => {
    const sim = pipeline('exactly_once_v2');
    crashRun(sim);
    const produced = sim.view().producers.find((p) => p.id === 'src')!.produced;
    const outputs = committedOutputs(sim);
    expect(outputs.size).toBe(produced);
    expect([...outputs.values()].every((n) => n === 1)).toBe(true);
    // The crashed instance's unfinished transaction was aborted, and its input processed again.
    expect(sim.view().audit.aborted).toBeGreaterThan(0);
    expect(sim.view().groups.find((g) => g.groupId === 'enrich')!.redelivered).toBeGreaterThan(0);
    // Downstream, read_committed reads each output once.
    const reader = sim.view().groups.find((g) => g.groupId === 'downstream')!;
    expect(reader.members[0]!.consumed).toBe(produced);
    expect(sim.view().producers.map((p) => p.id)).toEqual(['src', 'enrich-1-producer', 'enrich-2-producer']);
  });

  it('at_least_once: the same crash leaves some inputs with two outputs', () => {
    const sim = pipeline('at_least_once');
    sim.advanceTo(12_000);
    sim.dispatch({ type: 'crashConsumer', consumerId: 'enrich-1' });
    sim.advanceTo(20_000);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'src', config: {}, ratePerSec: 0 });
    sim.advanceTo(26_000);
    sim.dispatch({ type: 'restartConsumer', consumerId: 'enrich-1' });
    sim.advanceTo(90_000);
    const produced = sim.view().producers.find((p) => p.id === 'src')!.produced;
    const outputs = committedOutputs(sim);
    expect(outputs.size).toBe(produced);
    expect([...outputs.values()].some((n) => n > 1)).toBe(true);
  });

  // Whatever the moment of the crash (between polls, mid-flush, while EndTxn or the markers travel), the
  // outcome must be the same: every input once, downstream.
  it.each(Array.from({ length: 24 }, (_, i) => 10_000 + i * 370))(
    'exactly_once_v2 with a crash at %i ms: every input has exactly one committed output',
    (crashAt) => {
      const sim = pipeline('exactly_once_v2');
      sim.advanceTo(crashAt);
      sim.dispatch({ type: 'crashConsumer', consumerId: 'enrich-1' });
      sim.advanceTo(crashAt + 6_000);
      sim.dispatch({ type: 'setProducerConfig', producerId: 'src', config: {}, ratePerSec: 0 });
      sim.advanceTo(crashAt + 14_000);
      sim.dispatch({ type: 'restartConsumer', consumerId: 'enrich-1' });
      sim.advanceTo(crashAt + 80_000);
      const produced = sim.view().producers.find((p) => p.id === 'src')!.produced;
      const outputs = committedOutputs(sim);
      const twice = [...outputs].filter(([, n]) => n > 1).map(([v]) => v);
      expect(twice, `crash at ${crashAt} ms`).toEqual([]);
      expect(outputs.size, `crash at ${crashAt} ms`).toBe(produced);
      expect(sim.view().groups.find((g) => g.groupId === 'downstream')!.members[0]!.consumed).toBe(produced);
    },
  );
});

describe('an exactly_once_v2 service’s consumers (StreamsConfig CONSUMER_EOS_OVERRIDES)', () => {
  it('read_committed, whatever the application sets: an aborted upstream transaction is never processed', () => {
    const b = cluster(3)
      .topic('in', 1, 3)
      .topic('out', 1, 3)
      .producer({
        id: 'src',
        topic: 'in',
        ratePerSec: 0,
        keys: { kind: 'null' },
        config: { 'transactional.id': 'src-tx' },
        recordsPerTransaction: 2,
      });
    b.definition.services = [
      {
        id: 'enrich',
        inputTopic: 'in',
        outputTopic: 'out',
        valueTemplate: '{"of":{input}}',
        processingGuarantee: 'exactly_once_v2',
        config: { 'isolation.level': 'read_uncommitted' },
      },
    ];
    const sim = b.build();
    sim.advanceTo(8_000);
    sim.dispatch({ type: 'produce', producerId: 'src', key: null, value: '{"n":0}' });
    sim.advanceTo(9_000);
    expect(sim.dispatch({ type: 'abortTransaction', producerId: 'src' }).result).toEqual({ ok: true });
    sim.advanceTo(12_000);
    // Values a service can process (a non-JSON value is its poison pill).
    for (const value of ['{"n":1}', '{"n":2}'])
      sim.dispatch({ type: 'produce', producerId: 'src', key: null, value });
    sim.advanceTo(25_000);
    const enrich = sim.view().groups.find((g) => g.groupId === 'enrich')!;
    expect(enrich.members.reduce((n, m) => n + m.consumed, 0)).toBe(2);
    expect(sim.view().audit.aborted).toBeGreaterThanOrEqual(1);
  });
});

describe('an exactly_once_v2 instance whose producer is fenced (TaskMigratedException)', () => {
  it('closes its tasks dirty, starts a new producer and rejoins, so its partitions are processed again', () => {
    const b = cluster(3)
      .topic('in', 2, 3, { assignment: { 0: [1, 2, 3], 1: [2, 3, 1] } })
      // Every replica must acknowledge the output: with broker 2 down, commits stall past the 10 s
      // transaction.timeout.ms, and the coordinator aborts the transaction and fences the producer.
      .topic('out', 2, 3, {
        assignment: { 0: [3, 1, 2], 1: [3, 1, 2] },
        config: { 'min.insync.replicas': 3 },
      })
      .producer({
        id: 'src',
        topic: 'in',
        ratePerSec: 10,
        keys: { kind: 'cycle', keys: ['a', 'b', 'c', 'd'] },
      });
    b.definition.services = [
      {
        id: 'enrich',
        inputTopic: 'in',
        outputTopic: 'out',
        instances: 2,
        valueTemplate: '{"of":{input}}',
        processingGuarantee: 'exactly_once_v2',
      },
    ];
    const sim = b.build();
    sim.advanceTo(10_000);
    sim.dispatch({ type: 'killBroker', brokerId: 2 });
    sim.advanceTo(40_000);
    sim.dispatch({ type: 'restartBroker', brokerId: 2 });
    sim.advanceTo(60_000);
    sim.dispatch({ type: 'setProducerConfig', producerId: 'src', config: {}, ratePerSec: 0 });
    const events = sim.advanceTo(120_000);
    const all = sim.view().events;
    expect(all.some((e) => e.type === 'producerFenced')).toBe(true);
    expect(all.some((e) => e.type === 'taskMigrated')).toBe(true);
    // Both partitions caught up: nothing left behind a fenced, stuck instance.
    const enrich = sim.view().groups.find((g) => g.groupId === 'enrich')!;
    expect(enrich.partitions.map((p) => p.lag)).toEqual([0, 0]);
    // And still exactly once, as read_committed readers see it.
    const produced = sim.view().producers.find((p) => p.id === 'src')!.produced;
    const outputs = committedOutputs(sim);
    expect(outputs.size).toBe(produced);
    expect([...outputs.values()].every((n) => n === 1)).toBe(true);
    expect(events.length).toBeGreaterThan(0);
  });
});
