// kafka-share-groups against a simulated share group. Expected texts are ShareGroupCommand's (Kafka 4.2):
// its printf formats (`%-15s %-15s %-10s %-13s %s` for offsets, `%-15s %-25s %-15s %s` for --state, members
// sorted by consumer id with `topic:0,1` assignments), maybePrintEmptyGroupState's notes and
// ShareGroupCommandOptions.checkArgs's option errors.
import { describe, expect, it } from 'vitest';
import { Simulation, type SimulationSetup } from '../../engine/index';
import { cluster } from '../../engine/testing/harness';
import { runLine } from './cli';

function exec(sim: Simulation, line: string): string[] {
  const r = runLine(line, sim.view());
  return r === 'clear' ? [] : r.lines.map((l) => l.text);
}

const B = '--bootstrap-server localhost:9092';

/** Topic jobs (2 partitions), a producer cycling keys, share group print-jobs of 3 workers, consumer group g. */
function printShop(workers = ['w1', 'w2', 'w3']): Simulation {
  const def = cluster(3)
    .topic('jobs', 2, 3)
    .producer({ id: 'p', topic: 'jobs', ratePerSec: 10, keys: { kind: 'cycle', keys: ['a', 'b', 'c', 'd'] } })
    .group({
      groupId: 'g',
      topic: 'jobs',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'c1' }],
    }).definition;
  const setup: SimulationSetup = {
    ...def,
    shareGroups: [
      {
        groupId: 'print-jobs',
        topic: 'jobs',
        consumers: workers.map((id) => ({ id, processingTimeMs: 50 })),
        config: { 'share.auto.offset.reset': 'earliest' },
      },
      { groupId: 'idle', topic: 'jobs', consumers: [] },
    ],
  };
  const sim = Simulation.create(setup, 1);
  sim.advanceTo(10_000);
  return sim;
}

