// The guided lesson as a state machine: intro → starting a step → (waiting for the learner →) running →
// checking → step done → the next step …, with Back and the table of contents rewinding to a recorded
// step start. The machine only decides; the engine work is done by the actors that lesson.ts provides
// (effects.ts), so tests drive it with stand-ins.
//
// Times are recorded as they happen (`starts`, `ends`): the learner's timing shifts every later step, so
// the scripted timeline (stepTimeline) cannot tell where a step began in this run.
import { assign, fromCallback, fromPromise, setup, type EventObject } from 'xstate';
import type { CheckResult } from '../../scenarios/index';
import { setAt, truncateAfter } from './timing';

/** What the machine needs to know about each step; the texts stay in the scenario. */
export interface LessonStepInfo {
  waits: boolean;
  runForMs: number;
}

export interface StartInput {
  index: number;
  /** When the previous step was checked, if it was. */
  previousEndMs: number | undefined;
}
export interface StartOutput {
  startMs: number;
  /** Kafka's words for each of the step's actions that the engine refused. */
  refused: string[];
}
export interface RunInput {
  endMs: number;
}
export interface CheckInput {
  index: number;
  sinceMs: number;
  endMs: number;
}
export interface SeekInput {
  ms: number;
}
export interface ShowMeInput {
  index: number;
}

export type LessonEvent =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'GOTO'; index: number }
  | { type: 'SHOW_ME' }
  /** The learner (or a replay) did something while a step waits; `ok` once it is what the hint asks. */
  | { type: 'WAIT_CHECKED'; ok: boolean; message: string; actedAtMs: number }
  /** A command that was not the lesson's own: the recorded future after the current step is gone. */
  | { type: 'LEARNER_ACTED' }
  /** From the run actor: the clock reached the step's end. */
  | { type: 'REACHED' }
  /**
   * Reopen a lesson where a share link left it: the recorded times, then step `index`, at `atMs` (the
   * link's position) if given, else at the step's start.
   */
  | { type: 'RESTORE'; index: number; starts: readonly number[]; ends: readonly number[]; atMs?: number };

export interface LessonContext {
  steps: readonly LessonStepInfo[];
  /** The current step, -1 before the first. */
  index: number;
  /** Where each reached step's actions were logged (Back seeks there). */
  starts: number[];
  /** Where each finished step was checked. */
  ends: number[];
  /** Whether each finished step's expectations all held. */
  outcomes: boolean[];
  /** The current step runs from here (its start, or the learner's action) to `runEndMs`. */
  runFromMs: number;
  runEndMs: number;
  /** The step to rewind to, and whether to play once there (Next into a recorded step). */
  target: number;
  playAfterSeek: boolean;
  /** Where a restore seeks instead of the target step's start (the shared position); null otherwise. */
  seekMs: number | null;
  results: CheckResult[] | null;
  /** The latest check of a waiting step's goal; ok once the learner has done it. */
  waitResult: CheckResult | null;
  refused: string[];
  error: string | null;
}

const notProvided = (name: string) => () => Promise.reject(new Error(`lesson actor ${name} not provided`));

