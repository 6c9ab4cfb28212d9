// The lesson machine driven by stand-in actors over a fake clock: what each step records, when the clock is
// asked to play or hold, how Back and the table of contents rewind, and what the learner's actions discard.
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor, type EventObject } from 'xstate';
import {
  lessonMachine,
  phaseOf,
  validTimes,
  type CheckInput,
  type LessonStepInfo,
  type RunInput,
  type SeekInput,
  type ShowMeInput,
  type StartInput,
  type StartOutput,
} from './machine';
import type { CheckResult } from '../../scenarios/index';
import { nextStartMs } from './timing';

/** Three steps: a plain one (8 s), one that waits for the learner (3 s after the action), a plain one (5 s). */
const STEPS: LessonStepInfo[] = [
  { waits: false, runForMs: 8_000 },
  { waits: true, runForMs: 3_000 },
  { waits: false, runForMs: 5_000 },
];

function harness(steps = STEPS) {
  const clock = { nowMs: 0 };
  const calls: string[] = [];
  const machine = lessonMachine.provide({
    actors: {
      startStep: fromPromise<StartOutput, StartInput>(async ({ input }) => {
        const startMs = nextStartMs(input.previousEndMs, clock.nowMs);
        calls.push(`start ${input.index} at ${startMs}`);
        clock.nowMs = startMs + (steps[input.index]!.waits ? 1 : 0);
        return { startMs, refused: [] };
      }),
      runUntil: fromCallback<EventObject, RunInput>(({ input, sendBack }) => {
        calls.push(`run to ${input.endMs}`);
        clock.nowMs = input.endMs;
        queueMicrotask(() => sendBack({ type: 'REACHED' }));
        return () => undefined;
      }),
      check: fromPromise<CheckResult[], CheckInput>(async ({ input }) => {
        calls.push(`check ${input.index} at ${input.endMs} since ${input.sinceMs}`);
        return [{ ok: input.index !== 2, message: `Expected: step ${input.index}.` }];
      }),
      seek: fromPromise<unknown, SeekInput>(async ({ input }) => {
        calls.push(`seek ${input.ms}`);
        clock.nowMs = input.ms;
        return null;
      }),
      showMe: fromPromise<unknown, ShowMeInput>(async () => {
        calls.push('show me');
        return null;
      }),
    },
    actions: {
      play: () => void calls.push('play'),
      pause: () => void calls.push('pause'),
    },
  });
  const actor = createActor(machine, { input: { steps } }).start();
  const phase = () => phaseOf(actor.getSnapshot().value);
  const until = (p: string) => waitFor(actor, (s) => phaseOf(s.value) === p, { timeout: 1_000 });
  return { actor, clock, calls, phase, until, ctx: () => actor.getSnapshot().context };
}