describe('kafka-share-groups', () => {
  it('lists share groups, not consumer groups; --state adds ShareGroupCommand’s GROUP STATE table', () => {
    const sim = printShop();
    expect(exec(sim, `kafka-share-groups ${B} --list`)).toEqual(['idle', 'print-jobs']);
    expect(exec(sim, `kafka-share-groups ${B} --list --state`)).toEqual([
      'GROUP           STATE',
      'idle            Empty',
      'print-jobs      Stable',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --list --state stable`)).toEqual([
      'GROUP           STATE',
      'print-jobs      Stable',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --list --state=Busy`)).toEqual([
      "Invalid state list 'Busy'. Valid states are: Dead, Empty, Stable",
    ]);
    expect(exec(sim, `kafka-consumer-groups ${B} --list`)).toEqual(['g']);
  });

  it('describes offsets: START-OFFSET is the share-partition start offset, LAG as the view counts it', () => {
    const sim = printShop();
    const lines = exec(sim, `kafka-share-groups ${B} --describe --group print-jobs`);
    const view = sim.view().shareGroups.find((g) => g.groupId === 'print-jobs')!;
    expect(lines[0]).toBe('');
    expect(lines[1]).toBe('GROUP           TOPIC           PARTITION  START-OFFSET  LAG');
    const rows = view.partitions.map((p, i) => {
      expect(p.startOffset).toBeGreaterThanOrEqual(0);
      return `print-jobs      jobs            ${String(i).padEnd(10)} ${String(p.startOffset).padEnd(13)} ${String(p.lag)}`;
    });
    expect(lines.slice(2)).toEqual(rows);
    // Never fetched: no start offset yet, so both are unknown; the group has no members.
    expect(exec(sim, `kafka-share-groups ${B} --describe --group idle`)).toEqual([
      '',
      "Share group 'idle' has no active members.",
      '',
      'GROUP           TOPIC           PARTITION  START-OFFSET  LAG',
      'idle            jobs            0          -             -',
      'idle            jobs            1          -             -',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --describe --group nope`)).toEqual([
      '',
      "Error: Share group 'nope' does not exist.",
    ]);
  });

  it('describes members sorted by member id, with HOST, CLIENT-ID and topic:partition assignments', () => {
    const sim = printShop(['w1', 'w2', 'w3', 'w4']);
    const lines = exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --members`);
    expect(lines[0]).toBe('');
    expect(lines[1]!.split(/ +/)).toEqual([
      'GROUP',
      'CONSUMER-ID',
      'HOST',
      'CLIENT-ID',
      '#PARTITIONS',
      'ASSIGNMENT',
    ]);
    const members = [...sim.view().shareGroups.find((g) => g.groupId === 'print-jobs')!.members].sort(
      (a, b) => (a.memberId < b.memberId ? -1 : 1),
    );
    expect(lines.slice(2).map((l) => l.split(/ +/))).toEqual(
      members.map((m) => [
        'print-jobs',
        m.memberId,
        '/127.0.0.1',
        m.consumerId,
        String(m.assigned.length),
        `jobs:${m.assigned
          .map((p) => p.slice(5))
          .sort()
          .join(',')}`,
      ]),
    );
    // 4 members, 2 partitions: the simple assignor shares each partition between 2 members.
    expect(members.map((m) => m.assigned.length)).toEqual([1, 1, 1, 1]);
    expect(lines[2]!.indexOf('/127.0.0.1')).toBe(lines[1]!.indexOf('HOST'));
    expect(lines[2]!.indexOf('jobs:')).toBe(lines[1]!.indexOf('ASSIGNMENT'));
    expect(exec(sim, `kafka-share-groups ${B} --describe --group idle --members`)).toEqual([
      '',
      "Share group 'idle' has no active members.",
    ]);
  });

  it('describes the state with COORDINATOR (ID) as kafka-consumer-groups prints it', () => {
    const sim = printShop();
    expect(exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --state`)).toEqual([
      '',
      'GROUP           COORDINATOR (ID)          STATE           #MEMBERS',
      'print-jobs      -                         Stable          3',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --describe --group idle --state`)).toEqual([
      '',
      "Share group 'idle' has no active members.",
      '',
      'GROUP           COORDINATOR (ID)          STATE           #MEMBERS',
      'idle            -                         Empty           0',
    ]);
    // A crashed worker stays a member until share.session.timeout.ms (45 s) passes without a heartbeat.
    sim.dispatch({ type: 'crashConsumer', consumerId: 'w1' });
    sim.advanceTo(20_000);
    expect(exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --state`)[2]).toMatch(
      /Stable +3$/,
    );
    sim.advanceTo(70_000);
    expect(exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --state`)[2]).toMatch(
      /Stable +2$/,
    );
  });

  it('refuses options as ShareGroupCommandOptions does, and what Kafkascope does not simulate', () => {
    const sim = printShop();
    expect(exec(sim, `kafka-share-groups ${B}`)).toEqual([
      'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets.',
    ]);
    expect(exec(sim, 'kafka-share-groups --list')).toEqual([
      'Missing required argument "[bootstrap-server]"',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --describe`)).toEqual([
      'Option [describe] takes one of these options: [group], [all-groups]',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --members --state`)).toEqual([
      'Option [describe] takes at most one of these options: [members], [offsets], [state]',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --state Stable`)).toEqual([
      'Option [describe] does not take a value for [state]',
    ]);
    // joptsimple's refusals while parsing reach ShareGroupCommand's catch-all.
    expect(exec(sim, `kafka-share-groups ${B} --list --members`)).toEqual([
      '',
      'Error: Executing share group command failed due to Option(s) [members] are unavailable given other options on the command line',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --list --type share`)).toEqual([
      '',
      'Error: Executing share group command failed due to type is not a recognized option',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --reset-offsets --group idle --to-earliest --execute`)).toEqual(
      [
        "Resetting a share group's offsets is not simulated in Kafkascope: its start offsets move only as its members acknowledge records.",
      ],
    );
    expect(exec(sim, `kafka-share-groups ${B} --delete --group idle`)).toEqual([
      'Deleting share groups is not simulated in Kafkascope.',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --delete-offsets --group idle --topic jobs`)).toEqual([
      "Deleting a share group's offsets is not simulated in Kafkascope.",
    ]);
    expect(
      exec(sim, `kafka-share-groups ${B} --describe --all-groups --state`).filter((l) => l !== ''),
    ).toEqual([
      "Share group 'idle' has no active members.",
      'GROUP           COORDINATOR (ID)          STATE           #MEMBERS',
      'idle            -                         Empty           0',
      'GROUP           COORDINATOR (ID)          STATE           #MEMBERS',
      'print-jobs      -                         Stable          3',
    ]);
  });

  it('adds --verbose columns: LEADER-EPOCH, MEMBER-EPOCH, GROUP-EPOCH and ASSIGNMENT-EPOCH', () => {
    const sim = printShop();
    const view = sim.view();
    const g = view.shareGroups.find((x) => x.groupId === 'print-jobs')!;
    const offsets = exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --verbose`);
    expect(offsets[1]).toBe('GROUP           TOPIC           PARTITION  LEADER-EPOCH  START-OFFSET  LAG');
    expect(offsets.slice(2).map((l) => l.split(/ +/))).toEqual(
      g.partitions.map((p, i) => [
        'print-jobs',
        'jobs',
        String(i),
        String(view.partitions.find((x) => x.id === p.partitionId)!.leaderEpoch),
        String(p.startOffset),
        String(p.lag),
      ]),
    );
    const members = exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --members --verbose`);
    expect(members[1]!.split(/ +/)).toEqual([
      'GROUP',
      'CONSUMER-ID',
      'HOST',
      'CLIENT-ID',
      '#PARTITIONS',
      'MEMBER-EPOCH',
      'ASSIGNMENT',
    ]);
    const w1 = g.members.find((m) => m.consumerId === 'w1')!;
    expect(
      members
        .find((l) => l.includes(w1.memberId))!
        .split(/ +/)
        .slice(4, 6),
    ).toEqual([String(w1.assigned.length), String(w1.memberEpoch)]);
    expect(exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --state --verbose`)).toEqual([
      '',
      'GROUP           COORDINATOR (ID)          STATE           GROUP-EPOCH  ASSIGNMENT-EPOCH  #MEMBERS',
      `print-jobs      -                         Stable          ${String(g.groupEpoch).padEnd(12)} ${String(g.groupEpoch).padEnd(17)} 3`,
    ]);
  });

  it('describes every --group given, in group id order', () => {
    const sim = printShop();
    const lines = exec(sim, `kafka-share-groups ${B} --describe --group print-jobs --group idle --state`);
    expect(lines.filter((l) => /^(idle|print-jobs) /.test(l)).map((l) => l.split(/ +/)[0])).toEqual([
      'idle',
      'print-jobs',
    ]);
  });

  it('kafka-consumer-groups says a share group is not a consumer group', () => {
    const sim = printShop();
    expect(exec(sim, `kafka-consumer-groups ${B} --describe --group print-jobs`)).toEqual([
      '',
      'Error: Executing consumer group command failed due to org.apache.kafka.common.errors.GroupIdNotFoundException: Group print-jobs is not a consumer group.',
    ]);
    expect(exec(sim, `kafka-share-groups ${B} --describe --group g`)).toEqual([
      '',
      "Error: Share group 'g' does not exist.",
    ]);
  });
});
