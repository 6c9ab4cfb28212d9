// fetch.min.bytes and fetch.max.wait.ms, as Kafka documents them (ConsumerConfig) and its broker applies
// them (ReplicaManager.fetchMessages, DelayedFetch.tryComplete):
// - "The minimum amount of data the server should return for a fetch request. If insufficient data is
//   available the request will wait for that much data to accumulate before answering the request."
// - "The maximum amount of time the server will block before answering the fetch request if there isn't
//   sufficient data to immediately satisfy the requirement given by fetch.min.bytes."
// - A fetch with MinBytes 0 (or MaxWaitMs 0) is answered at once, even with nothing to return.
// Followers send their own MinBytes (replica.fetch.min.bytes, 1), so replication and the high watermark
// never wait for a consumer's settings.
import { describe, expect, it } from 'vitest';
import type { Message, MessageBody, SimState } from '../types';
import type { ConsumerConfig } from '../groups/types';
import type { Simulation } from '../simulation';
import { cluster } from '../testing/harness';
import { RECORD_BYTES } from '../testing/fetchWatch';

type FetchRequest = Extract<MessageBody, { kind: 'FetchRequest' }>;
type FetchResponse = Extract<MessageBody, { kind: 'FetchResponse' }>;

/** Every message sent until `untilMs`, watched in 10 ms steps (a hop is 200 ms, so none goes unseen). */
function watch(sim: Simulation, untilMs: number, seen: Map<number, Message>): Message[] {
  while (sim.peekState().nowMs < untilMs) {
    sim.advanceTo(Math.min(untilMs, sim.peekState().nowMs + 10));
    for (const { timer } of (sim.peekState() as SimState).timers)
      if (timer.kind === 'deliver') seen.set(timer.message.id, timer.message);
  }
  return [...seen.values()].sort((a, b) => a.id - b.id);
}

/**
 * One partition led by broker 1 on three brokers, a producer with acks=all, and consumer c1 in group g,
 * watched from the start for 8 s, by when c1 owns the partition.
 */
function oneConsumer(config: Partial<ConsumerConfig>): { sim: Simulation; seen: Map<number, Message> } {
  const sim = cluster(3)
    .topic('t', 1, 3, { assignment: { 0: [1, 2, 3] } })
    .producer({ id: 'p', topic: 't', ratePerSec: 0, keys: { kind: 'null' } })
    .group({ groupId: 'g', topic: 't', autoOffsetReset: 'earliest', config, consumers: [{ id: 'c1' }] })
    .build();
  const seen = new Map<number, Message>();
  watch(sim, 8_000, seen);
  expect(sim.view().groups[0]!.members[0]!.assigned).toEqual(['t-0']);
  return { sim, seen };
}

/** The consumer's last fetch request to arrive at or before `m` was sent: the one `m` answers. */
const answered = (messages: Message[], m: Message): Message =>
  messages
    .filter((r) => r.from === 'consumer-c1' && r.body.kind === 'FetchRequest' && r.deliverAtMs <= m.sentAtMs)
    .at(-1)!;

const toConsumer = (messages: Message[]) =>
  messages.filter((m) => m.to === 'consumer-c1' && m.body.kind === 'FetchResponse');
const recordsIn = (m: Message) =>
  (m.body as FetchResponse).responses.reduce((n, r) => n + r.records.length, 0);
const produce = (sim: Simulation) =>
  sim.dispatch({ type: 'produce', producerId: 'p', key: 'k', value: 'v', partition: 0 });

