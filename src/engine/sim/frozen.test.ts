// Frozen checkpoints (sim/frozen.ts): a checkpoint kept as bytes must restore to the very state it was
// taken of, whatever the records hold, and must cost far less than the objects it replaces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../simulation';
import { cluster } from '../testing/harness';
import { randomCommandLog } from '../testing/randomCommands';
import type { SimState } from '../types';
import { ByteReader, ByteWriter } from './bytes';
import { cloneState, hashState } from './clone';
import { createState } from './createState';
import { freezeState, introducedBytes, structureBytes, thawState } from './frozen';
import { advanceTo } from './step';

const roundTrip = (s: SimState): SimState => thawState(freezeState(cloneState(s)));

describe('byte codec', () => {
  it('reads back every integer and time it wrote, exactly', () => {
    const time = fc.oneof(
      fc.constant(-1),
      fc.integer({ min: 0, max: 2 ** 40 }),
      fc.double({ min: 0, max: 1e12, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat({ max: Number.MAX_SAFE_INTEGER }),
            fc.integer({ min: -(2 ** 51), max: 2 ** 51 }),
            time,
            time,
          ),
        ),
        (rows) => {
          const w = new ByteWriter();
          for (const [u, i, t, base] of rows) {
            w.uint(u);
            w.int(i);
            w.time(t, base === -1 ? 0 : base);
          }
          const r = new ByteReader(w.take());
          for (const [u, i, t, base] of rows) {
            expect(r.uint()).toBe(u);
            expect(r.int()).toBe(i);
            expect(r.time(base === -1 ? 0 : base)).toBe(t);
          }
          expect(r.done).toBe(true);
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });
});

describe('freezing a checkpoint', () => {
  // Transactions (markers, aborted records), tombstones, keys and values beyond ASCII, LogAppendTime, a
  // compacted topic and lossy acks=1: every field a record or an audit entry can hold.
  const varied = cluster(3)
    .config({ replicaLagTimeMaxMs: 4_000, brokerSessionTimeoutMs: 3_000, brokerHeartbeatIntervalMs: 1_000 })
    .topic('t', 3, 3, { config: { 'min.insync.replicas': 2, 'message.timestamp.type': 'LogAppendTime' } })
    .topic('c', 2, 2, { config: { 'cleanup.policy': 'compact', 'retention.ms': 3_000 } })
    .producer({
      id: 'p',
      topic: 't',
      ratePerSec: 7,
      keys: { kind: 'random', keys: ['café', 'naïve', '東京', 'k'] },
      valueTemplate: '{"order":{n},"note":"ünïcödé ✓","key":"{key}"}',
    })
    .producer({ id: 'q', topic: 't', ratePerSec: 3, keys: { kind: 'null' }, config: { acks: 1 } })
    .producer({
      id: 'x',
      topic: 't',
      ratePerSec: 5,
      keys: { kind: 'random', keys: ['a', 'b'] },
      config: { 'transactional.id': 'tx' },
      recordsPerTransaction: 3,
    })
    .producer({ id: 'z', topic: 'c', ratePerSec: 6, keys: { kind: 'random', keys: ['u', 'v', 'w'] } })
    .group({ groupId: 'g', topic: 't', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }] }).definition;

  it.each([1, 2, 3, 4, 5, 6])('restores the state it was taken of, hash for hash (seed %i)', (seed) => {
    // Tombstones for the compacted topic, between the random kills, restarts and isolations.
    const tombstones = [1_500, 4_200, 7_700].map((atMs) => ({
      atMs,
      command: { type: 'produce' as const, producerId: 'z', key: 'u', value: null },
    }));
    const log = [...randomCommandLog(seed, [1, 2, 3], 9_000, 6), ...tombstones].sort(
      (a, b) => a.atMs - b.atMs,
    );
    const sim = Simulation.replay(varied, seed, log, 9_000, {
      checkpointIntervalMs: Number.POSITIVE_INFINITY,
      checkpointEverySchedules: Number.POSITIVE_INFINITY,
    });
    const state = sim.peekState();
    expect(state.audit.aborted + state.audit.committed).toBeGreaterThan(0);
    const restored = roundTrip(state);
    expect(hashState(restored), `seed ${seed}`).toBe(hashState(state));
    // And it runs on as the original does.
    const original = cloneState(state);
    advanceTo(original, 15_000);
    advanceTo(restored, 15_000);
    expect(hashState(restored), `seed ${seed}, run on`).toBe(hashState(original));
  });

  // 1,000 records/s on RF 3, no retention.
  const busy = cluster(3)
    .topic('b', 6, 3, { config: { 'min.insync.replicas': 2 } })
    .producer({
      id: 'p',
      topic: 'b',
      ratePerSec: 1_000,
      keys: { kind: 'random', keys: ['a', 'b', 'c', 'd'] },
    })
    .group({ groupId: 'g', topic: 'b', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }] }).definition;

  it('keeps what no checkpoint before it holds only: an unchanged state costs its own structure', () => {
    const state = createState(busy, 9);
    advanceTo(state, 20_000);
    const first = freezeState(cloneState(state));
    const again = freezeState(cloneState(state));
    expect(introducedBytes(first, again)).toBe(structureBytes(again));
    // A second later: the new records, the log tails and the audit chunks written since.
    advanceTo(state, 21_000);
    const later = freezeState(cloneState(state));
    const added = introducedBytes(first, later) - structureBytes(later);
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(introducedBytes(undefined, later) / 4);
  });

  it('costs a fraction of the objects it replaces', () => {
    // ~30,000 records held on three replicas.
    const state = createState(busy, 3);
    advanceTo(state, 30_000);
    const records = state.audit.acknowledged;
    expect(records).toBeGreaterThan(25_000);
    const frozen = freezeState(cloneState(state));
    const perRecord = (introducedBytes(undefined, frozen) - structureBytes(frozen)) / records;
    // A record and its audit entry; as objects they take ~280 bytes (the bench measures it).
    expect(perRecord).toBeLessThan(80);
  });
});
