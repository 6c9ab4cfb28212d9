// Where a Simulation keeps checkpoints. A seek restores the nearest one and replays the gap, so the gap
// must be cheap to replay wherever the seek lands: a checkpoint is taken every checkpointIntervalMs of
// virtual time, and sooner when enough has happened since the last one (a busy cluster replays slowly).
// Checkpoints are cheap because a copy shares everything unchanged (sim/clone.ts) and is kept frozen,
// its records and audit entries as bytes (sim/frozen.ts), but with retention each one holds records
// that the live state has since deleted, so a long run thins its older checkpoints to stay within a
// memory budget (see thin).
import type { SimState } from '../types';
import { cloneState } from './clone';
import { type FrozenState, freezeState, introducedBytes, thawState } from './frozen';
import { advanceTo } from './step';

export interface Checkpoint {
  atMs: number;
  /** How many logged commands had been applied when the checkpoint was taken. */
  applied: number;
  /** state.seq then: timers scheduled so far, which tracks what a replay from here has to redo. */
  seq: number;
  /** Kept as objects (the seek cache's points) or frozen (the checkpoint list's). */
  state?: SimState;
  frozen?: FrozenState;
  /**
   * What this checkpoint holds that its predecessor in the list does not: bytes of encodings in the
   * checkpoint list, record copies in the seek cache (checkpointBudget.ts).
   */
  held: number;
}

/** A state to run from, equal to the one the checkpoint was taken of. */
export function restoreCheckpoint(c: Checkpoint): SimState {
  return c.frozen ? thawState(c.frozen) : cloneState(c.state!);
}

/**
 * Timers scheduled (≈ timers to replay) after which a checkpoint is due by default, whatever the virtual
 * time: a replay handles about a million timers a second, so a seek replays at most some tens of
 * milliseconds after its restore (~6 ms). Fewer checkpoints would save their skeletons' memory, but a
 * replay twice as long, with a garbage collection landing in it now and then, passed 100 ms.
 */
export const CHECKPOINT_EVERY_SCHEDULES = 15_000;

/**
 * Bytes that frozen checkpoints may hold: their encodings (a record and its audit entry ~50 bytes,
 * whatever the number of replicas) and an estimate per skeleton. A run with retention keeps there the
 * records the live state has deleted: at 1,000 records/s, ~4.5 MB per virtual minute, so 30 minutes
 * fit whole (the bench's run; ~190 MB in all with the live state, as much as the objects of the
 * thinned checkpoints before them).
 */
export const CHECKPOINT_BUDGET_BYTES = 150_000_000;

/** How often, in virtual ms, an advance pauses to ask whether a checkpoint is due. */
export const CHECKPOINT_CHECK_MS = 100;

/** Virtual ms that a throwaway restored run covers (see warmUpRestores). */
const WARM_UP_MS = 300;

/**
 * Run a throwaway restore of a checkpoint for a moment, at the 4th, 8th, 16th… checkpoint. Restored
 * objects have hidden classes of their own, and the shapes of a run's state keep changing for a while
 * (retention starts, groups rebalance, …): code optimised only for the live run's shapes deoptimises on
 * the first seek that meets a restored state, which made that seek two to three times slower. Met here
 * instead, it costs some tens of milliseconds of an advance, a handful of times per run.
 */
function warmUpRestores(checkpoint: FrozenState): void {
  const copy = thawState(checkpoint);
  advanceTo(copy, copy.nowMs + WARM_UP_MS);
}

export class CheckpointList {
  /** Ascending atMs, never two at the same time. */
  private list: Checkpoint[] = [];
  /** Checkpoints taken so far, thinned or not (for the warm-up schedule). */
  private taken = 0;
  /** Older checkpoints are kept one per this many schedules; doubles as the run grows (thin). */
  private gridSeq = CHECKPOINT_EVERY_SCHEDULES;

  constructor(
    private readonly intervalMs: number,
    private readonly everySchedules = CHECKPOINT_EVERY_SCHEDULES,
    private readonly budgetBytes = CHECKPOINT_BUDGET_BYTES,
  ) {}

