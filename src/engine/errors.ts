// A failure that Kafka itself would report to a client, as opposed to a broken invariant (a plain Error).
// Kafka names each failure in org.apache.kafka.common.protocol.Errors and sends that name with a message,
// so the engine can turn one of these into a commandRejected event that reads like a real Kafka error.

export class KafkaError extends Error {
  /** The Errors enum name Kafka puts on the wire, e.g. 'INVALID_REPLICATION_FACTOR'. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'KafkaError';
    this.code = code;
  }
}
