import { describe, expect, it } from 'vitest';
import { samePlain } from './shareGroups';

describe('share groups keep their identity between frames while nothing in them changed', () => {
  it('compares plain view data by value, however deep', () => {
    const a = { groupId: 'w', members: [{ id: 'w-1', holding: 2 }], counts: { ACQUIRED: 2 } };
    expect(samePlain(a, structuredClone(a))).toBe(true);
    expect(samePlain(a, { ...a, members: [{ id: 'w-1', holding: 3 }] })).toBe(false);
    expect(samePlain(a, { ...a, counts: { ACQUIRED: 2, ARCHIVED: 0 } })).toBe(false);
    expect(samePlain([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(samePlain(null, {})).toBe(false);
  });
});
