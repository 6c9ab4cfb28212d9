// Fetchers, as Kafka runs them: a follower has one replica fetcher per source broker
// (num.replica.fetchers=1) and a consumer one fetch per broker, each sending one FetchRequest at a time
// for every partition the node fetches from that broker (AbstractFetcherThread.processFetchRequest,
// AbstractFetch.prepareFetchRequests). A partition whose leader changes moves to the new leader's fetcher:
// which fetcher fetches a partition is read from its current leader whenever a request is built.
import type { FetchPartition, FetcherState, Message, SimState } from '../types';
import type { ConsumerConfig } from '../groups/types';
import { brokerNode, send } from '../sim/network';
import { schedule } from '../sim/timers';
import { latestEpoch } from '../log/replicaLog';
import { brokerIdOf, fetcherKey, fetcherKeyOf, nodeInfo } from './nodeKeys';
import { DEFAULT_CONSUMER_CONFIG } from '../config';
import { consumerFetchOffset } from '../clients/consumer';

/** replica.fetch.backoff.ms: how long a follower waits after a failed fetch. */
export const REPLICA_FETCH_BACKOFF_MS = 1000;
/** replica.fetch.response.max.bytes: record bytes a follower's fetch returns across its partitions. */
export const REPLICA_FETCH_RESPONSE_MAX_BYTES = 10 * 1024 * 1024;
/** replica.fetch.min.bytes: a follower's fetch is answered as soon as there is anything to return. */
export const REPLICA_FETCH_MIN_BYTES = 1;

function fetcherOf(state: SimState, key: string): FetcherState {
  return (state.fetchers[key] ??= { session: 0, status: 'idle' });
}

/**
 * A partition of `node` became fetchable: its leader's fetcher fetches at once, unless a Fetch is in
 * flight, which the partition then waits for, as a partition added to a fetcher thread joins its next
 * request. `now` sends at once rather than through a timer due now (a consumer's poll() that drained a
 * partition).
 */
export function startFetcher(state: SimState, node: string, partitionId: string, now = false): void {
  const leader = state.partitions[partitionId]?.leader ?? -1;
  if (leader >= 0) wakeFetcher(state, node, leader, 0, now);
}

/** startFetcher for a poll() that has drained a partition's fetched records: the next Fetch leaves now. */
export function startFetcherNow(state: SimState, node: string, partitionId: string): void {
  startFetcher(state, node, partitionId, true);
}

/**
 * The fetcher of `node` for broker `brokerId` fetches after `delayMs` unless a Fetch is in flight: a new
 * chain, which abandons a scheduled one.
 */
export function wakeFetcher(
  state: SimState,
  node: string,
  brokerId: number,
  delayMs: number,
  now = false,
): void {
  const f = fetcherOf(state, fetcherKey(node, brokerId));
  if (f.status === 'fetching') return;
  f.session++;
  if (now && delayMs <= 0) sendFetch(state, node, brokerId, f.session);
  else retryAfter(state, node, brokerId, f.session, Math.max(0, delayMs));
}

/** The node stops (a consumer closes): its fetchers' messages in flight are ignored from now on. */
export function stopFetchers(state: SimState, node: string): void {
  for (const b of state.brokerIds) {
    const f = state.fetchers[fetcherKey(node, b)];
    if (f) [f.session, f.status] = [f.session + 1, 'idle'];
  }
}

/** Whether a response or timer belongs to the fetcher's current chain. */
export function isCurrent(state: SimState, node: string, brokerId: number, session: number): boolean {
  return state.fetchers[fetcherKeyOf(nodeInfo(node), node, brokerId)]?.session === session;
}

/** The response has been handled and nothing else is in flight or scheduled. */
export function markIdle(state: SimState, node: string, brokerId: number): void {
  fetcherOf(state, fetcherKey(node, brokerId)).status = 'idle';
}

/** The current chain's next Fetch is scheduled after `delayMs`. */
function retryAfter(state: SimState, node: string, brokerId: number, session: number, delayMs: number): void {
  if (!isCurrent(state, node, brokerId, session)) return;
  fetcherOf(state, fetcherKey(node, brokerId)).status = 'waiting';
  schedule(state, state.nowMs + delayMs, { kind: 'fetch', node, brokerId, session });
}

/**
 * The chain's next Fetch to `brokerId` for every partition the node fetches from it now; with none, the
 * fetcher goes idle until one becomes fetchable.
 */