describe('lesson machine', () => {
  it('starts at the intro and ignores Back and jumps to steps not reached yet', () => {
    const h = harness();
    expect(h.phase()).toBe('intro');
    h.actor.send({ type: 'BACK' });
    h.actor.send({ type: 'GOTO', index: 1 });
    expect(h.phase()).toBe('intro');
    expect(h.ctx().index).toBe(-1);
  });

  it('runs a plain step from its start for runForMs, plays the clock, then checks and records both times', async () => {
    const h = harness();
    h.clock.nowMs = 2_500; // the teacher let the cluster run before starting
    h.actor.send({ type: 'NEXT' });
    await h.until('done');
    expect(h.calls).toEqual(['start 0 at 2500', 'play', 'run to 10500', 'check 0 at 10500 since 2500']);
    expect(h.ctx()).toMatchObject({ index: 0, starts: [2_500], ends: [10_500], outcomes: [true] });
    expect(h.ctx().results).toEqual([{ ok: true, message: 'Expected: step 0.' }]);
  });

  it('holds a waiting step until the learner meets its goal, then runs from the learner’s action', async () => {
    const h = harness();
    h.actor.send({ type: 'NEXT' });
    await h.until('done');
    h.actor.send({ type: 'NEXT' });
    await h.until('waiting');
    // Strictly after the previous check, so a replay of step 1's check never sees step 2's actions.
    expect(h.ctx().starts[1]).toBe(8_002);
    expect(h.calls.at(-1)).toBe('pause');
    h.actor.send({
      type: 'WAIT_CHECKED',
      ok: false,
      message: 'Expected: x. The simulation shows: y.',
      actedAtMs: 8_002,
    });
    expect(h.phase()).toBe('waiting');
    expect(h.ctx().waitResult).toEqual({ ok: false, message: 'Expected: x. The simulation shows: y.' });
    h.actor.send({ type: 'NEXT' }); // Next does nothing while the step waits
    expect(h.phase()).toBe('waiting');
    h.actor.send({
      type: 'WAIT_CHECKED',
      ok: true,
      message: 'Expected: x. The simulation shows: x.',
      actedAtMs: 20_000,
    });
    await h.until('done');
    expect(h.ctx()).toMatchObject({
      runFromMs: 20_000,
      runEndMs: 23_000,
      starts: [1, 8_002],
      ends: [8_001, 23_000],
    });
    expect(h.ctx().waitResult?.ok).toBe(true);
    expect(h.calls.slice(-3)).toEqual(['play', 'run to 23000', 'check 1 at 23000 since 8002']);
  });

  it('Show me runs the solution while waiting; the goal check that follows lets the step run', async () => {
    const h = harness([{ waits: true, runForMs: 1_000 }]);
    h.actor.send({ type: 'NEXT' });
    await h.until('waiting');
    h.actor.send({ type: 'SHOW_ME' });
    expect(h.phase()).toBe('showing');
    await h.until('waiting');
    expect(h.calls).toContain('show me');
    h.actor.send({ type: 'WAIT_CHECKED', ok: true, message: 'ok', actedAtMs: 2 });
    await h.until('done');
    expect(h.ctx().ends).toEqual([1_002]);
  });

  it('Back seeks to the recorded start of the previous step and leaves the clock paused', async () => {
    const h = harness();
    h.actor.send({ type: 'NEXT' });
    await h.until('done');
    h.actor.send({ type: 'NEXT' });
    await h.until('waiting');
    h.actor.send({ type: 'WAIT_CHECKED', ok: true, message: 'ok', actedAtMs: 9_000 });
    await h.until('done');
    h.calls.length = 0;
    h.actor.send({ type: 'BACK' });
    await h.until('done');
    expect(h.calls).toEqual(['seek 1', 'run to 8001', 'check 0 at 8001 since 1']);
    expect(h.ctx().index).toBe(0);
    // The future is still recorded: Next replays into step 2 (seek there and play) instead of starting it anew.
    expect(h.ctx().starts).toEqual([1, 8_002]);
    h.calls.length = 0;
    h.actor.send({ type: 'NEXT' });
    await h.until('waiting');
    expect(h.calls).toEqual(['seek 8002', 'pause']);
  });

  it('the table of contents jumps to any reached step, and a waiting step waits again', async () => {
    const h = harness();
    h.actor.send({ type: 'NEXT' });
    await h.until('done');
    h.actor.send({ type: 'NEXT' });
    await h.until('waiting');
    h.actor.send({ type: 'WAIT_CHECKED', ok: true, message: 'ok', actedAtMs: 8_002 + 500 });
    await h.until('done');
    h.actor.send({ type: 'NEXT' });
    await h.until('done');
    expect(h.ctx()).toMatchObject({ index: 2, starts: [1, 8_002, 11_503], outcomes: [true, true, false] });
    h.actor.send({ type: 'GOTO', index: 1 });
    await h.until('waiting');
    expect(h.ctx()).toMatchObject({ index: 1, results: null, waitResult: null });
    expect(h.clock.nowMs).toBe(8_002);
    h.actor.send({ type: 'GOTO', index: 0 });
    await h.until('done');
    expect(h.ctx().index).toBe(0);
  });

  it('a learner’s command discards the recorded steps after the current one', async () => {
    const h = harness();
    h.actor.send({ type: 'NEXT' });
    await h.until('done');
    h.actor.send({ type: 'NEXT' });
    await h.until('waiting');
    h.actor.send({ type: 'WAIT_CHECKED', ok: true, message: 'ok', actedAtMs: 8_100 });
    await h.until('done');
    h.actor.send({ type: 'BACK' });
    await h.until('done');
    h.actor.send({ type: 'LEARNER_ACTED' });
    expect(h.ctx()).toMatchObject({ starts: [1], ends: [8_001], outcomes: [true] });
    h.calls.length = 0;
    h.clock.nowMs = 9_000;
    h.actor.send({ type: 'NEXT' });
    await h.until('waiting');
    expect(h.calls[0]).toBe('start 1 at 9000');
  });

  it('Next after the last step does nothing', async () => {
    const h = harness([{ waits: false, runForMs: 100 }]);
    h.actor.send({ type: 'NEXT' });
    await h.until('done');
    h.actor.send({ type: 'NEXT' });
    expect(h.phase()).toBe('done');
    expect(h.ctx().index).toBe(0);
  });

  it('a lost worker fails the step with its error, and Next retries it', async () => {
    let fail = true;
    const machine = lessonMachine.provide({
      actors: {
        startStep: fromPromise<StartOutput, StartInput>(async () => {
          if (fail) throw new Error('worker gone');
          return { startMs: 0, refused: [] };
        }),
        runUntil: fromCallback<EventObject, RunInput>(() => undefined),
      },
    });
    const actor = createActor(machine, { input: { steps: STEPS } }).start();
    actor.send({ type: 'NEXT' });
    await waitFor(actor, (s) => s.value === 'failed');
    expect(actor.getSnapshot().context.error).toContain('worker gone');
    fail = false;
    actor.send({ type: 'NEXT' });
    await waitFor(actor, (s) => s.value === 'running');
    expect(actor.getSnapshot().context).toMatchObject({ index: 0, error: null, starts: [0] });
  });
});