  take(state: SimState, applied: number): void {
    const last = this.list[this.list.length - 1];
    if (last && last.atMs >= state.nowMs) return;
    const frozen = freezeState(cloneState(state));
    const held = introducedBytes(last?.frozen, frozen);
    this.list.push({ atMs: state.nowMs, applied, seq: state.seq, frozen, held });
    const n = ++this.taken;
    if (n >= 4 && (n & (n - 1)) === 0) warmUpRestores(frozen);
    this.thin();
  }

  /**
   * Keep what checkpoints hold within the budget. The newest checkpoints, holding up to half the budget,
   * stay dense: a seek into recent history replays some tens of milliseconds. Older ones are kept on a grid of replay work: only the first checkpoint at or
   * after each multiple of `gridSeq` schedules, and the grid doubles whenever what is left is still over
   * budget. The older past thus stays evenly covered, ever more sparsely as the run grows, and a seek
   * there replays from further back. The initial checkpoint always stays, so every time is reachable.
   */
  private thin(): void {
    const list = this.list;
    let total = 0;
    for (const c of list) total += c.held;
    while (total > this.budgetBytes) {
      // The dense recent stretch: newest first, up to half the budget.
      let recent = list.length;
      for (let sum = 0; recent > 1 && sum + list[recent - 1]!.held <= this.budgetBytes / 2;)
        sum += list[--recent]!.held;
      recent = Math.min(recent, list.length - 1);
      // Off the grid: not the first checkpoint in its grid cell. Newest first: the one just aged out.
      let victim = -1;
      for (let k = recent - 1; k >= 1 && victim < 0; k--)
        if (Math.floor(list[k - 1]!.seq / this.gridSeq) === Math.floor(list[k]!.seq / this.gridSeq))
          victim = k;
      if (victim < 0) {
        // Once the grid is wider than the whole run, every older checkpoint is off it: none is left.
        if (recent <= 1) return;
        this.gridSeq *= 2;
        continue;
      }
      const next = list[victim + 1]!;
      total -= list[victim]!.held + next.held;
      list.splice(victim, 1);
      next.held = introducedBytes(list[victim - 1]!.frozen, next.frozen!);
      total += next.held;
    }
  }

  /** Whether a checkpoint of `state` is due: far enough, in time or in work, from the latest one. */
  due(state: SimState): boolean {
    const last = this.list[this.list.length - 1];
    if (!last) return true;
    if (last.atMs >= state.nowMs) return false;
    return state.nowMs - last.atMs >= this.intervalMs || state.seq - last.seq >= this.everySchedules;
  }

  /**
   * The next virtual time at which an advance should pause to check `due`: never before now, which the
   * interval alone would give after a fork deep in thinned history (the newest checkpoint left is then
   * far behind), and the advance would be asked to go backwards.
   */
  nextCheckAt(nowMs: number): number {
    const last = this.list[this.list.length - 1];
    const byInterval = last && last.atMs < nowMs ? last.atMs + this.intervalMs : nowMs + this.intervalMs;
    return Math.max(nowMs, Math.min(byInterval, nowMs + CHECKPOINT_CHECK_MS));
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

  /**
   * Whether `nowMs` lies in a stretch the budget has thinned, where a seek replays far: more than two
   * intervals between the checkpoints around it.
   */
  isSparseAt(nowMs: number): boolean {
    const before = this.nearest(nowMs);
    const after = this.list.find((c) => c.atMs > nowMs);
    return after !== undefined && after.atMs - before.atMs > 2 * this.intervalMs;
  }

  get interval(): number {
    return this.intervalMs;
  }

  /** A fork at `nowMs`: checkpoints of the discarded future no longer describe this run. */
  forkAt(nowMs: number, applied: number): void {
    this.list = this.list.filter((c) => c.atMs <= nowMs && c.applied <= applied);
  }

  get size(): number {
    return this.list.length;
  }

  /** Times of the checkpoints kept, ascending (for tests and the bench). */
  times(): number[] {
    return this.list.map((c) => c.atMs);
  }

  /** Bytes the kept checkpoints hold together (encodings, and an estimate per skeleton). */
  heldBytes(): number {
    return this.list.reduce((n, c) => n + c.held, 0);
  }
}
