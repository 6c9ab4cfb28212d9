// Checkpoints copy the state. Log records never change once appended, so they are shared between
// copies instead of cloned: a checkpoint costs pointers, not records.
import type { SimState } from '../types';

function isLogRecord(value: object): boolean {
  return 'recordId' in value && 'leaderEpoch' in value && 'offset' in value;
}

export function clonePlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = clonePlain(value[i] as unknown);
    return out as T;
  }
  if (isLogRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = clonePlain((value as Record<string, unknown>)[key]);
  return out as T;
}

export function cloneState(state: SimState): SimState {
  return clonePlain(state);
}

/** FNV-1a over a canonical walk of the state: equal hashes ⇔ (almost surely) equal states. */
export function hashState(state: SimState): string {
  let h = 0x811c9dc5;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  };
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return mix(v === null ? 'n' : 'u');
    if (typeof v !== 'object') return mix(`${typeof v}:${String(v)};`);
    if (Array.isArray(v)) {
      mix('[');
      for (const x of v) walk(x);
      return mix(']');
    }
    mix('{');
    for (const k of Object.keys(v).sort()) {
      mix(k);
      walk((v as Record<string, unknown>)[k]);
    }
    mix('}');
  };
  walk(state);
  return (h >>> 0).toString(16).padStart(8, '0');
}
