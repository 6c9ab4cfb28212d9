// The producer's buffer.memory, as the application sees it: records queued or in flight hold their bytes
// until the brokers acknowledge them (or the producer gives up on them), and send() blocks while the
// buffer is full, for up to max.block.ms, then throws BufferExhaustedException. This is how a producer
// that outruns its cluster slows down instead of growing without bound (backpressure).
// Simplified: Kafka's BufferPool hands out whole batch.size buffers; here each record holds its own size.
import type { ProducerState, QueuedRecord } from '../types';
import { recordSizeBytes } from '../cluster/produce';

/** A blocked-producer event at most this often per producer, so that a long congestion reads as one story. */
export const BLOCKED_EVENT_EVERY_MS = 10_000;

export function holdBytes(producer: ProducerState, key: string | null, value: string | null): void {
  producer.bufferedBytes += recordSizeBytes(key, value);
}

/** The record left the producer for good: acknowledged, or failed back to the application. */
export function releaseBytes(producer: ProducerState, record: QueuedRecord): void {
  producer.bufferedBytes = Math.max(0, producer.bufferedBytes - recordSizeBytes(record.key, record.value));
}

export function bufferFull(producer: ProducerState): boolean {
  return producer.bufferedBytes >= producer.config['buffer.memory'];
}

/**
 * BufferPool.allocate's BufferExhaustedException message, with the simulator's figures. A new batch asks
 * for a batch.size buffer (the pool's poolable size), whatever the simulator holds per record.
 */
export function bufferExhaustedText(producer: ProducerState): string {
  const total = producer.config['buffer.memory'];
  const batch = producer.config['batch.size'];
  return `BufferExhaustedException: Failed to allocate ${batch} bytes within the configured max blocking time ${producer.config['max.block.ms']} ms. Total memory: ${total} bytes. Available memory: ${Math.max(0, total - producer.bufferedBytes)} bytes. Poolable size: ${batch} bytes`;
}

export function blockedText(producer: ProducerState): string {
  return `Producer ${producer.id}: buffer.memory (${producer.config['buffer.memory']} bytes) is full of records the brokers have not acknowledged yet, so send() blocks (for up to max.block.ms = ${producer.config['max.block.ms']} ms). The producer is faster than the cluster: it now sends only as fast as acknowledgements free memory.`;
}

/** Why a hand-sent record is refused while the buffer is full. */
export function sendWouldBlockText(producer: ProducerState): string {
  return `Producer ${producer.id}'s buffer.memory (${producer.config['buffer.memory']} bytes) is full of records the brokers have not acknowledged yet: send() would block for up to max.block.ms (${producer.config['max.block.ms']} ms), then throw BufferExhaustedException. Wait for the brokers to catch up, or raise buffer.memory.`;
}
