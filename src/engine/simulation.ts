// The headless simulation API. A run is (setup, seed, command log); the state is derived. Checkpoints
// are only a cache that makes seeking fast: seeking restores the nearest earlier checkpoint and replays
// the logged commands. Dispatching a command while positioned in the past forks the run: the logged
// future is discarded, as RaftScope does.
import type { SimEvent, SimState } from './types';
import type { SimulationSetup } from './setup';
import { applyCommand, type Command, type CommandResult } from './sim/commands';
import { hashState } from './sim/clone';
import {
  CHECKPOINT_BUDGET_BYTES,
  CHECKPOINT_EVERY_SCHEDULES,
  CheckpointList,
  restoreCheckpoint,
} from './sim/checkpoints';
import { createState } from './sim/createState';
import { SeekCache } from './sim/seekCache';
import { eventsSince } from './sim/events';
import { advanceTo } from './sim/step';
import { buildView, type SimView, type ViewOptions } from './view';
import { traceRecord, type RecordTrace } from './trace';

export interface LoggedCommand {
  atMs: number;
  command: Command;
}

export interface SimulationOptions {
  /**
   * Most virtual ms between checkpoints; smaller seeks faster and costs memory. A busy run also takes
   * one whenever enough has happened since the last (sim/checkpoints.ts).
   */
  checkpointIntervalMs?: number;
  /** Scheduled timers after which a checkpoint is due anyway (15,000); Infinity: by time only. */
  checkpointEverySchedules?: number;
  /**
   * Bytes that the frozen checkpoints may hold (150 MB, over 30 virtual minutes at 1,000 records/s with
   * retention); older checkpoints are thinned to stay within it, so a seek far back replays longer
   * (sim/checkpoints.ts).
   */
  checkpointBudgetBytes?: number;
}

/** How far before a seek's target its replay leaves points in the seek cache. */
const SEEK_CACHE_WINDOW_MS = 60_000;

export class Simulation {
  private state: SimState;
  private log: LoggedCommand[] = [];
  private applied = 0;
  private readonly checkpoints: CheckpointList;
  /** Points passed while seeking into the thinned past, so that scrubbing around there is fast. */
  private readonly seekCache = new SeekCache();

  private constructor(
    readonly setup: SimulationSetup,
    readonly seed: number,
    options: SimulationOptions,
  ) {
    this.checkpoints = new CheckpointList(
      options.checkpointIntervalMs ?? 5_000,
      options.checkpointEverySchedules ?? CHECKPOINT_EVERY_SCHEDULES,
      options.checkpointBudgetBytes ?? CHECKPOINT_BUDGET_BYTES,
    );
    this.state = createState(setup, seed);
    // Run what is due at 0 ms now: a replay runs due timers before the commands logged at their instant,
    // so a command dispatched live at 0 ms must find them already run, or the two runs would differ.
    advanceTo(this.state, 0);
    this.checkpoints.take(this.state, 0);
  }

  static create(setup: SimulationSetup, seed: number, options: SimulationOptions = {}): Simulation {
    return new Simulation(setup, seed, options);
  }

  /** Rebuild a run from its log, e.g. from a share link. */
  static replay(
    setup: SimulationSetup,
    seed: number,
    log: LoggedCommand[],
    untilMs: number,
    options: SimulationOptions = {},
  ): Simulation {
    const sim = new Simulation(setup, seed, options);
    sim.log = log.map((c) => ({ ...c }));
    sim.seek(untilMs);
    return sim;
  }

  get nowMs(): number {
    return this.state.nowMs;
  }

  /** The furthest point in time the logged run is known to reach. */
  get knownEndMs(): number {
    return Math.max(this.state.nowMs, this.log[this.log.length - 1]?.atMs ?? 0);
  }

  commandLog(): LoggedCommand[] {
    return this.log.map((c) => ({ ...c }));
  }

  /** Apply a command now. In the past, the logged future is discarded first (a fork). */
  dispatch(command: Command): { result: CommandResult; events: SimEvent[] } {
    // Also without logged commands ahead: checkpoints ahead of now (after a seek back) are the old future.
    this.log.length = this.applied;
    this.checkpoints.forkAt(this.state.nowMs, this.applied);
    this.seekCache.forkAt(this.state.nowMs, this.applied);
    const before = this.state.eventCount;
    this.log.push({ atMs: this.state.nowMs, command });
    this.applied++;
    const result = applyCommand(this.state, command);
    return { result, events: eventsSince(this.state, before) };
  }

