// The consumer's fetch buffer against Kafka's consumer (FetchBuffer, FetchCollector, AbstractFetch):
// - A fetch brings up to max.partition.fetch.bytes per partition; poll() returns at most max.poll.records
//   ("The maximum number of records returned in a single call to poll()") and the rest waits for the next
//   poll() calls, without another fetch.
// - AbstractFetch.fetchablePartitions excludes "any partitions for which we still have buffered data":
//   a partition is fetched again only once a poll() has drained its CompletedFetch, and KafkaConsumer.poll
//   sends that fetch before returning the records ("to enable pipelining while the user is handling the
//   fetched records"). CompletedFetch.fetchRecords stops at max.poll.records before looking further, so a
//   completed fetch whose last records filled a poll is drained by the next poll().
// - The position moves only as poll() returns records: buffered records are not consumed.
import { describe, expect, it } from 'vitest';
import { cloneState, hashState } from '../sim/clone';
import { leaderLog } from '../cluster/partition';
import { recordsOf } from '../log/replicaLog';
import { backlog, FetchWatch, RECORD_BYTES } from '../testing/fetchWatch';

/** A consumer that joins group g of a 2,000-record backlog and takes 2 ms per record (1 s per full poll). */
function catchingUp(config = {}) {
  const sim = backlog(2_000, 1, config);
  sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c1', processingTimeMs: 2 });
  return { sim, watch: new FetchWatch(sim, 'c1') };
}

describe('the fetch buffer (FetchBuffer, FetchCollector)', () => {
  it('returns one fetch of 2,000 records over four polls of max.poll.records=500, fetching the partition again only once poll() has drained it', () => {
    const { sim, watch } = catchingUp();
    // 2,000 records of 72 bytes are 144,000 bytes: one fetch of max.partition.fetch.bytes (1 MiB).
    expect(2_000 * RECORD_BYTES).toBeLessThan(1_048_576);
    watch.advanceTo(30_000, () => watch.consumer().positions['t-0'] === 500);
    // After the first poll the position has moved past what poll() returned, not past what was fetched.
    expect(watch.buffered('t-0')).toBe(1_500);
    expect(sim.peekState().groups.g!.committed['t-0'] ?? 0).toBeLessThanOrEqual(500);
    watch.advanceTo(30_000);
    const polls = watch.pollsOf('t-0');
    expect(polls.map((p) => p.position)).toEqual([500, 1_000, 1_500, 2_000]);
    // Each poll comes when the application is done with the last one (500 records × 2 ms).
    expect(polls.slice(1).map((p, i) => p.atMs - polls[i]!.atMs)).toEqual([1_000, 1_000, 1_000]);
    const fetches = watch.fetchesOf('t-0');
    expect(fetches.filter((f) => f.fetchOffset < 2_000).map((f) => f.fetchOffset)).toEqual([0]);
    // The fifth poll() finds the completed fetch used up, drains it and fetches again.
    expect(fetches[1]).toMatchObject({ fetchOffset: 2_000, sentAtMs: polls[3]!.atMs + 1_000 });
    expect(sim.peekState().groups.g!.committed['t-0']).toBe(2_000);
  });

  it('fetches as often as max.partition.fetch.bytes requires, sending each next fetch as poll() drains the last one (pipelining)', () => {
    // 800 records a fetch: each fetch is returned by a poll of 500 and a poll of 300.
    const { watch } = catchingUp({ 'max.partition.fetch.bytes': 800 * RECORD_BYTES });
    watch.advanceTo(30_000);
    const fetches = watch.fetchesOf('t-0');
    expect(fetches.slice(0, 4).map((f) => f.fetchOffset)).toEqual([0, 800, 1_600, 2_000]);
    const polls = watch.pollsOf('t-0');
    expect(polls.map((p) => p.position)).toEqual([500, 800, 1_300, 1_600, 2_000]);
    // The poll that returned the first fetch's last 300 records drained it and sent the next fetch at once,
    // so it arrives while the application works on those 300 (600 ms, more than a 400 ms round trip).
    expect(fetches[1]!.sentAtMs).toBe(polls[1]!.atMs);
    expect(polls[2]!.atMs).toBe(polls[1]!.atMs + 300 * 2);
    expect(fetches[2]!.sentAtMs).toBe(polls[3]!.atMs);
  });

  it('is plain state: a checkpoint copies it, sharing the log records inside, and is unaffected by later polls', () => {
    const { sim, watch } = catchingUp();
    watch.advanceTo(30_000, () => watch.consumer().positions['t-0'] === 500);
    const state = sim.peekState();
    const copy = cloneState(state);
    const hash = hashState(copy);
    expect(hashState(state)).toBe(hash);
    const live = state.consumers.c1!.fetchBuffer[0]!;
    const copied = copy.consumers.c1!.fetchBuffer[0]!;
    expect(copied).toEqual(live);
    expect(copied).not.toBe(live);
    expect(copied.records).not.toBe(live.records);
    // The records themselves are the leader's own LogRecord objects, shared rather than copied.
    const log = recordsOf(leaderLog(state.partitions['t-0']!)!);
    expect(copied.records[1_999]).toBe(log[1_999]);
    expect(copied.records[0]).toBe(live.records[0]);
    watch.advanceTo(30_000, () => watch.consumer().positions['t-0'] === 1_500);
    expect(copied.returned).toBe(500);
    expect(hashState(copy)).toBe(hash);
  });
});
