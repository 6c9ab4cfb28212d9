// The page's lesson: one machine actor per loaded scenario that has steps, wired to the engine (effects.ts),
// to the playback machine, and to the store's frames, which it watches for the learner's actions.
//
// `lessonStore` mirrors where the lesson stands (current step, recorded step start and end times) as plain
// data, for the panel, the test API and share links.
import { createActor, type Actor } from 'xstate';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { CheckResult, Scenario } from '../../scenarios/index';
import { playback } from '../playback/machine';
import { uiStore, type UiState } from '../store';
import { createEffects, lessonIsDispatching } from './effects';
import { lessonMachine, phaseOf, validTimes, type LessonPhase } from './machine';
import { checkWaitFor } from './timing';

export interface LessonState {
  /** The scenario the lesson belongs to; null when the loaded scenario has no steps. */
  scenarioId: string | null;
  stepCount: number;
  /** The current step (0-based), -1 before the first. */
  index: number;
  phase: LessonPhase;
  /** Virtual ms where each reached step started (its actions are logged there); Back seeks there. */
  starts: readonly number[];
  /** Virtual ms where each finished step was checked. */
  ends: readonly number[];
  outcomes: readonly boolean[];
  runFromMs: number;
  runEndMs: number;
  results: readonly CheckResult[] | null;
  waitResult: CheckResult | null;
  refused: readonly string[];
  error: string | null;
}

const empty: LessonState = {
  scenarioId: null,
  stepCount: 0,
  index: -1,
  phase: 'intro',
  starts: [],
  ends: [],
  outcomes: [],
  runFromMs: 0,
  runEndMs: 0,
  results: null,
  waitResult: null,
  refused: [],
  error: null,
};

export const lessonStore = createStore<LessonState>(() => empty);

export function useLesson<T>(selector: (s: LessonState) => T): T {
  return useStore(lessonStore, selector);
}

let actor: Actor<typeof lessonMachine> | null = null;
let scenario: Scenario | null = null;

function start(next: Scenario | null): void {
  actor?.stop();
  actor = null;
  scenario = next;
  const steps = next?.steps ?? [];
  if (!next || steps.length === 0) {
    lessonStore.setState(empty, true);
    return;
  }
  const machine = lessonMachine.provide({
    actors: createEffects(next),
    actions: {
      play: () => playback.send({ type: 'PLAY' }),
      pause: () => playback.send({ type: 'PAUSE' }),
    },
  });
  const a = createActor(machine, {
    input: { steps: steps.map((s) => ({ waits: s.waitFor !== undefined, runForMs: s.runForMs })) },
  });
  actor = a;
  a.subscribe((snap) => {
    if (actor !== a) return;
    const c = snap.context;
    lessonStore.setState({
      scenarioId: next.id,
      stepCount: steps.length,
      index: c.index,
      phase: phaseOf(snap.value),
      starts: c.starts,
      ends: c.ends,
      outcomes: c.outcomes,
      runFromMs: c.runFromMs,
      runEndMs: c.runEndMs,
      results: c.results,
      waitResult: c.waitResult,
      refused: c.refused,
      error: c.error,
    });
  });
  a.start();
  // A lesson opened afresh holds the clock at 0 until the teacher starts the first step, so that step
  // begins where the scenario's timeline does.
  const ui = uiStore.getState();
  if ((ui.frame?.view.nowMs ?? 0) === 0 && ui.commandLog.length === 0) playback.send({ type: 'PAUSE' });
}

let learnerActed = false;

function onUi(s: UiState, prev: UiState): void {
  if (s.scenario !== prev.scenario) start(s.scenario);
  if (!actor || !scenario) return;
  if (s.commandLog !== prev.commandLog && !lessonIsDispatching() && s.commandLog.length > 0) {
    learnerActed = true;
    actor.send({ type: 'LEARNER_ACTED' });
  }
  if (s.frame !== prev.frame && s.frame) checkWaiting(s);
}

/** While a step waits, check its goal on every frame; report a miss only right after the learner acted. */
function checkWaiting(s: UiState): void {
  const l = lessonStore.getState();
  const acted = learnerActed;
  learnerActed = false;
  if (l.phase !== 'waiting' && l.phase !== 'showing') return;
  const step = scenario?.steps?.[l.index];
  const startMs = l.starts[l.index];
  if (!step || startMs === undefined || !s.frame) return;
  const result = checkWaitFor(step, s.frame.view, s.commandLog, startMs);
  if (result && (result.ok || acted))
    actor?.send({
      type: 'WAIT_CHECKED',
      ok: result.ok,
      message: result.message,
      actedAtMs: result.actedAtMs,
    });
}

let installed = false;

/** Follow the loaded scenario; call once at startup. */
export function installLesson(): void {
  if (installed) return;
  installed = true;
  uiStore.subscribe(onUi);
  start(uiStore.getState().scenario);
}

export const lessonNext = (): void => actor?.send({ type: 'NEXT' });
export const lessonBack = (): void => actor?.send({ type: 'BACK' });
export const lessonGoTo = (index: number): void => actor?.send({ type: 'GOTO', index });
export const lessonShowMe = (): void => actor?.send({ type: 'SHOW_ME' });

/**
 * For share links: reopen the loaded lesson at step `index`, with the step times the link recorded
 * (`lessonStore`'s `index`, `starts` and `ends`). With `atMs` (the link's position), a step checked by then
 * is checked again at its end and shown done with its results, and a step in progress is entered at
 * `atMs`, paused; without it, at the step's start. Only from the lesson's intro, i.e. right after the run
 * was loaded; invalid times are ignored and the lesson stays at its intro. Returns whether it was accepted.
 */
export function lessonRestore(position: {
  index: number;
  starts: readonly number[];
  ends: readonly number[];
  atMs?: number;
}): boolean {
  if (!actor || !actor.getSnapshot().matches('intro')) return false;
  if (!validTimes(lessonStore.getState().stepCount, position)) return false;
  actor.send({ type: 'RESTORE', ...position });
  return true;
}

/** The loaded scenario's steps, for the panel. */
export function lessonScenario(): Scenario | null {
  return scenario;
}
