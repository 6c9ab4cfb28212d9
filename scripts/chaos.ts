// npm run chaos -- --schedules N --seed S [--acks all|1] [--unclean] [--transactions] [--share] [--json]
// Runs seeded fault schedules and prints what the delivery audit saw. With acks=all and clean election
// any loss, reordering, duplicate (idempotence is on), audit/recount mismatch or nondeterminism is a
// failure; with --acks 1 or --unclean, losses are expected and only mismatches fail. A failure prints the
// seed and a minimal command log that still fails, found by removing commands one at a time. With
// --transactions the producer is transactional and a read_committed group reads: an aborted record it
// processes, or a transaction still unfinished once the cluster has settled, is a failure too. With
// --share a share group of three members reads too (and the schedule crashes and restarts them): once
// settled, every record below the high watermark must be accepted exactly once (or archived at the
// delivery limit) and nothing left in flight.
import { runChaos, type ChaosOptions, type ChaosResult } from '../src/engine/testing/chaos';
import { Simulation, type LoggedCommand } from '../src/engine/index';
import { chaosSetup, recountLost, shareOutcome, transactionOutcome } from '../src/engine/testing/chaos';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const schedules = Number(arg('--schedules', '100'));
const seed0 = Number(arg('--seed', '1'));
const acks = arg('--acks', 'all') === '1' ? 1 : 'all';
const transactions = process.argv.includes('--transactions');
const share = process.argv.includes('--share');
const options: ChaosOptions = {
  acks,
  unclean: process.argv.includes('--unclean'),
  idempotence: true,
  // Transactions need time after the faults: a transaction left open aborts after its 10 s timeout, at
  // the coordinator's next 10 s check.
  durationMs: share ? 90_000 : transactions ? 60_000 : 30_000,
  faults: 10,
  ...(transactions ? { transactions, settleMs: 30_000 } : {}),
  // A ShareFetch lost behind a cut cable waits for request.timeout.ms (30 s), and a crashed member's
  // records for their 15 s lock.
  ...(share ? { shareGroup: true, settleMs: 60_000 } : {}),
};
const strict = acks === 'all' && !options.unclean;

function failureOf(
  r: Pick<
    ChaosResult,
    | 'lost'
    | 'recountedLost'
    | 'reordered'
    | 'duplicated'
    | 'deterministic'
    | 'abortedReadCommitted'
    | 'unfinishedTransactions'
    | 'shareProblem'
  >,
): string | null {
  if (!r.deterministic) return 'the same seed and log gave two different states';
  if (r.shareProblem) return `share group: ${r.shareProblem}`;
  if (r.abortedReadCommitted > 0)
    return `the read_committed group processed ${r.abortedReadCommitted} records of aborted transactions`;
  if (r.unfinishedTransactions > 0)
    return `${r.unfinishedTransactions} partitions still hold an unfinished transaction after the cluster settled`;
  if (r.lost !== r.recountedLost)
    return `the audit counted ${r.lost} lost records, a recount from the logs found ${r.recountedLost}`;
  if (strict && r.lost > 0)
    return `${r.lost} acknowledged records were lost with acks=all and clean election`;
  if (strict && r.reordered > 0) return `${r.reordered} records were reordered within a key`;
  if (strict && r.duplicated > 0) return `${r.duplicated} records were duplicated with idempotence on`;
  return null;
}

function evaluate(seed: number, log: LoggedCommand[]): string | null {
  const setup = chaosSetup(options);
  const a = Simulation.replay(setup, seed, log, options.durationMs);
  const b = Simulation.replay(setup, seed, log, options.durationMs);
  const audit = a.view().audit;
  const txns = transactionOutcome(a);
  return failureOf({
    ...audit,
    recountedLost: recountLost(a),
    deterministic: a.hash() === b.hash(),
    abortedReadCommitted: txns.aborted,
    unfinishedTransactions: txns.unfinished,
    shareProblem: shareOutcome(a).problem,
  });
}

/** Delta debugging, one command at a time: keep removing commands while the run still fails. */
function minimise(seed: number, log: LoggedCommand[]): LoggedCommand[] {
  let current = log;
  for (let i = current.length - 1; i >= 0; i--) {
    const candidate = current.filter((_, j) => j !== i);
    if (evaluate(seed, candidate) !== null) current = candidate;
  }
  return current;
}

const totals = {
  schedules: 0,
  acknowledged: 0,
  aborted: 0,
  lost: 0,
  duplicated: 0,
  reordered: 0,
  mismatches: 0,
  failures: 0,
  shareAccepted: 0,
};
const failures: { seed: number; why: string; log: LoggedCommand[] }[] = [];
const started = process.hrtime.bigint();
for (let i = 0; i < schedules; i++) {
  const seed = seed0 + i;
  const r = runChaos(seed, options);
  totals.schedules++;
  totals.acknowledged += r.acknowledged;
  totals.aborted += r.abortedTotal;
  totals.shareAccepted += r.shareAccepted;
  totals.lost += r.lost;
  totals.duplicated += r.duplicated;
  totals.reordered += r.reordered;
  if (!r.deterministic) totals.mismatches++;
  const why = failureOf(r);
  if (why) {
    totals.failures++;
    failures.push({ seed, why, log: minimise(seed, r.log) });
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ options, totals, seconds, failures }, null, 2));
} else {
  console.log(
    `chaos: acks=${options.acks}${options.unclean ? ', unclean election' : ''}${transactions ? ', transactions' : ''}${share ? ', a share group' : ''}, ${totals.schedules} schedules from seed ${seed0} in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  acknowledged ${totals.acknowledged}, lost ${totals.lost}, duplicated ${totals.duplicated}, reordered ${totals.reordered}, determinism mismatches ${totals.mismatches}${transactions ? `, aborted ${totals.aborted} (none read by read_committed)` : ''}${share ? `, accepted by the share group ${totals.shareAccepted} (each once, none left in flight)` : ''}`,
  );
  for (const f of failures) {
    console.log(
      `FAILED with seed ${f.seed}: ${f.why}\n  replay with this minimal command log:\n  ${JSON.stringify(f.log)}`,
    );
  }
}
process.exit(totals.failures > 0 ? 1 : 0);
