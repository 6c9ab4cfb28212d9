// The timer heap pops in (atMs, seq) order whatever was scheduled, and sweeping dead timeouts removes
// only timers that could do nothing, without disturbing that order.
import { describe, expect, it } from 'vitest';
import type { ScheduledTimer, SimState, Timer } from '../types';
import { createRng, nextInt } from '../rng';
import { cluster } from '../testing/harness';
import { DEAD_TIMEOUT_SWEEP_EVERY, popTimer, schedule, sweepDeadTimeouts } from './timers';

/** A state with no producers, partitions or parked fetches: every fetch-wait timeout in it is dead. */
function bareState(): SimState {
  const state = cluster(1).build().peekState() as SimState;
  state.timers = [];
  return state;
}

describe('timer heap', () => {
  it('pops in (atMs, seq) order, equal times in scheduling order', () => {
    const state = bareState();
    const rng = createRng(3);
    const popped: ScheduledTimer[] = [];
    for (let round = 0; round < 2_000; round++) {
      for (let i = nextInt(rng, 4); i > 0; i--)
        schedule(state, state.nowMs + nextInt(rng, 50), { kind: 'retentionCheck' });
      const t = popTimer(state);
      if (t) {
        state.nowMs = t.atMs;
        popped.push(t);
      }
    }
    for (let i = 1; i < popped.length; i++) {
      const a = popped[i - 1]!;
      const b = popped[i]!;
      expect(a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq)).toBe(true);
    }
  });

  it('sweeps out fetch-wait timeouts whose parked fetch is gone, and nothing else', () => {
    const state = bareState();
    const dead: Timer[] = [
      { kind: 'fetchWaitExpired', partitionId: 't-0', parkedId: 1 },
      { kind: 'fetchWaitExpired', partitionId: 't-1', parkedId: 2 },
      { kind: 'fetchWaitExpired', partitionId: 't-0', parkedId: 3 },
    ];
    // Request timeout checks are armed one per producer or purgatory and decide for themselves.
    const live: Timer[] = [{ kind: 'retentionCheck' }, { kind: 'clientRequestTimeout', producerId: 'p' }];
    for (let i = 0; i < 30; i++) schedule(state, 100 - i, i % 2 ? dead[i % 3]! : live[i % 2]!);
    const kept = state.timers.filter((t) => !dead.includes(t.timer)).map((t) => t.seq);
    sweepDeadTimeouts(state);
    const order: number[] = [];
    for (let t = popTimer(state); t; t = popTimer(state)) order.push(t.seq);
    expect(order).toEqual(
      kept.sort((a, b) => {
        const ta = 100 - a;
        const tb = 100 - b;
        return ta - tb || a - b;
      }),
    );
  });

  it('keeps a timeout whose request is still pending', () => {
    const state = bareState();
    state.parkedFetches['t-0'] = [{ parkedId: 3, message: {} as never }];
    schedule(state, 10, { kind: 'fetchWaitExpired', partitionId: 't-0', parkedId: 3 });
    sweepDeadTimeouts(state);
    expect(state.timers).toHaveLength(1);
  });

  it('sweeps on its own every DEAD_TIMEOUT_SWEEP_EVERY schedules, so the heap stays small', () => {
    const state = bareState();
    for (let i = 0; i < 3 * DEAD_TIMEOUT_SWEEP_EVERY; i++)
      schedule(state, 30_000, { kind: 'fetchWaitExpired', partitionId: 't-0', parkedId: i });
    expect(state.timers.length).toBeLessThan(DEAD_TIMEOUT_SWEEP_EVERY);
  });
});
