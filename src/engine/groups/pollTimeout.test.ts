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