describe('restoring from a share link', () => {
  it('takes the recorded times and rewinds to the start of the step', async () => {
    const h = harness();
    h.actor.send({ type: 'RESTORE', index: 1, starts: [1, 8_002], ends: [8_001] });
    await h.until('waiting');
    expect(h.calls).toEqual(['seek 8002', 'pause']);
    expect(h.ctx()).toMatchObject({ index: 1, starts: [1, 8_002], ends: [8_001] });
    h.actor.send({ type: 'GOTO', index: 0 });
    await h.until('done');
    expect(h.ctx().index).toBe(0);
  });

  it('ignores times that do not fit the lesson, and restores only from the intro', async () => {
    const h = harness();
    h.actor.send({ type: 'RESTORE', index: 1, starts: [1, 5_000], ends: [8_001] });
    h.actor.send({ type: 'RESTORE', index: 3, starts: [1, 2, 3, 4], ends: [1, 2, 3] });
    expect(h.phase()).toBe('intro');
    h.actor.send({ type: 'NEXT' });
    await h.until('done');
    h.actor.send({ type: 'RESTORE', index: 1, starts: [1, 9_000], ends: [8_001] });
    expect(h.ctx().index).toBe(0);
  });

  it('shows a step checked before the link was made as done, checked again at its recorded end', async () => {
    const h = harness();
    h.actor.send({ type: 'RESTORE', index: 1, starts: [1, 8_002], ends: [8_001, 11_500], atMs: 11_500 });
    await h.until('done');
    expect(h.calls).toEqual(['check 1 at 11500 since 8002']);
    expect(h.ctx()).toMatchObject({ index: 1, starts: [1, 8_002], ends: [8_001, 11_500] });
    expect(h.ctx().results).toEqual([{ ok: true, message: 'Expected: step 1.' }]);
    h.actor.send({ type: 'NEXT' });
    await h.until('done');
    expect(h.calls.slice(1)).toEqual([
      'start 2 at 11501',
      'play',
      'run to 16501',
      'check 2 at 16501 since 11501',
    ]);
  });

  it('enters a step in progress at the shared position, paused, and runs it to its end from its start', async () => {
    const h = harness();
    h.actor.send({ type: 'RESTORE', index: 0, starts: [1], ends: [], atMs: 3_000 });
    await h.until('done');
    // Seeks to the shared position, not the step's start; the step still ends 8 s after its start.
    expect(h.calls).toEqual(['seek 3000', 'run to 8001', 'check 0 at 8001 since 1']);
    expect(h.calls).not.toContain('play');
  });

  it('validTimes accepts only ordered, complete records', () => {
    expect(validTimes(3, { index: 0, starts: [1], ends: [] })).toBe(true);
    expect(validTimes(3, { index: 1, starts: [1, 8_002], ends: [8_001, 9_000] })).toBe(true);
    expect(validTimes(3, { index: 1, starts: [1, 8_002], ends: [] })).toBe(false);
    expect(validTimes(3, { index: 1, starts: [1, 8_001], ends: [8_001] })).toBe(false);
    expect(validTimes(3, { index: 0, starts: [-1], ends: [] })).toBe(false);
    expect(validTimes(3, { index: 0, starts: [1.5], ends: [] })).toBe(false);
    expect(validTimes(3, { index: 0, starts: [10], ends: [5] })).toBe(false);
    expect(validTimes(3, { index: -1, starts: [], ends: [] })).toBe(false);
  });
});

describe('phaseOf', () => {
  it('names the panel’s phases', () => {
    expect(phaseOf('intro')).toBe('intro');
    expect(phaseOf({ waiting: 'idle' })).toBe('waiting');
    expect(phaseOf({ waiting: 'showing' })).toBe('showing');
    expect(phaseOf('arrived')).toBe('rewinding');
  });
});
