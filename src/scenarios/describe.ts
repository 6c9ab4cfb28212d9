// Each expectation as a goal in plain words ("broker 2 leads orders-0"): the first half of every check
// message, and what the UI shows before the check runs.
import type { Expectation, ExpectationKind } from './expectations';

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
export const list = (ids: readonly number[]): string => `[${ids.join(', ')}]`;
export const sorted = (ids: readonly number[]): number[] => [...ids].sort((a, b) => a - b);

type Goals = { [K in ExpectationKind]: (e: Extract<Expectation, { kind: K }>) => string };

const GOALS: Goals = {
  leaderIs: (e) => `broker ${e.broker} leads ${e.partition}`,
  leaderIsNot: (e) => `a broker other than ${e.broker} leads ${e.partition}`,
  leaderInIsrOf: (e) => `${e.partition} has a leader, and that leader is in its ISR`,
  leaderStopped: (e) => `the broker that leads ${e.partition} is stopped`,
  isrIs: (e) => `the ISR of ${e.partition} is ${list(sorted(e.isr))}`,
  isrSizeIs: (e) => `${e.partition} has ${plural(e.size, 'in-sync replica')}`,
  partitionOffline: (e) => `${e.partition} is offline (Leader: none)`,
  underReplicatedIs: (e) => `topic ${e.topic} has ${plural(e.count, 'under-replicated partition')}`,
  brokerIs: (e) => `broker ${e.broker} is ${e.status}`,
  partitionCountIs: (e) => `topic ${e.topic} has ${plural(e.count, 'partition')}`,
  logStartOffsetAtLeast: (e) => `the log of ${e.partition} starts at offset ${e.offset} or later`,
  keyOn: (e) => `the newest record with key "${e.key}" in topic ${e.topic} is on ${e.partition}`,
  topicRecordsIs: (e) => `exactly ${plural(e.count, 'record')} written to topic ${e.topic}`,
  topicRecordsAtLeast: (e) => `at least ${plural(e.count, 'record')} written to topic ${e.topic}`,
  producedAtLeast: (e) => `producer ${e.producer} has sent at least ${plural(e.count, 'record')}`,
  producerWritesTo: (e) => `producer ${e.producer} writes to topic ${e.topic}`,
  nothingLost: () => 'no acknowledged record is lost',
  lostIs: (e) => `exactly ${plural(e.count, 'acknowledged record')} lost`,
  lostAtLeast: (e) => `at least ${plural(e.count, 'acknowledged record')} lost`,
  acknowledgedAtLeast: (e) => `at least ${plural(e.count, 'record')} acknowledged to the producers`,
  duplicatedAtLeast: (e) => `at least ${plural(e.count, 'record')} written to the log more than once`,
  abortedAtLeast: (e) => `at least ${plural(e.count, 'record')} written in aborted transactions`,
  duplicatedIs: (e) => `exactly ${plural(e.count, 'record')} written to the log more than once`,
  reorderedIs: (e) => `exactly ${plural(e.count, 'record')} committed out of order for its key`,
  lagBelow: (e) => `group ${e.group} lags by at most ${plural(e.max, 'record')}`,
  lagAbove: (e) => `group ${e.group} lags by at least ${plural(e.min, 'record')}`,
  groupStateIs: (e) => `group ${e.group} is ${e.state}`,
  groupProtocolIs: (e) => `group ${e.group} uses group.protocol=${e.protocol}`,
  assignorIs: (e) => `group ${e.group} uses the ${e.assignor} assignor`,
  generationIs: (e) => `group ${e.group} is at generation ${e.generation}`,
  allAssigned: (e) => `every partition group ${e.group} subscribes to has an owner`,
  memberIdle: (e) => `consumer ${e.consumer} of group ${e.group} is running but owns no partition`,
  assignedCount: (e) => `consumer ${e.consumer} of group ${e.group} owns ${plural(e.count, 'partition')}`,
  consumedAtLeast: (e) => `group ${e.group} has processed at least ${plural(e.count, 'record')}`,
  consumedAtMost: (e) => `group ${e.group} has processed at most ${plural(e.count, 'record')}`,
  redeliveredAtLeast: (e) =>
    `group ${e.group} has processed at least ${plural(e.count, 'record')} a second time`,
  redeliveredIs: (e) => `group ${e.group} has processed exactly ${plural(e.count, 'record')} a second time`,
  groupReads: (e) => `group ${e.group} reads topic ${e.topic}`,
  partitionLagAbove: (e) => `group ${e.group} lags by at least ${plural(e.min, 'record')} on ${e.partition}`,
  partitionLagBelow: (e) => `group ${e.group} lags by at most ${plural(e.max, 'record')} on ${e.partition}`,
  shareConsumedAtLeast: (e) =>
    `share consumer ${e.consumer} of share group ${e.group} has processed at least ${plural(e.count, 'record')}`,
  shareHoldingAtLeast: (e) =>
    `share consumer ${e.consumer} of share group ${e.group} holds the acquisition locks of at least ${plural(e.count, 'record')}`,
  shareHoldingIs: (e) =>
    `share consumer ${e.consumer} of share group ${e.group} holds the acquisition locks of exactly ${plural(e.count, 'record')}`,
  shareMembersIs: (e) => `share group ${e.group} has ${plural(e.count, 'member')}`,
  shareRedeliveredAtLeast: (e) =>
    `share group ${e.group} has delivered at least ${plural(e.count, 'record')} again (delivery count 2 or more)`,
  shareArchivedAtLeast: (e) =>
    `share group ${e.group} has archived at least ${plural(e.count, 'record')} at share.delivery.count.limit`,
  eventHappened: (e) => `a "${e.type}" event happened during this step`,
  eventAbsent: (e) => `no "${e.type}" event happened during this step`,
};

/** The expectation as a clause, for the UI to show as a goal before it is checked. */
export function describeExpectation(e: Expectation): string {
  return (GOALS[e.kind] as (e: Expectation) => string)(e);
}
