import { describe, expect, it } from 'vitest';
import type { ShareMemberView } from '../../engine/index';
import { headerShowsTopic, holdingText, shareMemberText } from './shareMemberText';

const member = (over: Partial<ShareMemberView> = {}): ShareMemberView => ({
  consumerId: 'workers-1',
  memberId: 'm1',
  status: 'running',
  stopReason: null,
  inGroup: true,
  memberEpoch: 3,
  assigned: ['jobs-0', 'jobs-1'],
  holding: 4,
  processing: 4,
  processingTimeMs: 0,
  consumed: 20,
  accepted: 11,
  released: 9,
  rejected: 0,
  ...over,
});

describe('a share member’s row', () => {
  it('lists the partitions it reads, and its acknowledgements in words when they fit', () => {
    const t = shareMemberText(member(), 'jobs', 30);
    expect([t.status, t.short, t.tone]).toEqual(['jobs 0, 1', 'jobs 0, 1', 'plain']);
    expect(t.counts).toBe('11 accepted · 9 released · 0 rejected');
    expect(shareMemberText(member(), 'jobs', 12).counts).toBe('11 acc · 9 rel · 0 rej');
    expect(t.countsTitle).toContain('20 records consumed');
  });

  it('says a crashed member is still in the group until its session expires, and a closed one left', () => {
    const crashed = member({ status: 'stopped', stopReason: 'crashed' });
    expect(shareMemberText(crashed, 'jobs', 30)).toMatchObject({
      status: 'crashed: still in the group',
      short: 'crashed',
      tone: 'bad',
    });
    expect(shareMemberText({ ...crashed, inGroup: false }, 'jobs', 30).status).toContain('removed');
    const closed = member({ status: 'stopped', stopReason: 'closed', inGroup: false });
    expect(shareMemberText(closed, 'jobs', 30)).toMatchObject({
      status: 'closed: left the group',
      tone: 'idle',
    });
  });

  it('keeps a crashed member’s locks on screen, saying when they run out', () => {
    expect(holdingText(member({ holding: 0 }), 15_000)).toBeNull();
    const crashed = holdingText(member({ status: 'stopped', stopReason: 'crashed' }), 15_000)!;
    expect(crashed.text).toBe('holding 4');
    expect(crashed.title).toContain('AVAILABLE again when share.record.lock.duration.ms (15000 ms) runs out');
  });
});

describe('a share group card’s header', () => {
  it('shows the topic only when it fits whole beside the state, epoch and lag', () => {
    // Measured at 1280×720 (14 px root): the line is 181 px; "Stable jobs · epoch 3 · lag 9" fits,
    // "Stable print-jobs · epoch 4 · lag 13" needs about 214 px.
    const h = { state: 'Stable', topic: 'jobs', epoch: 3, lag: '9' };
    expect(headerShowsTopic(h, 181, 14)).toBe(true);
    expect(headerShowsTopic({ ...h, topic: 'print-jobs', epoch: 4, lag: '13' }, 181, 14)).toBe(false);
  });
});
