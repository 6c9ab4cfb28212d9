// The engine's public surface: the UI, the worker host, scripts and tests import only from here.
export { murmur2, partitionForKey } from './clients/murmur2';
export { placeReplicas } from './cluster/placement';
export { electLeader } from './cluster/election';
export { Simulation } from './simulation';
export { ENGINE_BEHAVIOUR_VERSION } from './version';
export type { LoggedCommand, SimulationOptions } from './simulation';
export type { Command, CommandResult } from './sim/commands';
export type {
  SimulationSetup,
  BrokerSetup,
  TopicSetup,
  ProducerSetup,
  GroupSetup,
  ConsumerSetup,
  ServiceSetup,
} from './setup';
export type * from './view';
export type { ConsumerStopReason } from './groups/types';
export type {
  Acks,
  KeyStrategy,
  ProducerConfig,
  TopicConfig,
  ClusterConfig,
  CleanupPolicy,
  TimestampType,
  SimEvent,
  LossExplanation,
} from './types';
export {
  DEFAULT_CLUSTER_CONFIG,
  DEFAULT_PRODUCER_CONFIG,
  DEFAULT_TOPIC_CONFIG,
  TIMESTAMP_TYPES,
  invalidTimestampTypeText,
  producerConfigIssue,
  producerConfigProblem,
  resolveProducerConfig,
} from './config';
export { assignPartitions } from './groups/assignors/index';
export type { RecordTrace } from './trace';
