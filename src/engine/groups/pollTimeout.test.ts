// max.poll.interval.ms expiring, against Kafka's clients: the member leaves the group without committing.
// - Classic: AbstractCoordinator.handlePollTimeoutExpiry → maybeLeaveGroup (LeaveGroup from a dynamic member)
//   → resetGenerationOnLeaveGroup. At the next poll() ConsumerCoordinator.onJoinPrepare's auto-commit fails
//   ("Failing OffsetCommit request since the consumer is not part of an active group") and the partitions are
//   given away as lost ("Giving away all assigned partitions as lost since generation/memberID has been reset").
// - KIP-848: AbstractMembershipManager.transitionToSendingLeaveGroup(dueToExpiredPollTimer=true) sends the
//   leave heartbeat without releasing the assignment first; the stale member then invokes onPartitionsLost.
import { describe, expect, it } from 'vitest';
import type { GroupMessageBody, GroupProtocol } from './types';
import { cluster } from '../testing/harness';

function slowGroup(protocol: GroupProtocol) {
  return cluster(3)
    .topic('t', 4, 3)
    .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'random', keys: ['a', 'b', 'c', 'd'] } })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: {
        'group.protocol': protocol,
        'max.poll.interval.ms': 10_000,
        'max.poll.records': 5,
        // No auto-commit tick in the window, so any commit would come from the poll timeout itself.
        'auto.commit.interval.ms': 120_000,
      },
      consumers: [{ id: 'c1' }, { id: 'c2' }],
    })
    .build();
}

describe('poll timeout (max.poll.interval.ms)', () => {
  it.each<GroupProtocol>(['classic', 'consumer'])(
    'group.protocol=%s: the member leaves and its partitions are lost, not committed',
    (protocol) => {
      const sim = slowGroup(protocol);
      sim.advanceTo(15_000);
      sim.dispatch({ type: 'slowConsumer', consumerId: 'c1', processingTimeMs: 3_000 });
      let timeout;
      let committedBefore = {};
      while (!timeout && sim.peekState().nowMs < 60_000) {
        committedBefore = { ...sim.peekState().groups.g!.committed };
        timeout = sim.advanceBy(100).find((e) => e.type === 'pollTimeout');
      }
      const timedOutAtMs = timeout?.atMs ?? -1;
      expect(timedOutAtMs).toBeGreaterThan(15_000);
      // Still on their way (one hop is 200 ms): what c1 sent when its poll timed out.
      const sent = sim
        .peekState()
        .timers.flatMap((t) => (t.timer.kind === 'deliver' ? [t.timer.message] : []))
        .filter((m) => m.from === 'consumer-c1' && m.sentAtMs === timedOutAtMs)
        .map((m) => (m.body as GroupMessageBody).kind);
      expect(sent).toEqual([protocol === 'classic' ? 'LeaveGroupRequest' : 'ConsumerGroupHeartbeatRequest']);
      // Once the leave has landed, the committed offsets are still those from before the poll timeout.
      sim.advanceTo(timedOutAtMs + 300);
      expect(sim.peekState().groups.g!.committed).toEqual(committedBefore);
      expect(timeout!.text).toContain('its partitions are lost (not committed)');
    },
  );
});

// Heartbeat.poll() resets the poll timer at every KafkaConsumer.poll() (ConsumerCoordinator.poll →
// pollHeartbeat; KIP-848: the PollEvent resets the heartbeat request manager's poll timer), so a consumer
// that polls between batches never exceeds max.poll.interval.ms, however many fetched records wait for it:
// each poll() returns at most max.poll.records of them.
describe('poll timer reset at every poll() (Heartbeat.poll)', () => {
  it.each<GroupProtocol>(['classic', 'consumer'])(
    'group.protocol=%s: a consumer whose batches queue up from several partitions, each shorter than max.poll.interval.ms, stays in the group',
    (protocol) => {
      const sim = cluster(3)
        .topic('t', 4, 3)
        .producer({
          id: 'p',
          topic: 't',
          ratePerSec: 40,
          keys: { kind: 'random', keys: ['a', 'b', 'c', 'd'] },
        })
        .group({
          groupId: 'g',
          topic: 't',
          autoOffsetReset: 'earliest',
          config: { 'group.protocol': protocol, 'max.poll.interval.ms': 10_000, 'max.poll.records': 5 },
          consumers: [{ id: 'c1' }],
        })
        .build();
      sim.advanceTo(15_000);
      // 5 records × 1,500 ms: each batch takes 7.5 s, and the four partitions' fetched records wait behind it.
      sim.dispatch({ type: 'slowConsumer', consumerId: 'c1', processingTimeMs: 1_500 });
      let inHandMs = 0;
      let waitingMs = 0;
      const events = [];
      for (let t = 15_100; t <= 75_000; t += 100) {
        events.push(...sim.advanceTo(t));
        const c1 = sim.peekState().consumers.c1!;
        const buffered = c1.fetchBuffer.reduce((n, f) => n + f.records.length - f.returned, 0);
        inHandMs = Math.max(inHandMs, c1.busyUntilMs - t);
        waitingMs = Math.max(waitingMs, c1.busyUntilMs - t + buffered * 1_500);
      }
      // More than max.poll.interval.ms of work was fetched and waiting for the application…
      expect(waitingMs).toBeGreaterThan(10_000);
      // …but poll() handed it at most max.poll.records (5 × 1,500 ms) at a time…
      expect(inHandMs).toBeLessThanOrEqual(7_500);
      // …and it came back to poll() after every batch, so its poll timer never expired.
      expect(events.filter((e) => e.type === 'pollTimeout')).toEqual([]);
      expect(sim.view().groups[0]!.members.map((m) => m.assigned.length)).toEqual([4]);
    },
  );
});
