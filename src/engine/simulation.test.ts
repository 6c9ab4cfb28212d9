// Whole-engine behaviour checked against Kafka's documented rules (kafka-reference.md §3).
import { describe, expect, it } from 'vitest';
import { cluster } from './testing/harness';

const orders = () =>
  cluster(3)
    .config({ replicaLagTimeMaxMs: 10_000 })
    .topic('orders', 3, 3, {
      config: { 'min.insync.replicas': 2 },
      assignment: { 0: [1, 2, 3], 1: [2, 3, 1], 2: [3, 1, 2] },
    })
    .producer({
      id: 'p',
      topic: 'orders',
      ratePerSec: 5,
      keys: { kind: 'cycle', keys: ['a', 'b', 'c', 'd'] },
    })
    .group({ groupId: 'g', topic: 'orders', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }] });

describe('leader election on broker failure', () => {
  it('moves leadership to the first live in-sync replica in assignment order, after broker.session.timeout.ms', () => {
    const sim = orders().build();
    sim.advanceTo(5_000);
    const before = sim.view().partitions.find((p) => p.id === 'orders-0')!;
    expect(before.leader).toBe(1);
    expect(before.isr).toEqual([1, 2, 3]);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    // Still the leader until the controller misses heartbeats for 9 s (KRaft fences on session timeout).
    sim.advanceTo(10_000);
    expect(sim.view().partitions.find((p) => p.id === 'orders-0')!.leader).toBe(1);
    sim.advanceTo(16_000);
    const after = sim.view().partitions.find((p) => p.id === 'orders-0')!;
    expect(after.leader).toBe(2);
    expect(after.leaderEpoch).toBe(before.leaderEpoch + 1);
    expect(after.isr).toEqual([2, 3]);
    // Partitions it only followed keep their leader and lose it from the ISR.
    const p1 = sim.view().partitions.find((p) => p.id === 'orders-1')!;
    expect(p1.leader).toBe(2);
    expect(p1.isr).toEqual([2, 3]);
  });

  it('brings a restarted broker back into the ISR once it has caught up, without taking leadership back', () => {
    const sim = orders().build();
    sim.advanceTo(5_000);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(20_000);
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.advanceTo(30_000);
    const p0 = sim.view().partitions.find((p) => p.id === 'orders-0')!;
    expect(p0.isr).toContain(1);
    expect(p0.leader).toBe(2);
    const r1 = p0.replicaLogs.find((r) => r.brokerId === 1)!;
    expect(r1.logEndOffset).toBeGreaterThanOrEqual(p0.highWatermark);
  });

  it('keeps the last ISR member in the ISR and shows no leader when every replica is gone (ELR disabled)', () => {
    const sim = orders().build();
    sim.advanceTo(2_000);
    for (const b of [1, 2, 3]) sim.dispatch({ type: 'killBroker', brokerId: b });
    sim.advanceTo(15_000);
    const p0 = sim.view().partitions.find((p) => p.id === 'orders-0')!;
    expect(p0.leader).toBe(-1);
    expect(p0.isr).toHaveLength(1);
    expect(p0.offline).toBe(true);
  });
});

