// What a consumer owns (SubscriptionState): giving partitions up, and losing them all. A partition given
// up takes its fetched records with it: poll() never returns them (FetchBuffer.retainAll).
import type { SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { clearBuffered } from './fetchBuffer';
import { forgetConsumed } from './offsetCommit';

/** Stop reading these partitions and forget where it was in them (onPartitionsRevoked). */
export function revoke(state: SimState, consumer: ConsumerState, partitions: readonly string[]): void {
  // Its fetcher leaves it out from now on; a response already on its way for it is discarded as stale.
  for (const pid of partitions) delete consumer.positions[pid];
  clearBuffered(consumer, partitions);
  forgetConsumed(consumer, partitions);
  consumer.assigned = consumer.assigned.filter((p) => !partitions.includes(p));
}

/** Partitions lost without a commit (session expired, generation reset): onPartitionsLost. */
export function loseAll(state: SimState, consumer: ConsumerState): void {
  revoke(state, consumer, consumer.assigned);
  // A classic dynamic member joins again as a new member; a KIP-848 consumer keeps its own id (KIP-1082).
  if (consumer.config['group.protocol'] === 'classic' && !consumer.groupInstanceId) consumer.memberId = '';
  consumer.generation = -1;
}
