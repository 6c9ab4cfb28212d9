// The timer heap pops in (atMs, seq) order whatever was scheduled. A fetch parked at the leader (DelayedFetch)
// is answered replica.fetch.wait.max.ms after it arrived if no data comes first, from one pending timer per
// partition rather than one per parked fetch.
import { describe, expect, it } from 'vitest';
import type { Message, ScheduledTimer, SimState } from '../types';
import { createRng, nextInt } from '../rng';
import { cluster } from '../testing/harness';
import { popTimer, schedule } from './timers';

/** A state with an empty timer heap. */
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

  it('answers each parked fetch replica.fetch.wait.max.ms after it arrived, with one timer per leader', () => {
    // No producer: every follower fetch parks, and only the wait ends it.
    const sim = cluster(3)
      .config({ networkLatencyMs: 7 })
      .topic('t', 2, 3, { assignment: { 0: [1, 2, 3], 1: [2, 3, 1] } })
      .build();
    const wait = (sim.peekState() as SimState).config.replicaFetchWaitMaxMs;
    const seen = new Map<number, Message>();
    let mostPerBroker = 0;
    for (let t = 0; t <= 5_000; t += 5) {
      sim.advanceTo(t);
      const timers = (sim.peekState() as SimState).timers;
      const perBroker = new Map<number, number>();
      for (const { timer } of timers) {
        if (timer.kind === 'deliver') seen.set(timer.message.id, timer.message);
        if (timer.kind === 'fetchWaitExpired')
          perBroker.set(timer.brokerId, (perBroker.get(timer.brokerId) ?? 0) + 1);
      }
      mostPerBroker = Math.max(mostPerBroker, ...perBroker.values());
    }
    expect(mostPerBroker).toBe(1);
    // Per follower and leader, the i-th response leaves the leader `wait` after the i-th request arrived.
    const messages = [...seen.values()].sort((a, b) => a.id - b.id);
    let checked = 0;
    for (const follower of ['broker-2', 'broker-3', 'broker-1'])
      for (const leader of ['broker-1', 'broker-2']) {
        const arrived = messages
          .filter((m) => m.from === follower && m.to === leader && m.body.kind === 'FetchRequest')
          .map((m) => m.deliverAtMs);
        const answered = messages
          .filter((m) => m.to === follower && m.from === leader && m.body.kind === 'FetchResponse')
          .map((m) => m.sentAtMs);
        for (let i = 0; i < answered.length; i++) {
          expect(answered[i]).toBe(arrived[i]! + wait);
          checked++;
        }
      }
    expect(checked).toBeGreaterThan(20);
  });
});
