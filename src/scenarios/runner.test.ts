// The headless runner on small hand-written lessons: timing of actions, guided steps and checks, refused
// commands, and the timeline contract the UI's Next and Back rely on.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/index';
import { failures, runScenario, scriptedCommands, stepIndexAt, stepTimeline } from './runner';
import { toSetup, type Scenario } from './schema';
import type { Step } from './step';

const lesson = (steps: Step[]): Scenario => ({
  version: 1,
  id: 'tiny',
  title: 'A tiny lesson',
  description: '',
  seed: 9,
  cluster: { brokers: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  topics: [
    {
      name: 'orders',
      partitions: 1,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3] },
    },
  ],
  producers: [{ id: 'checkout', topic: 'orders', ratePerSec: 2, keys: { kind: 'cycle', keys: ['a'] } }],
  groups: [],
  steps,
});

const watch: Step = {
  id: 'watch',
  title: 'Watch',
  narration: 'Broker 1 leads orders-0.',
  runForMs: 3_000,
  expectations: [{ kind: 'leaderIs', partition: 'orders-0', broker: 1 }],
};

const killLeader: Step = {
  id: 'kill-leader',
  title: 'Kill the leader',
  narration: 'Broker 1 dies.',
  waitFor: {
    kind: 'userAction',
    hint: 'Kill broker 1.',
    expect: { kind: 'leaderStopped', partition: 'orders-0' },
    solution: [{ type: 'killBroker', brokerId: 1 }],
  },
  runForMs: 12_000,
  expectations: [
    { kind: 'leaderIs', partition: 'orders-0', broker: 2 },
    { kind: 'eventHappened', type: 'brokerKilled' },
  ],
};

describe('runScenario', () => {
  it('plays each step from where the last one ended and checks it at its end', () => {
    const result = runScenario(lesson([watch, killLeader]));
    expect(failures(result)).toEqual([]);
    expect(result.steps.map((s) => [s.id, s.startMs, s.endMs, s.ok])).toEqual([
      ['watch', 0, 3_000, true],
      ['kill-leader', 3_000, 15_000, true],
    ]);
  });

  it('checks a guided step’s waitFor right after the scripted solution, before time runs', () => {
    const [, kill] = runScenario(lesson([watch, killLeader])).steps;
    // Right after the kill broker 1 is still the leader (the controller has not noticed yet): it is stopped.
    expect(kill!.waitFor).toMatchObject({ ok: true, expectation: killLeader.waitFor!.expect });
    expect(kill!.waitFor!.message).toBe(
      'Expected: the broker that leads orders-0 is stopped. The simulation shows: broker 1 leads orders-0 and is stopped.',
    );
  });

  it('reports a failing expectation in plain words, naming the step and the time', () => {
    const wrong: Step = { ...watch, expectations: [{ kind: 'leaderIs', partition: 'orders-0', broker: 3 }] };
    const result = runScenario(lesson([wrong]));
    expect(result.ok).toBe(false);
    expect(failures(result)).toEqual([
      'tiny step 1 (watch) at 3000 ms: Expected: broker 3 leads orders-0. The simulation shows: broker 1 leads orders-0.',
    ]);
  });

  it('fails a step whose command the engine refuses, with Kafka’s error text', () => {
    const refused: Step = { ...watch, actions: [{ type: 'restartBroker', brokerId: 1 }] };
    const result = runScenario(lesson([refused]));
    expect(result.steps[0]!.ok).toBe(false);
    expect(failures(result)).toEqual([
      'tiny step 1 (watch) at 3000 ms: restartBroker was refused: Broker 1 is already running.',
    ]);
  });

  it('accepts a refusal that the step expects (a lesson about the refusal)', () => {
    const refusal: Step = {
      ...watch,
      actions: [{ type: 'restartBroker', brokerId: 1 }],
      expectations: [{ kind: 'eventHappened', type: 'commandRejected' }],
    };
    const result = runScenario(lesson([refusal]));
    expect(result.steps[0]).toMatchObject({ ok: true, refusalExpected: true });
    expect(result.steps[0]!.rejected).toHaveLength(1);
  });

  it('only counts events from the current step', () => {
    const again: Step = {
      ...watch,
      id: 'again',
      expectations: [{ kind: 'eventAbsent', type: 'brokerKilled' }],
    };
    const result = runScenario(lesson([watch, killLeader, again]));
    expect(failures(result)).toEqual([]);
    expect(result.steps.map((s) => s.ok)).toEqual([true, true, true]);
  });

  it('is deterministic: the same scenario gives the same final state, another seed may not', () => {
    const scenario = lesson([watch, killLeader]);
    expect(runScenario(scenario).hash).toBe(runScenario(scenario).hash);
    expect(runScenario(scenario, { seed: 10 }).seed).toBe(10);
  });
});

describe('the step timeline (Next and Back in the UI)', () => {
  const scenario = lesson([watch, killLeader, { ...watch, id: 'after', runForMs: 5_000, expectations: [] }]);

  it('lays the steps end to end on the virtual clock', () => {
    expect(stepTimeline(scenario)).toEqual([
      { index: 0, id: 'watch', startMs: 0, endMs: 3_000 },
      { index: 1, id: 'kill-leader', startMs: 3_000, endMs: 15_000 },
      { index: 2, id: 'after', startMs: 15_000, endMs: 20_000 },
    ]);
    expect(stepTimeline({ ...scenario, steps: undefined })).toEqual([]);
  });

  it('finds the step being played at any time', () => {
    const timeline = stepTimeline(scenario);
    expect([0, 2_999, 3_000, 14_999, 15_000, 99_000].map((t) => stepIndexAt(timeline, t))).toEqual([
      0, 0, 1, 1, 2, 2,
    ]);
    expect(stepIndexAt([], 5)).toBe(-1);
  });

  it('Back: seeking to a step’s start gives the state just after its actions, as when it was first played', () => {
    const sim = Simulation.create(toSetup(scenario), scenario.seed, { checkpointIntervalMs: 1_000 });
    const atStart: string[] = [];
    for (const [i, step] of (scenario.steps ?? []).entries()) {
      for (const command of scriptedCommands(step)) sim.dispatch(command);
      atStart.push(sim.hash());
      sim.advanceTo(stepTimeline(scenario)[i]!.endMs);
    }
    const end = sim.hash();
    for (const [i, time] of stepTimeline(scenario).entries()) {
      sim.seek(time.startMs);
      expect(sim.hash(), `step ${time.id}`).toBe(atStart[i]);
    }
    // Playing forward again from a step replays the same run.
    sim.seek(20_000);
    expect(sim.hash()).toBe(end);
  });
});
