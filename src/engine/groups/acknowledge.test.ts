// KIP-848: once a member has reconciled a new assignment, whether it gave partitions up or only received
// some, it acknowledges it at once with a heartbeat that lists what it now owns (the member moves to
// ACKNOWLEDGING after every completed reconciliation, AbstractMembershipManager), rather than at its next
// heartbeat interval; the coordinator learns then that the member owns its partitions.
import { describe, expect, it } from 'vitest';
import { cluster } from '../testing/harness';
import { CoordinatorWire } from '../testing/coordinatorWire';

function oneMember() {
  return cluster(3)
    .topic('t', 3, 3)
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config: { 'group.protocol': 'consumer' },
      consumers: [{ id: 'c1' }],
    })
    .build();
}

describe('KIP-848 acknowledgement of a reconciled assignment', () => {
  it('acknowledges partitions it was only given at once, listing them as owned', () => {
    const sim = oneMember();
    const wire = new CoordinatorWire(sim, 20);
    wire.advanceTo(10_000);
    const answers = wire.answered('c1', 'ConsumerGroupHeartbeatResponse');
    const assigning = answers.find((a) => a.body.assignment.length > 0)!;
    expect(assigning.body.assignment).toEqual(['t-0', 't-1', 't-2']);
    const ack = wire
      .sent('c1', 'ConsumerGroupHeartbeatRequest')
      .find((h) => h.sentAtMs >= assigning.deliverAtMs)!;
    // Sent as the answer arrived, not a heartbeat interval (5 s) later.
    expect(ack.sentAtMs).toBe(assigning.deliverAtMs);
    expect([...ack.body.ownedPartitions].sort()).toEqual(['t-0', 't-1', 't-2']);
    expect(ack.body.memberEpoch).toBe(assigning.body.memberEpoch);
  });
});
