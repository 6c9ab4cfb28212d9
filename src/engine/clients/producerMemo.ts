// The producer's per-record work that only depends on its inputs, remembered: parsing the value
// template and hashing the key with murmur2 (the costliest step of a keyed produce). Pure caches of
// pure functions: they never change an answer, so they live outside the state.
import { partitionForKey } from './murmur2';

/** Entries before a cache starts over (unique keys would otherwise grow it without bound). */
const CACHE_LIMIT = 10_000;

const N = '{n}';
const KEY = '{key}';
/** Literal text alternating with '{n}' / '{key}' markers, per template. */
const templates = new Map<string, string[]>();

/**
 * The text of template.replaceAll('{n}', n).replaceAll('{key}', key ?? 'null'): n is digits, so it can
 * neither form nor break a '{key}', and the markers can be found once per template.
 */
export function renderTemplate(template: string, n: number, key: string | null): string {
  const parts = templateParts(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2)
    out += (parts[i] === N ? String(n) : (key ?? 'null')) + parts[i + 1]!;
  return out;
}

function templateParts(template: string): string[] {
  let parts = templates.get(template);
  if (parts !== undefined) return parts;
  parts = [];
  const pieces = template.split(N);
  for (let i = 0; i < pieces.length; i++) {
    const keyed = pieces[i]!.split(KEY);
    for (let j = 0; j < keyed.length; j++) {
      parts.push(keyed[j]!);
      if (j < keyed.length - 1) parts.push(KEY);
    }
    if (i < pieces.length - 1) parts.push(N);
  }
  if (templates.size >= CACHE_LIMIT) templates.clear();
  templates.set(template, parts);
  return parts;
}

const keyPartitions = new Map<number, Map<string, number>>();

/** partitionForKey(key, partitions), remembered per partition count. */
export function partitionOfKey(key: string, partitions: number): number {
  let byKey = keyPartitions.get(partitions);
  if (byKey === undefined) keyPartitions.set(partitions, (byKey = new Map()));
  let partition = byKey.get(key);
  if (partition === undefined) {
    if (byKey.size >= CACHE_LIMIT) byKey.clear();
    byKey.set(key, (partition = partitionForKey(key, partitions)));
  }
  return partition;
}

const partitionIds = new Map<string, string[]>();

/**
 * `${topic}-${partition}`, remembered per topic: the producer names a partition several times per record,
 * and each fresh string would be hashed again to look the partition up.
 */
export function partitionIdOf(topic: string, partition: number): string {
  let ids = partitionIds.get(topic);
  if (ids === undefined) {
    if (partitionIds.size >= CACHE_LIMIT) partitionIds.clear();
    partitionIds.set(topic, (ids = []));
  }
  return (ids[partition] ??= `${topic}-${partition}`);
}
