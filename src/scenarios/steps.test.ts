// The lesson-step part of the scenario format: optional (older files still parse), strict, and every
// rejection names the field that is wrong.
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from './schema';
import { scenarioJsonSchema } from './jsonSchema';
import { ordersScenario } from './library/orders';
import { taxiBookingScenario } from './library/taxiBooking';

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** A valid scenario with steps, as a plain object that a test may break. */
function withSteps(steps: unknown[]): Record<string, unknown> {
  return { ...plain(ordersScenario), steps };
}

const step = {
  id: 'kill-leader',
  title: 'Kill the leader',
  narration: 'Broker 1 dies.',
  runForMs: 10_000,
  expectations: [{ kind: 'leaderIsNot', partition: 'orders-0', broker: 1 }],
};

const errorOf = (input: unknown): string => {
  const parsed = parseScenario(input);
  return parsed.ok ? 'valid' : parsed.error;
};

describe('scenario steps', () => {
  it('are optional: a version 1 scenario without steps still validates', () => {
    expect(errorOf(plain(ordersScenario))).toBe('valid');
    expect('steps' in plain(ordersScenario)).toBe(false);
  });

  it('accept a full step with actions, a guided wait, expectations and an explanation', () => {
    const full = {
      ...step,
      actions: [{ type: 'slowBroker', brokerId: 2, fetchDelayMs: 1_000 }],
      waitFor: {
        kind: 'userAction',
        hint: 'Kill the broker that leads orders-0.',
        expect: { kind: 'leaderStopped', partition: 'orders-0' },
        solution: [{ type: 'killBroker', brokerId: 1 }],
      },
      explanation: 'Leadership moved.',
    };
    expect(errorOf(withSteps([full]))).toBe('valid');
  });

  it.each([
    ['a missing runForMs', { ...step, runForMs: undefined }, /steps\[0\]\.runForMs/],
    ['a negative runForMs', { ...step, runForMs: -1 }, /steps\[0\]\.runForMs/],
    ['a fractional runForMs', { ...step, runForMs: 1.5 }, /steps\[0\]\.runForMs/],
    ['an empty narration', { ...step, narration: '  ' }, /steps\[0\]\.narration/],
    ['a narration that is not text', { ...step, narration: ['Broker 1 dies.'] }, /steps\[0\]\.narration/],
    ['an id with spaces', { ...step, id: 'kill the leader' }, /steps\[0\]\.id/],
    [
      'an unknown expectation kind',
      { ...step, expectations: [{ kind: 'leaderIsProbably', partition: 'orders-0' }] },
      /steps\[0\]\.expectations\[0\]\.kind/,
    ],
    [
      'an expectation with a malformed partition',
      { ...step, expectations: [{ kind: 'leaderIs', partition: 'orders', broker: 1 }] },
      /steps\[0\]\.expectations\[0\]\.partition/,
    ],
    [
      'an expectation with an extra field',
      { ...step, expectations: [{ kind: 'nothingLost', really: true }] },
      /steps\[0\]\.expectations\[0\].*really|really.*steps\[0\]\.expectations\[0\]/s,
    ],
    [
      'an unknown command',
      { ...step, actions: [{ type: 'explodeBroker', brokerId: 1 }] },
      /steps\[0\]\.actions\[0\]\.type/,
    ],
    [
      'a command with a missing field',
      { ...step, actions: [{ type: 'killBroker' }] },
      /steps\[0\]\.actions\[0\]\.brokerId/,
    ],
    [
      'a guided wait without a scripted solution',
      { ...step, waitFor: { kind: 'userAction', hint: 'Kill broker 1.', expect: { kind: 'nothingLost' } } },
      /steps\[0\]\.waitFor\.solution/,
    ],
    [
      'a guided wait with an empty solution',
      {
        ...step,
        waitFor: {
          kind: 'userAction',
          hint: 'Kill broker 1.',
          expect: { kind: 'nothingLost' },
          solution: [],
        },
      },
      /steps\[0\]\.waitFor\.solution/,
    ],
    ['an unknown field', { ...step, narrations: 'x' }, /narrations/],
  ])('rejects %s, naming the field', (_name, bad, field) => {
    const error = errorOf(withSteps([step, bad].reverse()));
    expect(error).not.toBe('valid');
    expect(error).toMatch(field);
  });

  it('rejects two steps with the same id', () => {
    expect(errorOf(withSteps([step, { ...step, title: 'Again' }]))).toMatch(
      /Another step already has the id kill-leader[\s\S]*steps\[1\]\.id/,
    );
  });

  it('keeps text as plain data: markup in a title or narration is neither run nor stripped', () => {
    const markup = '<img src=x onerror="alert(1)"> & <b>bold</b>';
    const parsed = parseScenario(withSteps([{ ...step, title: markup, narration: `${markup}.` }]));
    expect(parsed.ok).toBe(true);
    const first = parsed.ok ? parsed.scenario.steps?.[0] : undefined;
    expect(first?.title).toBe(markup);
    expect(first?.narration).toBe(`${markup}.`);
  });
});

