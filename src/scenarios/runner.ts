// The headless scenario runner: plays every step of a scenario on a fresh Simulation and checks what each
// step expects. It is pure (no clock, no I/O), so tests, scripts and the UI's "check my run" share it.
//
// Time within a step: the step's actions are dispatched at its start time; in a guided step the learner's
// action (here, the scripted solution) follows at the same instant, and `waitFor.expect` is checked right
// after it; then the simulation runs for `runForMs` and the expectations are checked. A command the engine
// refuses fails the step, unless the step expects a `commandRejected` event (a lesson about the refusal).
import { Simulation, type Command, type SimView } from '../engine/index';
import { checkExpectation, type CheckResult } from './check';
import type { Expectation } from './expectations';
import { toSetup, type Scenario } from './schema';
import type { Step } from './step';

/** Where each step sits on the virtual clock when it is played as scripted. */
export interface StepTime {
  index: number;
  id: string;
  /** The step's actions (and scripted solution) are logged at this time. */
  startMs: number;
  endMs: number;
}

export interface ExpectationResult extends CheckResult {
  expectation: Expectation;
}

export interface StepResult extends StepTime {
  title: string;
  /** Commands of this step that the engine refused, with Kafka's error text. */
  rejected: { command: Command; error: string }[];
  /** The step shows a refusal on purpose: it expects a `commandRejected` event. */
  refusalExpected: boolean;
  /** The guided-mode check after the scripted solution; null for a step that does not wait. */
  waitFor: ExpectationResult | null;
  expectations: ExpectationResult[];
  ok: boolean;
}

export interface ScenarioRunResult {
  scenarioId: string;
  seed: number;
  ok: boolean;
  steps: StepResult[];
  /** The final state hash, for determinism checks. */
  hash: string;
}

/** Enough events that a long step's first events are still in the view when it is checked. */
const CHECK_VIEW = { tail: 12, events: 1_000 } as const;

/**
 * The scripted timeline. The UI's Back seeks to a step's `startMs`: the engine applies commands logged at
 * exactly the seek target, so the step's actions are already in effect there and must not be dispatched
 * again; playing forward replays the logged run to `endMs`.
 */
export function stepTimeline(scenario: Scenario): StepTime[] {
  let t = 0;
  return (scenario.steps ?? []).map((step, index) => {
    const startMs = t;
    t += step.runForMs;
    return { index, id: step.id, startMs, endMs: t };
  });
}

/** The index of the step being played at `nowMs` (the last one whose start is at or before it), or -1. */
export function stepIndexAt(timeline: readonly StepTime[], nowMs: number): number {
  let found = -1;
  for (const s of timeline) if (s.startMs <= nowMs) found = s.index;
  return found;
}

/** Every command a step dispatches when played as scripted: its actions, then its solution. */
export function scriptedCommands(step: Step): Command[] {
  return [...(step.actions ?? []), ...(step.waitFor?.solution ?? [])];
}

export function checkAll(
  view: SimView,
  expectations: readonly Expectation[],
  sinceMs: number,
): ExpectationResult[] {
  return expectations.map((expectation) => ({
    expectation,
    ...checkExpectation(view, expectation, { sinceMs }),
  }));
}

/** Plays one step on `sim` from its current time, as scripted, and checks it. */
export function playStep(sim: Simulation, step: Step, index: number): StepResult {
  const startMs = sim.nowMs;
  const rejected: StepResult['rejected'] = [];
  const dispatch = (command: Command) => {
    const { result } = sim.dispatch(command);
    if (!result.ok) rejected.push({ command, error: result.error });
  };
  for (const command of step.actions ?? []) dispatch(command);
  let waitFor: ExpectationResult | null = null;
  if (step.waitFor) {
    for (const command of step.waitFor.solution) dispatch(command);
    waitFor = checkAll(sim.view(CHECK_VIEW), [step.waitFor.expect], startMs)[0]!;
  }
  sim.advanceTo(startMs + step.runForMs);
  const expectations = checkAll(sim.view(CHECK_VIEW), step.expectations ?? [], startMs);
  const refusalExpected = expectsRefusal(step);
  return {
    index,
    id: step.id,
    title: step.title,
    startMs,
    endMs: sim.nowMs,
    rejected,
    refusalExpected,
    waitFor,
    expectations,
    ok:
      (refusalExpected || rejected.length === 0) && (waitFor?.ok ?? true) && expectations.every((r) => r.ok),
  };
}

/** A lesson may show Kafka refusing something (e.g. resetting an active group's offsets). */
function expectsRefusal(step: Step): boolean {
  return (step.expectations ?? []).some((e) => e.kind === 'eventHappened' && e.type === 'commandRejected');
}

export interface RunOptions {
  /** Another seed than the scenario's (the expectations are only promised for the scenario's own). */
  seed?: number;
  /** Called after each step with the view at its end, e.g. to check invariants. */
  afterStep?: (result: StepResult, view: SimView) => void;
}

/** Runs every step of the scenario on a fresh simulation and reports each step's checks. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRunResult {
  const seed = options.seed ?? scenario.seed;
  const sim = Simulation.create(toSetup(scenario), seed);
  const steps = (scenario.steps ?? []).map((step, index) => {
    const result = playStep(sim, step, index);
    options.afterStep?.(result, sim.view(CHECK_VIEW));
    return result;
  });
  return { scenarioId: scenario.id, seed, ok: steps.every((s) => s.ok), steps, hash: sim.hash() };
}

/** One line per failed check or refused command, for test output and the CLI. */
export function failures(result: ScenarioRunResult): string[] {
  const out: string[] = [];
  for (const s of result.steps) {
    const where = `${result.scenarioId} step ${s.index + 1} (${s.id}) at ${s.endMs} ms`;
    if (!s.refusalExpected)
      for (const r of s.rejected) out.push(`${where}: ${r.command.type} was refused: ${r.error}`);
    if (s.waitFor && !s.waitFor.ok) out.push(`${where}: waitFor: ${s.waitFor.message}`);
    for (const e of s.expectations) if (!e.ok) out.push(`${where}: ${e.message}`);
  }
  return out;
}
