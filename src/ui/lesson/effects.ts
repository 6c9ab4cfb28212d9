// The engine work behind the lesson machine: each goes through the engine queue as one job, so no user
// action or playback advance lands between a step's seek and its actions.
import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { Command, LoggedCommand } from '../../engine/index';
import type { HostFrame } from '../../engine/worker/host';
import { checkAll, type CheckResult, type Scenario } from '../../scenarios/index';
import { tailFor } from '../engine/actions';
import { engine, engineQueue } from '../engine/bridge';
import { playback } from '../playback/machine';
import { acceptFrame, uiStore } from '../store';
import type { CheckInput, RunInput, SeekInput, ShowMeInput, StartInput, StartOutput } from './machine';
import { nextStartMs } from './timing';

/** Enough events that a long step's first events are still there when it is checked (as runner.ts). */
const CHECK_EVENTS = 1_000;
/** Never advance more than this in one call, as the render loop. */
const MAX_ADVANCE_MS = 2_000;

let ownCommands = 0;

/** True while the lesson itself writes the command log: the learner did not act. */
export const lessonIsDispatching = (): boolean => ownCommands > 0;

/** Take the engine's answer: the run forks when commands were given in the past (as actions.run). */
function acceptCommands(frame: HostFrame, log: LoggedCommand[], forked: boolean, own: boolean): void {
  if (own) ownCommands++;
  try {
    uiStore.setState(forked ? { commandLog: log, furthestMs: frame.view.nowMs } : { commandLog: log });
  } finally {
    if (own) ownCommands--;
  }
  acceptFrame(frame);
}

async function dispatchAll(commands: readonly Command[]): Promise<{ frame: HostFrame; refused: string[] }> {
  const e = engine();
  let frame = await e.view();
  const refused: string[] = [];
  for (const c of commands) {
    frame = await e.dispatch(c);
    if (frame.error) refused.push(`${c.type}: ${frame.error}`);
  }
  return { frame: { ...frame, error: null }, refused };
}

export function createEffects(scenario: Scenario) {
  const steps = scenario.steps ?? [];
  return {
    /** Seek to where the step may start, dispatch its actions, and step 1 ms past them if it waits. */
    startStep: fromPromise<StartOutput, StartInput>(async ({ input }) => {
      const step = steps[input.index]!;
      const before = uiStore.getState().furthestMs;
      const out = await engineQueue().enqueue(async () => {
        const e = engine();
        const now = (await e.view()).view.nowMs;
        const startMs = nextStartMs(input.previousEndMs, now);
        if (startMs !== now) await e.seek(startMs);
        const { frame: afterActions, refused } = await dispatchAll(step.actions ?? []);
        const frame = step.waitFor ? await e.advanceBy(1) : afterActions;
        return { frame, refused, startMs, log: await e.commandLog() };
      });
      const forked = (step.actions?.length ?? 0) > 0 && out.startMs < before;
      acceptCommands(out.frame, out.log, forked, true);
      return { startMs: out.startMs, refused: out.refused };
    }),

    /** "Show me": the step's scripted solution, now. It counts as the learner's action. */
    showMe: fromPromise<unknown, ShowMeInput>(async ({ input }) => {
      const solution = steps[input.index]?.waitFor?.solution ?? [];
      const before = uiStore.getState();
      const forked = (before.frame?.view.nowMs ?? 0) < before.furthestMs;
      const out = await engineQueue().enqueue(async () => {
        const { frame, refused } = await dispatchAll(solution);
        return { frame, refused, log: await engine().commandLog() };
      });
      acceptCommands(out.frame, out.log, forked, false);
      if (out.refused.length > 0) throw new Error(out.refused.join('; '));
      return null;
    }),

    seek: fromPromise<unknown, SeekInput>(async ({ input }) => {
      playback.send({ type: 'SEEK' });
      acceptFrame(await engineQueue().seek(input.ms, (ms) => engine().seek(ms)));
      return null;
    }),

    check: fromPromise<CheckResult[], CheckInput>(async ({ input }) => {
      const expectations = steps[input.index]?.expectations ?? [];
      const { checked, shown } = await engineQueue().enqueue(async () => {
        const e = engine();
        // Exactly at the step's end, whatever the playback overshot or the user scrubbed to.
        const here = await e.seek(input.endMs);
        const tail = tailFor(here.view.partitions.reduce((n, p) => n + p.replicas.length, 0));
        await e.setViewOptions({ tail, events: CHECK_EVENTS });
        const full = await e.view();
        await e.setViewOptions({ tail });
        return { checked: full, shown: here };
      });
      acceptFrame(shown);
      return checkAll(checked.view, expectations, input.sinceMs).map(({ ok, message }) => ({ ok, message }));
    }),

    runUntil: fromCallback<EventObject, RunInput>(({ input, sendBack }) => runUntil(input.endMs, sendBack)),
  };
}

/**
 * Plays the clock up to `endMs` and stops exactly there, at the playback speed, while playback plays (the
 * teacher's Play/Pause and speed keep working). It keeps one job queued at all times, so the render loop,
 * which advances only when the queue is empty, leaves the clock to it until the step ends.
 */
function runUntil(endMs: number, sendBack: (e: EventObject) => void): () => void {
  let stopped = false;
  let lastWall = performance.now();
  let owedMs = 0;
  const next = (): void => {
    if (stopped) return;
    void engineQueue()
      .enqueue(async (): Promise<HostFrame | 'reached' | null> => {
        const wall = performance.now();
        const dt = Math.min(wall - lastWall, 250);
        lastWall = wall;
        if (stopped) return null;
        const nowMs = uiStore.getState().frame?.view.nowMs ?? 0;
        if (nowMs >= endMs) return 'reached';
        const snap = playback.getSnapshot();
        if (!snap.matches('playing')) {
          owedMs = 0;
          return null;
        }
        owedMs = Math.min(owedMs + dt * snap.context.speed, MAX_ADVANCE_MS);
        const ms = Math.min(endMs - nowMs, Math.floor(owedMs));
        if (ms < 1) return null;
        owedMs -= ms;
        return engine().advanceBy(ms);
      })
      .then((r) => {
        if (stopped) return;
        if (r !== null && r !== 'reached') acceptFrame(r, true);
        if (r === 'reached' || (r !== null && r.view.nowMs >= endMs)) {
          // Pause before the render loop's next tick, so that it does not run on past the step's end.
          playback.send({ type: 'PAUSE' });
          sendBack({ type: 'REACHED' });
          return;
        }
        next();
      });
  };
  next();
  return () => {
    stopped = true;
  };
}
