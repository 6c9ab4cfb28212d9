import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/index';
import { builtinScenarios, parseScenario, toSetup, type Scenario } from './index';

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

  it('refuses a message.timestamp.type other than CreateTime or LogAppendTime in Kafka’s words, naming the field', () => {
    const s = JSON.parse(JSON.stringify(builtinScenarios[0])) as Scenario;
    s.topics[0] = { ...s.topics[0]!, config: { 'message.timestamp.type': 'AppendTime' as 'CreateTime' } };
    const parsed = parseScenario(s);
    expect(!parsed.ok && parsed.error).toMatch(
      /Invalid value AppendTime for configuration message\.timestamp\.type: String must be one of: CreateTime, LogAppendTime\n.*topics\[0\]\.config\["message\.timestamp\.type"\]/,
    );
    s.topics[0] = { ...s.topics[0]!, config: { 'message.timestamp.type': 'LogAppendTime' } };
    const ok = parseScenario(s);
    expect(ok.ok && toSetup(ok.scenario).topics[0]!.config).toEqual({
      'message.timestamp.type': 'LogAppendTime',
    });
  });

  it('refuses a delivery.timeout.ms below request.timeout.ms, as ProducerConfig does, naming the field', () => {
    const withConfig = (config: Record<string, number>) => {
      const s = JSON.parse(JSON.stringify(builtinScenarios[0])) as Scenario;
      s.producers[0] = { ...s.producers[0]!, config };
      return parseScenario(s);
    };
    const bad = withConfig({ 'delivery.timeout.ms': 10_000 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(
      /delivery\.timeout\.ms should be equal to or larger than linger\.ms \+ request\.timeout\.ms/,
    );
    expect(!bad.ok && bad.error).toContain('producers[0].config["delivery.timeout.ms"]');
    expect(withConfig({ 'delivery.timeout.ms': 10_000, 'request.timeout.ms': 2_000 }).ok).toBe(true);
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

describe('services in a scenario', () => {
  const base = () => {
    const s = JSON.parse(JSON.stringify(builtinScenarios[0])) as Scenario;
    s.topics.push(
      { name: 'order_placed', partitions: 1, replicationFactor: 1 },
      { name: 'inventory_reserved', partitions: 1, replicationFactor: 1 },
      { name: 'order_placed-dlt', partitions: 1, replicationFactor: 1 },
    );
    s.producers.push({ id: 'shop', topic: 'order_placed', ratePerSec: 0, keys: { kind: 'null' } });
    return s;
  };
  const errorOf = (s: unknown) => {
    const parsed = parseScenario(s);
    return parsed.ok ? 'ok' : parsed.error;
  };

  it('become the engine setup and run: an output per record, a poison pill to the dead-letter topic', () => {
    const s = base();
    s.services = [
      {
        id: 'inventory',
        inputTopic: 'order_placed',
        outputTopic: 'inventory_reserved',
        deadLetterTopic: 'order_placed-dlt',
        valueTemplate: '{"orderId":"{key}","event":"inventory_reserved"}',
        maxRetries: 1,
      },
    ];
    expect(errorOf(s)).toBe('ok');
    expect(toSetup(s).services).toEqual([
      {
        id: 'inventory',
        inputTopic: 'order_placed',
        outputTopic: 'inventory_reserved',
        deadLetterTopic: 'order_placed-dlt',
        valueTemplate: '{"orderId":"{key}","event":"inventory_reserved"}',
        maxRetries: 1,
      },
    ]);
    const sim = Simulation.create(toSetup(s), s.seed);
    sim.advanceTo(5_000);
    sim.dispatch({ type: 'produce', producerId: 'shop', key: 'O-1', value: '{"orderId":"O-1"}' });
    sim.dispatch({ type: 'produce', producerId: 'shop', key: 'O-2', value: 'not json' });
    sim.dispatch({ type: 'produce', producerId: 'shop', key: 'O-3', value: '{"orderId":"O-3"}' });
    sim.advanceTo(10_000);
    const hw = (id: string) => sim.view().partitions.find((p) => p.id === id)!.highWatermark;
    expect([hw('inventory_reserved-0'), hw('order_placed-dlt-0')]).toEqual([2, 1]);
  });

  it('name the field of an unknown topic, a clashing name, a loop and a bad number', () => {
    const s = base();
    s.services = [
      { id: 'a', inputTopic: 'order_placed', outputTopic: 'nowhere' },
      { id: 'shop', inputTopic: 'order_placed', outputTopic: 'inventory_reserved', instances: 0 },
    ];
    const error = errorOf(s);
    expect(error).toMatch(/Topic nowhere is not one of the scenario's topics\n.*services\[0\]\.outputTopic/);
    expect(error).toMatch(/services\[1\]\.instances/);
    const clash = base();
    clash.services = [{ id: 'shop', inputTopic: 'order_placed', outputTopic: 'inventory_reserved' }];
    expect(errorOf(clash)).toMatch(
      /Service shop needs its own producer, but a producer named shop already exists\n.*services\[0\]\.id/,
    );
    const loop = base();
    loop.services = [
      { id: 'a', inputTopic: 'order_placed', outputTopic: 'inventory_reserved' },
      { id: 'b', inputTopic: 'inventory_reserved', outputTopic: 'order_placed' },
    ];
    expect(errorOf(loop)).toMatch(
      /Services feed back into their own input: inventory_reserved → order_placed → inventory_reserved/,
    );
    const self = base();
    self.services = [{ id: 'a', inputTopic: 'order_placed', deadLetterTopic: 'order_placed' }];
    expect(errorOf(self)).toMatch(
      /Service a would write to order_placed, the topic it reads\n.*deadLetterTopic/,
    );
    const stray = base();
    stray.services = [{ id: 'a', inputTopic: 'order_placed', retries: 3 } as never];
    expect(errorOf(stray)).toMatch(/retries/);
  });

  it('start a service from earliest unless its config sets auto.offset.reset=latest; none is refused, saying why', () => {
    // StreamsConfig overrides the consumer default (latest) with earliest; an application may set either.
    const withReset = (reset: unknown) => {
      const s = base();
      s.services = [{ id: 'a', inputTopic: 'order_placed', config: { 'auto.offset.reset': reset } as never }];
      return s;
    };
    for (const reset of ['earliest', 'latest'] as const) {
      expect(errorOf(withReset(reset))).toBe('ok');
      expect(toSetup(withReset(reset)).services![0]!.config).toEqual({ 'auto.offset.reset': reset });
    }
    expect(errorOf(withReset('none'))).toMatch(
      /A service cannot use auto\.offset\.reset=none: a Kafka Streams application without a reset policy fails[\s\S]*Use earliest \(the default\) or latest\n.*services\[0\]\.config\["auto\.offset\.reset"\]/,
    );
    expect(errorOf(withReset('newest'))).toMatch(
      /A service reads from earliest \(the default, as in Kafka Streams\) or latest, not "newest"\n.*services\[0\]\.config\["auto\.offset\.reset"\]/,
    );
  });

  it('also catch producers and groups on unknown topics, and duplicate names', () => {
    const s = base();
    s.producers.push({ id: 'shop', topic: 'nope', ratePerSec: 1, keys: { kind: 'null' } });
    s.groups.push({ groupId: s.groups[0]!.groupId, topic: 'nope2', consumers: [] });
    const error = errorOf(s);
    expect(error).toMatch(/A producer named shop already exists/);
    expect(error).toMatch(/Topic nope is not one of the scenario's topics/);
    expect(error).toMatch(/A consumer group named .+ already exists/);
    expect(error).toMatch(/Topic nope2 is not one of the scenario's topics/);
  });
});

describe('config keys', () => {
  it.each([
    ['topics', 0, 'retention.msx'],
    ['producers', 0, 'akcs'],
    ['groups', 0, 'session.timeout'],
  ] as const)('reports an unknown key in %s[%i].config instead of dropping it', (list, i, key) => {
    const s = JSON.parse(JSON.stringify(builtinScenarios[0])) as Record<string, { config?: object }[]>;
    s[list]![i]!.config = { ...s[list]![i]!.config, [key]: 1 };
    const parsed = parseScenario(s);
    expect(parsed.ok ? 'ok' : parsed.error).toMatch(
      new RegExp(`${key.replace('.', '\\.')}[\\s\\S]*${list}\\[${i}\\]\\.config`),
    );
  });

  it('reports an unknown cluster config key', () => {
    const s = JSON.parse(JSON.stringify(builtinScenarios[0])) as { cluster: { config?: object } };
    s.cluster.config = { 'broker.session.timeout': 9000 };
    const parsed = parseScenario(s);
    expect(parsed.ok ? 'ok' : parsed.error).toMatch(/broker\.session\.timeout[\s\S]*cluster\.config/);
  });
});
