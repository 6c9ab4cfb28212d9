import { describe, expect, it } from 'vitest';
import type { GroupModel, MemberModel } from '../model/model';
import { memberText } from './memberText';

const member = (over: Partial<MemberModel>): MemberModel => ({
  id: 'c1',
  status: 'running',
  stopReason: null,
  phase: 'stable',
  memberState: null,
  isLeader: false,
  groupInstanceId: null,
  assigned: ['orders-0', 'orders-2'],
  consumed: 0,
  processingTimeMs: 0,
  buffered: 0,
  ...over,
});

const group = (protocol: 'classic' | 'consumer'): GroupModel => ({
  groupId: 'g',
  topic: 'orders',
  topics: ['orders'],
  protocol,
  assignor: 'range',
  partitionAssignmentStrategy: ['range'],
  fetchMinBytes: 1,
  fetchMaxWaitMs: 500,
  isolationLevel: 'read_uncommitted',
  rebalancing: false,
  state: 'Stable',
  generation: 1,
  members: [],
  partitions: [],
  totalLag: 0,
});

const stopped = (stopReason: MemberModel['stopReason'], groupInstanceId: string | null = null) =>
  member({ status: 'stopped', stopReason, phase: 'left', assigned: [], groupInstanceId });

describe('memberText', () => {
  it('shows a running member’s partitions, or that it is idle or rebalancing', () => {
    expect(memberText(member({}), group('classic'))).toEqual({ text: 'orders 0, 2', tone: 'plain' });
    expect(memberText(member({ assigned: [] }), group('classic'))).toEqual({
      text: 'idle: no partition',
      tone: 'idle',
    });
    expect(memberText(member({ phase: 'syncing' }), group('classic'))).toEqual({
      text: 'rebalancing: SyncGroup',
      tone: 'busy',
    });
  });

  it('shows a KIP-848 member waiting in UNRELEASED_PARTITIONS as busy, with what it already owns (CurrentAssignmentBuilder)', () => {
    expect(memberText(member({ memberState: 'UNRELEASED_PARTITIONS' }), group('consumer'))).toEqual({
      text: 'orders 0, 2; awaiting unreleased',
      tone: 'busy',
    });
    expect(
      memberText(member({ memberState: 'UNRELEASED_PARTITIONS', assigned: [] }), group('consumer')),
    ).toEqual({ text: 'awaiting unreleased partitions', tone: 'busy' });
    expect(memberText(member({ memberState: 'STABLE' }), group('consumer'))).toEqual({
      text: 'orders 0, 2',
      tone: 'plain',
    });
  });

  it('calls only a crash and a fatal error bad: the coordinator hears of a crash only when the session times out', () => {
    expect(memberText(stopped({ kind: 'crashed' }), group('classic'))).toEqual({
      text: 'crashed: no heartbeats',
      tone: 'bad',
    });
    // HeartbeatRequestManager treats UNRELEASED_INSTANCE_ID as fatal: poll() throws and the consumer stops.
    expect(
      memberText(stopped({ kind: 'failed', exception: 'UnreleasedInstanceIdException' }), group('consumer')),
    ).toEqual({ text: 'failed: UnreleasedInstanceIdException', tone: 'bad' });
  });

  it('says how a closed member left, in each protocol’s terms, without calling it bad', () => {
    const closed = { kind: 'closed' } as const;
    // A dynamic member sends LeaveGroup (classic) or member epoch -1 (KIP-848): it leaves at once.
    expect(memberText(stopped(closed), group('classic'))).toEqual({
      text: 'closed: left the group',
      tone: 'idle',
    });
    expect(memberText(stopped(closed), group('consumer')).text).toBe('closed: left the group');
    // A static member does not leave for now (AbstractCoordinator.maybeLeaveGroup; leaveGroupEpoch -2).
    expect(memberText(stopped(closed, 'c1-host'), group('classic'))).toEqual({
      text: 'closed: sent no LeaveGroup',
      tone: 'idle',
    });
    expect(memberText(stopped(closed, 'c1-host'), group('consumer')).text).toBe('closed: left with epoch -2');
  });
});