describe('acks and min.insync.replicas', () => {
  it('rejects acks=all with NOT_ENOUGH_REPLICAS when the ISR is below min.insync.replicas', () => {
    const sim = orders().build();
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'killBroker', brokerId: 2 });
    sim.dispatch({ type: 'killBroker', brokerId: 3 });
    const events = sim.advanceTo(20_000);
    const rejected = events.filter((e) => e.type === 'produceRejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]!.text).toMatch(
      /NOT_ENOUGH_REPLICAS: The size of the current ISR \[1\] is insufficient to satisfy the min.isr requirement of 2/,
    );
    expect(sim.view().audit.lost).toBe(0);
  });

  it('holds the high watermark while the ISR is below min.insync.replicas (Kafka 3.7+)', () => {
    const sim = cluster(3)
      .topic('t', 1, 3, { config: { 'min.insync.replicas': 2 }, assignment: { 0: [1, 2, 3] } })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 5,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { acks: 1 },
      })
      .build();
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'killBroker', brokerId: 2 });
    sim.dispatch({ type: 'killBroker', brokerId: 3 });
    sim.advanceTo(12_000);
    const hwAtFence = sim.view().partitions[0]!.highWatermark;
    sim.advanceTo(20_000);
    const p = sim.view().partitions[0]!;
    expect(p.isr).toEqual([1]);
    expect(p.logEndOffset).toBeGreaterThan(hwAtFence);
    expect(p.highWatermark).toBe(hwAtFence);
  });

  it('loses acks=1 records when the leader dies before any follower fetched them, and says why', () => {
    const sim = cluster(3)
      .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] } })
      .producer({
        id: 'p',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'cycle', keys: ['k'] },
        config: { acks: 1 },
      })
      .build();
    sim.advanceTo(1_000);
    // Slow followers: the leader acknowledges, but nobody has copied the record yet.
    sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 60_000 });
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 60_000 });
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v' });
    sim.advanceTo(2_500);
    expect(sim.view().audit.acknowledged).toBe(1);
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 });
    sim.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 });
    sim.advanceTo(20_000);
    expect(sim.view().partitions[0]!.leader).toBe(2);
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.advanceTo(80_000);
    const view = sim.view();
    expect(view.audit.lost).toBe(1);
    expect(view.audit.explanations[0]!.text).toMatch(/^acks=1: leader 1 acknowledged offset 0 of t-0/);
    // The old leader truncated the record when it rejoined as a follower.
    expect(view.partitions[0]!.replicaLogs.find((r) => r.brokerId === 1)!.logEndOffset).toBe(0);
  });

  it('rejects a replication factor larger than the registered brokers with Kafka’s text', () => {
    const sim = orders().build();
    const { result } = sim.dispatch({
      type: 'createTopic',
      topic: { name: 'big', partitions: 1, replicationFactor: 4 },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(
      'Unable to replicate the partition 4 time(s): The target replication factor of 4 cannot be reached because only 3 broker(s) are registered.',
    );
  });

  it.each([
    ['buffer.memory', -1, 'Invalid value -1 for configuration buffer.memory: Value must be at least 0'],
    ['max.block.ms', 1.5, 'Invalid value 1.5 for configuration max.block.ms: Value must be at least 0'],
    ['retries', -3, 'Invalid value -3 for configuration retries: Value must be at least 0'],
    [
      'max.in.flight.requests.per.connection',
      6,
      'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
    ],
    [
      'delivery.timeout.ms',
      1_000,
      'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
    ],
  ] as const)(
    'rejects producer %s=%s on create and on change, as ProducerConfig does, and keeps the producer as it was',
    (name, value, text) => {
      const sim = orders().build();
      const producer = { id: 'bad', topic: 'orders', ratePerSec: 1, keys: { kind: 'null' as const } };
      const added = sim.dispatch({
        type: 'addProducer',
        producer: { ...producer, config: { [name]: value } },
      });
      expect(!added.result.ok && added.result.error).toBe(text);
      expect(sim.view().producers.some((p) => p.id === 'bad')).toBe(false);
      const id = sim.view().producers[0]!.id;
      const before = JSON.stringify(
        (sim.peekState() as { producers: Record<string, unknown> }).producers[id],
      );
      const changed = sim.dispatch({ type: 'setProducerConfig', producerId: id, config: { [name]: value } });
      expect(!changed.result.ok && changed.result.error).toBe(text);
      expect(JSON.stringify((sim.peekState() as { producers: Record<string, unknown> }).producers[id])).toBe(
        before,
      );
    },
  );

  it.each([
    [
      'min.insync.replicas',
      0,
      'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1',
    ],
    ['retention.ms', -2, 'Invalid value -2 for configuration retention.ms: Value must be at least -1'],
  ] as const)(
    'rejects %s=%i on create and on alter, as LogConfig does, and keeps the topic as it was',
    (name, value, text) => {
      const sim = orders().build();
      const created = sim.dispatch({
        type: 'createTopic',
        topic: { name: 'bad', partitions: 1, replicationFactor: 1, config: { [name]: value } },
      }).result;
      expect(!created.ok && created.error).toContain(text);
      expect(sim.view().partitions.some((p) => p.topic === 'bad')).toBe(false);
      const altered = sim.dispatch({
        type: 'alterTopicConfig',
        topic: 'orders',
        config: { [name]: value },
      }).result;
      expect(!altered.ok && altered.error).toContain(text);
    },
  );
});

describe('consumers', () => {
  it('reads every committed record and never past the high watermark', () => {
    const sim = orders().build();
    sim.advanceTo(20_000);
    const v = sim.view();
    for (const p of v.groups[0]!.partitions) {
      expect(p.position).not.toBeNull();
      expect(p.position!).toBeLessThanOrEqual(p.highWatermark);
    }
    expect(v.groups[0]!.members[0]!.consumed).toBeGreaterThan(50);
  });
});
