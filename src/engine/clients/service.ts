// Services in an event-driven system: each instance is a consumer in the service's group that, for every
// record it consumes, produces one to its output topic (order_placed → inventory_reserved …). A record
// it cannot process is retried, then sent to a dead-letter topic; without one, the service is stuck on
// it and everything behind it in that partition waits (head-of-line blocking).
//
// A record fails processing (a poison pill) when its key is one of the service's poisonKeys, or when its
// value is not valid JSON: services read JSON, so a malformed payload fails deserialisation every time,
// like Spring Kafka's ErrorHandlingDeserializer reporting a SerializationException.
//
// Retries are blocking, as with Spring Kafka's DefaultErrorHandler: the instance stops at the failing
// record and spends maxRetries × (processingTimeMs + retryBackoffMs) on it, so nothing behind it in that
// partition moves. When the instance comes back to the record after its retries, it gives up: with a
// dead-letter producer it writes the record there (the recoverer) and moves on; without one it seeks
// back and tries again for ever. The dead-letter producer of service S is the producer named `S-dlq`:
// `deadLetterTopic` creates it, and adding a producer with that name later is how a running service gets
// a dead-letter topic (a redeploy with a recoverer), since the engine keeps no other service config.
import type { LogRecord, ProducerState, SimState } from '../types';
import type { ConsumerState, ServiceRuntime } from '../groups/types';
import { emit } from '../sim/events';
import { enqueueRecord } from './producer';
import { bufferFull } from './bufferPool';

export function runService(
  state: SimState,
  consumer: ConsumerState,
  partitionId: string,
  records: LogRecord[],
): { processed: LogRecord[]; extraBusyMs: number } {
  const service = consumer.service!;
  const processed: LogRecord[] = [];
  for (const record of records) {
    if (!isPoisonPill(service, record)) {
      const out = service.outputProducerId ? state.producers[service.outputProducerId] : undefined;
      if (out && bufferFull(out)) return outputBlocked(state, service, out, processed);
      if (out) enqueueRecord(state, out, record.key, renderServiceValue(service.valueTemplate, record), null);
      processed.push(record);
      continue;
    }
    const attempts = service.maxRetries + 1;
    // reportedFailures[partitionId] holds the offset whose retries this instance has already spent.
    if (service.reportedFailures[partitionId] !== record.offset) {
      service.reportedFailures[partitionId] = record.offset;
      emit(
        state,
        'processingFailed',
        `Service ${service.serviceId} failed to process offset ${record.offset} of ${partitionId} (key ${record.key ?? 'null'}); ${retrying(service)}`,
        { partitionId },
      );
      return {
        processed,
        extraBusyMs: service.maxRetries * (consumer.processingTimeMs + service.retryBackoffMs),
      };
    }
    const dlq = deadLetterProducer(state, service);
    if (!dlq) {
      // Narrate once per offset: the key `stuck:<partition>` remembers the offset already reported.
      const stuckKey = `stuck:${partitionId}`;
      if (service.reportedFailures[stuckKey] !== record.offset) {
        service.reportedFailures[stuckKey] = record.offset;
        emit(
          state,
          'serviceStuck',
          `Service ${service.serviceId} cannot process offset ${record.offset} of ${partitionId} (key ${record.key ?? 'null'}) after ${attempts} attempts and has no dead-letter topic: it seeks back and retries for ever, and every record behind it in that partition waits (head-of-line blocking).`,
          { partitionId },
        );
      }
      return {
        processed,
        extraBusyMs: attempts * (consumer.processingTimeMs + service.retryBackoffMs),
      };
    }
    if (bufferFull(dlq)) return outputBlocked(state, service, dlq, processed);
    enqueueRecord(
      state,
      dlq,
      record.key,
      `{"failed":${JSON.stringify(record.value)},"attempts":${attempts},"from":"${partitionId}@${record.offset}"}`,
      deadLetterPartition(state, dlq.topic, partitionId),
    );
    emit(
      state,
      'deadLettered',
      `Service ${service.serviceId} gave up on offset ${record.offset} of ${partitionId} (key ${record.key ?? 'null'}) after ${attempts} attempts and wrote it to the dead-letter topic ${dlq.topic}; it moves on.`,
      { partitionId },
    );
    processed.push(record);
  }
  return { processed, extraBusyMs: 0 };
}

/**
 * The output producer's buffer.memory is full (its topic's brokers are not acknowledging): send() would
 * block the stream thread, so the instance stops at this record, as a Kafka Streams thread blocked in
 * send() does, and comes back for it after the producer's retry.backoff.ms. Its input lag grows instead of
 * its producer's queue.
 */
function outputBlocked(
  state: SimState,
  service: ServiceRuntime,
  out: ProducerState,
  processed: LogRecord[],
): { processed: LogRecord[]; extraBusyMs: number } {
  if (out.blockedSinceMs < 0) {
    out.blockedSinceMs = state.nowMs;
    emit(
      state,
      'producerBlocked',
      `Service ${service.serviceId}: its output producer ${out.id} has buffer.memory (${out.config['buffer.memory']} bytes) full of records ${out.topic}'s brokers have not acknowledged, so send() blocks and the service stops taking new records until acknowledgements free memory.`,
    );
  }
  return { processed, extraBusyMs: out.config['retry.backoff.ms'] };
}

function retrying(service: ServiceRuntime): string {
  const n = service.maxRetries;
  if (n === 0) return 'it does not retry it.';
  const when =
    n === 1
      ? `once more after ${service.retryBackoffMs} ms`
      : `${n} more times, ${service.retryBackoffMs} ms apart`;
  return `it retries it ${when}, and nothing behind it in that partition moves meanwhile.`;
}

/** The producer named `<service>-dlq`, if it exists and has not been removed. */
function deadLetterProducer(state: SimState, service: ServiceRuntime): ProducerState | undefined {
  const p = state.producers[service.deadLetterProducerId ?? `${service.serviceId}-dlq`];
  return p?.running ? p : undefined;
}

/**
 * Like Spring Kafka's DeadLetterPublishingRecoverer: the same partition number as the failed record's,
 * when the dead-letter topic has it; otherwise the key decides (null).
 */
function deadLetterPartition(state: SimState, topic: string, partitionId: string): number | null {
  const original = Number(partitionId.slice(partitionId.lastIndexOf('-') + 1));
  return original < (state.topics[topic]?.partitions ?? 0) ? original : null;
}

/** A poison key, or a value that is not JSON (a tombstone, null, is a valid delete and never fails). */
export function isPoisonPill(service: Pick<ServiceRuntime, 'poisonKeys'>, record: LogRecord): boolean {
  if (record.key !== null && service.poisonKeys.includes(record.key)) return true;
  if (record.value === null) return false;
  try {
    JSON.parse(record.value);
    return false;
  } catch {
    return true;
  }
}

function renderServiceValue(template: string, record: LogRecord): string {
  return template
    .replaceAll('{key}', record.key ?? 'null')
    .replaceAll('{offset}', String(record.offset))
    .replaceAll('{input}', record.value ?? 'null');
}
