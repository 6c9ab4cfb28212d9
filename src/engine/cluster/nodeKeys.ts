// Keys the fetch and produce paths derive from node ids on every message, remembered: a fresh string
// must be built, flattened and hashed at each use, a remembered one keeps its hash. These are pure
// caches of pure functions; they never change an answer, so they live outside the state.

/** Entries before a cache starts over: far more than a cluster has nodes or fetcher chains. */
const CACHE_LIMIT = 10_000;

const brokerIds = new Map<string, number>();

/** The broker id of a `broker-N` node, -1 for any other node. */
export function brokerIdOf(node: string): number {
  let id = brokerIds.get(node);
  if (id === undefined) {
    if (brokerIds.size >= CACHE_LIMIT) brokerIds.clear();
    brokerIds.set(node, (id = node.startsWith('broker-') ? Number(node.slice(7)) : -1));
  }
  return id;
}

const sessionKeys = new Map<string, Map<string, string>>();

/** The state.fetchSessions key of the fetcher chain of `node` for `partitionId`. */
export function sessionKey(node: string, partitionId: string): string {
  let byPartition = sessionKeys.get(node);
  if (byPartition === undefined) {
    if (sessionKeys.size >= CACHE_LIMIT) sessionKeys.clear();
    sessionKeys.set(node, (byPartition = new Map()));
  }
  let key = byPartition.get(partitionId);
  if (key === undefined) {
    if (byPartition.size >= CACHE_LIMIT) byPartition.clear();
    byPartition.set(partitionId, (key = `${node}|${partitionId}`));
  }
  return key;
}
