import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShareLink, SHARE_LINK_VERSION, type ShareRun } from './index';
import { COMMAND_TYPES } from './commandSchema';
import { packRun } from './layout';
import { parseScenario, toSetup, type Scenario } from '../schema';
import { HOSTILE_TITLES, inlineScenarioArb, orders, realisticRun, runArb } from './testing/runs';

const roundTrip = (run: ShareRun) => decodeShareLink(encodeShareLink(run));

describe('share links round trip', () => {
  it('a realistic run on a built-in scenario comes back identical', () => {
    const run = realisticRun(50);
    expect(roundTrip(run)).toStrictEqual({ ok: true, run });
  });

  it('an inline scenario comes back identical', () => {
    const scenario = { ...orders, id: 'orders-3-brokers', title: 'My own cluster', seed: 7 };
    const run: ShareRun = { ...realisticRun(10), scenario };
    expect(roundTrip(run)).toStrictEqual({ ok: true, run });
  });

  it('an inline scenario with services comes back identical and still validates', () => {
    const scenario: Scenario = {
      ...orders,
      id: 'orders-with-services',
      topics: [
        ...orders.topics,
        { name: 'order_placed', partitions: 2, replicationFactor: 1 },
        { name: 'inventory_reserved', partitions: 2, replicationFactor: 1 },
        { name: 'order_placed-dlt', partitions: 1, replicationFactor: 1 },
      ],
      services: [
        {
          id: 'inventory',
          inputTopic: 'order_placed',
          outputTopic: 'inventory_reserved',
          deadLetterTopic: 'order_placed-dlt',
          instances: 2,
          processingTimeMs: 5,
          valueTemplate: '{"orderId":"{key}","event":"inventory_reserved"}',
          poisonKeys: ['O-666'],
          maxRetries: 2,
          retryBackoffMs: 500,
          config: { 'enable.auto.commit': false },
        },
        { id: 'shipping', inputTopic: 'inventory_reserved', outputTopic: null },
      ],
    };
    expect(parseScenario(scenario)).toEqual({ ok: true, scenario });
    const run: ShareRun = { ...realisticRun(10), scenario };
    const decoded = roundTrip(run);
    expect(decoded).toStrictEqual({ ok: true, run });
    const back = decoded.ok && typeof decoded.run.scenario === 'object' ? decoded.run.scenario : null;
    expect(toSetup(back!).services).toEqual(toSetup(scenario).services);
  });

  it('an empty log at time 0 comes back identical', () => {
    const run: ShareRun = { scenario: 'orders', seed: 0, actions: [], positionMs: 0 };
    expect(roundTrip(run)).toStrictEqual({ ok: true, run });
  });

  it('any valid run comes back identical (property; fast-check prints the seed if it fails)', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        expect(roundTrip(run)).toStrictEqual({ ok: true, run });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps an absent produce value apart from a null one (the engine treats them differently)', () => {
    const produce = (value?: string | null): ShareRun => ({
      scenario: 'orders',
      seed: 1,
      positionMs: 10,
      actions: [
        {
          atMs: 5,
          command:
            value === undefined
              ? { type: 'produce', producerId: 'checkout', key: null, partition: 2 }
              : { type: 'produce', producerId: 'checkout', key: null, value, partition: 2 },
        },
      ],
    });
    for (const run of [produce(), produce(null), produce('')])
      expect(roundTrip(run)).toStrictEqual({ ok: true, run });
  });

  it('starts with the version prefix and uses only characters that are safe in a URL fragment', () => {
    const payload = encodeShareLink(realisticRun(50));
    expect(payload.startsWith(`v${SHARE_LINK_VERSION}.`)).toBe(true);
    expect(payload).toMatch(/^v2\.[0-9a-z]+\.[A-Za-z0-9+\-$]+$/);
  });

  it('reads a whole pasted URL, and a link whose "$" and "+" were percent-encoded on the way', () => {
    const run = realisticRun(10);
    const payload = encodeShareLink(run);
    expect(decodeShareLink(`https://kafkascope.example/#run=${payload}`)).toStrictEqual({ ok: true, run });
    const mangled = payload.replaceAll('$', '%24').replaceAll('+', '%2B');
    expect(decodeShareLink(mangled)).toStrictEqual({ ok: true, run });
    expect(decodeShareLink(payload.replaceAll('+', ' '))).toStrictEqual({ ok: true, run });
  });
});

describe('share link size', () => {
  it.each([7, 1, 2, 3, 4, 5])(
    'a realistic 50-action run on a built-in scenario fits in 1000 characters (seed %i)',
    (seed) => {
      expect(encodeShareLink(realisticRun(50, seed)).length).toBeLessThanOrEqual(1000);
    },
  );

  it('a built-in scenario travels as its id, not its definition', () => {
    expect(packRun(realisticRun(3))[0]).toBe('orders');
  });
});

describe('text from a link is data only', () => {
  it.each(HOSTILE_TITLES)('the title %s survives the round trip unchanged, as a string', (title) => {
    const run: ShareRun = { scenario: { ...orders, id: 'x', title }, seed: 1, actions: [], positionMs: 0 };
    const decoded = roundTrip(run);
    expect(decoded.ok && typeof decoded.run.scenario === 'object' && decoded.run.scenario.title).toBe(title);
  });

  it('hostile text in keys, values and ids survives unchanged (property)', () => {
    fc.assert(
      fc.property(inlineScenarioArb, fc.constantFrom(...HOSTILE_TITLES), (scenario, hostile) => {
        const run: ShareRun = {
          scenario,
          seed: 3,
          positionMs: 100,
          actions: [
            { atMs: 1, command: { type: 'produce', producerId: hostile, key: hostile, value: hostile } },
          ],
        };
        expect(roundTrip(run)).toStrictEqual({ ok: true, run });
      }),
      { numRuns: 50 },
    );
  });
});

describe('encodeShareLink', () => {
  it('refuses a run that could not be opened again, naming the problem', () => {
    const run = {
      scenario: 'orders',
      seed: 1,
      positionMs: 0,
      actions: [{ atMs: 0, command: { type: 'killBroker', brokerId: -1 } }],
    } as ShareRun;
    expect(() => encodeShareLink(run)).toThrow(
      /Action 1 \(killBroker\) has brokerId -1, but it must be at least 0/,
    );
  });
});

describe('the v1 layout', () => {
  it('gives every command type its own code', () => {
    const codes = COMMAND_TYPES.map((type) => {
      const command = { type } as never;
      return packRun({
        scenario: 'orders',
        seed: 0,
        positionMs: 0,
        actions: [{ atMs: 0, command }],
      })[3][0]![1];
    });
    expect(new Set(codes).size).toBe(COMMAND_TYPES.length);
  });
});
