// The worker host runs in Node without a Worker: it is a plain object.
import { describe, expect, it } from 'vitest';
import { toSetup } from '../../scenarios/index';
import { Simulation } from '../simulation';
import { createEngineHost } from './host';

describe('engine host', () => {
  it('loads the default scenario and advances it', () => {
    const host = createEngineHost();
    const loaded = host.load({ scenario: 'orders' });
    expect(loaded.error).toBeNull();
    expect(loaded.view.brokers.map((b) => b.id)).toEqual([1, 2, 3]);
    expect(loaded.view.partitions.map((p) => p.id)).toEqual(['orders-0', 'orders-1', 'orders-2']);
    const later = host.advanceBy(5_000);
    expect(later.view.nowMs).toBe(5_000);
    expect(later.view.audit.acknowledged).toBeGreaterThan(0);
  });

  it('opens the default scenario with a message naming the bad field when the scenario is invalid', () => {
    const host = createEngineHost();
    const loaded = host.load({
      scenario: {
        version: 1,
        id: 'x',
        title: 'x',
        seed: 1,
        cluster: { brokers: [] },
        topics: [],
        producers: [],
        groups: [],
      },
    });
    expect(loaded.scenario.id).toBe('orders');
    expect(loaded.error).toMatch(/cluster\.brokers/);
  });

  it('carries the followed record in every frame, as of that frame, until unfollowed or reloaded', () => {
    const host = createEngineHost();
    host.load({ scenario: 'orders' });
    const first = host.advanceBy(1_000);
    expect(first.trace).toBeNull();
    const leader = first.view.partitions.flatMap((p) => p.replicaLogs).find((r) => r.tail.length > 0)!;
    const id = leader.tail[0]!.recordId;
    const followed = host.follow(id);
    expect(followed.trace?.recordId).toBe(id);
    // A later frame's trace is the trace at that frame's time, the same as asking for it separately.
    const later = host.advanceBy(5_000);
    expect(later.trace).toEqual(host.traceRecord(id));
    expect(later.trace!.replicas.every((r) => r.offsets.length === 1)).toBe(true);
    expect(host.follow(null).trace).toBeNull();
    host.follow(id);
    expect(host.load({ scenario: 'orders' }).trace).toBeNull();
  });

  it('answers an unknown built-in scenario with a message, not an exception', () => {
    const loaded = createEngineHost().load({ scenario: 'no-such-scenario' });
    expect(loaded.error).toContain('no-such-scenario');
    expect(loaded.scenario.id).toBe('orders');
  });

  it('turns an impossible command into Kafka’s error text and keeps the run', () => {
    const host = createEngineHost();
    host.load({ scenario: 'orders' });
    const frame = host.dispatch({
      type: 'createTopic',
      topic: { name: 'wide', partitions: 1, replicationFactor: 5 },
    });
    expect(frame.error).toContain('INVALID_REPLICATION_FACTOR');
    expect(frame.view.topics.map((t) => t.name)).toEqual(['orders']);
    expect(host.dispatch({ type: 'killBroker', brokerId: 99 }).error).toContain('Broker 99');
  });

  it('kills a broker and reports the new leader after the session timeout', () => {
    const host = createEngineHost();
    const start = host.load({ scenario: 'orders' });
    const p0 = start.view.partitions[0]!;
    host.advanceBy(2_000);
    host.dispatch({ type: 'killBroker', brokerId: p0.leader });
    const after = host.advanceBy(12_000).view.partitions[0]!;
    expect(after.leader).not.toBe(p0.leader);
    expect(p0.isr).toContain(after.leader);
  });

  it('steps and seeks back to an identical view', () => {
    const host = createEngineHost();
    host.load({ scenario: 'orders' });
    host.advanceBy(3_000);
    const at3 = host.view().view;
    host.advanceBy(4_000);
    const back = host.seek(3_000).view;
    expect(back).toEqual(at3);
    expect(host.step().view.nowMs).toBeGreaterThan(3_000);
  });
});

