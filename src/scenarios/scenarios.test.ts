import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/index';
import { builtinScenarios, parseScenario, toSetup } from './index';

describe('built-in scenarios', () => {
  it.each(builtinScenarios.map((s) => [s.id, s] as const))(
    '%s validates against the schema and runs',
    (_id, scenario) => {
      const parsed = parseScenario(JSON.parse(JSON.stringify(scenario)));
      expect(parsed.ok).toBe(true);
      const sim = Simulation.create(toSetup(scenario), scenario.seed);
      sim.advanceTo(10_000);
      const view = sim.view();
      expect(view.audit.acknowledged).toBeGreaterThan(0);
      expect(view.audit.lost).toBe(0);
    },
  );
});

describe('scenario validation', () => {
  it('names the field that is wrong', () => {
    const bad = {
      ...JSON.parse(JSON.stringify(builtinScenarios[0])),
      topics: [{ name: 'bad name!', partitions: 0, replicationFactor: 1 }],
    };
    const parsed = parseScenario(bad);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/topics\[0\]\.name/);
    expect(!parsed.ok && parsed.error).toMatch(/topics\[0\]\.partitions/);
  });

  it('rejects a future format version', () => {
    const parsed = parseScenario({ ...JSON.parse(JSON.stringify(builtinScenarios[0])), version: 2 });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/version/);
  });
});

describe('nothing is dropped silently', () => {
  it('reports an unknown key instead of ignoring it', () => {
    const parsed = parseScenario({ ...JSON.parse(JSON.stringify(builtinScenarios[0])), brokerz: 3 });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/brokerz/);
  });
});
