// What a consumer's row in its group card says, and in which tone. Only abnormal states are "bad": a crash
// (the coordinator learns of it only when the session times out) and a fatal error that stopped poll(). A
// clean close is not: it says how the member left, which under static membership is not at once.
import type { GroupModel, MemberModel } from '../model/model';

export type MemberTone = 'plain' | 'idle' | 'bad' | 'busy';

function partitionNumbers(assigned: readonly string[], topics: readonly string[]): string {
  // One topic: just the numbers. Several: the full partition names, so they can be told apart.
  if (topics.length > 1) return assigned.join(', ');
  return `${topics[0] ?? ''} ${assigned.map((p) => p.slice(p.lastIndexOf('-') + 1)).join(', ')}`;
}

/** How a closed member left: LeaveGroup or member epoch -1, or, for a static member, not for now. */
function closedText(m: MemberModel, protocol: string): string {
  if (!m.groupInstanceId) return 'closed: left the group';
  return protocol === 'consumer' ? 'closed: left with epoch -2' : 'closed: sent no LeaveGroup';
}

function stoppedText(m: MemberModel, protocol: string): { text: string; tone: MemberTone } {
  const reason = m.stopReason;
  if (reason?.kind === 'closed') return { text: closedText(m, protocol), tone: 'idle' };
  if (reason?.kind === 'failed') return { text: `failed: ${reason.exception}`, tone: 'bad' };
  return { text: 'crashed: no heartbeats', tone: 'bad' };
}

export function memberText(m: MemberModel, g: GroupModel): { text: string; tone: MemberTone } {
  if (m.status === 'stopped') return stoppedText(m, g.protocol);
  if (m.phase === 'joining' || m.phase === 'syncing')
    return { text: `rebalancing: ${m.phase === 'joining' ? 'JoinGroup' : 'SyncGroup'}`, tone: 'busy' };
  // KIP-848: the member is at the target epoch, but some of its target is still owned by other members.
  if (m.memberState === 'UNRELEASED_PARTITIONS')
    return {
      text:
        m.assigned.length > 0
          ? `${partitionNumbers(m.assigned, g.topics)}; awaiting unreleased`
          : 'awaiting unreleased partitions',
      tone: 'busy',
    };
  if (m.assigned.length === 0) return { text: 'idle: no partition', tone: 'idle' };
  return { text: partitionNumbers(m.assigned, g.topics), tone: m.phase === 'reconciling' ? 'busy' : 'plain' };
}