describe('stepping', () => {
  it('moves the clock forward even at time 0, when timers are due now', () => {
    const host = createEngineHost();
    host.load({ scenario: 'orders' });
    expect(host.step().view.nowMs).toBeGreaterThan(0);
  });
});

describe('share-link replay and record tracing', () => {
  it('rebuilds a logged run at a position, identical to the live run', () => {
    const live = createEngineHost();
    live.load({ scenario: 'orders' });
    live.advanceBy(2_000);
    live.dispatch({ type: 'killBroker', brokerId: 2 });
    live.advanceBy(12_000);
    const fresh = createEngineHost();
    const replayed = fresh.load({ scenario: 'orders', log: live.commandLog(), positionMs: 14_000 });
    expect(replayed.error).toBeNull();
    expect(replayed.view).toEqual(live.view().view);
  });

  it('follows a record to its copies on every in-sync replica, acknowledged and committed', () => {
    const host = createEngineHost();
    const v = host.load({ scenario: 'orders' }).view;
    host.advanceBy(8_000);
    const leaderLog = host
      .view()
      .view.partitions[0]!.replicaLogs.find((r) => r.brokerId === v.partitions[0]!.leader)!;
    const recordId = leaderLog.tail[0]!.recordId;
    const trace = host.traceRecord(recordId)!;
    expect(trace.partitionId).toBe('orders-0');
    expect(trace.replicas.every((r) => r.offsets.length === 1)).toBe(true);
    expect(trace.acknowledged && trace.committed).toBe(true);
    expect(trace.processedBy).toEqual(['billing']);
  });
});

describe('what if: the same run with one setting changed', () => {
  // The acks lesson's failure, as its steps take it: followers slowed, the leader crashes, comes back
  // and truncates. With its producer's acks=1 that loses 12 acknowledged records (the lesson checks it).
  function crashedLeaderRun() {
    const host = createEngineHost();
    host.load({ scenario: 'lesson-acks-data-loss' });
    host.advanceBy(5_000);
    host.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 60_000 });
    host.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 60_000 });
    host.advanceBy(3_000);
    host.dispatch({ type: 'killBroker', brokerId: 1 });
    host.dispatch({ type: 'slowBroker', brokerId: 2, fetchDelayMs: 0 });
    host.dispatch({ type: 'slowBroker', brokerId: 3, fetchDelayMs: 0 });
    host.advanceBy(12_000);
    host.dispatch({ type: 'restartBroker', brokerId: 1 });
    host.advanceBy(10_000);
    return host;
  }

  it('offers only the settings that would change something, in Kafka’s words', () => {
    const host = crashedLeaderRun();
    const ids = host.whatIfs().map((v) => v.id);
    expect(ids).toContain('acks=all');
    expect(ids).toContain('acks=0');
    // acks=1 is what the run uses; idempotence needs acks=all; the topic's min.insync.replicas is 1.
    expect(ids).not.toContain('acks=1');
    expect(ids).not.toContain('enable.idempotence=true');
    expect(ids).not.toContain('min.insync.replicas=1');
    expect(ids).toContain('min.insync.replicas=2');
  });

  it('replays the same failures with acks=all: the records acks=1 lost are not lost, and the run on screen is untouched', () => {
    const host = crashedLeaderRun();
    const before = host.view().view;
    const result = host.whatIf('acks=all');
    expect(result.error).toBeNull();
    expect(result.atMs).toBe(30_000);
    expect(result.changed).toEqual(['producer web']);
    expect(result.base.lost).toBe(12);
    expect(result.variant!.lost).toBe(0);
    expect(result.variant!.explanations).toEqual([]);
    // The variant is the same run with the producer's config changed, replayed independently here.
    const scenario = host.scenario()!;
    const changed = {
      ...scenario,
      producers: scenario.producers.map((p) => ({ ...p, config: { ...p.config, acks: 'all' as const } })),
    };
    const replayed = Simulation.replay(toSetup(changed), scenario.seed, host.commandLog(), 30_000);
    expect(result.variant).toEqual(replayed.view().audit);
    expect(host.view().view).toEqual(before);
    // Opened as a run of its own, it is a sandbox that names the change.
    expect(result.open!.scenario.title).toMatch(/what if acks=all/);
    expect(result.open!.scenario.steps).toBeUndefined();
  });

  it('answers an unknown or already-chosen setting with a message, not a crash', () => {
    const host = crashedLeaderRun();
    expect(host.whatIf('acks=2').error).toBe('There is no what-if called "acks=2".');
    expect(host.whatIf('acks=1').error).toBe('acks=1 is already what this run uses.');
    expect(host.whatIf('acks=1').variant).toBeNull();
  });

  it('changes producers and topics that the run’s own actions add', () => {
    const host = createEngineHost();
    host.load({ scenario: 'orders' });
    host.advanceBy(1_000);
    host.dispatch({
      type: 'createTopic',
      topic: { name: 'audit-log', partitions: 1, replicationFactor: 3 },
    });
    host.dispatch({
      type: 'addProducer',
      producer: { id: 'auditor', topic: 'audit-log', ratePerSec: 2, keys: { kind: 'null' } },
    });
    host.advanceBy(2_000);
    const result = host.whatIf('acks=1');
    expect(result.changed).toEqual(['producer checkout', 'producer auditor']);
    const minIsr = host.whatIf('min.insync.replicas=3');
    expect(minIsr.changed).toEqual(['topic orders', 'topic audit-log']);
  });
});

