// The key distribution as a form edits it: a kind and a comma-separated list of keys.
import type { KeyStrategy } from '../../engine/index';

export type KeyKind = KeyStrategy['kind'];

export const KEY_KINDS: { kind: KeyKind; label: string }[] = [
  { kind: 'cycle', label: 'these keys in turn' },
  { kind: 'random', label: 'a random key from these' },
  { kind: 'null', label: 'no key (sticky partitioner)' },
  { kind: 'unique', label: 'a new key per record' },
];

export function keysToForm(keys: KeyStrategy): { kind: KeyKind; list: string } {
  if (keys.kind === 'cycle' || keys.kind === 'random') return { kind: keys.kind, list: keys.keys.join(', ') };
  if (keys.kind === 'unique') return { kind: 'unique', list: keys.prefix };
  return { kind: 'null', list: '' };
}

/** Returns null when the list is needed but empty. */
export function formToKeys(kind: KeyKind, list: string): KeyStrategy | null {
  const keys = list
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  switch (kind) {
    case 'cycle':
    case 'random':
      return keys.length > 0 ? { kind, keys } : null;
    case 'unique':
      return { kind: 'unique', prefix: keys[0] ?? 'key-' };
    case 'null':
      return { kind: 'null' };
  }
}
