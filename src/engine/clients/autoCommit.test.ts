// enable.auto.commit against Kafka's consumer (ConsumerCoordinator):
// - poll() → maybeAutoCommitOffsetsAsync: auto-commit happens only inside poll(), once
//   auto.commit.interval.ms has passed (nextAutoCommitTimer), and commits subscriptions.allConsumed(): the
//   records poll() has returned before, which the application has processed by the time it polls again.
//   An application busy with a batch is not in poll(), so nothing is committed until it is done.
// - onJoinPrepare → maybeAutoCommitOffsetsSync: before rejoining, eager or cooperative, it commits.
// - onJoinComplete → nextAutoCommitTimer.updateAndReset: the interval starts again from the new assignment.
import { describe, expect, it } from 'vitest';
import type { Message } from '../types';
import type { ConsumerConfig, GroupMessageBody } from '../groups/types';
import { cluster } from '../testing/harness';

function oneConsumer(config: Partial<ConsumerConfig>, processingTimeMs: number, partitions = 1) {
  return cluster(3)
    .topic('t', partitions, 3)
    .producer({ id: 'p', topic: 't', ratePerSec: 20, keys: { kind: 'random', keys: ['a', 'b', 'c', 'd'] } })
    .group({
      groupId: 'g',
      topic: 't',
      autoOffsetReset: 'earliest',
      config,
      consumers: [{ id: 'c1', processingTimeMs }, { id: 'c2' }].slice(0, partitions === 1 ? 2 : 1),
    })
    .build();
}

type Sim = ReturnType<typeof oneConsumer>;

/** Everything a consumer sends, seen while it is on the wire (a hop is 200 ms; steps are 50 ms). */
class Wire {
  private readonly seen = new Map<number, Message>();
  constructor(
    private readonly sim: Sim,
    private readonly consumerId: string,
  ) {}
  advanceTo(untilMs: number): void {
    while (this.sim.peekState().nowMs < untilMs) {
      this.sim.advanceTo(Math.min(untilMs, this.sim.peekState().nowMs + 50));
      for (const t of this.sim.peekState().timers)
        if (t.timer.kind === 'deliver' && t.timer.message.from === `consumer-${this.consumerId}`)
          this.seen.set(t.timer.message.id, t.timer.message);
    }
  }
  sent(kind: GroupMessageBody['kind']): Message[] {
    return [...this.seen.values()].filter((m) => m.body.kind === kind).sort((a, b) => a.id - b.id);
  }
}

const consumer = (sim: Sim, id: string) => sim.peekState().consumers[id]!;
const committed = (sim: Sim, pid: string) => sim.peekState().groups.g!.committed[pid];

describe('auto-commit happens in poll() (ConsumerCoordinator.maybeAutoCommitOffsetsAsync)', () => {
  it('does not commit while the application is busy with a batch, even past auto.commit.interval.ms; it commits that batch when it comes back to poll()', () => {
    // 30 records at 100 ms each: every batch keeps the application away from poll() for 3 s.
    const sim = oneConsumer({ 'auto.commit.interval.ms': 1_000, 'max.poll.records': 30 }, 100);
    const wire = new Wire(sim, 'c1');
    // Wait for a full batch in hand, with more than one auto-commit interval of work left.
    while (consumer(sim, 'c1').busyUntilMs - sim.peekState().nowMs < 2_500)
      wire.advanceTo(sim.peekState().nowMs + 50);
    const busyFromMs = sim.peekState().nowMs;
    const doneAtMs = consumer(sim, 'c1').busyUntilMs;
    const afterBatch = consumer(sim, 'c1').positions['t-0']!;
    const before = committed(sim, 't-0');
    wire.advanceTo(doneAtMs - 1);
    expect(wire.sent('OffsetCommitRequest').filter((m) => m.sentAtMs > busyFromMs)).toEqual([]);
    expect(committed(sim, 't-0')).toBe(before);
    // Back in poll(): the interval has long passed, so it commits, and the batch it finished is covered.
    wire.advanceTo(doneAtMs + 300);
    const commit = wire.sent('OffsetCommitRequest').find((m) => m.sentAtMs > busyFromMs)!;
    expect(commit.sentAtMs).toBe(doneAtMs);
    expect(committed(sim, 't-0')).toBe(afterBatch);
  });

  it('redelivers the batch in hand after a crash: an auto-commit never covers records still being processed (at-least-once)', () => {
    const sim = oneConsumer(
      { 'auto.commit.interval.ms': 1_000, 'max.poll.records': 30, 'session.timeout.ms': 6_000 },
      100,
    );
    // c1 owns the only partition (RangeAssignor: c1-… sorts before c2-…); c2 is idle until c1 is gone.
    sim.advanceTo(12_000);
    expect(sim.view().groups[0]!.members.find((m) => m.id === 'c1')!.assigned).toEqual(['t-0']);
    // Crash in the middle of a batch, well after the interval has passed within it.
    while (consumer(sim, 'c1').busyUntilMs - sim.peekState().nowMs !== 1_500) sim.advanceBy(50);
    const inHandFrom = consumer(sim, 'c1').positions['t-0']! - 30;
    sim.advanceBy(300); // the commits sent before the crash have landed
    expect(committed(sim, 't-0')).toBeLessThanOrEqual(inHandFrom);
    sim.dispatch({ type: 'crashConsumer', consumerId: 'c1' });
    sim.advanceBy(15_000);
    expect(sim.view().groups[0]!.members.find((m) => m.id === 'c2')!.assigned).toEqual(['t-0']);
    expect(sim.view().groups[0]!.redelivered).toBeGreaterThanOrEqual(30);
  });

  it('restarts the interval when a rebalance completes (ConsumerCoordinator.onJoinComplete)', () => {
    // Two consumers started together form their group after two initial rebalance delays (~7 s): within
    // the first interval, so that an interval counted from the start would commit before the one checked.
    const sim = oneConsumer({ 'auto.commit.interval.ms': 10_000 }, 0);
    const wire = new Wire(sim, 'c1');
    let stableAtMs = -1;
    while (stableAtMs < 0) {
      wire.advanceTo(sim.peekState().nowMs + 50);
      if (consumer(sim, 'c1').phase === 'stable') stableAtMs = sim.peekState().nowMs;
    }
    expect(stableAtMs).toBeLessThan(10_000);
    wire.advanceTo(stableAtMs + 10_300);
    const first = wire.sent('OffsetCommitRequest')[0]!;
    expect(first.sentAtMs).toBeGreaterThanOrEqual(stableAtMs - 50 + 10_000);
  });
});

describe('commits before a rebalance (ConsumerCoordinator.onJoinPrepare → maybeAutoCommitOffsetsSync)', () => {
  it('a cooperative member commits before it rejoins, though it keeps its partitions', () => {
    const sim = oneConsumer(
      { 'auto.commit.interval.ms': 120_000, 'partition.assignment.strategy': ['cooperative-sticky'] },
      0,
      2,
    );
    const wire = new Wire(sim, 'c1');
    wire.advanceTo(10_000);
    expect(consumer(sim, 'c1').assigned).toEqual(['t-0', 't-1']);
    sim.dispatch({ type: 'addConsumer', groupId: 'g', consumerId: 'c2' });
    wire.advanceTo(20_000);
    const rejoin = wire.sent('JoinGroupRequest').find((m) => m.sentAtMs > 10_000)!;
    const commits = wire.sent('OffsetCommitRequest').filter((m) => m.sentAtMs === rejoin.sentAtMs);
    expect(commits).toHaveLength(1);
    expect(commits[0]!.id).toBeLessThan(rejoin.id);
  });
});
