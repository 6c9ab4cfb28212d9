// The input a simulation starts from. Scenario files (src/scenarios) validate into this shape; the engine
// itself does not depend on the scenario format so that it stays a pure library.
import type { ClusterConfig, KeyStrategy, ProducerConfig, TopicConfig } from './types';
import type { ConsumerConfig } from './groups/types';
import type { ShareGroupConfig } from './share/types';

export interface BrokerSetup {
  id: number;
  rack?: string | null;
}

export interface TopicSetup {
  name: string;
  partitions: number;
  replicationFactor: number;
  config?: Partial<TopicConfig>;
  /** Explicit replica assignment per partition; otherwise AdminUtils placement with seeded offsets. */
  assignment?: Record<number, number[]>;
}

export interface ProducerSetup {
  id: string;
  topic: string;
  ratePerSec: number;
  keys: KeyStrategy;
  valueTemplate?: string;
  config?: Partial<ProducerConfig>;
  /**
   * With a transactional.id: the application sends this many records per transaction, then commits
   * (not a Kafka config: how the application uses beginTransaction and commitTransaction). Default 5.
   */
  recordsPerTransaction?: number;
}

export interface ConsumerSetup {
  id: string;
  processingTimeMs?: number;
  /** group.instance.id, for static membership. */
  groupInstanceId?: string | null;
}

export interface GroupSetup {
  groupId: string;
  topic: string;
  consumers: ConsumerSetup[];
  /** Shorthand for config['auto.offset.reset']. */
  autoOffsetReset?: 'earliest' | 'latest' | 'none';
  /** Consumer configs shared by the group's members. */
  config?: Partial<ConsumerConfig>;
}

/**
 * A service: a consumer group whose members produce one output record per input record. A record fails
 * processing when its key is in poisonKeys or its value is not JSON; it is retried maxRetries times
 * (blocking its partition), then written to the dead-letter topic, or retried for ever without one.
 */
export interface ServiceSetup {
  id: string;
  inputTopic: string;
  outputTopic?: string | null;
  /**
   * Creates the dead-letter producer `<id>-dlq`; adding a producer with that id later has the same effect.
   * A dead letter goes to the failed record's partition number if the topic has it, else by key.
   */
  deadLetterTopic?: string | null;
  /** The service's consumer group; defaults to the service id. */
  groupId?: string;
  instances?: number;
  processingTimeMs?: number;
  /** Output value; {key}, {offset} and {input} (the input value) are filled in. */
  valueTemplate?: string;
  /** Keys whose records always fail processing (poison pills). */
  poisonKeys?: string[];
  /** Retries after the first failed attempt (default 3). */
  maxRetries?: number;
  /** Pause between attempts (default 100 ms). */
  retryBackoffMs?: number;
  /** The group's consumer configs; auto.offset.reset defaults to earliest, as in Kafka Streams. */
  config?: Partial<ConsumerConfig>;
  /**
   * Kafka Streams' processing.guarantee: at_least_once (the default), or exactly_once_v2, where each
   * instance writes its output and its input offsets in one transaction (its own transactional producer).
   */
  processingGuarantee?: 'at_least_once' | 'exactly_once_v2';
}

export interface ShareConsumerSetup {
  id: string;
  processingTimeMs?: number;
}

/** A share group (KIP-932): its members share the topic's partitions and acknowledge record by record. */
export interface ShareGroupSetup {
  groupId: string;
  topic: string;
  consumers: ShareConsumerSetup[];
  /** Group configs (share.*) and the members' consumer configs. */
  config?: Partial<ShareGroupConfig>;
  /** The application: records with these keys fail processing (a poison pill). */
  poisonKeys?: string[];
  /** How it acknowledges a record that failed, under share.acknowledgement.mode=explicit (default RELEASE). */
  onFailure?: 'RELEASE' | 'REJECT';
  /**
   * Under share.acknowledgement.mode=explicit, the application acknowledges the records it is still
   * working on with RENEW every half share.record.lock.duration.ms (Kafka 4.2, KIP-1222).
   */
  renewLocks?: boolean;
}

export interface SimulationSetup {
  brokers: BrokerSetup[];
  clusterConfig?: Partial<ClusterConfig>;
  topics: TopicSetup[];
  producers: ProducerSetup[];
  groups: GroupSetup[];
  services?: ServiceSetup[];
  shareGroups?: ShareGroupSetup[];
}