export const lessonMachine = setup({
  types: {
    context: {} as LessonContext,
    events: {} as LessonEvent,
    input: {} as { steps: readonly LessonStepInfo[] },
  },
  actors: {
    startStep: fromPromise<StartOutput, StartInput>(notProvided('startStep')),
    runUntil: fromCallback<EventObject, RunInput>(() => undefined),
    check: fromPromise<CheckResult[], CheckInput>(notProvided('check')),
    seek: fromPromise<unknown, SeekInput>(notProvided('seek')),
    showMe: fromPromise<unknown, ShowMeInput>(notProvided('showMe')),
  },
  actions: {
    /** Let the clock run (the playback machine); provided by lesson.ts. */
    play: () => undefined,
    /** Hold the clock so the learner acts at the step's start. */
    pause: () => undefined,
    clearStep: assign({ results: null, waitResult: null, refused: [], error: null }),
    forgetFuture: assign(({ context }) => ({
      starts: truncateAfter(context.starts, context.index),
      ends: truncateAfter(context.ends, context.index),
      outcomes: truncateAfter(context.outcomes, context.index),
    })),
    runFromStart: assign(({ context }) => {
      const from = context.starts[context.index]!;
      return { runFromMs: from, runEndMs: from + context.steps[context.index]!.runForMs };
    }),
  },
  guards: {
    waits: ({ context }) => context.steps[context.index]?.waits === true,
    playAfterSeek: ({ context }) => context.playAfterSeek,
    canGoBack: ({ context }) => context.index >= 1 && context.starts[context.index - 1] !== undefined,
    reachable: ({ context, event }) =>
      event.type === 'GOTO' &&
      event.index >= 0 &&
      event.index < context.steps.length &&
      context.starts[event.index] !== undefined,
    isLast: ({ context }) => context.index >= context.steps.length - 1,
    nextRecorded: ({ context }) => context.starts[context.index + 1] !== undefined,
    goalMet: ({ event }) => event.type === 'WAIT_CHECKED' && event.ok,
    validRestore: ({ context, event }) => event.type === 'RESTORE' && validTimes(context.steps.length, event),
    /** The link was made at or after the step's recorded end: the step had been checked. */
    restoreChecked: ({ context, event }) =>
      event.type === 'RESTORE' &&
      validTimes(context.steps.length, event) &&
      event.atMs !== undefined &&
      event.ends[event.index] !== undefined &&
      event.atMs >= event.ends[event.index]!,
  },
}).createMachine({
  id: 'lesson',
  context: ({ input }) => ({
    steps: input.steps,
    index: -1,
    starts: [],
    ends: [],
    outcomes: [],
    runFromMs: 0,
    runEndMs: 0,
    target: 0,
    playAfterSeek: false,
    seekMs: null,
    results: null,
    waitResult: null,
    refused: [],
    error: null,
  }),
  initial: 'intro',
  on: {
    BACK: {
      guard: 'canGoBack',
      target: '.rewinding',
      actions: assign(({ context }) => ({ target: context.index - 1, playAfterSeek: false })),
    },
    GOTO: {
      guard: 'reachable',
      target: '.rewinding',
      actions: assign(({ event }) => ({
        target: event.type === 'GOTO' ? event.index : 0,
        playAfterSeek: false,
      })),
    },
    LEARNER_ACTED: { actions: 'forgetFuture' },
  },
  states: {
    intro: {
      on: {
        NEXT: { target: 'starting', actions: assign({ index: 0 }) },
        RESTORE: [
          {
            // Shared once the step had been checked (the usual moment: the clock stops there): check it
            // again at its recorded end, so the learner sees the step done with the results the sharer saw.
            guard: 'restoreChecked',
            target: 'checking',
            actions: assign(({ event }) => {
              if (event.type !== 'RESTORE') return {};
              const endMs = event.ends[event.index]!;
              return {
                starts: [...event.starts],
                ends: [...event.ends],
                index: event.index,
                runFromMs: event.starts[event.index]!,
                runEndMs: endMs,
              };
            }),
          },
          {
            // Shared mid-step: that step, paused where the sharer stood (or at its start).
            guard: 'validRestore',
            target: 'rewinding',
            actions: assign(({ event }) =>
              event.type === 'RESTORE'
                ? {
                    starts: [...event.starts],
                    ends: [...event.ends],
                    target: event.index,
                    playAfterSeek: false,
                    seekMs: event.atMs ?? null,
                  }
                : {},
            ),
          },
        ],
      },
    },
    starting: {
      entry: 'clearStep',
      invoke: {
        src: 'startStep',
        input: ({ context }) => ({ index: context.index, previousEndMs: context.ends[context.index - 1] }),
        onDone: {
          target: 'begun',
          actions: assign(({ context, event }) => ({
            // A fresh step replaces whatever future was recorded after it.
            starts: setAt(
              truncateAfter(context.starts, context.index - 1),
              context.index,
              event.output.startMs,
            ),
            ends: truncateAfter(context.ends, context.index - 1),
            outcomes: truncateAfter(context.outcomes, context.index - 1),
            refused: event.output.refused,
          })),
        },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => String(event.error) }) },
      },
    },
    begun: {
      always: [
        { guard: 'waits', target: 'waiting' },
        { target: 'running', actions: ['runFromStart', 'play'] },
      ],
    },
    rewinding: {
      entry: 'clearStep',
      invoke: {
        src: 'seek',
        input: ({ context }) => ({ ms: context.seekMs ?? context.starts[context.target]! }),
        onDone: {
          target: 'arrived',
          actions: assign(({ context }) => ({ index: context.target, seekMs: null })),
        },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => String(event.error) }) },
      },
    },
    arrived: {
      always: [
        { guard: 'waits', target: 'waiting' },
        { guard: 'playAfterSeek', target: 'running', actions: ['runFromStart', 'play'] },
        { target: 'running', actions: 'runFromStart' },
      ],
    },
    waiting: {
      entry: 'pause',
      initial: 'idle',
      on: {
        WAIT_CHECKED: [
          {
            guard: 'goalMet',
            target: 'running',
            actions: [
              assign(({ context, event }) => {
                const acted = event.type === 'WAIT_CHECKED' ? event.actedAtMs : context.runFromMs;
                return {
                  waitResult: event.type === 'WAIT_CHECKED' ? { ok: true, message: event.message } : null,
                  runFromMs: acted,
                  runEndMs: acted + context.steps[context.index]!.runForMs,
                };
              }),
              'play',
            ],
          },
          {
            actions: assign({
              waitResult: ({ event }) =>
                event.type === 'WAIT_CHECKED' ? { ok: event.ok, message: event.message } : null,
            }),
          },
        ],
      },
      states: {
        idle: { on: { SHOW_ME: 'showing' } },
        showing: {
          invoke: {
            src: 'showMe',
            input: ({ context }) => ({ index: context.index }),
            onDone: 'idle',
            onError: { target: 'idle', actions: assign({ error: ({ event }) => String(event.error) }) },
          },
        },
      },
    },
    running: {
      invoke: { src: 'runUntil', input: ({ context }) => ({ endMs: context.runEndMs }) },
      on: { REACHED: 'checking' },
    },
    checking: {
      invoke: {
        src: 'check',
        input: ({ context }) => ({
          index: context.index,
          sinceMs: context.starts[context.index]!,
          endMs: context.runEndMs,
        }),
        onDone: {
          target: 'done',
          actions: assign(({ context, event }) => ({
            results: event.output,
            ends: setAt(context.ends, context.index, context.runEndMs),
            outcomes: setAt(
              context.outcomes,
              context.index,
              event.output.every((r) => r.ok),
            ),
          })),
        },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => String(event.error) }) },
      },
    },
    done: {
      on: {
        NEXT: [
          { guard: 'isLast' },
          {
            guard: 'nextRecorded',
            target: 'rewinding',
            actions: assign(({ context }) => ({ target: context.index + 1, playAfterSeek: true })),
          },
          { target: 'starting', actions: assign(({ context }) => ({ index: context.index + 1 })) },
        ],
      },
    },
    failed: {
      // Host calls answer with error texts rather than throwing, so this is a lost worker; Next retries.
      on: { NEXT: 'starting' },
    },
  },
});

