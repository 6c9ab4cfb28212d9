// Services in an event-driven system: each instance is a consumer in the service's group that, for every
// record it consumes, produces one to its output topic (order_placed → inventory_reserved …). A record
// it cannot process is retried, then sent to a dead-letter topic; without one, the service is stuck on
// it and everything behind it in that partition waits (head-of-line blocking).
import type { LogRecord, SimState } from '../types';
import type { ConsumerState } from '../groups/types';
import { emit } from '../sim/events';
import { enqueueRecord } from './producer';

export function runService(
  state: SimState,
  consumer: ConsumerState,
  partitionId: string,
  records: LogRecord[],
): { processed: LogRecord[]; extraBusyMs: number } {
  const service = consumer.service!;
  const processed: LogRecord[] = [];
  let extraBusyMs = 0;
  for (const record of records) {
    const poisoned = record.key !== null && service.poisonKeys.includes(record.key);
    if (poisoned) {
      const retries = service.maxRetries * (consumer.processingTimeMs + service.retryBackoffMs);
      extraBusyMs += retries;
      const dlq = service.deadLetterProducerId ? state.producers[service.deadLetterProducerId] : undefined;
      if (!dlq) {
        if (service.reportedFailures[partitionId] !== record.offset) {
          service.reportedFailures[partitionId] = record.offset;
          emit(
            state,
            'serviceStuck',
            `Service ${service.serviceId} cannot process offset ${record.offset} of ${partitionId} (key ${record.key}): it retries forever, and every record behind it in that partition waits — head-of-line blocking. A dead-letter topic would let it move on.`,
            { partitionId },
          );
        }
        return { processed, extraBusyMs };
      }
      enqueueRecord(
        state,
        dlq,
        record.key,
        `{"failed":${JSON.stringify(record.value)},"attempts":${service.maxRetries + 1},"from":"${partitionId}@${record.offset}"}`,
        null,
      );
      emit(
        state,
        'deadLettered',
        `Service ${service.serviceId} gave up on offset ${record.offset} of ${partitionId} (key ${record.key}) after ${service.maxRetries + 1} attempts and wrote it to the dead-letter topic ${dlq.topic}; it moves on.`,
        { partitionId },
      );
      processed.push(record);
      continue;
    }
    const out = service.outputProducerId ? state.producers[service.outputProducerId] : undefined;
    if (out) enqueueRecord(state, out, record.key, renderServiceValue(service.valueTemplate, record), null);
    processed.push(record);
  }
  return { processed, extraBusyMs };
}

function renderServiceValue(template: string, record: LogRecord): string {
  return template
    .replaceAll('{key}', record.key ?? 'null')
    .replaceAll('{offset}', String(record.offset))
    .replaceAll('{input}', record.value ?? 'null');
}
