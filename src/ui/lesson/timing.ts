// Pure helpers for the guided lesson: where a step starts and ends on the virtual clock, and whether the
// learner has done what a waiting step asks. They read plain data only, so they are unit-tested without
// the worker.
//
// Why a step never starts at the instant the previous one was checked (and the learner never acts at the
// instant a step started): the engine applies the commands logged at exactly a seek target. A step's check
// replayed after Back must not see the next step's actions, and Back to a waiting step must show the state
// before the learner's action; one virtual millisecond apart keeps those instants distinct.
import type { LoggedCommand, SimView } from '../../engine/index';
import { checkExpectation, type CheckResult, type Step } from '../../scenarios/index';

/**
 * When the next step's actions are dispatched: now, but strictly after the previous step was checked, and
 * never at 0 ms. A fresh simulation has not yet run the timers due at 0 ms, so a command dispatched there
 * acts before them, while a replay (Back, a share link) runs them first and then applies the command: the
 * two runs would differ. From 1 ms on, live and replayed runs agree.
 */
export function nextStartMs(previousEndMs: number | undefined, nowMs: number): number {
  return Math.max(nowMs, previousEndMs === undefined ? 1 : previousEndMs + 1);
}

export interface WaitCheck extends CheckResult {
  /** When the learner's action was logged (the step then runs `runForMs` from there). */
  actedAtMs: number;
}

/**
 * Checks a waiting step's `waitFor.expect` against the view. The action that satisfied it is the latest
 * command logged after the step started and at or before now (the learner's, or a replay of it).
 */
export function checkWaitFor(
  step: Step,
  view: SimView,
  log: readonly LoggedCommand[],
  startMs: number,
): WaitCheck | null {
  if (!step.waitFor) return null;
  const result = checkExpectation(view, step.waitFor.expect, { sinceMs: startMs });
  let actedAtMs = view.nowMs;
  for (let i = log.length - 1; i >= 0; i--) {
    const c = log[i]!;
    if (c.atMs <= view.nowMs) {
      if (c.atMs > startMs) actedAtMs = c.atMs;
      break;
    }
  }
  return { ...result, actedAtMs };
}

/** Recorded times beyond `index` describe a future that a new command has discarded. */
export function truncateAfter<T>(times: readonly T[], index: number): T[] {
  return times.slice(0, Math.max(0, index + 1));
}

/** Copy with one slot set, growing the array as needed (holes stay undefined). */
export function setAt<T>(times: readonly T[], index: number, value: T): T[] {
  const out = times.slice();
  out[index] = value;
  return out;
}

/** Seconds for the panel: "12.0 s". */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
