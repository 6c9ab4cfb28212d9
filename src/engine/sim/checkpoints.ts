// Where a Simulation keeps checkpoints. A seek restores the nearest one and replays the gap, so the gap
// must be cheap to replay wherever the seek lands: a checkpoint is taken every checkpointIntervalMs of
// virtual time, and sooner when enough has happened since the last one (a busy cluster replays slowly).
// Checkpoints are cheap because a copy shares everything unchanged (sim/clone.ts), but with retention
// each one holds records that the live state has since deleted, so a long run thins its older
// checkpoints to stay within a memory budget (see thin).
import type { SimState } from '../types';
import { cloneState } from './clone';
import { introducedRecords, liveRecords } from './checkpointBudget';
import { advanceTo } from './step';

export interface Checkpoint {
  atMs: number;
  /** How many logged commands had been applied when the checkpoint was taken. */
  applied: number;
  /** state.seq then: timers scheduled so far, which tracks what a replay from here has to redo. */
  seq: number;
  state: SimState;
  /** Record copies this checkpoint holds that its predecessor in the list does not (checkpointBudget.ts). */
  held: number;
}

/**
 * Timers scheduled (≈ timers to replay) after which a checkpoint is due by default, whatever the virtual
 * time: a replay handles about a million timers a second, so a seek replays some tens of milliseconds.
 */
export const CHECKPOINT_EVERY_SCHEDULES = 25_000;

/**
 * Record copies (one per record per replica) that checkpoints may hold beyond what the live state holds:
 * ~90 bytes each (measured in the bench's run: JS heap plus the audit's typed arrays), so ~145 MB. A run
 * with retention deletes records the checkpoints keep; a run without keeps them live anyway, and its
 * checkpoints cost next to nothing.
 */
export const CHECKPOINT_BUDGET_RECORDS = 1_600_000;

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
  /** Checkpoints taken so far, thinned or not (for the warm-up schedule). */
  private taken = 0;
  /** Older checkpoints are kept one per this many schedules; doubles as the run grows (thin). */
  private gridSeq = CHECKPOINT_EVERY_SCHEDULES;

  constructor(
    private readonly intervalMs: number,
    private readonly everySchedules = CHECKPOINT_EVERY_SCHEDULES,
    private readonly budgetRecords = CHECKPOINT_BUDGET_RECORDS,
  ) {}

  take(state: SimState, applied: number): void {
    const last = this.list[this.list.length - 1];
    if (last && last.atMs >= state.nowMs) return;
    const copy = cloneState(state);
    const held = introducedRecords(last?.state, copy);
    this.list.push({ atMs: state.nowMs, applied, seq: state.seq, state: copy, held });
    const n = ++this.taken;
    if (n >= 4 && (n & (n - 1)) === 0) warmUpRestores(copy);
    this.thin(liveRecords(state));
  }

  /**
   * Keep what checkpoints hold beyond the live state within the budget. The newest checkpoints, holding
   * up to half the budget beyond the live state, stay dense: a seek into recent history replays some
   * tens of milliseconds. Older ones are kept on a grid of replay work: only the first checkpoint at or
   * after each multiple of `gridSeq` schedules, and the grid doubles whenever what is left is still over
   * budget. The older past thus stays evenly covered, ever more sparsely as the run grows, and a seek
   * there replays from further back. The initial checkpoint always stays, so every time is reachable.
   */
  private thin(live: number): void {
    const list = this.list;
    let total = 0;
    for (const c of list) total += c.held;
    while (total - live > this.budgetRecords) {
      // The dense recent stretch: newest first, up to half the budget beyond what is live.
      let recent = list.length;
      for (let sum = 0; recent > 1 && sum + list[recent - 1]!.held <= live + this.budgetRecords / 2;)
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
      next.held = introducedRecords(list[victim - 1]!.state, next.state);
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

  /** The newest checkpoint: the run as far as it has gone, give or take an interval. */
  latest(): Checkpoint {
    return this.list[this.list.length - 1]!;
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

  /** Record copies the kept checkpoints hold together (an estimate, see checkpointBudget.ts). */
  heldRecords(): number {
    return this.list.reduce((n, c) => n + c.held, 0);
  }
}