describe('fetch.min.bytes and fetch.max.wait.ms', () => {
  it('holds a consumer fetch until fetch.min.bytes have accumulated below the high watermark', () => {
    const { sim, seen } = oneConsumer({ 'fetch.min.bytes': 5 * RECORD_BYTES, 'fetch.max.wait.ms': 60_000 });
    // One record a second: the high watermark passes each within a round of follower fetches.
    for (let i = 0; i < 7; i++) {
      produce(sim);
      watch(sim, sim.peekState().nowMs + 1_000, seen);
    }
    const messages = watch(sim, sim.peekState().nowMs + 1_000, seen);
    const answers = toConsumer(messages).filter((m) => recordsIn(m) > 0);
    // The request says what the consumer configured.
    const request = messages.find((m) => m.from === 'consumer-c1' && m.body.kind === 'FetchRequest')!;
    expect(request.body as FetchRequest).toMatchObject({ minBytes: 5 * RECORD_BYTES, maxWaitMs: 60_000 });
    // The first answer with records carries five of them: sent when the fifth reached the high watermark.
    expect(recordsIn(answers[0]!)).toBe(5);
    const fifthAcked = messages.filter((m) => m.to === 'producer-p' && m.body.kind === 'ProduceResponse')[4]!;
    expect(answers[0]!.sentAtMs).toBeLessThanOrEqual(fifthAcked.sentAtMs);
    // Before it, four records were committed and none of them was handed to the consumer.
    const fourthAcked = messages.filter(
      (m) => m.to === 'producer-p' && m.body.kind === 'ProduceResponse',
    )[3]!;
    expect(answers[0]!.sentAtMs).toBeGreaterThan(fourthAcked.sentAtMs);
    // Replication did not wait for the consumer: each record was acknowledged within a second.
    expect(sim.view().audit.acknowledged).toBe(7);
  });

  it('answers a fetch that waited fetch.max.wait.ms with whatever there is', () => {
    const { sim, seen } = oneConsumer({ 'fetch.min.bytes': 1_000_000, 'fetch.max.wait.ms': 3_000 });
    watch(sim, 9_000, seen);
    produce(sim);
    const messages = watch(sim, 16_000, seen);
    const answer = toConsumer(messages).find((m) => recordsIn(m) > 0)!;
    expect(recordsIn(answer)).toBe(1);
    // The request it answers arrived exactly fetch.max.wait.ms earlier, and so did every empty answer's.
    const answers = toConsumer(messages).filter((m) => m.sentAtMs <= answer.sentAtMs);
    expect(answers.length).toBeGreaterThanOrEqual(2);
    for (const m of answers) expect(m.sentAtMs - answered(messages, m).deliverAtMs).toBe(3_000);
  });

  it('answers at once with fetch.min.bytes=0: the consumer fetches empty every round trip', () => {
    const { sim, seen } = oneConsumer({ 'fetch.min.bytes': 0 });
    const messages = watch(sim, 12_000, seen);
    const requests = messages.filter(
      (m) => m.from === 'consumer-c1' && m.body.kind === 'FetchRequest' && m.sentAtMs >= 8_000,
    );
    expect(requests.length).toBeGreaterThanOrEqual(9);
    // One hop there, one back, and the next request leaves: 2 × 200 ms apart, never parked.
    for (let i = 1; i < requests.length; i++)
      expect(requests[i]!.sentAtMs - requests[i - 1]!.sentAtMs).toBe(400);
    for (const m of toConsumer(messages)) expect(recordsIn(m)).toBe(0);
  });

  it('by default (1 byte, 500 ms) parks an empty fetch for 500 ms and answers new data at once', () => {
    const { sim, seen } = oneConsumer({});
    const quiet = watch(sim, 10_000, seen).filter(
      (m) => m.from === 'consumer-c1' && m.body.kind === 'FetchRequest' && m.sentAtMs >= 8_000,
    );
    for (let i = 1; i < quiet.length; i++)
      expect(quiet[i]!.sentAtMs - quiet[i - 1]!.sentAtMs).toBe(500 + 400);
    produce(sim);
    const messages = watch(sim, 12_000, seen);
    const answer = toConsumer(messages).find((m) => recordsIn(m) > 0)!;
    const committed = messages.find((m) => m.to === 'producer-p' && m.body.kind === 'ProduceResponse')!;
    // Answered when the high watermark moved (the produce response leaves at the same instant), or when
    // the next fetch arrived if none was parked then: never after waiting out fetch.max.wait.ms.
    expect(answer.sentAtMs).toBe(Math.max(committed.sentAtMs, answered(messages, answer).deliverAtMs));
  });
});
