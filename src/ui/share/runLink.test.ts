// The link for the run on screen: a built-in scenario by id, anything else whole; the link decodes back
// to exactly the run; a run that cannot be shared says why instead of throwing.
import { describe, expect, it } from 'vitest';
import type { LoggedCommand } from '../../engine/index';
import { findScenario, type Scenario } from '../../scenarios/index';
import { decodeShareLink, MAX_LINK_CHARS, MAX_RUN_MS } from '../../scenarios/link/index';
import { canonicalJson, lessonPartOf, makeRunLink, scenarioRef, shareRunOf } from './runLink';

const orders = findScenario('orders')!;
const PAGE = 'http://127.0.0.1:4173/?scenario=orders';
const actions: LoggedCommand[] = [
  { atMs: 3_100, command: { type: 'killBroker', brokerId: 2 } },
  { atMs: 8_250, command: { type: 'addPartitions', topic: 'orders', partitions: 4 } },
  { atMs: 14_000, command: { type: 'restartBroker', brokerId: 2 } },
];

/** The same definition with its keys written in reverse order, as a hand-edited file might have them. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  ) as T;
}

describe('the scenario a link names', () => {
  it('is the id of an unchanged built-in scenario, whatever order its fields are written in', () => {
    expect(scenarioRef(orders)).toBe('orders');
    expect(scenarioRef(reversedKeys(orders))).toBe('orders');
  });

  it('is the whole definition when a file changed anything, even under a built-in id', () => {
    const changed: Scenario = { ...orders, title: 'Orders, my version' };
    expect(scenarioRef(changed)).toBe(changed);
    const own: Scenario = { ...orders, id: 'my-orders' };
    expect(scenarioRef(own)).toBe(own);
  });

  it('compares JSON with keys sorted at every depth', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});

describe('the link for a run', () => {
  it('decodes back to exactly the run: scenario, seed, every action at its time, the position', () => {
    const run = shareRunOf(orders, 42, actions, 11_500);
    const link = makeRunLink(run, PAGE);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.url.startsWith('http://127.0.0.1:4173/#run=v2.')).toBe(true);
    expect(decodeShareLink(link.url)).toStrictEqual({
      ok: true,
      run: { scenario: 'orders', seed: 42, actions, positionMs: 11_500 },
    });
    // The figure the README quotes: a short classroom run on a built-in scenario is a short link.
    expect(link.url.length).toBeLessThan(200);
  });

  it('carries a file’s scenario whole, hostile text included, as text', () => {
    const hostile: Scenario = { ...orders, id: 'x', title: '<img src=x onerror="window.__pwned=1">' };
    const link = makeRunLink(shareRunOf(hostile, 7, [], 0), PAGE);
    expect(link.ok).toBe(true);
    if (link.ok) {
      const back = decodeShareLink(link.url);
      expect(back.ok && typeof back.run.scenario === 'object' && back.run.scenario.title).toBe(hostile.title);
    }
  });

  it('says why a run cannot be shared instead of throwing', () => {
    const late = makeRunLink(shareRunOf(orders, 42, [], MAX_RUN_MS + 1), PAGE);
    expect(late).toMatchObject({ ok: false });
    if (!late.ok) expect(late.error).toMatch(/^This run cannot be shared: .*positionMs/);
  });

  it('refuses to offer a link longer than Kafkascope opens', () => {
    // Produce commands with distinct random-looking values compress poorly, so 4,000 of them pass the cap.
    let x = 12345;
    const many: LoggedCommand[] = Array.from({ length: 4_000 }, (_, i) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return {
        atMs: i,
        command: { type: 'produce', producerId: 'checkout', key: x.toString(36), value: null },
      };
    });
    const link = makeRunLink(shareRunOf(orders, 42, many, 4_000), PAGE);
    expect(link).toMatchObject({ ok: false });
    if (!link.ok) expect(link.error).toContain(`Kafkascope opens links of up to ${MAX_LINK_CHARS}`);
  });
});

describe('the lesson part of the link for the run on screen', () => {
  const taxi = findScenario('taxi-booking')!;
  const standing = { scenarioId: 'taxi-booking', index: 1, starts: [1, 8_002], ends: [8_001, 11_500] };

  it('holds the current step and the times up to it, and decodes back to them', () => {
    const lesson = lessonPartOf(taxi, standing);
    expect(lesson).toEqual({ index: 1, starts: [1, 8_002], ends: [8_001, 11_500] });
    const link = makeRunLink(shareRunOf(taxi, 42, [], 11_500, lesson), PAGE);
    const payload = link.ok ? link.url.split('#run=')[1]! : '';
    expect(decodeShareLink(payload)).toMatchObject({ ok: true, run: { scenario: 'taxi-booking', lesson } });
  });

  it('leaves out the times after the current step (recorded before Back)', () => {
    const back = { ...standing, index: 0, starts: [1, 8_002], ends: [8_001, 11_500] };
    expect(lessonPartOf(taxi, back)).toEqual({ index: 0, starts: [1], ends: [8_001] });
  });

  it('is absent before the first step, for another scenario, or while a step is being started', () => {
    expect(lessonPartOf(taxi, { ...standing, index: -1, starts: [], ends: [] })).toBeUndefined();
    expect(lessonPartOf(orders, standing)).toBeUndefined();
    expect(lessonPartOf(taxi, { ...standing, index: 2 })).toBeUndefined();
    expect(shareRunOf(taxi, 42, [], 0, undefined)).not.toHaveProperty('lesson');
  });
});