describe('explicit replica assignment', () => {
  const topic = (assignment: unknown) => ({
    ...plain(ordersScenario),
    topics: [{ name: 'orders', partitions: 2, replicationFactor: 2, assignment }],
  });

  it('accepts one list of distinct brokers per partition', () => {
    expect(errorOf(topic({ '0': [1, 2], '1': [2, 3] }))).toBe('valid');
  });

  it.each([
    ['a missing partition', { '0': [1, 2] }, /Partition 1 has no replicas[\s\S]*topics\[0\]\.assignment/],
    ['a wrong replica count', { '0': [1, 2, 3], '1': [2, 3] }, /topics\[0\]\.assignment\.0/],
    ['a repeated broker', { '0': [1, 1], '1': [2, 3] }, /topics\[0\]\.assignment\.0/],
    ['a partition the topic does not have', { '0': [1, 2], '1': [2, 3], '2': [3, 1] }, /no partition 2/],
    ['a broker outside the cluster', { '0': [1, 2], '1': [2, 9] }, /Broker 9 is not in the cluster/],
  ])('rejects %s', (_name, assignment, message) => {
    expect(errorOf(topic(assignment))).toMatch(message);
  });
});

describe('scenarioJsonSchema', () => {
  it('is an object schema whose properties include steps', () => {
    const schema = scenarioJsonSchema();
    expect(schema.type).toBe('object');
    const properties = schema.properties as Record<string, { type?: string; items?: unknown }>;
    expect(properties.steps).toBeDefined();
    expect(properties.steps!.type).toBe('array');
    expect(JSON.stringify(properties.steps)).toContain('leaderIsNot');
  });

  it('describes the input format: description may be left out, steps are optional', () => {
    const required = scenarioJsonSchema().required as string[];
    expect(required).not.toContain('description');
    expect(required).not.toContain('steps');
    expect(required).toContain('seed');
  });

  it('serialises to JSON', () => {
    expect(() => JSON.stringify(scenarioJsonSchema())).not.toThrow();
  });

  it('describes services as an optional array of strict objects, and their expectation kinds', () => {
    const schema = scenarioJsonSchema();
    expect(schema.required as string[]).not.toContain('services');
    const services = (schema.properties as Record<string, { type?: string; items?: Record<string, unknown> }>)
      .services!;
    expect(services.type).toBe('array');
    expect(services.items!.additionalProperties).toBe(false);
    expect(services.items!.required).toEqual(['id', 'inputTopic']);
    expect(Object.keys(services.items!.properties as object)).toEqual(
      expect.arrayContaining([
        'outputTopic',
        'deadLetterTopic',
        'poisonKeys',
        'maxRetries',
        'retryBackoffMs',
      ]),
    );
    const text = JSON.stringify(schema);
    for (const kind of ['topicRecordsIs', 'partitionLagAbove', 'producerWritesTo'])
      expect(text).toContain(kind);
  });

  it('lets a service’s config set auto.offset.reset to earliest or latest only, as the parser does', () => {
    type Node = { properties?: Record<string, Node>; enum?: unknown[]; additionalProperties?: unknown };
    const services = (scenarioJsonSchema() as Node).properties!.services as Node & { items: Node };
    const config = services.items.properties!.config!;
    expect(config.additionalProperties).toBe(false);
    expect(config.properties!['auto.offset.reset']!.enum).toEqual(['earliest', 'latest']);
    expect(config.properties!['group.protocol']!.enum).toEqual(['classic', 'consumer']);
  });
});

describe('the Scenario type', () => {
  it('is what parseScenario returns for a built-in lesson', () => {
    const parsed = parseScenario(plain(taxiBookingScenario));
    const scenario: Scenario | null = parsed.ok ? parsed.scenario : null;
    expect(scenario?.steps?.length).toBe(taxiBookingScenario.steps?.length);
  });
});
