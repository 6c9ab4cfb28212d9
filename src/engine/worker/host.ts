// The engine host: the object the worker exposes through Comlink. It is realm-neutral (no Worker, no
// DOM) so that it can be unit-tested in Node; engine.worker.ts only wires it to postMessage.
// Every method returns plain data, and never throws for bad input: it answers with an error text.
import {
  Simulation,
  type Command,
  type LoggedCommand,
  type RecordTrace,
  type SimView,
  type ViewOptions,
} from '../index';
import {
  DEFAULT_SCENARIO_ID,
  findScenario,
  parseScenario,
  toSetup,
  type Scenario,
} from '../../scenarios/index';

export interface HostFrame {
  view: SimView;
  /** The furthest time the logged run reaches (for the timeline). */
  knownEndMs: number;
  error: string | null;
  /**
   * The followed record's trace, taken with the view: the path on the diagram and the strips then always
   * describe the same instant (a separately polled trace lagged the view by up to a few virtual seconds).
   */
  trace: RecordTrace | null;
}

export interface LoadRequest {
  /** A built-in scenario id, or an inline scenario definition (validated). */
  scenario: string | unknown;
  seed?: number;
  /** A logged run to rebuild (from a share link), and where to stand in it. */
  log?: LoggedCommand[];
  positionMs?: number;
}

export function createEngineHost() {
  let sim: Simulation | null = null;
  let scenario: Scenario | null = null;
  let viewOptions: ViewOptions = {};
  let followed: number | null = null;

  const frame = (error: string | null = null): HostFrame => {
    if (!sim) throw new Error('no simulation loaded');
    const trace = followed === null ? null : sim.traceRecord(followed);
    return { view: sim.view(viewOptions), knownEndMs: sim.knownEndMs, error, trace };
  };

  const guard = (fn: () => string | null): HostFrame => {
    try {
      return frame(fn());
    } catch (e) {
      return frame(`The simulator could not do that: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return {
    /** Load a scenario; falls back to the default scenario with a message when the input is invalid. */
    load(request: LoadRequest): HostFrame & { scenario: Scenario } {
      let error: string | null = null;
      let chosen: Scenario | undefined;
      if (typeof request.scenario === 'string') {
        chosen = findScenario(request.scenario);
        if (!chosen)
          error = `There is no built-in scenario "${request.scenario}"; opened the default scenario instead.`;
      } else {
        const parsed = parseScenario(request.scenario);
        if (parsed.ok) chosen = parsed.scenario;
        else
          error = `The scenario is not valid, so the default scenario was opened instead:\n${parsed.error}`;
      }
      chosen ??= findScenario(DEFAULT_SCENARIO_ID)!;
      scenario = chosen;
      followed = null;
      const seed = request.seed ?? chosen.seed;
      try {
        sim = request.log
          ? Simulation.replay(toSetup(chosen), seed, request.log, request.positionMs ?? 0)
          : Simulation.create(toSetup(chosen), seed);
      } catch (e) {
        // A log that cannot be replayed must not leave the user with nothing: open the scenario fresh.
        sim = Simulation.create(toSetup(chosen), seed);
        error = `The run in this link could not be replayed (${e instanceof Error ? e.message : String(e)}); the scenario was opened from its start.`;
      }
      return { ...frame(error), scenario: chosen };
    },
    setViewOptions(options: ViewOptions): void {
      viewOptions = options;
    },
    dispatch(command: Command): HostFrame {
      return guard(() => {
        const { result } = sim!.dispatch(command);
        return result.ok ? null : result.error;
      });
    },
    advanceBy(ms: number): HostFrame {
      return guard(() => {
        if (!Number.isFinite(ms) || ms < 0) return `Cannot advance by ${ms} ms.`;
        sim!.advanceBy(Math.floor(ms));
        return null;
      });
    },
    step(): HostFrame {
      return guard(() => {
        sim!.stepToNextEvent();
        return null;
      });
    },
    seek(ms: number): HostFrame {
      return guard(() => {
        sim!.seek(ms);
        return null;
      });
    },
    view(): HostFrame {
      return frame();
    },
    scenario(): Scenario | null {
      return scenario;
    },
    /** Follow a record (null: stop); every frame from now on carries its trace. */
    follow(recordId: number | null): HostFrame {
      followed = recordId;
      return frame();
    },
    traceRecord(recordId: number): RecordTrace | null {
      return sim ? sim.traceRecord(recordId) : null;
    },
    commandLog() {
      return sim ? sim.commandLog() : [];
    },
  };
}

export type EngineHost = ReturnType<typeof createEngineHost>;
