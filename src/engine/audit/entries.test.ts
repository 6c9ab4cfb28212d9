// The audit's column chunks: entries read back as written, emptied chunks go, and a shared copy (a
// checkpoint) never sees later writes, additions or deletions.
import { describe, expect, it } from 'vitest';
import type { AuditState } from '../types';
import {
  ACKED,
  AUDIT_CHUNK_IDS,
  addCommittedOffset,
  addEntry,
  auditEntries,
  auditEntry,
  deleteEntry,
  findSlot,
  shareEntries,
  writableSlot,
} from './entries';

function emptyAudit(): AuditState {
  return {
    records: {},
    acknowledged: 0,
    committed: 0,
    lost: 0,
    duplicated: 0,
    reordered: 0,
    failed: 0,
    aborted: 0,
    explanations: [],
    lastCommittedKeySeq: {},
    nextKeySeq: {},
  };
}

const add = (audit: AuditState, id: number): void =>
  addEntry(audit, id, {
    producer: 'p',
    partitionId: 't-0',
    key: `k${id}`,
    keySeq: id,
    acks: 'all',
    sentAtMs: id,
  });

describe('audit entries', () => {
  it('reads back what was written, in ascending id across chunks', () => {
    const audit = emptyAudit();
    const ids = [3, 17, AUDIT_CHUNK_IDS - 1, AUDIT_CHUNK_IDS, 5 * AUDIT_CHUNK_IDS + 2];
    for (const id of ids) add(audit, id);
    const s = writableSlot(audit, 17)!;
    s.c.copies[s.i] = 2;
    s.c.flags[s.i]! |= ACKED;
    addCommittedOffset(s, 40);
    addCommittedOffset(s, 41);
    expect(auditEntry(audit, 17)).toMatchObject({
      id: 17,
      key: 'k17',
      keySeq: 17,
      copies: 2,
      acked: true,
      committed: true,
      committedOffsets: [40, 41],
    });
    expect(auditEntries(audit).map((e) => e.id)).toEqual(ids);
    expect(findSlot(audit, 18)).toBeUndefined();
  });

  it('forgets deleted entries and drops a chunk once all of its entries are gone', () => {
    const audit = emptyAudit();
    for (const id of [1, 2, AUDIT_CHUNK_IDS + 1]) add(audit, id);
    deleteEntry(audit, 1);
    expect(auditEntry(audit, 1)).toBeUndefined();
    expect(Object.keys(audit.records)).toEqual(['0', '1']);
    deleteEntry(audit, 2);
    expect(Object.keys(audit.records)).toEqual(['1']);
    expect(auditEntries(audit).map((e) => e.id)).toEqual([AUDIT_CHUNK_IDS + 1]);
  });

  it('keeps a checkpoint taken before later writes, additions and deletions as it was', () => {
    const audit = emptyAudit();
    for (let id = 1; id <= 20; id++) add(audit, id * 100);
    const checkpoint = { ...audit, records: shareEntries(audit.records) };
    const before = JSON.stringify(auditEntries(checkpoint));
    const s = writableSlot(audit, 500)!;
    s.c.copies[s.i] = 3;
    addCommittedOffset(s, 9);
    deleteEntry(audit, 700);
    add(audit, 2_100);
    add(audit, 9 * AUDIT_CHUNK_IDS);
    expect(JSON.stringify(auditEntries(checkpoint))).toBe(before);
    expect(auditEntry(audit, 500)).toMatchObject({ copies: 3, committedOffsets: [9] });
    // The restored side may write as well without reaching the live one.
    const t = writableSlot(checkpoint, 500)!;
    t.c.copies[t.i] = 1;
    expect(auditEntry(audit, 500)!.copies).toBe(3);
  });

  it('refuses an id below one already registered in its chunk (the search relies on order)', () => {
    const audit = emptyAudit();
    add(audit, 10);
    expect(() => add(audit, 9)).toThrow(/registered after/);
  });
});
