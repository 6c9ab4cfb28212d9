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
import { applyVariant, variantsFor, type Variant } from '../../scenarios/variants';
import type { AuditView } from '../view';

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

/** What the consumer groups did, summed over them: records handed to poll(), lag now, redeliveries. */
export interface ConsumptionView {
  consumed: number;
  lag: number;
  redelivered: number;
}

function consumption(view: SimView): ConsumptionView | null {
  if (view.groups.length === 0) return null;
  const out = { consumed: 0, lag: 0, redelivered: 0 };
  for (const g of view.groups) {
    out.lag += g.totalLag;
    out.redelivered += g.redelivered;
    for (const m of g.members) out.consumed += m.consumed;
  }
  return out;
}

/** The run on screen and the same run with one setting changed, both at the same virtual time. */
export interface WhatIfResult {
  id: string;
  atMs: number;
  /** Producers and topics whose setting the variant changed. */
  changed: string[];
  base: AuditView;
  variant: AuditView | null;
  /** The consumer groups of each run (null without any). */
  baseGroups: ConsumptionView | null;
  variantGroups: ConsumptionView | null;
  /** Why there is no variant run. */
  error: string | null;
  /** The variant as a run of its own, for "open it": its scenario, seed and actions. */
  open: { scenario: Scenario; seed: number; log: LoggedCommand[] } | null;
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
    /** The what-ifs that would change something in this run (scenarios/variants.ts). */
    whatIfs(): Variant[] {
      return sim && scenario ? variantsFor(scenario, sim.commandLog()) : [];
    },
    /** Replay this run, up to now, with one setting changed; the run on screen is untouched. */
    whatIf(id: string): WhatIfResult {
      if (!sim || !scenario) throw new Error('no simulation loaded');
      const atMs = sim.nowMs;
      const baseView = sim.view({ tail: 0 });
      const base = baseView.audit;
      const baseGroups = consumption(baseView);
      const none = {
        id,
        atMs,
        changed: [],
        base,
        variant: null,
        baseGroups,
        variantGroups: null,
        open: null,
      };
      const applied = applyVariant(scenario, sim.commandLog(), id);
      if ('error' in applied) return { ...none, error: applied.error };
      try {
        const variant = Simulation.replay(toSetup(applied.scenario), sim.seed, applied.log, atMs, {
          checkpointIntervalMs: Number.POSITIVE_INFINITY,
          checkpointEverySchedules: Number.POSITIVE_INFINITY,
        });
        const variantView = variant.view({ tail: 0 });
        return {
          id,
          atMs,
          changed: applied.changed,
          base,
          variant: variantView.audit,
          baseGroups,
          variantGroups: consumption(variantView),
          error: null,
          open: { scenario: applied.scenario, seed: sim.seed, log: applied.log },
        };
      } catch (e) {
        return {
          ...none,
          error: `The simulator could not replay it: ${e instanceof Error ? e.message : String(e)}`,
        };
      }
    },
  };
}

export type EngineHost = ReturnType<typeof createEngineHost>;
