// npm run sim -- <scenario id or file> [--seed N] [--until ms] [--json]
// Runs a scenario headlessly and prints the final cluster state and the delivery audit.
import { readFileSync } from 'node:fs';
import { Simulation } from '../src/engine/index';
import { findScenario, parseScenario, toSetup, builtinScenarios } from '../src/scenarios/index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const target = process.argv
  .slice(2)
  .find((a, i, all) => !a.startsWith('--') && !['--seed', '--until'].includes(all[i - 1] ?? ''));
if (!target) {
  console.error(
    `usage: npm run sim -- <scenario id or file> [--seed N] [--until ms] [--json]\nbuilt-in: ${builtinScenarios.map((s) => s.id).join(', ')}`,
  );
  process.exit(2);
}
let scenario = findScenario(target);
if (!scenario) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(target, 'utf8'));
  } catch (e) {
    console.error(
      `"${target}" is neither a built-in scenario nor a readable JSON file: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(2);
  }
  const parsed = parseScenario(raw);
  if (!parsed.ok) {
    console.error(`The scenario in ${target} is not valid:\n${parsed.error}`);
    process.exit(2);
  }
  scenario = parsed.scenario;
}
const seed = Number(arg('--seed') ?? scenario.seed);
const until = Number(arg('--until') ?? 60_000);
const sim = Simulation.create(toSetup(scenario), seed);
sim.advanceTo(until);
const view = sim.view();
if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify({ scenario: scenario.id, seed, untilMs: until, hash: sim.hash(), view }, null, 2),
  );
} else {
  console.log(`${scenario.title} — seed ${seed}, ${until} ms, state ${sim.hash()}`);
  for (const t of view.topics) {
    console.log(
      `Topic: ${t.name}\tPartitionCount: ${t.partitions}\tReplicationFactor: ${t.replicationFactor}`,
    );
    for (const p of view.partitions.filter((x) => x.topic === t.name)) {
      console.log(
        `\tTopic: ${t.name}\tPartition: ${p.partition}\tLeader: ${p.leader < 0 ? 'none' : p.leader}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}\tHW: ${p.highWatermark}`,
      );
    }
  }
  for (const g of view.shareGroups) {
    const parts = g.partitions.map(
      (p) => `${p.partitionId} START-OFFSET ${p.startOffset < 0 ? '-' : p.startOffset} LAG ${p.lag ?? '-'}`,
    );
    console.log(
      `Share group ${g.groupId} (${g.state}, epoch ${g.groupEpoch}, ${g.members.filter((m) => m.inGroup).length} members): ${parts.join('; ')}; accepted ${g.stats.accepted}, released ${g.stats.released}, rejected ${g.stats.rejected}, archived at the delivery limit ${g.stats.archivedAtLimit}`,
    );
  }
  const a = view.audit;
  console.log(
    `audit: produced ${a.produced}, acknowledged ${a.acknowledged}, committed ${a.committed}, lost ${a.lost}, duplicated ${a.duplicated}, reordered ${a.reordered}, failed ${a.failed}${a.aborted > 0 ? `, aborted ${a.aborted}` : ''}`,
  );
  for (const e of a.explanations) console.log(`  lost: ${e.text}`);
}
