// A client's view of the cluster (Kafka's Metadata): the partition counts of the topics it uses, as of its
// last refresh. A client refreshes every metadata.max.age.ms (Metadata.timeToNextUpdate; 5 minutes by
// default) or sooner when an error asks for it (requestUpdate). Until then it does not know of partitions
// added to a topic: a producer keeps hashing keys over the old count, and a classic group's leader does
// not rebalance for them. (Leaders and ISRs are read from the cluster at once: Simplifications.)
import type { SimState } from '../types';
import { emit } from '../sim/events';

export interface ClientMetadata {
  refreshedAtMs: number;
  /** An error asked for a refresh (a leader moved, a connection closed): the next use refreshes. */
  updateRequested: boolean;
  partitions: Record<string, number>;
}

export function newClientMetadata(state: SimState, topics: readonly string[]): ClientMetadata {
  const partitions: Record<string, number> = {};
  for (const t of topics) partitions[t] = state.topics[t]?.partitions ?? 0;
  return { refreshedAtMs: state.nowMs, updateRequested: false, partitions };
}

export function requestMetadataUpdate(metadata: ClientMetadata): void {
  metadata.updateRequested = true;
}

/**
 * The partition count of `topic` as the client knows it, refreshing first when the metadata is older than
 * `maxAgeMs` or a refresh was asked for. A topic it has not used yet is looked up at once.
 */
export function knownPartitions(
  state: SimState,
  client: string,
  metadata: ClientMetadata,
  maxAgeMs: number,
  topic: string,
): number {
  const known = metadata.partitions[topic];
  if (known === undefined) return (metadata.partitions[topic] = state.topics[topic]?.partitions ?? 0);
  if (!metadata.updateRequested && state.nowMs - metadata.refreshedAtMs < maxAgeMs) return known;
  metadata.refreshedAtMs = state.nowMs;
  metadata.updateRequested = false;
  for (const [t, had] of Object.entries(metadata.partitions)) {
    const now = state.topics[t]?.partitions ?? had;
    if (now === had) continue;
    metadata.partitions[t] = now;
    emit(
      state,
      'metadataRefreshed',
      `${client} refreshed its metadata and sees topic ${t} with ${now} partitions (it knew ${had}).`,
    );
  }
  return metadata.partitions[topic]!;
}
