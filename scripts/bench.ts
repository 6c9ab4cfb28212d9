// npm run bench: figures, not a test (run with --expose-gc for heap figures: node --expose-gc --import tsx).
// 1. Simulated records per second for produce → replicate (RF 3) → consume, in fast-forward, against a
//    bare loop that only appends the same records to three arrays and reads them back. Both are timed
//    the same way, best of several runs, so that neither pays for the JIT warming up; the first runs
//    (the figure this script used to print) are shown too.
// 2. A 30-minute virtual run at 1,000 records/s with retention: heap every 5 minutes, and seek times.
import { Simulation, type SimulationSetup } from '../src/engine/index';

function setup(ratePerSec: number, retentionMs: number): SimulationSetup {
  return {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
    clusterConfig: { networkLatencyMs: 2, logRetentionCheckIntervalMs: 10_000 },
    topics: [
      {
        name: 'bench',
        partitions: 6,
        replicationFactor: 3,
        config: { 'min.insync.replicas': 2, 'retention.ms': retentionMs },
      },
    ],
    producers: [
      {
        id: 'p',
        topic: 'bench',
        ratePerSec,
        keys: { kind: 'random', keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] },
      },
    ],
    groups: [
      { groupId: 'g', topic: 'bench', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }, { id: 'c2' }] },
    ],
  };
}

const ms = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;

function engineRun(): { records: number; seconds: number } {
  // No checkpoints: this measures the simulation itself.
  const sim = Simulation.create(setup(1_000, -1), 1, {
    checkpointIntervalMs: Number.POSITIVE_INFINITY,
    checkpointEverySchedules: Number.POSITIVE_INFINITY,
  });
  const t = process.hrtime.bigint();
  sim.advanceTo(60_000);
  const seconds = ms(t) / 1000;
  const v = sim.view();
  const consumed = v.groups[0]!.members.reduce((n, m) => n + m.consumed, 0);
  if (consumed < v.audit.committed * 0.9)
    throw new Error(`consumers fell behind: ${consumed} of ${v.audit.committed}`);
  return { records: v.audit.committed, seconds };
}

function bareLoop(records: number): number {
  const t = process.hrtime.bigint();
  const replicas: { offset: number; key: string; value: string }[][] = [[], [], []];
  let read = 0;
  for (let i = 0; i < records; i++) {
    const r = { offset: i, key: `k${i % 8}`, value: `{"n":${i}}` };
    for (const log of replicas) log.push(r);
  }
  for (const r of replicas[0]!) read += r.offset >= 0 ? 1 : 0;
  if (read !== records) throw new Error('bare loop lost records');
  return ms(t) / 1000;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

const runs = [engineRun()];
// As first measured: one bare loop right after the first (cold) engine run.
const bareFirst = runs[0]!.records / bareLoop(runs[0]!.records);
runs.push(engineRun(), engineRun());
const records = runs[0]!.records;
const first = records / runs[0]!.seconds;
const engineRate = Math.max(...runs.map((r) => r.records / r.seconds));
const bareRate = Math.max(bareFirst, ...Array.from({ length: 5 }, () => records / bareLoop(records)));
console.log(
  `engine: ${records} records produced → replicated ×3 → consumed: ${Math.round(engineRate)} records/s (best of 3; first run ${Math.round(first)})`,
);
console.log(
  `bare loop (append to 3 arrays, read back): ${Math.round(bareRate)} records/s (best of 6; first run ${Math.round(bareFirst)})`,
);
console.log(
  `ratio: engine is ${(bareRate / engineRate).toFixed(1)}× slower than the bare loop, best against best (target ≤ 20×); first runs: ${(bareFirst / first).toFixed(1)}×`,
);

// 30 virtual minutes at 1,000 records/s with 60 s retention.
const long = Simulation.create(setup(1_000, 60_000), 2, { checkpointIntervalMs: 10_000 });
const samples: string[] = [];
const t0 = process.hrtime.bigint();
for (let minute = 1; minute <= 30; minute++) {
  long.advanceTo(minute * 60_000);
  if (minute % 5 === 0) samples.push(`${minute} min: ${heapMb().toFixed(0)} MB`);
}
console.log(
  `30-minute run at 1,000 records/s (retention.ms=60000): ${(ms(t0) / 1000).toFixed(1)} s wall; heap ${samples.join(', ')}`,
);
function seekTimes(targets: number[]): number[] {
  return targets
    .map((target) => {
      const t = process.hrtime.bigint();
      long.seek(target);
      return ms(t);
    })
    .sort((a, b) => a - b);
}
const fixed = seekTimes([1_234_567, 90_000, 1_790_000, 600_500, 1_000_000, 30_000, 1_500_000, 1_799_999]);
console.log(
  `seek to 8 times across the run: median ${fixed[4]!.toFixed(0)} ms, max ${fixed[fixed.length - 1]!.toFixed(0)} ms (target ≤ 100 ms)`,
);
// A fixed pseudo-random spread of 50 more targets, so that the figure does not hinge on 8 lucky ones.
const spread = seekTimes(Array.from({ length: 50 }, (_, i) => (i * 1_048_573) % 1_800_000));
console.log(
  `seek to 50 more times: median ${spread[25]!.toFixed(0)} ms, p90 ${spread[45]!.toFixed(0)} ms, max ${spread[49]!.toFixed(0)} ms`,
);
