// npm run bench: figures, not a test (npm runs it with --expose-gc, so memory figures are after GC).
// npm bundles this script with Vite first, as the app's worker is bundled: run through tsx instead, every
// import between engine modules becomes a getter call, which cost a third of the engine's time.
// 1. Simulated records per second for produce → replicate (RF 3) → consume, in fast-forward, against a
//    bare loop that only appends the same records to three arrays and reads them back. Both are timed
//    the same way, best of several runs, so that neither pays for the JIT warming up; the first runs
//    are shown too. Each engine run is also paired with the bare loop run right after it: on a shared
//    machine, load shifts both sides of a pair alike.
// 2. A 30-minute virtual run at 1,000 records/s with retention: memory every 5 minutes, with and without
//    checkpoints, and seek times anywhere in it; then on to 60 minutes, where the checkpoints reach their
//    budget and the older history is thinned. A table of every figure ends the output.
import { Simulation, type SimulationSetup } from '../src/engine/index';

function setup(ratePerSec: number, retentionMs: number): SimulationSetup {
  return {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
    // group.initial.rebalance.delay.ms=0, as Kafka's docs suggest for tests: two consumers started together
    // wait two delays (6 s) before their first generation, the whole of the 10,000 records/s run.
    clusterConfig: {
      networkLatencyMs: 2,
      logRetentionCheckIntervalMs: 10_000,
      groupInitialRebalanceDelayMs: 0,
    },
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

function engineRun(ratePerSec = 1_000): { records: number; seconds: number } {
  // No checkpoints: this measures the simulation itself. 60,000 records whatever the rate.
  const sim = Simulation.create(setup(ratePerSec, -1), 1, {
    checkpointIntervalMs: Number.POSITIVE_INFINITY,
    checkpointEverySchedules: Number.POSITIVE_INFINITY,
  });
  const t = process.hrtime.bigint();
  sim.advanceTo(60_000_000 / ratePerSec);
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

/**
 * The run's memory after GC: the JS heap plus the backing stores of typed arrays (the audit's columns),
 * which V8 keeps outside heapUsed and which are a third of what a long run's checkpoints hold.
 */
function memoryMb(): { total: number; heap: number; buffers: number } {
  // Twice: the first collection frees dead typed arrays' backing stores only after it returns, and
  // arrayBuffers still counts them (measured: 55 MB after one, 50 MB after two and after more).
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return {
    total: (m.heapUsed + m.arrayBuffers) / 1e6,
    heap: m.heapUsed / 1e6,
    buffers: m.arrayBuffers / 1e6,
  };
}

const runs = [engineRun()];
// As first measured: one bare loop right after the first (cold) engine run.
const bareFirst = runs[0]!.records / bareLoop(runs[0]!.records);
const pairRatios = [bareFirst / (runs[0]!.records / runs[0]!.seconds)];
for (let i = 0; i < 2; i++) {
  const run = engineRun();
  runs.push(run);
  pairRatios.push(run.records / bareLoop(run.records) / (run.records / run.seconds));
}
const records = runs[0]!.records;
const first = records / runs[0]!.seconds;
const engineRate = Math.max(...runs.map((r) => r.records / r.seconds));
const bareRate = Math.max(bareFirst, ...Array.from({ length: 5 }, () => records / bareLoop(records)));
const ratio = bareRate / engineRate;
const pairs = pairRatios.map((r) => r.toFixed(0)).join(', ');
// The same pipeline at 10,000 records/s, where the producer's requests and the fetches carry several
// records each, as Kafka's batches do under load: the engine's cost per record rather than per message.
const batchedRuns = [engineRun(10_000), engineRun(10_000), engineRun(10_000)];
const batchedRate = Math.max(...batchedRuns.map((r) => r.records / r.seconds));
const batchedRatio = bareRate / batchedRate;
console.log(
  `engine: ${records} records produced → replicated ×3 → consumed: ${Math.round(engineRate)} records/s (best of 3; first run ${Math.round(first)})`,
);
console.log(
  `bare loop (append to 3 arrays, read back): ${Math.round(bareRate)} records/s (best of 6; first run ${Math.round(bareFirst)})`,
);
console.log(
  `ratio: engine is ${ratio.toFixed(1)}× slower than the bare loop, best against best (target ≤ 20×); each engine run against the bare loop right after it: ${pairs}×`,
);
console.log(
  `at 10,000 records/s (several records per request and per fetch): ${Math.round(batchedRate)} records/s, ${batchedRatio.toFixed(1)}× the bare loop`,
);

// The live state alone: the run below without checkpoints, whose memory retention must keep flat. First,
// so that nothing else is in memory then.
const bare = Simulation.create(setup(1_000, 60_000), 2, {
  checkpointIntervalMs: Number.POSITIVE_INFINITY,
  checkpointEverySchedules: Number.POSITIVE_INFINITY,
});
const liveHeaps: number[] = [];
for (let minute = 5; minute <= 30; minute += 5) {
  bare.advanceTo(minute * 60_000);
  liveHeaps.push(memoryMb().total);
}
bare.seek(0);

// 30 virtual minutes at 1,000 records/s with 60 s retention, then on to 60. Checkpoints are frozen
// (sim/frozen.ts) and stay within their budget (sim/checkpoints.ts): 30 minutes fit whole; after that
// the older history is thinned.
const long = Simulation.create(setup(1_000, 60_000), 2, { checkpointIntervalMs: 10_000 });
const samples: string[] = [];
const heaps: number[] = [];
const held: number[] = [];
const t0 = process.hrtime.bigint();
function runTo(minutes: number, every: number): void {
  for (let minute = Math.round(long.nowMs / 60_000) + 1; minute <= minutes; minute++) {
    long.advanceTo(minute * 60_000);
    if (minute % every === 0) {
      const kept = long.checkpointStats();
      const mem = memoryMb();
      heaps.push(mem.total);
      held.push(kept.heldBytes / 1e6);
      samples.push(
        `${minute} min: ${mem.total.toFixed(0)} MB (heap ${mem.heap.toFixed(0)} + typed arrays ${mem.buffers.toFixed(0)}; ${kept.times.length} checkpoints holding ${(kept.heldBytes / 1e6).toFixed(0)} MB)`,
      );
    }
  }
}
runTo(30, 5);
const gc = (globalThis as { gc?: () => void }).gc ? 'after GC' : 'without GC: run node with --expose-gc';
const longWallS = ms(t0) / 1000;
const times30 = long.checkpointStats().times;
const gaps30 = times30.slice(1).map((t, i) => t - times30[i]!);
function seekTimes(targets: number[]): number[] {
  return targets
    .map((target) => {
      const t = process.hrtime.bigint();
      long.seek(target);
      return ms(t);
    })
    .sort((a, b) => a - b);
}
const summary = (xs: number[]): string =>
  `median ${xs[Math.floor(xs.length / 2)]!.toFixed(0)} ms, p90 ${xs[Math.floor(xs.length * 0.9)]!.toFixed(0)} ms, max ${xs[xs.length - 1]!.toFixed(0)} ms`;
const triple = (xs: number[]): string =>
  `${xs[Math.floor(xs.length / 2)]!.toFixed(0)} / ${xs[Math.floor(xs.length * 0.9)]!.toFixed(0)} / ${xs[xs.length - 1]!.toFixed(0)} ms`;
// A fixed pseudo-random spread of targets, so that a figure does not hinge on lucky ones.
const spread = (from: number, to: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => from + ((i * 1_048_573) % Math.max(1, to - from)));
const anywhere = seekTimes(spread(0, 1_800_000, 60));
long.seek(1_800_000);

// On to 60 minutes: the checkpoints reach their budget and the oldest history is thinned.
const beyond = heaps.length;
runTo(60, 10);
const times = long.checkpointStats().times;
let denseFrom = times.length - 1;
while (denseFrom > 0 && times[denseFrom]! - times[denseFrom - 1]! <= 10_000) denseFrom--;
const denseFromMs = times[denseFrom]!;
const old = seekTimes(spread(0, denseFromMs, 20));
const dense60 = seekTimes(spread(denseFromMs, 3_600_000, 20));
// A teacher who rewinds to an old moment scrubs around it next: seconds either side of where they landed.
const scrub = spread(60_000, denseFromMs - 60_000, 4)
  .flatMap((t) => {
    long.seek(t);
    return seekTimes([-3_000, 2_000, -8_000, 5_000, -20_000].map((d) => t + d));
  })
  .sort((a, b) => a - b);

console.log(
  `30-minute run at 1,000 records/s (retention.ms=60000): ${longWallS.toFixed(1)} s wall; memory (JS heap + typed arrays) ${gc}:\n  ${samples.slice(0, beyond).join('\n  ')}`,
);
console.log(
  `  checkpoints at 30 min: ${times30.length}, none thinned (widest gap ${(Math.max(...gaps30) / 1000).toFixed(1)} s)`,
);
console.log(
  `the same run without checkpoints (the live state): ${liveHeaps.map((h) => h.toFixed(0)).join('/')} MB`,
);
console.log(`seek to 60 times anywhere in the 30 minutes: ${summary(anywhere)} (target ≤ 100 ms)`);
console.log(`on to 60 minutes:\n  ${samples.slice(beyond).join('\n  ')}`);
console.log(
  `  dense from ${(denseFromMs / 60_000).toFixed(1)} min; before that ${denseFrom} more checkpoints, thinned to the budget`,
);
console.log(`  seek to 20 times in the dense history: ${summary(dense60)}`);
console.log(
  `  seek to 20 times in the thinned older history: ${summary(old)} (replays from an older checkpoint)`,
);
console.log(`  scrub around 4 older seek targets (20 seeks, ±3-20 s): ${summary(scrub)} (seek cache)`);

const liveFlat = Math.max(...liveHeaps) - Math.min(...liveHeaps) < 0.25 * Math.min(...liveHeaps);
const after = heaps.slice(beyond);
const plateau = Math.max(...after) - Math.min(...after) < 0.1 * Math.min(...after);
const rows: [string, string, string][] = [
  ['engine, records/s (best of 3)', Math.round(engineRate).toLocaleString('en'), ''],
  ['engine, records/s (first, cold)', Math.round(first).toLocaleString('en'), ''],
  ['bare loop, records/s (best of 6)', Math.round(bareRate).toLocaleString('en'), ''],
  ['ratio, best against best', `${ratio.toFixed(1)}×`, ratio <= 20 ? 'met (≤ 20×)' : 'NOT met (≤ 20×)'],
  ['ratio, engine run against next bare loop', `${pairs}×`, ''],
  [
    'at 10,000 records/s: records/s, ratio',
    `${Math.round(batchedRate).toLocaleString('en')}, ${batchedRatio.toFixed(1)}×`,
    'records batched as under load',
  ],
  ['30-min run, wall', `${longWallS.toFixed(1)} s`, ''],
  [
    `30-min run, live state at 5…30 min${gc === 'after GC' ? ' (after GC)' : ' (no GC: use --expose-gc)'}`,
    `${liveHeaps.map((h) => h.toFixed(0)).join('/')} MB`,
    liveFlat ? 'flat: retention works' : 'NOT flat',
  ],
  [
    '30-min run, with checkpoints at 5…30 min',
    `${heaps
      .slice(0, beyond)
      .map((h) => h.toFixed(0))
      .join('/')} MB`,
    `checkpoints ${held
      .slice(0, beyond)
      .map((h) => h.toFixed(0))
      .join('/')} MB, none thinned`,
  ],
  [
    'seek anywhere in 30 min: median / p90 / max',
    triple(anywhere),
    anywhere[anywhere.length - 1]! <= 100 ? 'met (≤ 100 ms)' : 'NOT met (≤ 100 ms)',
  ],
  [
    'on to 60 min, memory at 40/50/60 min',
    `${after.map((h) => h.toFixed(0)).join('/')} MB`,
    plateau ? 'flat at the checkpoint budget' : 'NOT flat',
  ],
  [
    '60-min run: dense checkpoints from',
    `${(denseFromMs / 60_000).toFixed(1)} min`,
    `${denseFrom} older kept`,
  ],
  ['60-min run: seek, dense history', triple(dense60), ''],
  ['60-min run: seek, thinned older history', triple(old), 'replays from a thinned checkpoint'],
  ['60-min run: scrub near an older seek', triple(scrub), 'after the first seek there'],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log('\nfigures');
for (const [name, value, note] of rows) console.log(`  ${name.padEnd(w0)}  ${value.padStart(w1)}  ${note}`);
