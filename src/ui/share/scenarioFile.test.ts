// Scenario files: exported under the scenario's id, read back to the same scenario, and every way a
// file can be wrong gives a sentence naming the file (and the field).
import { describe, expect, it } from 'vitest';
import { builtinScenarios, findScenario } from '../../scenarios/index';
import {
  MAX_SCENARIO_FILE_BYTES,
  readScenarioFile,
  scenarioFileName,
  scenarioFileText,
  scenarioFileTooBig,
} from './scenarioFile';

describe('scenario files', () => {
  it('are named after the scenario id, with nothing a file system could misread', () => {
    expect(scenarioFileName('orders')).toBe('orders.json');
    expect(scenarioFileName('lesson-acks.v2_b')).toBe('lesson-acks.v2_b.json');
    expect(scenarioFileName('../../etc/passwd')).toBe('-..-etc-passwd.json');
    expect(scenarioFileName('')).toBe('scenario.json');
  });

  it.each(builtinScenarios.map((s) => [s.id]))('export then open gives scenario %s back', (id) => {
    const scenario = findScenario(id)!;
    const read = readScenarioFile(scenarioFileName(id), scenarioFileText(scenario));
    expect(read.ok).toBe(true);
    if (read.ok) expect(readScenarioFile('again.json', scenarioFileText(read.scenario))).toStrictEqual(read);
  });

  it('says a file is not JSON, naming it', () => {
    const read = readScenarioFile('notes.json', '{"version": 1,');
    expect(read).toMatchObject({ ok: false });
    if (!read.ok) expect(read.error).toMatch(/^notes\.json is not JSON: /);
  });

  it('names the field that makes a scenario invalid', () => {
    const broken = {
      ...findScenario('orders')!,
      topics: [{ name: 'orders', partitions: 'three', replicationFactor: 3 }],
    };
    const read = readScenarioFile('broken.json', JSON.stringify(broken));
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error).toMatch(/^broken\.json is not a valid scenario:\n/);
      expect(read.error).toContain('topics[0].partitions');
    }
  });

  it('refuses a file too big to be a scenario before reading it', () => {
    expect(scenarioFileTooBig('a.json', MAX_SCENARIO_FILE_BYTES)).toBeNull();
    expect(scenarioFileTooBig('huge.json', MAX_SCENARIO_FILE_BYTES + 1)).toMatch(/^huge\.json is too big/);
  });
});
