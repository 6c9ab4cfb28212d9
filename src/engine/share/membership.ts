// Creating share groups and share consumers, with the group configs' defaults and bounds (GroupConfig,
// ShareGroupConfig). Group ids and consumer ids are shared with consumer groups: the audit and the
// diagram tell groups and consumers apart by id alone.
import type { SimState } from '../types';
import type { ShareConsumerState, ShareGroupConfig, ShareGroupState } from './types';
import type { ShareConsumerSetup, ShareGroupSetup } from '../setup';
import { KafkaError } from '../errors';
import { startShareConsumer } from './shareConsumer';

/** Kafka 4.2's defaults (group.share.* broker configs, share consumer configs). */
export const DEFAULT_SHARE_GROUP_CONFIG: ShareGroupConfig = {
  'share.auto.offset.reset': 'latest',
  'share.record.lock.duration.ms': 30_000,
  'share.delivery.count.limit': 5,
  'share.isolation.level': 'read_uncommitted',
  'share.partition.max.record.locks': 2_000,
  'share.session.timeout.ms': 45_000,
  'share.heartbeat.interval.ms': 5_000,
  'share.acknowledgement.mode': 'implicit',
  'max.poll.records': 500,
  'fetch.max.wait.ms': 500,
};

/**
 * Group configs that must lie within the broker's group.share.min.* and group.share.max.* bounds
 * (GroupConfig.validateValues), with those bounds' defaults.
 */
const BROKER_BOUNDED: Partial<Record<keyof ShareGroupConfig, [string, number, number]>> = {
  'share.record.lock.duration.ms': ['record.lock.duration.ms', 15_000, 60_000],
  'share.session.timeout.ms': ['session.timeout.ms', 45_000, 60_000],
  'share.heartbeat.interval.ms': ['heartbeat.interval.ms', 5_000, 15_000],
};

/** The other numeric configs' valid ranges (ShareGroupConfig's broker configs, the consumer's). */
const RANGES: Partial<Record<keyof ShareGroupConfig, [number, number]>> = {
  'share.delivery.count.limit': [2, 10],
  'share.partition.max.record.locks': [100, 10_000],
  'max.poll.records': [1, 100_000],
  'fetch.max.wait.ms': [0, 60_000],
};

/** Why a share group config cannot be used, in the broker's words; null when it can. */
export function shareConfigProblem(config: Partial<ShareGroupConfig>): string | null {
  for (const [key, [name, min, max]] of Object.entries(BROKER_BOUNDED) as [
    keyof ShareGroupConfig,
    [string, number, number],
  ][]) {
    const v = config[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v))
      return `Invalid value ${String(v)} for configuration ${key}: Expected value to be a 32-bit integer, but it was a ${typeof v}.`;
    if (v < min) return `${key} must be greater than or equal to group.share.min.${name} (${min}).`;
    if (v > max) return `${key} must be less than or equal to group.share.max.${name} (${max}).`;
  }
  for (const [key, [min, max]] of Object.entries(RANGES) as [keyof ShareGroupConfig, [number, number]][]) {
    const v = config[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      return `Invalid value ${String(v)} for configuration ${key}: Value must be between ${min} and ${max}.`;
  }
  const merged = { ...DEFAULT_SHARE_GROUP_CONFIG, ...config };
  if (merged['share.heartbeat.interval.ms'] >= merged['share.session.timeout.ms'])
    return 'share.heartbeat.interval.ms must be less than share.session.timeout.ms.';
  return null;
}

function idTaken(state: SimState, id: string): boolean {
  return state.groups[id] !== undefined || state.shareGroups[id] !== undefined;
}

export function addShareGroup(state: SimState, setup: ShareGroupSetup): ShareGroupState {
  if (idTaken(state, setup.groupId))
    throw new KafkaError('INVALID_REQUEST', `Group ${setup.groupId} already exists.`);
  if (!state.topics[setup.topic])
    throw new KafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic ${setup.topic} not present in metadata.`);
  const problem = setup.config ? shareConfigProblem(setup.config) : null;
  if (problem) throw new KafkaError('INVALID_CONFIG', problem);
  const g: ShareGroupState = {
    groupId: setup.groupId,
    topics: [setup.topic],
    state: 'Empty',
    groupEpoch: 0,
    members: {},
    memberOrder: [],
    consumerIds: [],
    partitions: {},
    config: { ...DEFAULT_SHARE_GROUP_CONFIG, ...setup.config },
    stats: { accepted: 0, released: 0, rejected: 0, archivedAtLimit: 0, redelivered: 0, renewed: 0 },
  };
  state.shareGroups[g.groupId] = g;
  state.shareGroupIds.push(g.groupId);
  for (const c of setup.consumers) addShareConsumer(state, g, c, setup);
  return g;
}

export function addShareConsumer(
  state: SimState,
  g: ShareGroupState,
  setup: ShareConsumerSetup,
  app: Pick<ShareGroupSetup, 'poisonKeys' | 'onFailure' | 'renewLocks'> = {},
): ShareConsumerState {
  if (state.consumers[setup.id] || state.shareConsumers[setup.id])
    throw new KafkaError('INVALID_REQUEST', `A consumer named ${setup.id} already exists.`);
  const sibling = g.consumerIds.map((id) => state.shareConsumers[id]!)[0];
  const c: ShareConsumerState = {
    id: setup.id,
    groupId: g.groupId,
    status: 'running',
    stopReason: null,
    memberId: '',
    memberEpoch: 0,
    assigned: [],
    processingTimeMs: setup.processingTimeMs ?? 0,
    application: {
      poisonKeys: [...(app.poisonKeys ?? sibling?.application.poisonKeys ?? [])],
      onFailure: app.onFailure ?? sibling?.application.onFailure ?? 'RELEASE',
      renewLocks: app.renewLocks ?? sibling?.application.renewLocks ?? false,
    },
    buffer: [],
    processing: [],
    batchStartedAtMs: -1,
    busyUntilMs: state.nowMs,
    pendingAcks: [],
    fetchingFrom: [],
    timeoutCheckAtMs: -1,
    heartbeatInFlight: false,
    nextHeartbeatMs: -1,
    token: 0,
    consumed: 0,
    accepted: 0,
    released: 0,
    rejected: 0,
  };
  state.shareConsumers[c.id] = c;
  state.shareConsumerIds.push(c.id);
  g.consumerIds.push(c.id);
  startShareConsumer(state, c);
  return c;
}
