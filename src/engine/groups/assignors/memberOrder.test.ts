import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareMemberInfo, sortMembers, type MemberIdentity } from './memberOrder';
import { javaStringCompare, javaStringHashCode, topicPartitionHashCode } from './javaOrder';
import { javaHashMapKeyOrder } from './javaHashOrder';

// AbstractPartitionAssignorTest (clients/src/test/java/org/apache/kafka/clients/consumer/internals).
const member = (memberId: string, groupInstanceId?: string): MemberIdentity =>
  groupInstanceId === undefined ? { memberId } : { memberId, groupInstanceId };

describe('MemberInfo ordering', () => {
  it('AbstractPartitionAssignorTest#testMemberInfoSortingWithoutGroupInstanceId', () => {
    const [m1, m2, m3] = [member('a'), member('b'), member('c')];
    expect(sortMembers([m1, m2, m3])).toEqual([m1, m2, m3]);
  });

  it('AbstractPartitionAssignorTest#testMemberInfoSortingWithAllGroupInstanceId', () => {
    const [m1, m2, m3] = [member('a', 'y'), member('b', 'z'), member('c', 'x')];
    expect(sortMembers([m1, m2, m3])).toEqual([m3, m1, m2]);
  });

  it('AbstractPartitionAssignorTest#testMemberInfoSortingSomeGroupInstanceId', () => {
    const [m1, m2, m3] = [member('a'), member('b', 'y'), member('c', 'x')];
    expect(sortMembers([m1, m2, m3])).toEqual([m3, m2, m1]);
  });

  it('AbstractPartitionAssignorTest#testMergeSortManyMemberInfo: static members first, each group in id order', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(Array.from({ length: 100 }, (_, i) => i + 100)),
        fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }),
        (ids, isStatic) => {
          const members = ids.map((id, i) => member(String(id), isStatic[i] ? String(id) : undefined));
          const expected = [
            ...members
              .filter((m) => m.groupInstanceId !== undefined)
              .sort((a, b) => Number(a.memberId) - Number(b.memberId)),
            ...members
              .filter((m) => m.groupInstanceId === undefined)
              .sort((a, b) => Number(a.memberId) - Number(b.memberId)),
          ];
          expect(sortMembers(members)).toEqual(expected);
        },
      ),
    );
  });

  it('compares by UTF-16 code units like String.compareTo, not by locale', () => {
    // 'Z' (U+005A) < 'a' (U+0061) < 'é' (U+00E9), and a surrogate pair (U+1F600) sorts before U+FF5E.
    expect(javaStringCompare('Z', 'a')).toBeLessThan(0);
    expect(javaStringCompare('a', 'é')).toBeLessThan(0);
    expect(javaStringCompare('\u{1F600}', '\uFF5E')).toBeLessThan(0);
    expect(compareMemberInfo(member('B'), member('a'))).toBeLessThan(0);
  });
});

describe('Java hash codes and HashMap iteration order', () => {
  it('String.hashCode matches the values Java documents and computes', () => {
    // "" hashes to 0; "Aa" and "BB" are Java's textbook collision (2112); "hello" is 99162322.
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('Aa')).toBe(2112);
    expect(javaStringHashCode('BB')).toBe(2112);
    expect(javaStringHashCode('hello')).toBe(99162322);
    // Overflow wraps to a negative int, as in Java: "polygenelubricants".hashCode() == Integer.MIN_VALUE.
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
  });

  it('TopicPartition.hashCode is 31 * (31 + partition) + topic.hashCode()', () => {
    expect(topicPartitionHashCode('', 0)).toBe(961);
    expect(topicPartitionHashCode('Aa', 1)).toBe(31 * 32 + 2112);
  });

  it('iterates a HashMap bucket by bucket, colliding keys in insertion order', () => {
    // "Aa" and "BB" share bucket 2112 & 15 = 0; "a" (97) lands in bucket 1.
    expect(javaHashMapKeyOrder(['a', 'BB', 'Aa'])).toEqual(['BB', 'Aa', 'a']);
  });
});
