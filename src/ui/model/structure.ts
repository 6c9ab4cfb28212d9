// The part of a view that decides the diagram's layout: which brokers host which replicas, which
// producers and group members exist. It changes rarely (a member joins, partitions are added), so
// the layout is recomputed only when its key changes, never per frame.
import type { SimView } from '../../engine/index';

export interface DiagramStructure {
  key: string;
  brokers: { id: number; partitionIds: string[] }[];
  producers: string[];
  groups: { groupId: string; topic: string; members: string[] }[];
  /** Share groups (KIP-932) sit under the consumer groups; a closed share member stays on screen, saying so. */
  shareGroups: { groupId: string; topic: string; members: string[] }[];
}

/**
 * A cheap fingerprint of the structure, computed every frame without allocating, so that the full
 * structure (and its key) is only rebuilt when something may have changed.
 */
/** `hidden` holds the node ids (`producer-x`, `consumer-y`) of clients removed by a command. */
export function structureFingerprint(view: SimView, hidden: ReadonlySet<string>): string {
  let h = view.partitions.length;
  for (const p of view.partitions) for (const r of p.replicas) h = (Math.imul(h, 31) + r) | 0;
  let members = '';
  for (const g of view.groups) {
    members += `|${g.groupId}:`;
    for (const m of g.members) if (!hidden.has(`consumer-${m.id}`)) members += `${m.id},`;
  }
  for (const g of view.shareGroups) {
    members += `|share:${g.groupId}:`;
    for (const m of g.members) members += `${m.consumerId},`;
  }
  let producers = '';
  for (const p of view.producers) if (!hidden.has(`producer-${p.id}`)) producers += `${p.id},`;
  return `${view.brokers.length}:${h}${members}|${producers}`;
}

export function structureOf(view: SimView, hidden: ReadonlySet<string>): DiagramStructure {
  const hosted = new Map<number, string[]>(view.brokers.map((b) => [b.id, []]));
  for (const p of view.partitions) for (const r of p.replicas) hosted.get(r)?.push(p.id);
  const brokers = view.brokers.map((b) => ({ id: b.id, partitionIds: hosted.get(b.id) ?? [] }));
  const producers = view.producers.map((p) => p.id).filter((id) => !hidden.has(`producer-${id}`));
  const groups = view.groups.map((g) => ({
    groupId: g.groupId,
    topic: g.topic,
    // Crashed members stay in the group (and on screen) until the coordinator expires their session.
    members: g.members.map((m) => m.id).filter((id) => !hidden.has(`consumer-${id}`)),
  }));
  const shareGroups = view.shareGroups.map((g) => ({
    groupId: g.groupId,
    topic: g.topic,
    members: g.members.map((m) => m.consumerId),
  }));
  const key = JSON.stringify([
    brokers.map((b) => [b.id, b.partitionIds.join(',')]),
    producers,
    groups,
    shareGroups,
  ]);
  return { key, brokers, producers, groups, shareGroups };
}
