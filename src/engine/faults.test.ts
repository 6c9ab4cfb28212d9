// Fault schedules against Kafka's published guarantees (docs/design.html, ProducerConfig.ACKS_DOC):
// with RF 3, min.insync.replicas=2, acks=all and clean election no acknowledged record is lost and
// per-key order holds; with acks=1 or unclean election records can be lost, and the audit says how many.
import { describe, expect, it } from 'vitest';
import { runChaos, type ChaosOptions } from './testing/chaos';

const base: ChaosOptions = { acks: 'all', unclean: false, idempotence: true, durationMs: 30_000, faults: 10 };
const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i);

describe('acks=all, min.insync.replicas=2, clean election', () => {
  // Seeds that once failed, kept by name (see the commit that fixed each).
  it.each([
    [1000, 'an epoch bump left in-flight sequences unrenumbered: acknowledged without being written'],
    [1006, 'records renumbered after an epoch bump were re-enqueued in reverse: reordered'],
    [1010, 'a storm of producer wake-up timers made the run 25× slower than it should be'],
    [5009, 'a new producer epoch was accepted at sequence 5 before 0: records acknowledged, never written'],
    [5099, 'a batch with an unknown outcome was resent under a new epoch: duplicated'],
    [5499, 'a retried record was merged into a batch with newer records: non-contiguous sequences'],
  ])('(regression) with seed %i: %s', (seed) => {
    const r = runChaos(seed, base);
    expect([r.lost, r.recountedLost, r.reordered, r.duplicated], `seed ${seed}`).toEqual([0, 0, 0, 0]);
  });

  it.each(SEEDS)('with seed %i: no acknowledged record is lost or reordered', (seed) => {
    const r = runChaos(seed, base);
    const replay = JSON.stringify(r.log);
    expect(r.acknowledged, `seed ${seed}`).toBeGreaterThan(0);
    expect(r.lost, `seed ${seed}: ${replay}`).toBe(0);
    expect(r.recountedLost, `seed ${seed}: ${replay}`).toBe(0);
    expect(r.reordered, `seed ${seed}: ${replay}`).toBe(0);
    expect(r.duplicated, `seed ${seed}: idempotence on: ${replay}`).toBe(0);
    expect(r.deterministic, `seed ${seed}`).toBe(true);
  });
});

describe.each([
  ['acks=1', { ...base, acks: 1 as const }],
  ['unclean election', { ...base, unclean: true }],
])('%s', (_name, options) => {
  it('loses records under some schedules, and the audit matches an independent recount every time', () => {
    let lostSomewhere = 0;
    for (const seed of SEEDS) {
      const r = runChaos(seed, options);
      expect(r.lost, `seed ${seed}: ${JSON.stringify(r.log)}`).toBe(r.recountedLost);
      lostSomewhere += r.lost > 0 ? 1 : 0;
    }
    expect(lostSomewhere).toBeGreaterThan(0);
  }, 60_000);
});

describe('consumer groups under faults (brokers and consumers crash)', () => {
  it.each(SEEDS.slice(0, 25))(
    'with seed %i: no record below the high watermark is skipped; redeliveries only follow a consumer crash',
    (seed) => {
      const r = runChaos(seed, { ...base, consumers: true });
      const crashes = r.log.filter((c) => c.command.type === 'crashConsumer').length;
      expect(r.skipped, `seed ${seed}: ${JSON.stringify(r.log)}`).toBe(0);
      if (crashes === 0) expect(r.redelivered, `seed ${seed}: ${JSON.stringify(r.log)}`).toBe(0);
      expect([r.lost, r.reordered, r.duplicated], `seed ${seed}`).toEqual([0, 0, 0]);
    },
  );

  it('redelivers after some consumer crashes (at-least-once is visible, not hidden)', () => {
    const redelivering = SEEDS.slice(0, 25).filter(
      (seed) => runChaos(seed, { ...base, consumers: true }).redelivered > 0,
    );
    expect(redelivering.length).toBeGreaterThan(0);
  }, 60_000);

  it.each(SEEDS.slice(0, 15))(
    'with seed %i and group.protocol=consumer: nothing skipped; redeliveries only follow a consumer crash',
    (seed) => {
      const r = runChaos(seed, { ...base, consumers: true, groupProtocol: 'consumer' });
      const crashes = r.log.filter((c) => c.command.type === 'crashConsumer').length;
      expect(r.skipped, `seed ${seed}: ${JSON.stringify(r.log)}`).toBe(0);
      if (crashes === 0) expect(r.redelivered, `seed ${seed}: ${JSON.stringify(r.log)}`).toBe(0);
    },
  );
});

// ConsumerConfig isolation.level: read_committed consumers never return records of aborted
// transactions; transaction.timeout.ms ends any transaction its producer abandons. Under faults, each
// transaction must end everywhere (no partition's LSO stuck below its high watermark once settled).
describe('transactions under faults (a transactional producer, a read_committed group)', () => {
  const txn: ChaosOptions = { ...base, transactions: true, durationMs: 60_000, settleMs: 30_000 };

  it.each([
    [197, 'a COMMIT marker acknowledged on append was lost with its leader: the transaction stayed open'],
  ])('(regression) with seed %i: %s', (seed) => {
    const r = runChaos(seed, txn);
    expect([r.unfinishedTransactions, r.abortedReadCommitted, r.lost], `seed ${seed}`).toEqual([0, 0, 0]);
  });

  it.each(SEEDS.slice(0, 25))(
    'with seed %i: no aborted record reaches read_committed, and every transaction ends',
    (seed) => {
      const r = runChaos(seed, txn);
      const replay = JSON.stringify(r.log);
      expect(r.acknowledged, `seed ${seed}`).toBeGreaterThan(0);
      expect(r.abortedReadCommitted, `seed ${seed}: ${replay}`).toBe(0);
      expect(r.unfinishedTransactions, `seed ${seed}: ${replay}`).toBe(0);
      expect([r.lost, r.recountedLost, r.reordered, r.duplicated], `seed ${seed}: ${replay}`).toEqual([
        0, 0, 0, 0,
      ]);
      expect(r.deterministic, `seed ${seed}`).toBe(true);
    },
  );
});

// Share groups (KIP-932) under faults, with members crashed and restarted too: once the cluster has
// settled, every record below each high watermark was accepted exactly once (or archived at the delivery
// limit) and nothing is left in flight. Settling takes a ShareFetch lost behind a cut cable
// (request.timeout.ms, 30 s) and a crashed member's locks (15 s here).
describe('a share group under faults', () => {
  const share: ChaosOptions = { ...base, shareGroup: true, durationMs: 90_000, settleMs: 60_000 };

  it.each(SEEDS.slice(0, 25))('with seed %i: every record accepted once, none left in flight', (seed) => {
    const r = runChaos(seed, share);
    const replay = JSON.stringify(r.log);
    expect(r.shareAccepted, `seed ${seed}`).toBeGreaterThan(0);
    expect(r.shareProblem, `seed ${seed}: ${replay}`).toBeNull();
    expect([r.lost, r.recountedLost, r.reordered, r.duplicated], `seed ${seed}: ${replay}`).toEqual([
      0, 0, 0, 0,
    ]);
    expect(r.deterministic, `seed ${seed}`).toBe(true);
  });
});