export function sendFetch(state: SimState, node: string, brokerId: number, session: number): void {
  if (!isCurrent(state, node, brokerId, session)) return;
  const info = nodeInfo(node);
  const follower = info.brokerId >= 0 ? state.brokers[info.brokerId] : undefined;
  const partitions = follower
    ? followerPartitions(state, info.brokerId, brokerId)
    : consumerPartitions(state, node, brokerId);
  if (partitions.length === 0) {
    markIdle(state, node, brokerId);
    return;
  }
  const config = follower ? null : consumerConfig(state, node);
  const sent = send(state, node, brokerNode(brokerId), {
    kind: 'FetchRequest',
    replicaId: follower ? follower.id : -1,
    maxBytes: config ? config['fetch.max.bytes'] : REPLICA_FETCH_RESPONSE_MAX_BYTES,
    maxWaitMs: config ? config['fetch.max.wait.ms'] : state.config.replicaFetchWaitMaxMs,
    minBytes: config ? config['fetch.min.bytes'] : REPLICA_FETCH_MIN_BYTES,
    isolationLevel: config ? config['isolation.level'] : 'read_uncommitted',
    partitions,
    session,
  });
  // A node that cannot send (isolated) keeps retrying, as a fetcher thread does after a connection error.
  if (sent) fetcherOf(state, fetcherKey(node, brokerId)).status = 'fetching';
  else retryAfter(state, node, brokerId, session, REPLICA_FETCH_BACKOFF_MS);
}

/** ReplicaFetcherThread.buildFetch: every partition this follower replicates from that leader. */
function followerPartitions(state: SimState, followerId: number, leaderId: number): FetchPartition[] {
  const out: FetchPartition[] = [];
  if (state.brokers[followerId]!.status !== 'running') return out;
  for (const id of state.partitionIds) {
    const p = state.partitions[id]!;
    if (p.leader !== leaderId || p.leader === followerId || !p.replicas.includes(followerId)) continue;
    const log = p.logs[followerId]!;
    out.push({
      partitionId: id,
      fetchOffset: log.logEndOffset,
      lastFetchedEpoch: latestEpoch(log),
      currentLeaderEpoch: p.leaderEpoch,
      maxBytes: state.config.replicaFetchMaxBytes,
    });
  }
  return out;
}

/** The consumer's config (Kafka's defaults merged in when it was created). */
function consumerConfig(state: SimState, node: string): ConsumerConfig {
  return state.consumers[nodeInfo(node).key]?.config ?? DEFAULT_CONSUMER_CONFIG;
}

/** AbstractFetch.prepareFetchRequests: the fetchable assigned partitions that broker leads. */
function consumerPartitions(state: SimState, node: string, leaderId: number): FetchPartition[] {
  const out: FetchPartition[] = [];
  const consumer = state.consumers[nodeInfo(node).key];
  if (!consumer) return out;
  const maxBytes =
    consumer.config['max.partition.fetch.bytes'] ?? DEFAULT_CONSUMER_CONFIG['max.partition.fetch.bytes'];
  for (const id of consumer.assigned) {
    const p = state.partitions[id];
    if (!p || p.leader !== leaderId) continue;
    const fetchOffset = consumerFetchOffset(state, node, id);
    if (fetchOffset === null) continue;
    out.push({
      partitionId: id,
      fetchOffset,
      lastFetchedEpoch: -1,
      currentLeaderEpoch: p.leaderEpoch,
      maxBytes,
    });
  }
  return out;
}

/** A Fetch was dropped on the way: the fetcher notices by timeout and retries. */
export function onFetchLost(state: SimState, message: Message): void {
  const body = message.body;
  if (body.kind !== 'FetchRequest' && body.kind !== 'FetchResponse') return;
  const request = body.kind === 'FetchRequest';
  const node = request ? message.from : message.to;
  const brokerId = brokerIdOf(request ? message.to : message.from);
  retryAfter(state, node, brokerId, body.session, REPLICA_FETCH_BACKOFF_MS);
}

/**
 * The fetcher's next round: at once, as a fetcher thread builds its next request as soon as it has
 * handled a response, or after `delayMs` (a slow follower, a backoff). At once is a direct send rather
 * than a timer due now: a timer per fetch was a sixth of all the events a record costs.
 */
export function fetchAgain(
  state: SimState,
  node: string,
  brokerId: number,
  session: number,
  delayMs: number,
): void {
  if (delayMs <= 0) sendFetch(state, node, brokerId, session);
  else retryAfter(state, node, brokerId, session, delayMs);
}
