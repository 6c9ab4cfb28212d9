import { topicOf, type PartitionKey } from './topicPartition';

/** AbstractStickyAssignor.DEFAULT_GENERATION: what a member without a known generation counts as. */
export const DEFAULT_GENERATION = -1;

/** One member as the sticky assignors see it (Subscription + MemberData). */
export interface StickySubscription {
  readonly memberId: string;
  /** subscription.topics(), possibly naming topics that do not exist. */
  readonly topics: readonly string[];
  /** memberData.partitions: the raw claim, before any validation. */
  readonly ownedPartitions: readonly PartitionKey[];
  readonly generation: number;
}

export interface OwnershipValidation {
  readonly allSubscriptionsEqual: boolean;
  /** Each member's still-valid owned partitions, in the subscriptions' HashMap order. */
  readonly consumerToOwnedPartitions: Map<string, PartitionKey[]>;
  readonly partitionsWithMultiplePreviousOwners: Set<PartitionKey>;
  readonly maxGeneration: number;
}

/** java.util.List.remove(Object): removes the first equal element only. */
export function removeFirst<T>(list: T[], item: T): void {
  const index = list.indexOf(item);
  if (index >= 0) list.splice(index, 1);
}

function sameTopics(first: ReadonlySet<string>, topics: readonly string[]): boolean {
  return topics.length === first.size && topics.every((topic) => first.has(topic));
}

/**
 * AbstractStickyAssignor.allSubscriptionsEqual, which also validates ownership. A partition claimed by two members
 * goes to the higher generation; claimed twice in the same generation it is taken from both and remembered as
 * multiply owned, so that whoever gets it next is treated as taking it over. Claims on topics outside
 * `allTopics` are dropped. `subscriptions` must be in Kafka's HashMap order: it decides which claim is seen first.
 * Faithful quirk: the reference subscription is the first NON-EMPTY one, so members with an empty subscription
 * iterated before it do not make the subscriptions unequal.
 */
export function validateOwnership(
  subscriptions: readonly StickySubscription[],
  allTopics: ReadonlySet<string>,
): OwnershipValidation {
  let allSubscriptionsEqual = true;
  let maxGeneration = DEFAULT_GENERATION;
  const subscribedTopics = new Set<string>();
  const generationOf = new Map(subscriptions.map((s) => [s.memberId, s.generation]));
  const previousOwner = new Map<PartitionKey, string>();
  const consumerToOwnedPartitions = new Map<string, PartitionKey[]>();
  const partitionsWithMultiplePreviousOwners = new Set<PartitionKey>();

  for (const subscription of subscriptions) {
    if (subscribedTopics.size === 0) subscription.topics.forEach((topic) => subscribedTopics.add(topic));
    else if (!sameTopics(subscribedTopics, subscription.topics)) allSubscriptionsEqual = false;

    const { memberId: consumer, generation } = subscription;
    maxGeneration = Math.max(maxGeneration, generation);
    const owned: PartitionKey[] = [];
    consumerToOwnedPartitions.set(consumer, owned);
    for (const tp of subscription.ownedPartitions) {
      if (!allTopics.has(topicOf(tp))) continue;
      const other = previousOwner.get(tp);
      if (other === undefined) {
        owned.push(tp);
        previousOwner.set(tp, consumer);
        continue;
      }
      const otherGeneration = generationOf.get(other) ?? DEFAULT_GENERATION;
      if (generation === otherGeneration) {
        partitionsWithMultiplePreviousOwners.add(tp);
        removeFirst(consumerToOwnedPartitions.get(other) ?? [], tp);
        previousOwner.set(tp, consumer);
      } else if (generation > otherGeneration) {
        owned.push(tp);
        removeFirst(consumerToOwnedPartitions.get(other) ?? [], tp);
        previousOwner.set(tp, consumer);
      }
    }
  }
  return {
    allSubscriptionsEqual,
    consumerToOwnedPartitions,
    partitionsWithMultiplePreviousOwners,
    maxGeneration,
  };
}
