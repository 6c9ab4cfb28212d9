// Checkpoints taken while a seek replays the thinned past (sim/checkpoints.ts keeps the older history
// sparse to stay within its memory budget). A teacher who rewinds to "the moment the broker died" then
// scrubs back and forth around it: the first seek there replays from a distant checkpoint, and these
// make the next ones, nearby, replay only from the last few seconds. A cache, nothing more: a restore
// from it equals the run, like any checkpoint, and it has its own small budget, emptied from the points
// furthest from where the user last seeked.
import type { SimState } from '../types';
import type { Checkpoint } from './checkpoints';
import { cloneState } from './clone';
import { introducedRecords } from './checkpointBudget';

/**
 * Record copies the cache may hold beyond its neighbours (~25 MB, next to the main list's ~100 MB): at
 * 1,000 records/s with a minute's retention, the last minute before a seek target, a point every 10 s.
 */
export const SEEK_CACHE_BUDGET_RECORDS = 400_000;

export class SeekCache {
  /** Ascending atMs. */
  private list: Checkpoint[] = [];
  /** The latest seek target: scrubbing happens around it, so points far from it go first. */
  private focusMs = 0;

  constructor(private readonly budgetRecords = SEEK_CACHE_BUDGET_RECORDS) {}

  /**
   * Keep a copy of `state`, a point a seek's replay passed through, unless a point less than `spacingMs`
   * before it is kept already (it would add memory and save little replay); `live` is the run's latest
   * state.
   */
  add(state: SimState, applied: number, live: SimState, spacingMs: number): void {
    let at = this.list.length;
    while (at > 0 && this.list[at - 1]!.atMs > state.nowMs) at--;
    const before = this.list[at - 1];
    if (before && state.nowMs - before.atMs < spacingMs) return;
    this.list.splice(at, 0, {
      atMs: state.nowMs,
      applied,
      seq: state.seq,
      state: cloneState(state),
      held: 0,
    });
    this.evict(live);
  }

  /** The latest cached point at or before `targetMs`, if any; `targetMs` becomes the focus. */
  nearest(targetMs: number): Checkpoint | undefined {
    this.focusMs = targetMs;
    let best: Checkpoint | undefined;
    for (const c of this.list) if (c.atMs <= targetMs) best = c;
    return best;
  }

  /** A fork at `nowMs`: cached points of the discarded future no longer describe this run. */
  forkAt(nowMs: number, applied: number): void {
    this.list = this.list.filter((c) => c.atMs <= nowMs && c.applied <= applied);
  }

  get size(): number {
    return this.list.length;
  }

  times(): number[] {
    return this.list.map((c) => c.atMs);
  }

  /**
   * Drop the point furthest from the focus while the cache holds more than its budget. Neighbours in time
   * share their log chunks, and records the live run still holds cost nothing extra, so each point costs
   * what neither its predecessor nor the live run holds (an estimate by offsets, checkpointBudget.ts).
   */
  private evict(live: SimState): void {
    for (;;) {
      let total = 0;
      for (let i = 0; i < this.list.length; i++) {
        const c = this.list[i]!;
        const previous = this.list[i - 1]?.state;
        c.held = Math.min(introducedRecords(live, c.state!), introducedRecords(previous, c.state!));
        total += c.held;
      }
      if (total <= this.budgetRecords || this.list.length <= 1) return;
      const distance = (c: Checkpoint): number => Math.abs(c.atMs - this.focusMs);
      let victim = 0;
      for (let i = 1; i < this.list.length; i++)
        if (distance(this.list[i]!) > distance(this.list[victim]!)) victim = i;
      this.list.splice(victim, 1);
    }
  }
}
