// The headless simulation API. A run is (setup, seed, command log); the state is derived. Checkpoints
// are only a cache that makes seeking fast: seeking restores the nearest earlier checkpoint and replays
// the logged commands. Dispatching a command while positioned in the past forks the run: the logged
// future is discarded, as RaftScope does.
import type { SimEvent, SimState } from './types';
import type { SimulationSetup } from './setup';
import { applyCommand, type Command, type CommandResult } from './sim/commands';
import { cloneState, hashState } from './sim/clone';
import { createState } from './sim/createState';
import { eventsSince } from './sim/events';
import { advanceTo } from './sim/step';
import { buildView, type SimView, type ViewOptions } from './view';
import { traceRecord, type RecordTrace } from './trace';

export interface LoggedCommand {
  atMs: number;
  command: Command;
}

interface Checkpoint {
  atMs: number;
  /** How many logged commands had been applied when the checkpoint was taken. */
  applied: number;
  state: SimState;
}

export interface SimulationOptions {
  /** Virtual ms between checkpoints; smaller seeks faster and costs memory. */
  checkpointIntervalMs?: number;
}

export class Simulation {
  private state: SimState;
  private log: LoggedCommand[] = [];
  private applied = 0;
  private checkpoints: Checkpoint[] = [];
  private readonly checkpointIntervalMs: number;

  private constructor(
    readonly setup: SimulationSetup,
    readonly seed: number,
    options: SimulationOptions,
  ) {
    this.checkpointIntervalMs = options.checkpointIntervalMs ?? 5_000;
    this.state = createState(setup, seed);
    this.checkpoints.push({ atMs: 0, applied: 0, state: cloneState(this.state) });
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
    if (this.applied < this.log.length) {
      this.log.length = this.applied;
      this.checkpoints = this.checkpoints.filter(
        (c) => c.atMs <= this.state.nowMs && c.applied <= this.applied,
      );
    }
    const before = this.state.eventCount;
    this.log.push({ atMs: this.state.nowMs, command });
    this.applied++;
    const result = applyCommand(this.state, command);
    return { result, events: eventsSince(this.state, before) };
  }

  /** Advance virtual time, replaying logged commands that fall in the interval. */
  advanceTo(untilMs: number): SimEvent[] {
    const before = this.state.eventCount;
    const target = Math.floor(untilMs);
    while (this.state.nowMs < target || this.nextLoggedAt() === this.state.nowMs) {
      const nextCommandAt = this.nextLoggedAt();
      const nextCheckpointAt =
        (Math.floor(this.state.nowMs / this.checkpointIntervalMs) + 1) * this.checkpointIntervalMs;
      const stop = Math.min(target, nextCommandAt ?? Number.POSITIVE_INFINITY, nextCheckpointAt);
      advanceTo(this.state, stop);
      while (this.nextLoggedAt() === this.state.nowMs)
        applyCommand(this.state, this.log[this.applied++]!.command);
      if (this.state.nowMs === nextCheckpointAt) this.takeCheckpoint();
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

  /** Move to any time: backwards by checkpoint + replay, forwards by simulating the logged run. */
  seek(targetMs: number): void {
    const target = Math.max(0, Math.floor(targetMs));
    if (target < this.state.nowMs) {
      let best = this.checkpoints[0]!;
      for (const c of this.checkpoints) if (c.atMs <= target && c.atMs >= best.atMs) best = c;
      this.state = cloneState(best.state);
      this.applied = best.applied;
    }
    this.advanceTo(target);
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

  /** Read-only access for tests and tools; mutate only through dispatch. */
  peekState(): Readonly<SimState> {
    return this.state;
  }

  private nextLoggedAt(): number | undefined {
    return this.log[this.applied]?.atMs;
  }

  private takeCheckpoint(): void {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last && last.atMs >= this.state.nowMs) return;
    this.checkpoints.push({ atMs: this.state.nowMs, applied: this.applied, state: cloneState(this.state) });
  }
}
