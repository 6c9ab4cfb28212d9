// The Simplifications list from ARCHITECTURE.md, as the UI shows it (one click away from the main screen).
// A unit test reads ARCHITECTURE.md and fails when the two differ: update both in the same commit.
// Items are in the document's own light markdown: **bold** and `code`.
export const SIMPLIFICATIONS: readonly string[] = [
  "**Network latency is exaggerated** (200 ms per hop by default) so that travel is visible; Kafka's own timeouts keep their defaults (`broker.session.timeout.ms` 9000, `replica.lag.time.max.ms` 30000, …).",
  '**One always-available KRaft controller.** Controller quorum elections and controller failover are not simulated. Metadata changes (leader, ISR) reach brokers at once, without `UpdateMetadata` latency, and an `AlterPartition` from a reachable leader is applied at once.',
  "**Batching per partition.** `linger.ms` (default 5 ms, as since Kafka 4.0, KIP-1030) and `batch.size` work as in RecordAccumulator: a batch leaves once it is full, once `linger.ms` has passed since its first record, while `send()` is blocked on `buffer.memory`, or when the producer closes; up to `max.in.flight.requests.per.connection` batches per partition are in flight. Each batch travels in a produce request of its own, where Kafka puts every ready batch for one broker in one request, and a retried batch waits `retry.backoff.ms` only (Kafka: the longer of it and `linger.ms`). Changing a producer's config acts as a new producer: the old one's lingering batches leave first, under the old config. For null keys, the sticky partitioner switches after `batch.size` bytes and picks uniformly among partitions that have a leader (adaptive partitioning by queue size is not modelled).",
  "**Each follower and each consumer fetches each partition on its own** (a fetch session per partition), where Kafka's replica fetcher threads and consumers send one Fetch per broker for all its partitions. The per-partition limits are Kafka's (`replica.fetch.max.bytes` and `max.partition.fetch.bytes`, 1 MiB, at least one record); `fetch.max.bytes` across partitions is not modelled.",
  '**A crashed broker keeps its log** (process crash with the disk intact); no log recovery time.',
  '**Retention and compaction work per record**, not per segment, on the `log.retention.check.interval.ms` schedule, and only below the high watermark.',
  "**One always-available group coordinator.** The classic protocol is simulated message by message (JoinGroup with MEMBER_ID_REQUIRED, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit; states, generations, `group.initial.rebalance.delay.ms`, session and rebalance timeouts, static membership, eager and cooperative rebalancing), but the coordinator is not tied to a `__consumer_offsets` partition leader, so killing a broker never moves it. Committed offsets live in the coordinator's state. Producer `partitioner.ignore.keys`, rack-aware assignors and regex subscriptions are not modelled. The KIP-848 protocol (`group.protocol=consumer`) is simulated with ConsumerGroupHeartbeat, group and member epochs, server-side `uniform`/`range` target assignments computed at once (so `Assigning` never lasts), and per-member reconciliation (revoke first; a partition moves only once released). As in Kafka 4.0 (KIP-1082), each consumer process draws its own member id, a Kafka `Uuid` from the seeded generator, and joins with it at member epoch 0, so a consumer closed before the first answer still leaves. A member never has two heartbeats in flight: the next goes once `group.consumer.heartbeat.interval.ms` has passed since the last was sent and that one is answered (a join or an acknowledgement as soon as nothing is in flight; a leave regardless); one unanswered for `request.timeout.ms` is given up, which the heartbeat thread notices at its next tick. Before each reconciliation a member commits the position of every partition it owns with `enable.auto.commit`, or, without it, of those it gives up (its application's `onPartitionsRevoked`); it then revokes and acknowledges at once, where Kafka waits for the commit's answer, a round trip, but the commit goes first on the same connection, so the coordinator has it before it hands a partition on. A closing member's last heartbeat carries member epoch -1, or -2 for a static member, which the coordinator keeps with its assignment until `group.consumer.session.timeout.ms` so that its `group.instance.id` can take it back under the new process's member id; a crashed static member's instance id is refused with `UNRELEASED_INSTANCE_ID` until then (`groups/staticMembers.ts`). Leave heartbeats get no answer (the client has gone). Switching a group's `group.protocol` restarts its consumers with the new config, keeping committed offsets.",
  '**Record size** is key + value bytes plus a fixed 70-byte overhead.',
  '**Idempotence**: the broker checks sequences against the last record of that producer in its log; an unfillable gap makes the producer bump its epoch (KIP-360) once nothing is in flight, modelled as a fresh producer id.',
  '**Unclean elections** run when a broker is fenced, at each `unclean.leader.election.interval.ms` check, or on request (`kafka-leader-election --election-type unclean`).',
  "**Services** produce their output when `poll()` returns a record, not after each record's processing time; failing records are retried by blocking the instance (no non-blocking retry topics), and dead letters carry their origin in the value rather than in headers (records have no headers).",
  "**Record timestamps follow the topic's `message.timestamp.type`**: `CreateTime` (Kafka's default) is when the application called `send()` (a `send()` blocked on `buffer.memory` keeps that time; a retried batch keeps its records' timestamps), `LogAppendTime` is when the leader appended the record. Producers and brokers read one clock, so a timestamp is never ahead of the broker's, and the broker's checks `log.message.timestamp.before.max.ms` and `log.message.timestamp.after.max.ms` are not modelled (with their defaults, any age behind and 1 hour ahead since Kafka 4.0, they would refuse nothing here). Retention by time deletes the oldest records while each one's timestamp is more than `retention.ms` in the past, stopping at the first that is not, as Kafka stops at the first segment whose largest timestamp is within `retention.ms`. With `CreateTime`, records of several producers or a retried batch reach the log out of timestamp order, so a record may outlive its own `retention.ms` until every record before it has expired; but, each record being its own segment, it never waits for newer records behind it, as it would in a Kafka segment. A reset to a time (ListOffsets by timestamp) gives the earliest offset whose timestamp is at or after it. Compaction removes a tombstone `delete.retention.ms` after its timestamp (Kafka: after the cleaner first cleaned its segment).",
  "**The producer's `buffer.memory` defaults to 1 MiB** (Kafka: 32 MiB) and each buffered record holds its own size, not a whole `batch.size` buffer as in Kafka's BufferPool. When it is full, `send()` blocks for up to `max.block.ms` (60000) and then throws `BufferExhaustedException`, as in Kafka: a producer faster than its cluster slows to the cluster's pace within seconds rather than minutes.",
  "**A record counts as processed when `poll()` returns it** (in the delivery audit and the group's counts), and a service produces its output then, rather than after the application's processing time (`processingTimeMs` per record). That time delays only the consumer's next `poll()`, from which `max.poll.interval.ms` counts, and the commits that cover those records (auto-commit and the commit after each `poll()` carry only what the application has finished; that commit does not hold up the next `poll()` as `commitSync` would). Classic rebalances (`onJoinPrepare`), revocations under either protocol and `close()` act at once rather than inside the next `poll()`, so a commit made then covers every record `poll()` has returned, including those the application has not finished (never records still in the fetch buffer).",
];

/** The numbered items under "## Simplifications" in ARCHITECTURE.md, with line breaks folded. */
export function parseSimplifications(markdown: string): string[] {
  const section = markdown.split(/^## Simplifications\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const items: string[] = [];
  for (const line of section.split('\n')) {
    const start = /^\d+\.\s+(.*)$/.exec(line);
    if (start) items.push(start[1]!.trim());
    else if (items.length > 0 && line.trim() !== '') items[items.length - 1] += ` ${line.trim()}`;
  }
  return items;
}

export type Span = { kind: 'text' | 'bold' | 'code'; text: string };

/** Split an item into plain, **bold** and `code` spans for rendering. */
export function spans(item: string): Span[] {
  const out: Span[] = [];
  const re = /\*\*(.+?)\*\*|`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(item); m; m = re.exec(item)) {
    if (m.index > last) out.push({ kind: 'text', text: item.slice(last, m.index) });
    out.push(m[1] !== undefined ? { kind: 'bold', text: m[1] } : { kind: 'code', text: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < item.length) out.push({ kind: 'text', text: item.slice(last) });
  return out;
}
