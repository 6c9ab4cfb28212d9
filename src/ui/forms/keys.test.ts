import { describe, expect, it } from 'vitest';
import type { KeyStrategy } from '../../engine/index';
import { formToKeys, keysToForm } from './keys';

describe('key distribution form', () => {
  it('round-trips every kind', () => {
    const all: KeyStrategy[] = [
      { kind: 'cycle', keys: ['alice', 'bob'] },
      { kind: 'random', keys: ['x'] },
      { kind: 'null' },
      { kind: 'unique', prefix: 'order-' },
    ];
    for (const keys of all) {
      const f = keysToForm(keys);
      expect(formToKeys(f.kind, f.list)).toEqual(keys);
    }
  });

  it('trims keys and refuses an empty list where keys are needed', () => {
    expect(formToKeys('cycle', ' a ,b,, ')).toEqual({ kind: 'cycle', keys: ['a', 'b'] });
    expect(formToKeys('random', ' , ')).toBeNull();
  });
});
