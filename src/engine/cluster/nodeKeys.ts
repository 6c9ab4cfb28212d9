// What the network and the fetch and produce paths derive from node ids on every message, remembered.
// Parsing `broker-1` by slicing builds a fresh string that must then be hashed and looked up in V8's
// string table before it can index state.brokers; a remembered parse is one Map lookup on a string
// whose hash is cached. Node ids are interned for the same reason. These are pure caches of pure
// functions; they never change an answer, so they live outside the state.

/** Entries before a cache starts over: far more than a cluster has nodes or fetcher chains. */
const CACHE_LIMIT = 10_000;

/** NodeInfo.kind: what the id names (controller and coordinator are always reachable). */
export const OTHER_NODE = 0;
export const BROKER_NODE = 1;
export const PRODUCER_NODE = 2;
export const CONSUMER_NODE = 3;
export const ALWAYS_UP_NODE = 4;
export const SHARE_NODE = 5;

export interface NodeInfo {
  kind: number;
  /** The key into state.brokers, state.producers or state.consumers ('' for other nodes). */
  key: string;
  /** Number(key) for a broker node, -1 for any other node. */
  brokerId: number;
  /** state.fetchers keys of this node's fetchers, per source broker id. */
  fetcherKeys: Map<number, string>;
}

const infos = new Map<string, NodeInfo>();

function parse(node: string): NodeInfo {
  let kind = OTHER_NODE;
  let key = '';
  if (node === 'controller' || node === 'coordinator') kind = ALWAYS_UP_NODE;
  else if (node.startsWith('broker-')) [kind, key] = [BROKER_NODE, node.slice(7)];
  else if (node.startsWith('consumer-')) [kind, key] = [CONSUMER_NODE, node.slice(9)];
  else if (node.startsWith('producer-')) [kind, key] = [PRODUCER_NODE, node.slice(9)];
  else if (node.startsWith('share-')) [kind, key] = [SHARE_NODE, node.slice(6)];
  return { kind, key, brokerId: kind === BROKER_NODE ? Number(key) : -1, fetcherKeys: new Map() };
}

/** The last node asked about: a message's handlers ask about the same node several times in a row. */
let lastNode = '';
let lastInfo = parse('');

export function nodeInfo(node: string): NodeInfo {
  if (node === lastNode) return lastInfo;
  let info = infos.get(node);
  if (info === undefined) {
    if (infos.size >= CACHE_LIMIT) infos.clear();
    infos.set(node, (info = parse(node)));
  }
  lastNode = node;
  lastInfo = info;
  return info;
}

/** The broker id of a `broker-N` node, -1 for any other node. */
export function brokerIdOf(node: string): number {
  return nodeInfo(node).brokerId;
}

/** The state.fetchers key of the fetcher of `node` that fetches from broker `brokerId`. */
export function fetcherKey(node: string, brokerId: number): string {
  return fetcherKeyOf(nodeInfo(node), node, brokerId);
}

/** fetcherKey for a caller that has looked up the node's info already. */
export function fetcherKeyOf(info: NodeInfo, node: string, brokerId: number): string {
  const byBroker = info.fetcherKeys;
  let key = byBroker.get(brokerId);
  if (key === undefined) {
    if (byBroker.size >= CACHE_LIMIT) byBroker.clear();
    byBroker.set(brokerId, (key = `${node}|${brokerId}`));
  }
  return key;
}

const brokerNodes = new Map<number, string>();
const producerNodes = new Map<string, string>();
const consumerNodes = new Map<string, string>();

function interned<K>(cache: Map<K, string>, id: K, make: (id: K) => string): string {
  let node = cache.get(id);
  if (node === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(id, (node = make(id)));
  }
  return node;
}

export const brokerNode = (id: number): string => interned(brokerNodes, id, (b) => `broker-${b}`);
export const producerNode = (id: string): string => interned(producerNodes, id, (p) => `producer-${p}`);
export const consumerNode = (id: string): string => interned(consumerNodes, id, (c) => `consumer-${c}`);
