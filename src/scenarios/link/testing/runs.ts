// Runs for the share-link tests: fast-check arbitraries that cover every command and every optional
// field, and a realistic classroom run (what a student does in a ten-minute session) from a fixed seed.
import fc from 'fast-check';
import type { Command, KeyStrategy, LoggedCommand } from '../../../engine/index';
import { builtinScenarios } from '../../index';
import type { Scenario } from '../../schema';
import { MAX_RUN_MS } from '../limits';
import type { ShareRun } from '../types';

/** Text of any kind, including unpaired surrogates, which JSON and lz-string must both carry. */
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', 'orders', 'a.b-c_d'));
/** JSON has no -0, so a generated -0 would not survive any round trip; 0 stands for it. */
const noNegativeZero = (x: number) => x + 0;
const brokerId = fc.nat();
/** Decoded objects have Object's prototype; fast-check's null-prototype objects would differ in toStrictEqual. */
const PLAIN = { noNullPrototype: true } as const;

const keyStrategy: fc.Arbitrary<KeyStrategy> = fc.oneof(
  fc.record(
    { kind: fc.constant('cycle' as const), keys: fc.array(text, { minLength: 1, maxLength: 4 }) },
    PLAIN,
  ),
  fc.record(
    { kind: fc.constant('random' as const), keys: fc.array(text, { minLength: 1, maxLength: 4 }) },
    PLAIN,
  ),
  fc.record({ kind: fc.constant('null' as const) }, PLAIN),
  fc.record({ kind: fc.constant('unique' as const), prefix: text }, PLAIN),
);