export type LessonPhase =
  'intro' | 'starting' | 'waiting' | 'showing' | 'running' | 'checking' | 'done' | 'rewinding' | 'failed';

/** The phase the panel shows, from the machine's state value. */
export function phaseOf(value: unknown): LessonPhase {
  if (typeof value === 'object' && value !== null && 'waiting' in value)
    return (value as { waiting: string }).waiting === 'showing' ? 'showing' : 'waiting';
  if (value === 'begun') return 'starting';
  if (value === 'arrived') return 'rewinding';
  return value as LessonPhase;
}

/**
 * Recorded times a link may carry: a start for every step up to `index`, an end for every step before it
 * (and perhaps for it), each step ending after it starts and before the next one starts.
 */
export function validTimes(
  stepCount: number,
  r: { index: number; starts: readonly number[]; ends: readonly number[] },
): boolean {
  const { index, starts, ends } = r;
  if (!Number.isInteger(index) || index < 0 || index >= stepCount) return false;
  if (starts.length !== index + 1 || ends.length < index || ends.length > index + 1) return false;
  const times = [...starts, ...ends];
  if (!times.every((t) => Number.isInteger(t) && t >= 0)) return false;
  for (let i = 0; i < starts.length; i++) {
    const end = ends[i];
    if (end !== undefined && end < starts[i]!) return false;
    const next = starts[i + 1];
    if (next !== undefined && (end === undefined || next <= end)) return false;
  }
  return true;
}
