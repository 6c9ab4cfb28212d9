// The share groups' `simple` assignor against SimpleHomogeneousAssignmentBuilder (Kafka 4.2): each
// partition to ceil(M / P) members, member i wanting ceil(x·(i+1)) − ceil(x·i) partitions with
// x = ceil(M / P) · P / M; the worked sizes below are the ones that formula gives Kafka's builder.
import { describe, expect, it } from 'vitest';
import { assignShareGroup } from './simpleAssignor';

const members = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);
const partitions = (n: number) => Array.from({ length: n }, (_, i) => `t-${i}`);
const sizes = (a: Record<string, string[]>) => Object.values(a).map((ps) => ps.length);
const sharing = (a: Record<string, string[]>, p: string) =>
  Object.values(a).filter((ps) => ps.includes(p)).length;

describe('SimpleAssignor (share groups)', () => {
  it.each([
    [2, 3, [2, 1], 1],
    [3, 3, [1, 1, 1], 1],
    [4, 3, [2, 1, 2, 1], 2],
    [3, 2, [2, 1, 1], 2],
    [5, 1, [1, 1, 1, 1, 1], 5],
    [7, 3, [2, 1, 1, 2, 1, 1, 1], 3],
  ])('%i members on %i partitions: sizes %j, each partition shared by %i', (m, p, expected, share) => {
    const a = assignShareGroup(members(m), partitions(p));
    expect(sizes(a)).toEqual(expected);
    for (const pid of partitions(p)) expect(sharing(a, pid)).toBe(share);
  });

  it('gives every member something to fetch, however many more members than partitions', () => {
    const a = assignShareGroup(members(10), partitions(2));
    expect(Object.values(a).every((ps) => ps.length >= 1)).toBe(true);
  });

  it('keeps what members had when one joins (sticky), moving only what balance needs', () => {
    const before = assignShareGroup(['a', 'b'], partitions(4));
    const after = assignShareGroup(['a', 'b', 'c'], partitions(4), before);
    for (const m of ['a', 'b']) for (const p of after[m]!) expect(before[m]).toContain(p);
    expect(after.c!.length).toBe(1);
    expect(Object.values(after).flat().sort()).toEqual(partitions(4));
  });

  it('assigns nothing without partitions, and nothing to no one', () => {
    expect(assignShareGroup(['a'], [])).toEqual({ a: [] });
    expect(assignShareGroup([], partitions(3))).toEqual({});
  });
});