const topicConfig = fc.record(
  {
    'min.insync.replicas': fc.integer({ min: 1, max: 5 }),
    'retention.ms': fc.integer({ min: -1, max: 2 ** 40 }),
    'retention.bytes': fc.integer({ min: -1, max: 2 ** 40 }),
    'cleanup.policy': fc.constantFrom('delete' as const, 'compact' as const, 'compact,delete' as const),
    'unclean.leader.election.enable': fc.boolean(),
    'message.timestamp.type': fc.constantFrom('CreateTime' as const, 'LogAppendTime' as const),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const producerConfig = fc.record(
  {
    acks: fc.constantFrom(0 as const, 1 as const, 'all' as const),
    'enable.idempotence': fc.boolean(),
    retries: fc.nat(),
    'retry.backoff.ms': fc.nat(),
    'request.timeout.ms': fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    'delivery.timeout.ms': fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    'max.in.flight.requests.per.connection': fc.integer({ min: 1, max: 5 }),
    'batch.size': fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    'transactional.id': fc.option(text, { nil: null }),
    'transaction.timeout.ms': fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const recordsPerTransaction = fc.integer({ min: 1, max: 100_000 });

const ratePerSec = fc.double({ min: 0, max: 10_000, noNaN: true }).map(noNegativeZero);

const topicSetup = fc.integer({ min: 1, max: 4 }).chain((partitions) =>
  fc.record(
    {
      name: text,
      partitions: fc.constant(partitions),
      replicationFactor: fc.integer({ min: 1, max: 32767 }),
      config: topicConfig,
      assignment: fc
        .array(fc.array(brokerId, { minLength: 1, maxLength: 3 }), {
          minLength: partitions,
          maxLength: partitions,
        })
        .map((lists) => Object.fromEntries(lists.map((replicas, p) => [p, replicas]))),
    },
    { requiredKeys: ['name', 'partitions', 'replicationFactor'], noNullPrototype: true },
  ),
);

const producerSetup = fc.record(
  {
    id: text,
    topic: text,
    ratePerSec,
    keys: keyStrategy,
    valueTemplate: text,
    config: producerConfig,
    recordsPerTransaction,
  },
  { requiredKeys: ['id', 'topic', 'ratePerSec', 'keys'], noNullPrototype: true },
);

const offsetReset = fc.constantFrom('earliest' as const, 'latest' as const, 'none' as const);
const positiveMs = fc.integer({ min: 1, max: 2 ** 31 - 1 });

const consumerConfig = fc.record(
  {
    'group.protocol': fc.constantFrom('classic' as const, 'consumer' as const),
    'partition.assignment.strategy': fc.array(
      fc.constantFrom(
        'range' as const,
        'roundrobin' as const,
        'sticky' as const,
        'cooperative-sticky' as const,
      ),
      { maxLength: 4 },
    ),
    'group.remote.assignor': fc.constantFrom('uniform' as const, 'range' as const),
    'session.timeout.ms': positiveMs,
    'heartbeat.interval.ms': positiveMs,
    'max.poll.interval.ms': positiveMs,
    'enable.auto.commit': fc.boolean(),
    'auto.commit.interval.ms': positiveMs,
    'auto.offset.reset': offsetReset,
    'max.poll.records': positiveMs,
    'fetch.min.bytes': fc.nat(),
    'fetch.max.wait.ms': fc.nat(),
    'isolation.level': fc.constantFrom('read_uncommitted' as const, 'read_committed' as const),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const groupSetup = fc.record(
  {
    groupId: text,
    topic: text,
    consumers: fc.array(
      fc.record(
        { id: text, processingTimeMs: fc.nat(), groupInstanceId: fc.option(text, { nil: null }) },
        { requiredKeys: ['id'], noNullPrototype: true },
      ),
      { maxLength: 3 },
    ),
    autoOffsetReset: offsetReset,
    config: consumerConfig,
  },
  { requiredKeys: ['groupId', 'topic', 'consumers'], noNullPrototype: true },
);

const shareGroupConfig = fc.record(
  {
    'share.auto.offset.reset': fc.constantFrom('latest' as const, 'earliest' as const),
    'share.record.lock.duration.ms': positiveMs,
    'share.delivery.count.limit': fc.integer({ min: 1, max: 1000 }),
    'share.isolation.level': fc.constantFrom('read_uncommitted' as const, 'read_committed' as const),
    'share.partition.max.record.locks': positiveMs,
    'share.session.timeout.ms': positiveMs,
    'share.heartbeat.interval.ms': positiveMs,
    'share.acknowledgement.mode': fc.constantFrom('implicit' as const, 'explicit' as const),
    'max.poll.records': positiveMs,
    'fetch.max.wait.ms': fc.nat(),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const shareGroupSetup = fc.record(
  {
    groupId: text,
    topic: text,
    consumers: fc.array(
      fc.record({ id: text, processingTimeMs: fc.nat() }, { requiredKeys: ['id'], noNullPrototype: true }),
      { maxLength: 3 },
    ),
    config: shareGroupConfig,
    poisonKeys: fc.array(text, { maxLength: 2 }),
    onFailure: fc.constantFrom('RELEASE' as const, 'REJECT' as const),
    renewLocks: fc.boolean(),
  },
  { requiredKeys: ['groupId', 'topic', 'consumers'], noNullPrototype: true },
);

const offsetTarget = fc.oneof(
  fc.constantFrom('earliest' as const, 'latest' as const),
  fc.record({ offset: fc.maxSafeInteger() }, PLAIN),
  fc.record({ timestampMs: fc.maxSafeInteger() }, PLAIN),
);

const onBroker = (
  type: 'killBroker' | 'restartBroker' | 'shutdownBroker' | 'isolateBroker' | 'reconnectBroker',
) => fc.record({ type: fc.constant(type), brokerId }, PLAIN);

/** Every command type with every combination of its optional fields. */
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  onBroker('killBroker'),
  onBroker('restartBroker'),
  onBroker('shutdownBroker'),
  onBroker('isolateBroker'),
  onBroker('reconnectBroker'),
  fc.record(
    {
      type: fc.constant('slowBroker' as const),
      brokerId,
      fetchDelayMs: fc.double({ min: 0, max: 1e9, noNaN: true }).map(noNegativeZero),
    },
    PLAIN,
  ),
  fc.record({ type: fc.constant('createTopic' as const), topic: topicSetup }, PLAIN),
  fc.record(
    {
      type: fc.constant('addPartitions' as const),
      topic: text,
      partitions: fc.integer({ min: 1, max: 1000 }),
    },
    PLAIN,
  ),
  fc.record({ type: fc.constant('alterTopicConfig' as const), topic: text, config: topicConfig }, PLAIN),
  fc.record({ type: fc.constant('electPreferredLeader' as const), partitionId: text }, PLAIN),
  fc.record({ type: fc.constant('electUncleanLeader' as const), partitionId: text }, PLAIN),
  fc.record({ type: fc.constant('addProducer' as const), producer: producerSetup }, PLAIN),
  fc.record({ type: fc.constant('removeProducer' as const), producerId: text }, PLAIN),
  fc.record(
    {
      type: fc.constant('setProducerConfig' as const),
      producerId: text,
      config: producerConfig,
      ratePerSec,
      keys: keyStrategy,
      recordsPerTransaction,
    },
    { requiredKeys: ['type', 'producerId', 'config'], noNullPrototype: true },
  ),
  fc.record({ type: fc.constant('abortTransaction' as const), producerId: text }, PLAIN),
  fc.record({ type: fc.constant('addShareGroup' as const), group: shareGroupSetup }, PLAIN),
  fc.record(
    { type: fc.constant('setShareGroupConfig' as const), groupId: text, config: shareGroupConfig },
    PLAIN,
  ),
  fc.record(
    {
      type: fc.constant('produce' as const),
      producerId: text,
      key: fc.option(text, { nil: null }),
      value: fc.option(text, { nil: null }),
      partition: fc.integer({ min: 0, max: 999 }),
    },
    { requiredKeys: ['type', 'producerId', 'key'], noNullPrototype: true },
  ),
  fc.record(
    {
      type: fc.constant('addConsumer' as const),
      groupId: text,
      consumerId: text,
      processingTimeMs: fc.nat(),
      groupInstanceId: fc.option(text, { nil: null }),
    },
    { requiredKeys: ['type', 'groupId', 'consumerId'], noNullPrototype: true },
  ),
  fc.record({ type: fc.constant('removeConsumer' as const), consumerId: text }, PLAIN),
  fc.record({ type: fc.constant('addGroup' as const), group: groupSetup }, PLAIN),
  fc.record({ type: fc.constant('crashConsumer' as const), consumerId: text }, PLAIN),
  fc.record({ type: fc.constant('restartConsumer' as const), consumerId: text }, PLAIN),
  fc.record(
    {
      type: fc.constant('slowConsumer' as const),
      consumerId: text,
      processingTimeMs: fc.double({ min: 0, max: 1e9, noNaN: true }).map(noNegativeZero),
    },
    PLAIN,
  ),
  fc.record({ type: fc.constant('setGroupConfig' as const), groupId: text, config: consumerConfig }, PLAIN),
  fc.record({ type: fc.constant('resetOffsets' as const), groupId: text, to: offsetTarget }, PLAIN),
);

/** A log in time order; several actions may share one instant, as when a scenario step does two things. */
export const actionsArb: fc.Arbitrary<LoggedCommand[]> = fc
  .array(fc.tuple(fc.nat({ max: 100_000 }), commandArb), { maxLength: 40 })
  .map((steps) => {
    let atMs = 0;
    return steps.map(([step, command]) => ({ atMs: (atMs += step), command }));
  });

export const orders: Scenario = builtinScenarios.find((s) => s.id === 'orders')!;

/** Titles a hostile link might carry; they must come back as the same inert text. */
export const HOSTILE_TITLES = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
];

/** The built-in scenario, customised: a new title (sometimes hostile), description and seed. */
export const inlineScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    title: fc.oneof(fc.constantFrom(...HOSTILE_TITLES), fc.string({ minLength: 1, maxLength: 120 })),
    description: fc.string({ maxLength: 200 }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  })
  .map((custom) => ({ ...(JSON.parse(JSON.stringify(orders)) as Scenario), id: 'orders-custom', ...custom }));

export const runArb: fc.Arbitrary<ShareRun> = fc.record(
  {
    scenario: fc.oneof(fc.constant('orders'), inlineScenarioArb),
    seed: fc.maxSafeInteger(),
    actions: actionsArb,
    positionMs: fc.integer({ min: 0, max: MAX_RUN_MS }),
  },
  PLAIN,
);

/** A small seeded generator (mulberry32) so that the realistic run is the same on every machine. */
function prng(seed: number): (bound: number) => number {
  let s = seed >>> 0;
  return (bound) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) % bound;
  };
}

/**
 * What a student does with the orders scenario: kill and restart brokers, isolate one, slow one down,
 * produce a few records by hand, add, crash and restart consumers, change acks, the rate and
 * min.insync.replicas.
 */
export function realisticRun(actionCount: number, seed = 7): ShareRun {
  const draw = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[draw(items.length)]!;
  const keys = ['alice', 'bob', 'carol', 'dave', 'erin'];
  const stopped = new Set<number>();
  const isolated = new Set<number>();
  let consumers = 1;
  const crashed = new Set<string>();
  let orderNumber = 100;
  let atMs = 0;
  const actions: LoggedCommand[] = [];
  const choices: (() => Command)[] = [
    () => {
      const running = [1, 2, 3].filter((b) => !stopped.has(b));
      // Keep one broker up, as a teacher would, so the run stays interesting.
      if (running.length <= 1) return restart();
      const brokerId = pick(running);
      stopped.add(brokerId);
      return { type: pick(['killBroker', 'shutdownBroker'] as const), brokerId };
    },
    () => (stopped.size > 0 ? restart() : produce()),
    () => produce(),
    () => produce(),
    () => ({
      type: 'produce',
      producerId: 'checkout',
      key: pick(keys),
      value: `o-${orderNumber++}`,
      partition: draw(3),
    }),
    () => {
      const brokerId = 1 + draw(3);
      if (isolated.delete(brokerId)) return { type: 'reconnectBroker', brokerId };
      isolated.add(brokerId);
      return { type: 'isolateBroker', brokerId };
    },
    () => ({ type: 'slowBroker', brokerId: 1 + draw(3), fetchDelayMs: pick([0, 500, 2000]) }),
    () => {
      const consumerId = `billing-${1 + draw(consumers)}`;
      if (crashed.delete(consumerId)) return { type: 'restartConsumer', consumerId };
      crashed.add(consumerId);
      return { type: 'crashConsumer', consumerId };
    },
    () => ({
      type: 'addConsumer',
      groupId: 'billing',
      consumerId: `billing-${++consumers}`,
      processingTimeMs: 50,
    }),
    () => ({
      type: 'setProducerConfig',
      producerId: 'checkout',
      config: { acks: pick([0, 1, 'all'] as const) },
    }),
    () => ({
      type: 'setProducerConfig',
      producerId: 'checkout',
      config: {},
      ratePerSec: pick([1, 2, 5, 10]),
    }),
    () => ({ type: 'alterTopicConfig', topic: 'orders', config: { 'min.insync.replicas': 1 + draw(3) } }),
    () => ({ type: 'electPreferredLeader', partitionId: `orders-${draw(3)}` }),
  ];
  function restart(): Command {
    const brokerId = pick([...stopped]);
    stopped.delete(brokerId);
    return { type: 'restartBroker', brokerId };
  }
  function produce(): Command {
    return { type: 'produce', producerId: 'checkout', key: pick(keys), value: `o-${orderNumber++}` };
  }
  for (let i = 0; i < actionCount; i++) {
    atMs += 200 + draw(6000);
    actions.push({ atMs, command: pick(choices)() });
  }
  return { scenario: 'orders', seed: 42, actions, positionMs: atMs + 15_000 };
}