  /** Advance virtual time, replaying logged commands that fall in the interval. */
  advanceTo(untilMs: number): SimEvent[] {
    return this.advance(untilMs, false);
  }

  private advance(untilMs: number, seeking: boolean): SimEvent[] {
    const before = this.state.eventCount;
    const target = Math.floor(untilMs);
    let cachedAt = Number.NEGATIVE_INFINITY;
    while (this.state.nowMs < target || this.nextLoggedAt() === this.state.nowMs) {
      const nextCommandAt = this.nextLoggedAt();
      const nextCheckAt = this.checkpoints.nextCheckAt(this.state.nowMs);
      const stop = Math.min(target, nextCommandAt ?? Number.POSITIVE_INFINITY, nextCheckAt);
      advanceTo(this.state, stop);
      while (this.nextLoggedAt() === this.state.nowMs)
        applyCommand(this.state, this.log[this.applied++]!.command);
      if (this.checkpoints.due(this.state)) this.checkpoints.take(this.state, this.applied);
      else if (seeking && this.worthCaching(target, cachedAt)) {
        this.seekCache.add(this.state, this.applied, this.state, this.checkpoints.interval);
        cachedAt = this.state.nowMs;
      }
      if (this.state.nowMs >= target && this.nextLoggedAt() !== this.state.nowMs) break;
    }
    return eventsSince(this.state, before);
  }

  advanceBy(ms: number): SimEvent[] {
    return this.advanceTo(this.state.nowMs + ms);
  }

  /** Run until the next instant after now at which anything happens (the UI's "step"). */
  stepToNextEvent(): SimEvent[] {
    // Finish what is due now first, so that a step always moves the clock forward.
    const before = this.state.eventCount;
    this.advanceTo(this.state.nowMs);
    advanceTo(this.state, this.state.nowMs);
    const next = this.state.timers[0]?.atMs;
    const nextCommand = this.nextLoggedAt();
    const at = Math.min(next ?? Number.POSITIVE_INFINITY, nextCommand ?? Number.POSITIVE_INFINITY);
    if (Number.isFinite(at)) this.advanceTo(at);
    return eventsSince(this.state, before);
  }

  /**
   * Move to any time: restore the nearest checkpoint at or before it and replay the logged run from
   * there. Forwards too, when a checkpoint lies between now and the target (the run was seen before).
   */
  seek(targetMs: number): void {
    const target = Math.max(0, Math.floor(targetMs));
    const main = this.checkpoints.nearest(target);
    const cached = this.seekCache.nearest(target);
    const best = cached && cached.atMs > main.atMs ? cached : main;
    if (target < this.state.nowMs || best.atMs > this.state.nowMs) {
      this.state = restoreCheckpoint(best);
      this.applied = best.applied;
    }
    this.advance(target, true);
    // Where a seek lands, scrubbing starts: keep that point too when the past around it is thin.
    if (this.checkpoints.isSparseAt(target) && best.atMs < target)
      this.seekCache.add(this.state, this.applied, this.state, this.checkpoints.interval);
  }

  /**
   * During a seek, whether to cache the point the replay has reached: only in the thinned past, only in
   * the last minute before the target (where scrubbing goes next), one per checkpoint interval.
   */
  private worthCaching(target: number, cachedAt: number): boolean {
    const now = this.state.nowMs;
    return (
      target - now <= SEEK_CACHE_WINDOW_MS &&
      now - cachedAt >= this.checkpoints.interval &&
      this.checkpoints.isSparseAt(now)
    );
  }

  view(options?: ViewOptions): SimView {
    return buildView(this.state, options);
  }

  /** Follow one record: its copies, its fate, who processed it. */
  traceRecord(recordId: number): RecordTrace | null {
    return traceRecord(this.state, recordId);
  }

  hash(): string {
    return hashState(this.state);
  }

  /** Times of the checkpoints kept, the record copies they hold, and the seek cache's points: for tests and the bench. */
  checkpointStats(): { times: number[]; heldBytes: number; cachedTimes: number[] } {
    return {
      times: this.checkpoints.times(),
      heldBytes: this.checkpoints.heldBytes(),
      cachedTimes: this.seekCache.times(),
    };
  }

  /** Read-only access for tests and tools; mutate only through dispatch. */
  peekState(): Readonly<SimState> {
    return this.state;
  }

  private nextLoggedAt(): number | undefined {
    return this.log[this.applied]?.atMs;
  }
}
