// Every library lesson played with guided mode's timing (the learner acts 1 ms after a step's actions, a
// step starts 1 ms after the previous check, the learner may be slow) still meets every expectation, and
// rewinding to any step and replaying it gives the same checks as the first time, which is what Back and
// the steps list rely on.
import { describe, expect, it } from 'vitest';
import { Simulation, type Command } from '../../engine/index';
import { builtinScenarios, checkAll, toSetup, type Scenario } from '../../scenarios/index';
import { nextStartMs } from './timing';

const CHECK_VIEW = { tail: 12, events: 1_000 } as const;

interface Played {
  starts: number[];
  ends: number[];
  failures: string[];
  sim: Simulation;
  outcomes: string[][];
}

/** Plays the lesson as effects.ts does, with the learner taking `thinkMs` to act on each waiting step. */
function playGuided(s: Scenario, thinkMs: number): Played {
  const sim = Simulation.create(toSetup(s), s.seed);
  const starts: number[] = [];
  const ends: number[] = [];
  const failures: string[] = [];
  const outcomes: string[][] = [];
  const dispatch = (c: Command, where: string) => {
    const { result } = sim.dispatch(c);
    if (!result.ok && !refusalExpected(s, where))
      failures.push(`${where}: ${c.type} refused: ${result.error}`);
  };
  (s.steps ?? []).forEach((step, i) => {
    const where = `${s.id} step ${i + 1} (${step.id})`;
    const startMs = nextStartMs(ends[i - 1], sim.nowMs);
    sim.advanceTo(startMs);
    starts.push(startMs);
    for (const c of step.actions ?? []) dispatch(c, where);
    let from = startMs;
    if (step.waitFor) {
      sim.advanceTo(startMs + 1 + thinkMs);
      from = sim.nowMs;
      for (const c of step.waitFor.solution) dispatch(c, where);
    }
    sim.advanceTo(from + step.runForMs);
    ends.push(sim.nowMs);
    const results = checkAll(sim.view(CHECK_VIEW), step.expectations ?? [], startMs);
    outcomes.push(results.map((r) => `${r.ok} ${r.message}`));
    for (const r of results) if (!r.ok) failures.push(`${where}: ${r.message}`);
  });
  return { starts, ends, failures, sim, outcomes };
}

function refusalExpected(s: Scenario, where: string): boolean {
  const step = (s.steps ?? []).find((x) => where.endsWith(`(${x.id})`));
  return (step?.expectations ?? []).some((e) => e.kind === 'eventHappened' && e.type === 'commandRejected');
}

const lessons = builtinScenarios.filter((s) => (s.steps?.length ?? 0) > 0);

describe('guided timing on the library', () => {
  it.each(lessons.map((s) => [s.id, s] as const))(
    '%s meets every expectation when the learner acts at once',
    (_, s) => {
      expect(playGuided(s, 0).failures).toEqual([]);
    },
  );

  it.each(lessons.map((s) => [s.id, s] as const))(
    '%s: Back to any step and replaying it checks the same',
    (_, s) => {
      const played = playGuided(s, 0);
      played.starts.forEach((startMs, i) => {
        played.sim.seek(startMs);
        played.sim.advanceTo(played.ends[i]!);
        const step = s.steps![i]!;
        const again = checkAll(played.sim.view(CHECK_VIEW), step.expectations ?? [], startMs);
        expect(
          again.map((r) => `${r.ok} ${r.message}`),
          `${s.id} step ${i + 1}`,
        ).toEqual(played.outcomes[i]);
      });
    },
  );

  it('a learner who takes 20 s on the taxi lesson’s waiting step shifts the later steps, which still hold', () => {
    const taxi = lessons.find((s) => s.id === 'taxi-booking')!;
    const quick = playGuided(taxi, 0);
    const slow = playGuided(taxi, 20_000);
    expect(slow.failures).toEqual([]);
    expect(slow.starts[2]! - quick.starts[2]!).toBe(20_000);
  });
});
