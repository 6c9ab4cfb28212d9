// When a KIP-848 consumer heartbeats, against Kafka's AbstractHeartbeatRequestManager: a heartbeat is sent
// when "the heartbeat timer has expired, backoff has expired, and there is no request in-flight"
// (HeartbeatRequestState.canSendRequest); the timer "tracks the time since the last heartbeat was sent"
// and restarts when an answer brings a new interval (updateHeartbeatIntervalMs; the client starts at 0);
// joining and acknowledging heartbeat "without waiting for the interval", but only with "no heartbeat
// request currently in-flight"; a request that fails (request.timeout.ms) is retried after the backoff.
import { describe, expect, it } from 'vitest';
import type { ClusterConfig } from '../types';
import { cluster } from '../testing/harness';
import { CoordinatorWire } from '../testing/coordinatorWire';

const INTERVAL_MS = 5_000; // group.consumer.heartbeat.interval.ms
const REQUEST_TIMEOUT_MS = 30_000; // the consumer's request.timeout.ms

function kip848(config: Partial<ClusterConfig> = {}) {
  return cluster(3)
    .config(config)
    .topic('t', 6, 3)
    .producer({ id: 'p', topic: 't', ratePerSec: 10, keys: { kind: 'random', keys: ['a', 'b', 'c', 'd'] } })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'group.protocol': 'consumer' },
      consumers: [{ id: 'c1' }, { id: 'c2' }],
    })
    .build();
}

/** When c1 sent its heartbeats (leaves excluded). */
const sendTimes = (wire: CoordinatorWire, consumerId = 'c1') =>
  wire
    .sent(consumerId, 'ConsumerGroupHeartbeatRequest')
    .filter((m) => m.body.memberEpoch >= 0)
    .map((m) => m.sentAtMs);

describe('KIP-848 heartbeat requests (HeartbeatRequestManager)', () => {
  it('never has two heartbeats in flight for one member, across 60 s with a 2 s network delay', () => {
    const sim = kip848({ networkLatencyMs: 2_000 });
    const wire = new CoordinatorWire(sim);
    let most = 0;
    const watch = () => {
      for (const id of ['c1', 'c2', 'c3']) most = Math.max(most, wire.heartbeatsInFlight(id));
    };
    wire.advanceTo(15_000, watch);
    // A member joining makes the others revoke and acknowledge, and one leaving makes them take more.
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c3' });
    wire.look();
    wire.advanceTo(40_000, watch);
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c2' });
    wire.look();
    wire.advanceTo(60_000, watch);
    expect(most).toBe(1);
    expect(sendTimes(wire).length).toBeGreaterThan(8);
    expect(sim.view().groups[0]!.state).toBe('Stable');
  });

  it('acknowledges an assignment at once, then counts the interval from each heartbeat sent', () => {
    const sim = kip848();
    const wire = new CoordinatorWire(sim);
    wire.advanceTo(40_000);
    const [firstAnswer] = wire.answered('c1', 'ConsumerGroupHeartbeatResponse');
    const sent = sendTimes(wire);
    expect(sent[0]).toBe(0);
    // The first answer gives c1 partitions: it acknowledges them as the answer arrives (ACKNOWLEDGING).
    expect(firstAnswer!.body.assignment.length).toBeGreaterThan(0);
    expect(sent[1]).toBe(firstAnswer!.deliverAtMs);
    // After the last acknowledgement, the next heartbeat waits a whole interval from that send.
    const acks = sent.filter((t) => t < 5_000);
    expect(sent[acks.length]).toBe(acks[acks.length - 1]! + INTERVAL_MS);
    // Once the group is Stable (no acknowledgements in between), one every interval from the last.
    const stable = sent.filter((t) => t > 15_000);
    expect(stable.length).toBeGreaterThan(3);
    for (let i = 1; i < stable.length; i++) expect(stable[i]! - stable[i - 1]!).toBe(INTERVAL_MS);
  });

  it('sends the next heartbeat as soon as an answer comes later than the interval (3 s hops)', () => {
    const sim = kip848({ networkLatencyMs: 3_000 });
    const wire = new CoordinatorWire(sim);
    wire.advanceTo(60_000);
    const answers = wire.answered('c1', 'ConsumerGroupHeartbeatResponse').map((m) => m.deliverAtMs);
    const sent = sendTimes(wire);
    // Past the join, every heartbeat leaves the moment the previous one's answer arrives: 6 s apart.
    for (let i = 2; i < sent.length; i++) {
      expect(answers).toContain(sent[i]);
      expect(sent[i]! - sent[i - 1]!).toBe(6_000);
    }
  });

  it('sends nothing while a heartbeat is unanswered, and heartbeats again once request.timeout.ms has passed', () => {
    const sim = kip848();
    const wire = new CoordinatorWire(sim, 10);
    wire.advanceTo(20_000);
    // Lose c1's next answer: it arrives on a connection the consumer no longer has.
    let lostAtMs = -1;
    wire.advanceTo(30_000, () => {
      if (lostAtMs >= 0) return;
      const s = sim.peekState();
      const i = s.timers.findIndex(
        (t) =>
          t.timer.kind === 'deliver' &&
          t.timer.message.to === 'consumer-c1' &&
          t.timer.message.body.kind === 'ConsumerGroupHeartbeatResponse',
      );
      const scheduled = s.timers[i];
      if (!scheduled || scheduled.timer.kind !== 'deliver') return;
      const message = scheduled.timer.message;
      const body = message.body;
      if (body.kind !== 'ConsumerGroupHeartbeatResponse') return;
      s.timers[i] = {
        ...scheduled,
        timer: { kind: 'deliver', message: { ...message, body: { ...body, connectionId: -1 } } },
      };
      lostAtMs = message.sentAtMs - sim.peekState().config.networkLatencyMs;
    });
    wire.advanceTo(lostAtMs + REQUEST_TIMEOUT_MS + INTERVAL_MS + 1_000);
    const after = sendTimes(wire).filter((t) => t > lostAtMs);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]).toBeGreaterThanOrEqual(lostAtMs + REQUEST_TIMEOUT_MS);
    expect(after[0]).toBeLessThanOrEqual(lostAtMs + REQUEST_TIMEOUT_MS + INTERVAL_MS + 100);
  });
});
