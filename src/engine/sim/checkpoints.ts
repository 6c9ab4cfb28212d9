// Where a Simulation keeps checkpoints. A seek restores the nearest one and replays the gap, so the gap
// must be cheap to replay wherever the seek lands: a checkpoint is taken every checkpointIntervalMs of
// virtual time, and sooner when enough has happened since the last one (a busy cluster replays slowly).
// Checkpoints are cheap because a copy shares everything unchanged (sim/clone.ts).
import type { SimState } from '../types';
import { cloneState } from './clone';
import { advanceTo } from './step';

export interface Checkpoint {
  atMs: number;
  /** How many logged commands had been applied when the checkpoint was taken. */
  applied: number;
  /** state.seq then: timers scheduled so far, which tracks what a replay from here has to redo. */
  seq: number;
  state: SimState;
}

/**
 * Timers scheduled (≈ timers to replay) after which a checkpoint is due by default, whatever the virtual
 * time: a replay handles about a million timers a second, so a seek replays some tens of milliseconds.
 */
export const CHECKPOINT_EVERY_SCHEDULES = 25_000;

/** How often, in virtual ms, an advance pauses to ask whether a checkpoint is due. */
export const CHECKPOINT_CHECK_MS = 100;

/** Virtual ms that a throwaway restored run covers (see warmUpRestores). */
const WARM_UP_MS = 300;

/**
 * Run a throwaway copy of a checkpoint for a moment, at the 4th, 8th, 16th… checkpoint. Restored objects
 * have hidden classes of their own, and the shapes of a run's state keep changing for a while (retention
 * starts, groups rebalance, …): code optimised only for the live run's shapes deoptimises on the first
 * seek that meets a restored state, which made that seek two to three times slower. Met here instead,
 * it costs some tens of milliseconds of an advance, a handful of times per run; the copy is discarded.
 */
function warmUpRestores(checkpoint: SimState): void {
  const copy = cloneState(checkpoint);
  advanceTo(copy, copy.nowMs + WARM_UP_MS);
}

export class CheckpointList {
  /** Ascending atMs, never two at the same time. */
  private list: Checkpoint[] = [];

  constructor(
    private readonly intervalMs: number,
    private readonly everySchedules = CHECKPOINT_EVERY_SCHEDULES,
  ) {}

  take(state: SimState, applied: number): void {
    const last = this.list[this.list.length - 1];
    if (last && last.atMs >= state.nowMs) return;
    this.list.push({ atMs: state.nowMs, applied, seq: state.seq, state: cloneState(state) });
    const n = this.list.length;
    if (n >= 4 && (n & (n - 1)) === 0) warmUpRestores(this.list[n - 1]!.state);
  }

  /** Whether a checkpoint of `state` is due: far enough, in time or in work, from the latest one. */
  due(state: SimState): boolean {
    const last = this.list[this.list.length - 1];
    if (!last) return true;
    if (last.atMs >= state.nowMs) return false;
    return state.nowMs - last.atMs >= this.intervalMs || state.seq - last.seq >= this.everySchedules;
  }

  /** The next virtual time at which an advance should pause to check `due`. */
  nextCheckAt(nowMs: number): number {
    const last = this.list[this.list.length - 1];
    const byInterval = last && last.atMs < nowMs ? last.atMs + this.intervalMs : nowMs + this.intervalMs;
    return Math.min(byInterval, nowMs + CHECKPOINT_CHECK_MS);
  }

  /** The latest checkpoint at or before `targetMs` (the first one is at time 0). */
  nearest(targetMs: number): Checkpoint {
    let lo = 0;
    let hi = this.list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.list[mid]!.atMs <= targetMs) lo = mid;
      else hi = mid - 1;
    }
    return this.list[lo]!;
  }

  /** A fork at `nowMs`: checkpoints of the discarded future no longer describe this run. */
  forkAt(nowMs: number, applied: number): void {
    this.list = this.list.filter((c) => c.atMs <= nowMs && c.applied <= applied);
  }

  get size(): number {
    return this.list.length;
  }
}
