// npm run bench: figures, not a test.
// 1. Simulated records per second for produce → replicate (RF 3) → consume, in fast-forward, against a
//    bare loop that only appends the same records to three arrays and reads them back.
// 2. A 30-minute virtual run at 1,000 records/s with retention: heap before/after, and seek times.
import { Simulation, type SimulationSetup } from '../src/engine/index';

function setup(ratePerSec: number, retentionMs: number): SimulationSetup {
  return {
    brokers: [{ id: 1 }, { id: 2 }, { id: 3 }],
    clusterConfig: { networkLatencyMs: 2, logRetentionCheckIntervalMs: 10_000 },
    topics: [{ name: 'bench', partitions: 6, replicationFactor: 3, config: { 'min.insync.replicas': 2, 'retention.ms': retentionMs } }],
    producers: [{ id: 'p', topic: 'bench', ratePerSec, keys: { kind: 'random', keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] } }],
    groups: [{ groupId: 'g', topic: 'bench', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }, { id: 'c2' }] }],
  };
}

const ms = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;

function engineThroughput(): { records: number; seconds: number } {
  const sim = Simulation.create(setup(1_000, -1), 1, { checkpointIntervalMs: 1e9 });
  const t = process.hrtime.bigint();
  sim.advanceTo(60_000);
  const seconds = ms(t) / 1000;
  const v = sim.view();
  const consumed = v.groups[0]!.members.reduce((n, m) => n + m.consumed, 0);
  if (consumed < v.audit.committed * 0.9) throw new Error(`consumers fell behind: ${consumed} of ${v.audit.committed}`);
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

const e = engineThroughput();
const bare = bareLoop(e.records);
const engineRate = e.records / e.seconds;
const bareRate = e.records / bare;
console.log(`engine: ${e.records} records produced → replicated ×3 → consumed in ${e.seconds.toFixed(2)} s = ${Math.round(engineRate)} records/s`);
console.log(`bare loop (append to 3 arrays, read back): ${Math.round(bareRate)} records/s`);
console.log(`ratio: engine is ${(bareRate / engineRate).toFixed(1)}× slower than the bare loop (target ≤ 20×)`);

// 30 virtual minutes at 1,000 records/s with 60 s retention: memory should stay flat.
const long = Simulation.create(setup(1_000, 60_000), 2, { checkpointIntervalMs: 10_000 });
const samples: string[] = [];
const t0 = process.hrtime.bigint();
for (let minute = 1; minute <= 30; minute++) {
  long.advanceTo(minute * 60_000);
  if (minute % 5 === 0) samples.push(`${minute} min: ${heapMb().toFixed(0)} MB`);
}
console.log(`30-minute run at 1,000 records/s (retention.ms=60000): ${(ms(t0) / 1000).toFixed(1)} s wall; heap ${samples.join(', ')}`);
const seeks: number[] = [];
for (const target of [1_234_567, 90_000, 1_790_000, 600_500, 1_000_000, 30_000, 1_500_000, 1_799_999]) {
  const t = process.hrtime.bigint();
  long.seek(target);
  seeks.push(ms(t));
}
seeks.sort((a, b) => a - b);
console.log(`seek to 8 times across the run: median ${seeks[4]!.toFixed(0)} ms, max ${seeks[seeks.length - 1]!.toFixed(0)} ms (target ≤ 100 ms)`);
