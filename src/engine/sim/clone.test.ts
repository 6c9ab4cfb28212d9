// Checkpoints share most of the state with the run that goes on (sim/clone.ts): a checkpoint taken
// before later appends, truncations, retention, compaction and audit changes must be unaffected by them,
// and a run restored from it must end exactly where the uninterrupted run ends.
import { describe, expect, it } from 'vitest';
import type { SimState } from '../types';
import { cluster } from '../testing/harness';
import { applyCommand, type Command } from './commands';
import { cloneState, hashState } from './clone';
import { createState } from './createState';
import { advanceTo } from './step';

const setup = cluster(3)
  .config({
    replicaLagTimeMaxMs: 3_000,
    brokerSessionTimeoutMs: 2_000,
    brokerHeartbeatIntervalMs: 500,
    networkLatencyMs: 5,
    logRetentionCheckIntervalMs: 1_000,
  })
  .topic('t', 2, 3, {
    config: { 'min.insync.replicas': 1, 'retention.ms': 3_000, 'unclean.leader.election.enable': true },
  })
  .topic('c', 1, 3, { config: { 'cleanup.policy': 'compact' } })
  .producer({ id: 'p', topic: 't', ratePerSec: 80, keys: { kind: 'random', keys: ['a', 'b', 'c'] } })
  .producer({
    id: 'q',
    topic: 't',
    ratePerSec: 60,
    keys: { kind: 'null' },
    config: { acks: 1, 'enable.idempotence': false },
  })
  .producer({ id: 'k', topic: 'c', ratePerSec: 40, keys: { kind: 'cycle', keys: ['x', 'y'] } })
  .group({ groupId: 'g', topic: 't', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }] }).definition;

/** Slow followers, then a crashed leader: the new leader lacks its last records, so it truncates on return. */
const commands: { atMs: number; command: Command }[] = [
  { atMs: 2_000, command: { type: 'slowBroker', brokerId: 2, fetchDelayMs: 1_500 } },
  { atMs: 2_000, command: { type: 'slowBroker', brokerId: 3, fetchDelayMs: 1_500 } },
  { atMs: 3_000, command: { type: 'killBroker', brokerId: 1 } },
  { atMs: 3_000, command: { type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 } },
  { atMs: 3_000, command: { type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 } },
  { atMs: 7_000, command: { type: 'restartBroker', brokerId: 1 } },
  { atMs: 9_000, command: { type: 'isolateBroker', brokerId: 2 } },
  { atMs: 11_000, command: { type: 'reconnectBroker', brokerId: 2 } },
];

function runTo(state: SimState, untilMs: number): void {
  for (const c of commands) {
    if (c.atMs <= state.nowMs || c.atMs > untilMs) continue;
    advanceTo(state, c.atMs);
    applyCommand(state, c.command);
  }
  advanceTo(state, untilMs);
}

describe('checkpoint copies', () => {
  it('are unaffected by everything the run does after them, and restore to the same run', () => {
    const state = createState(setup, 5);
    const checkpoints: { atMs: number; copy: SimState; hash: string }[] = [];
    for (let atMs = 500; atMs <= 14_000; atMs += 2_500) {
      runTo(state, atMs);
      const copy = cloneState(state);
      checkpoints.push({ atMs, copy, hash: hashState(copy) });
      expect(hashState(state)).toBe(hashState(copy));
    }
    runTo(state, 15_000);
    const end = hashState(state);
    expect(state.events.some((e) => e.type === 'truncated')).toBe(true);
    for (const c of checkpoints) {
      expect(hashState(c.copy), `checkpoint at ${c.atMs} ms`).toBe(c.hash);
      const restored = cloneState(c.copy);
      runTo(restored, 15_000);
      expect(hashState(restored), `restored from ${c.atMs} ms`).toBe(end);
      expect(hashState(c.copy), `checkpoint at ${c.atMs} ms after a restore ran on`).toBe(c.hash);
    }
  });

  it('hash the same whether or not a run was checkpointed along the way', () => {
    const plain = createState(setup, 9);
    runTo(plain, 8_000);
    const checkpointed = createState(setup, 9);
    for (let atMs = 250; atMs <= 8_000; atMs += 250) {
      runTo(checkpointed, atMs);
      cloneState(checkpointed);
    }
    expect(hashState(checkpointed)).toBe(hashState(plain));
  });
});