describe('what if, for consumer groups', () => {
  it('replays the groups under the other protocol, the same members joining at the same times', () => {
    const host = createEngineHost();
    host.load({ scenario: 'lesson-kip848' });
    host.advanceBy(5_000);
    host.dispatch({ type: 'addConsumer', groupId: 'ledger-classic', consumerId: 'classic-3' });
    host.dispatch({ type: 'addConsumer', groupId: 'ledger-next', consumerId: 'next-3' });
    host.advanceBy(10_000);
    const ids = host.whatIfs().map((v) => v.id);
    // One group of each protocol: either switch is offered, and the classic group's assignor too.
    expect(ids).toEqual(
      expect.arrayContaining([
        'group.protocol=consumer',
        'group.protocol=classic',
        'partition.assignment.strategy=cooperative-sticky',
      ]),
    );
    const result = host.whatIf('group.protocol=consumer');
    expect(result.changed).toEqual(['group ledger-classic']);
    // Kafka refuses partition.assignment.strategy under the consumer protocol: the variant drops it.
    const opened = result.open!.scenario.groups.find((g) => g.groupId === 'ledger-classic')!;
    expect(opened.config).toMatchObject({ 'group.protocol': 'consumer' });
    expect(opened.config?.['partition.assignment.strategy']).toBeUndefined();
    // The same as a replay with that group's protocol changed by hand; the summary is the groups' sums.
    const scenario = host.scenario()!;
    const changed = {
      ...scenario,
      groups: scenario.groups.map((g) =>
        g.groupId === 'ledger-classic' ? { ...g, config: { 'group.protocol': 'consumer' as const } } : g,
      ),
    };
    const replayed = Simulation.replay(toSetup(changed), scenario.seed, host.commandLog(), 15_000).view();
    expect(replayed.groups.map((g) => g.protocol)).toEqual(['consumer', 'consumer']);
    const sum = (f: (g: (typeof replayed.groups)[number]) => number): number =>
      replayed.groups.reduce((n, g) => n + f(g), 0);
    expect(result.variantGroups).toEqual({
      consumed: sum((g) => g.members.reduce((n, m) => n + m.consumed, 0)),
      lag: sum((g) => g.totalLag),
      redelivered: sum((g) => g.redelivered),
    });
    expect(result.variant).toEqual(replayed.audit);
  });

  it('has no group rows without consumer groups, and offers no group setting then', () => {
    const host = createEngineHost();
    host.load({ scenario: 'lesson-acks-data-loss' });
    host.advanceBy(2_000);
    expect(host.whatIfs().some((v) => v.id.startsWith('group.') || v.id.startsWith('partition.'))).toBe(
      false,
    );
    const result = host.whatIf('acks=all');
    expect(result.baseGroups).toBeNull();
    expect(result.variantGroups).toBeNull();
  });
});
