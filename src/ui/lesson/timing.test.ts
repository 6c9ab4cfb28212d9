// The lesson's timing rules against a real simulation of the taxi lesson: a waiting step's goal, the
// learner's action time, and why a step never starts at the instant its predecessor was checked.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../engine/index';
import { findScenario, toSetup } from '../../scenarios/index';
import { checkWaitFor, nextStartMs, seconds, setAt, truncateAfter } from './timing';

const taxi = findScenario('taxi-booking')!;
const killStep = taxi.steps!.find((s) => s.id === 'broker-dies')!;

describe('lesson timing', () => {
  it('starts a step now, but strictly after the previous step was checked, and never at 0 ms', () => {
    expect(nextStartMs(undefined, 0)).toBe(1);
    expect(nextStartMs(undefined, 4_200)).toBe(4_200);
    expect(nextStartMs(8_000, 8_000)).toBe(8_001);
    expect(nextStartMs(8_000, 12_345)).toBe(12_345);
    expect(nextStartMs(8_000, 3_000)).toBe(8_001);
  });

  it('the waiting step of the taxi lesson is met once broker 1 is killed, and says when', () => {
    const sim = Simulation.create(toSetup(taxi), taxi.seed);
    sim.advanceTo(8_001);
    const before = checkWaitFor(killStep, sim.view(), sim.commandLog(), 8_001)!;
    expect(before.ok).toBe(false);
    expect(before.message).toBe(
      'Expected: the broker that leads ride-events-0 is stopped. The simulation shows: broker 1 leads ride-events-0 and is running.',
    );
    sim.advanceTo(9_400);
    sim.dispatch({ type: 'killBroker', brokerId: 2 });
    expect(checkWaitFor(killStep, sim.view(), sim.commandLog(), 8_001)!.ok).toBe(false);
    sim.advanceTo(9_900);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(10_050);
    const after = checkWaitFor(killStep, sim.view(), sim.commandLog(), 8_001)!;
    expect(after.ok).toBe(true);
    expect(after.actedAtMs).toBe(9_900);
    expect(after.message).toContain('The simulation shows: broker 1 leads ride-events-0 and is stopped.');
  });

  it('a step without waitFor has nothing to wait for; an action before the step is not the learner’s', () => {
    const sim = Simulation.create(toSetup(taxi), taxi.seed);
    expect(checkWaitFor(taxi.steps![0]!, sim.view(), [], 0)).toBeNull();
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(2_000);
    // Killed before the step started at 1000 ms: the goal holds, but the action time falls back to now.
    const r = checkWaitFor(killStep, sim.view(), sim.commandLog(), 1_000)!;
    expect(r).toMatchObject({ ok: true, actedAtMs: 2_000 });
  });

  it('Back to a step start sees its actions but not a learner action one millisecond later', () => {
    const sim = Simulation.create(toSetup(taxi), taxi.seed);
    sim.advanceTo(5_000);
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 1_000 });
    sim.advanceBy(1);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(7_000);
    sim.seek(5_000);
    const v = sim.view();
    expect(v.nowMs).toBe(5_000);
    expect(v.brokers.find((b) => b.id === 1)!.status).toBe('running');
    expect(v.events.some((e) => e.type === 'brokerSlowed' && e.atMs === 5_000)).toBe(true);
  });

  it('keeps and cuts recorded times', () => {
    expect(truncateAfter([1, 2, 3], 0)).toEqual([1]);
    expect(truncateAfter([1, 2, 3], -1)).toEqual([]);
    expect(setAt([1], 2, 9)).toEqual([1, undefined, 9]);
    expect(seconds(12_345)).toBe('12.3 s');
  });
});
