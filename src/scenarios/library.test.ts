// The scenario golden test: every built-in scenario validates, replays headlessly from its seed, and every
// step's expectations hold; invariants are checked after every step.
import { describe, expect, it } from 'vitest';
import type { SimView } from '../engine/index';
import { builtinScenarios, parseScenario, type Scenario } from './index';
import { failures, runScenario, stepTimeline } from './runner';

/** Scenarios that are playgrounds on purpose: the default cluster the app opens with, and the sandbox. */
const PLAYGROUNDS = ['orders', 'sandbox'];
const lessons = builtinScenarios.filter((s) => !PLAYGROUNDS.includes(s.id));
const byId = (list: readonly Scenario[]) => list.map((s) => [s.id, s] as const);

/** What must be true of any Kafka cluster at any time, whatever the lesson. */
function invariantViolations(view: SimView): string[] {
  const out: string[] = [];
  for (const p of view.partitions) {
    if (p.leader >= 0 && !p.isr.includes(p.leader)) out.push(`${p.id}: leader ${p.leader} is not in ISR`);
    if (p.leader >= 0 && p.highWatermark > p.logEndOffset) out.push(`${p.id}: HW above LEO`);
    if (p.isr.some((b) => !p.replicas.includes(b))) out.push(`${p.id}: ISR member that is not a replica`);
  }
  for (const g of view.groups) {
    const owners = g.members.flatMap((m) => (m.status === 'running' ? m.assigned : []));
    if (new Set(owners).size !== owners.length) out.push(`group ${g.groupId}: a partition has two owners`);
  }
  return out;
}

/** Sentences end with . ! or ? followed by a space or the end; dots inside config names do not count. */
const sentences = (text: string) => text.split(/[.!?](?:\s+|$)/).filter((s) => s.trim() !== '').length;

describe('the built-in library', () => {
  it('has at least 10 narrated scenarios, with unique ids', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    const ids = builtinScenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(byId(builtinScenarios))('%s validates against the schema as plain JSON', (_id, scenario) => {
    const parsed = parseScenario(JSON.parse(JSON.stringify(scenario)));
    expect(parsed.ok ? 'ok' : parsed.error).toBe('ok');
    expect(parsed.ok && parsed.scenario).toEqual(scenario);
  });

  it.each(byId(lessons))('%s has 4 to 8 narrated steps of 1 to 4 sentences', (_id, scenario) => {
    const steps = scenario.steps ?? [];
    expect(steps.length).toBeGreaterThanOrEqual(4);
    expect(steps.length).toBeLessThanOrEqual(8);
    for (const step of steps) {
      expect(typeof step.title).toBe('string');
      expect(sentences(step.narration), step.narration).toBeGreaterThanOrEqual(1);
      expect(sentences(step.narration), step.narration).toBeLessThanOrEqual(4);
      expect((step.expectations ?? []).length + (step.waitFor ? 1 : 0), step.id).toBeGreaterThan(0);
    }
  });
});

describe('every scenario replays from its seed with every expectation holding', () => {
  it.each(byId(lessons))('%s', (_id, scenario) => {
    const broken: string[] = [];
    const result = runScenario(scenario, {
      afterStep: (step, view) => {
        for (const v of invariantViolations(view)) broken.push(`step ${step.id}: ${v}`);
      },
    });
    expect(failures(result)).toEqual([]);
    expect(broken).toEqual([]);
    expect(result.ok).toBe(true);
    // The scripted timeline the UI uses for Next and Back is the one the runner played.
    expect(result.steps.map(({ index, id, startMs, endMs }) => ({ index, id, startMs, endMs }))).toEqual(
      stepTimeline(scenario),
    );
  });
});
