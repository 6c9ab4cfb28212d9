// The share-partition leader's side of ShareFetch and ShareAcknowledge (SharePartitionManager): apply
// the acknowledgements the request carries, then acquire records for the member, redeliveries first,
// then new records up to the high watermark (the last stable offset under read_committed), at most
// maxRecords per request and share.partition.max.record.locks per share-partition. A request that can
// acquire nothing is parked (DelayedShareFetch) until records arrive or are released, or its wait runs out.
import type { LogRecord, Message, SimState } from '../types';
import type { AcknowledgeType, ParkedShareFetch, ShareGroupState, ShareMessageBody } from './types';
import { brokerIdOf } from '../cluster/nodeKeys';
import { leaderLog } from '../cluster/partition';
import { forEachInRange } from '../log/replicaLog';
import { abortedIn, isAborted, isControl, lastStableOffset } from '../log/txnIndex';
import { brokerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { emit } from '../sim/events';
import {
  acknowledge,
  acquire,
  availableInWindow,
  initialize,
  inFlightCount,
  moveStartTo,
  newSharePartition,
  releaseLocks,
  skipTo,
  throttleFrom,
} from './sharePartition';

type ShareFetchRequest = Extract<ShareMessageBody, { kind: 'ShareFetchRequest' }>;
type ShareFetchResponse = Extract<ShareMessageBody, { kind: 'ShareFetchResponse' }>;
type Ack = { partitionId: string; offset: number; type: AcknowledgeType };

export function onShareFetchRequest(state: SimState, message: Message): void {
  const body = message.body as ShareFetchRequest;
  const brokerId = brokerIdOf(message.to);
  const g = state.shareGroups[body.groupId];
  if (!g) return;
  applyAcks(state, g, brokerId, body.memberId, body.acknowledgements);
  const parked: ParkedShareFetch = {
    expiresAtMs: state.nowMs + body.maxWaitMs,
    from: message.from,
    brokerId,
    body,
  };
  if (tryComplete(state, parked, false)) return;
  (state.parkedShareFetches[brokerId] ??= []).push(parked);
  schedule(state, parked.expiresAtMs, { kind: 'shareFetchWaitExpired', brokerId });
}

/** ShareAcknowledge: acknowledgements alone, and on close, the release of everything the member holds. */
export function onShareAcknowledgeRequest(state: SimState, message: Message): void {
  const body = message.body as Extract<ShareMessageBody, { kind: 'ShareAcknowledgeRequest' }>;
  const brokerId = brokerIdOf(message.to);
  const g = state.shareGroups[body.groupId];
  if (!g) return;
  applyAcks(state, g, brokerId, body.memberId, body.acknowledgements);
  if (body.closing) releaseMember(state, g, body.memberId, brokerId);
}

/**
 * The member's share session on `brokerId` closed (or, with brokerId -1, the member left the group): the
 * records it holds there are released at once, rather than when their locks run out.
 */
export function releaseMember(state: SimState, g: ShareGroupState, memberId: string, brokerId = -1): void {
  for (const pid of Object.keys(g.partitions)) {
    if (brokerId >= 0 && state.partitions[pid]?.leader !== brokerId) continue;
    const released = releaseLocks(g.partitions[pid]!, g.config['share.delivery.count.limit'], { memberId });
    const consumerId = g.members[memberId]?.consumerId ?? 'a member';
    noteReleased(state, g, pid, released, `${consumerId}'s share session closed`);
  }
}

function applyAcks(
  state: SimState,
  g: ShareGroupState,
  brokerId: number,
  memberId: string,
  acks: Ack[],
): void {
  const limit = g.config['share.delivery.count.limit'];
  let released = false;
  const invalid = new Map<string, number[]>();
  const renewed = new Set<string>();
  for (const a of acks) {
    const sp = g.partitions[a.partitionId];
    // Acknowledgements sent to a broker that no longer leads the partition fail: the new leader has made
    // the records available again.
    if (!sp || state.partitions[a.partitionId]?.leader !== brokerId) continue;
    const renewedUntil = state.nowMs + g.config['share.record.lock.duration.ms'];
    const outcome = acknowledge(sp, a.offset, memberId, a.type, limit, renewedUntil);
    if (outcome === 'INVALID_RECORD_STATE') {
      if (a.offset >= sp.startOffset)
        invalid.set(a.partitionId, [...(invalid.get(a.partitionId) ?? []), a.offset]);
      continue;
    }
    if (outcome === 'RENEWED') {
      g.stats.renewed++;
      renewed.add(a.partitionId);
    } else if (a.type === 'ACCEPT') g.stats.accepted++;
    else if (a.type === 'REJECT') g.stats.rejected++;
    else {
      g.stats.released++;
      released = true;
      if (outcome === 'ARCHIVED') archivedAtLimit(state, g, a.partitionId, a.offset);
    }
  }
  if (released) completeParkedShareFetches(state, brokerId);
  // Renewed locks run out later: their expiry is checked then.
  for (const pid of renewed)
    schedule(state, state.nowMs + g.config['share.record.lock.duration.ms'], {
      kind: 'shareLockExpiry',
      groupId: g.groupId,
      partitionId: pid,
    });
  const consumerId = g.members[memberId]?.consumerId ?? 'a former member';
  for (const [pid, offsets] of invalid)
    emit(
      state,
      'shareAckFailed',
      `Share group ${g.groupId}: ${consumerId}'s acknowledgement of ${offsets.length > 1 ? `offsets ${offsets[0]}–${offsets[offsets.length - 1]}` : `offset ${offsets[0]}`} of ${pid} failed with INVALID_RECORD_STATE: it no longer holds ${offsets.length > 1 ? 'their locks' : 'the lock'} (share.record.lock.duration.ms ran out, or the leader changed), so ${offsets.length > 1 ? 'they were' : 'it was'} released to be delivered again.`,
      { partitionId: pid },
    );
}

function archivedAtLimit(state: SimState, g: ShareGroupState, partitionId: string, offset: number): void {
  g.stats.archivedAtLimit++;
  emit(
    state,
    'shareRecordArchived',
    `Share group ${g.groupId}: offset ${offset} of ${partitionId} reached share.delivery.count.limit (${g.config['share.delivery.count.limit']} deliveries) and is ARCHIVED: it will not be delivered again.`,
    { partitionId },
  );
}

function noteReleased(
  state: SimState,
  g: ShareGroupState,
  partitionId: string,
  released: { offset: number; state: string }[],
  why: string,
): void {
  if (released.length === 0) return;
  for (const r of released) if (r.state === 'ARCHIVED') archivedAtLimit(state, g, partitionId, r.offset);
  const available = released.filter((r) => r.state === 'AVAILABLE').length;
  if (available > 0)
    emit(
      state,
      'shareRecordsReleased',
      `Share group ${g.groupId}: ${why}, so ${available} acquired record${available > 1 ? 's' : ''} of ${partitionId} ${available > 1 ? 'are' : 'is'} AVAILABLE again for any member.`,
      { partitionId },
    );
  const p = state.partitions[partitionId];
  if (p && p.leader >= 0) completeParkedShareFetches(state, p.leader);
}

/** An acquisition lock may have run out: release what has expired, and arm the next check. */
export function onShareLockExpiry(state: SimState, groupId: string, partitionId: string): void {
  const g = state.shareGroups[groupId];
  const sp = g?.partitions[partitionId];
  if (!g || !sp) return;
  const released = releaseLocks(sp, g.config['share.delivery.count.limit'], { expiredBy: state.nowMs });
  noteReleased(
    state,
    g,
    partitionId,
    released,
    `share.record.lock.duration.ms (${g.config['share.record.lock.duration.ms']} ms) ran out`,
  );
}

/** The partition has a new leader: acquisitions are not persisted, so acquired records are available again. */
export function onShareLeaderChange(state: SimState, partitionId: string): void {
  for (const id of state.shareGroupIds) {
    const g = state.shareGroups[id]!;
    const sp = g.partitions[partitionId];
    if (!sp) continue;
    const before = sp.inFlight.filter((r) => r.state === 'ACQUIRED').length;
    const limit = g.config['share.delivery.count.limit'];
    const released = releaseLocks(sp, limit, { expiredBy: Number.POSITIVE_INFINITY });
    sp.stateEpoch++;
    if (before > 0) noteReleased(state, g, partitionId, released, 'the partition has a new leader');
  }
}

/** Try every parked ShareFetch at `brokerId` again: records arrived, were released, or a leader moved. */
export function completeParkedShareFetches(state: SimState, brokerId: number): void {
  const parked = state.parkedShareFetches[brokerId];
  if (!parked || parked.length === 0) return;
  const waiting = parked.splice(0);
  for (const f of waiting) if (!tryComplete(state, f, false)) parked.push(f);
}

export function onShareFetchWaitExpired(state: SimState, brokerId: number): void {
  const parked = state.parkedShareFetches[brokerId];
  if (!parked) return;
  const due = parked.filter((f) => f.expiresAtMs <= state.nowMs);
  state.parkedShareFetches[brokerId] = parked.filter((f) => f.expiresAtMs > state.nowMs);
  for (const f of due) tryComplete(state, f, true);
}

/** Acquire for a request; answer it if anything was acquired, a partition failed, or `force`. */
function tryComplete(state: SimState, f: ParkedShareFetch, force: boolean): boolean {
  const g = state.shareGroups[f.body.groupId];
  const member = g?.members[f.body.memberId];
  const responses: ShareFetchResponse['responses'] = [];
  let budget = f.body.maxRecords;
  let answer = force;
  for (const pid of f.body.partitions) {
    const p = state.partitions[pid];
    if (!p || p.leader !== f.brokerId || state.brokers[f.brokerId]?.status !== 'running') {
      responses.push({ partitionId: pid, error: 'NOT_LEADER_OR_FOLLOWER', acquired: [] });
      answer = true;
      continue;
    }
    // A member the coordinator no longer knows acquires nothing (its session is gone).
    const acquired = g && member && budget > 0 ? acquireFrom(state, g, pid, f.body.memberId, budget) : [];
    budget -= acquired.length;
    if (acquired.length > 0) answer = true;
    responses.push({ partitionId: pid, error: null, acquired });
  }
  if (!answer) return false;
  send(state, brokerNode(f.brokerId), f.from, {
    kind: 'ShareFetchResponse',
    groupId: f.body.groupId,
    responses,
    token: f.body.token,
  });
  return true;
}

function acquireFrom(
  state: SimState,
  g: ShareGroupState,
  partitionId: string,
  memberId: string,
  budget: number,
): { record: LogRecord; deliveryCount: number }[] {
  const p = state.partitions[partitionId]!;
  const log = leaderLog(p);
  if (!log) return [];
  const readCommitted = g.config['share.isolation.level'] === 'read_committed';
  const limitOffset = readCommitted ? lastStableOffset(log) : log.highWatermark;
  const sp = (g.partitions[partitionId] ??= newSharePartition(partitionId));
  if (sp.startOffset < 0)
    initialize(sp, g.config['share.auto.offset.reset'] === 'earliest' ? log.logStartOffset : limitOffset);
  moveStartTo(sp, log.logStartOffset);
  const lockUntil = state.nowMs + g.config['share.record.lock.duration.ms'];
  const out: { record: LogRecord; deliveryCount: number }[] = [];
  // Redeliveries first: released records wait in the window at the lowest offsets. A record that has
  // failed often (throttleFrom) goes out alone, so that it does not take a whole batch down with it again.
  const throttle = throttleFrom(g.config['share.delivery.count.limit']);
  for (const r of availableInWindow(sp)) {
    if (out.length >= budget) break;
    const record = recordAt(log, r.offset);
    if (!record) continue;
    const alone = r.deliveryCount >= throttle;
    if (alone && out.length > 0) return finish(state, g, partitionId, out, lockUntil);
    acquire(sp, r, memberId, lockUntil);
    out.push({ record, deliveryCount: r.deliveryCount });
    if (alone) return finish(state, g, partitionId, out, lockUntil);
  }
  const maxLocks = g.config['share.partition.max.record.locks'];
  const aborted = readCommitted ? abortedIn(log, sp.endOffset, limitOffset) : [];
  forEachInRange(log, sp.endOffset, limitOffset, (record) => {
    if (out.length >= budget || inFlightCount(sp) >= maxLocks) return;
    // Transaction markers, and under read_committed records of aborted transactions, are never delivered.
    if (isControl(record) || (readCommitted && isAborted(record, aborted)))
      return skipTo(sp, record.offset + 1);
    out.push({
      record,
      deliveryCount: acquire(sp, { offset: record.offset }, memberId, lockUntil).deliveryCount,
    });
  });
  return finish(state, g, partitionId, out, lockUntil);
}

/** Count redeliveries and arm the acquisition lock's timer. */
function finish(
  state: SimState,
  g: ShareGroupState,
  partitionId: string,
  out: { record: LogRecord; deliveryCount: number }[],
  lockUntil: number,
): { record: LogRecord; deliveryCount: number }[] {
  g.stats.redelivered += out.filter((a) => a.deliveryCount > 1).length;
  if (out.length > 0)
    schedule(state, lockUntil, { kind: 'shareLockExpiry', groupId: g.groupId, partitionId });
  return out;
}

function recordAt(log: Parameters<typeof forEachInRange>[0], offset: number): LogRecord | undefined {
  let found: LogRecord | undefined;
  forEachInRange(log, offset, offset + 1, (r) => (found = r));
  return found;
}
