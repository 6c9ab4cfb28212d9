// Checkpoints taken while a seek replays the thinned past (sim/checkpoints.ts keeps the older history
// sparse to stay within its memory budget). A teacher who rewinds to "the moment the broker died" then
// scrubs back and forth around it: the first seek there replays from a distant checkpoint, and these
// make the next ones, nearby, replay only from the last few seconds. A cache, nothing more: a restore
// from it equals the run, like any checkpoint, and it has its own small budget, emptied least recently
// used first.
import type { SimState } from '../types';
import type { Checkpoint } from './checkpoints';
import { cloneState } from './clone';
import { introducedRecords } from './checkpointBudget';

/** Record copies the cache may hold beyond its neighbours (~30 MB, next to the main list's ~100 MB). */
export const SEEK_CACHE_BUDGET_RECORDS = 300_000;

interface Cached extends Checkpoint {
  lastUsed: number;
}

export class SeekCache {
  /** Ascending atMs. */
  private list: Cached[] = [];
  private clock = 0;

  constructor(private readonly budgetRecords = SEEK_CACHE_BUDGET_RECORDS) {}

  /** Keep a copy of `state`, a point a seek's replay passed through; `live` is the run's latest state. */
  add(state: SimState, applied: number, live: SimState): void {
    let at = this.list.length;
    while (at > 0 && this.list[at - 1]!.atMs > state.nowMs) at--;
    if (this.list[at - 1]?.atMs === state.nowMs) return;
    const copy = cloneState(state);
    this.list.splice(at, 0, {
      atMs: state.nowMs,
      applied,
      seq: state.seq,
      state: copy,
      held: 0,
      lastUsed: ++this.clock,
    });
    this.evict(live);
  }

  /** The latest cached point at or before `targetMs`, if any; it counts as used. */
  nearest(targetMs: number): Checkpoint | undefined {
    let best: Cached | undefined;
    for (const c of this.list) if (c.atMs <= targetMs) best = c;
    if (best) best.lastUsed = ++this.clock;
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
   * Drop the least recently used point while the cache holds more than its budget. Neighbours in time
   * share their log chunks, and records the live run still holds cost nothing extra, so each point costs
   * what neither its predecessor nor the live run holds (an estimate by offsets, checkpointBudget.ts).
   */
  private evict(live: SimState): void {
    for (;;) {
      let total = 0;
      for (let i = 0; i < this.list.length; i++) {
        const c = this.list[i]!;
        const previous = this.list[i - 1]?.state;
        c.held = Math.min(introducedRecords(live, c.state), introducedRecords(previous, c.state));
        total += c.held;
      }
      if (total <= this.budgetRecords || this.list.length <= 1) return;
      let victim = 0;
      for (let i = 1; i < this.list.length; i++)
        if (this.list[i]!.lastUsed < this.list[victim]!.lastUsed) victim = i;
      this.list.splice(victim, 1);
    }
  }
}
