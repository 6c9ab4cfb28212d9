// The terminal's Kafka tools against a real simulated cluster. Expected texts are the tools' own, from
// their sources: TopicCommand (describe lines, "Created topic", "Error while executing topic command :",
// the checks on options), ConsumerGroupCommand (the describe and reset tables, the state notes),
// LeaderElectionCommand and ConsoleProducer's LineMessageReader; see ../shared/kafka-reference.md §6.
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../engine/index';
import { cluster } from '../../engine/testing/harness';
import { parseOptions, shellWords } from './args';
import { runLine } from './cli';
import { consumerClosed, newRecords } from './consoleConsumer';
import { producerLine } from './consoleProducer';

/** Run a line as the terminal does: print, apply its commands, print the tool's report on them. */
function exec(sim: Simulation, line: string): string[] {
  const r = runLine(line, sim.view());
  if (r === 'clear') return [];
  const lines = [...r.lines];
  if (r.step) {
    const refusals = r.step.commands.map((c) => {
      const { result } = sim.dispatch(c);
      return result.ok ? null : result.error;
    });
    lines.push(...r.step.report(refusals));
  }
  return lines.map((l) => l.text);
}

const B = '--bootstrap-server localhost:9092';

/** Topic t: 3 partitions on brokers 1-3, preferred leaders 1, 2, 3; min.insync.replicas=2. */
function threeBrokers(): Simulation {
  const sim = cluster(3)
    .topic('t', 3, 3, {
      assignment: { 0: [1, 2, 3], 1: [2, 3, 1], 2: [3, 1, 2] },
      config: { 'min.insync.replicas': 2 },
    })
    .producer({ id: 'p', topic: 't', ratePerSec: 0, keys: { kind: 'null' } })
    .group({ groupId: 'g', topic: 't', autoOffsetReset: 'earliest', consumers: [{ id: 'c1' }] })
    .build();
  sim.advanceTo(10_000);
  return sim;
}

describe('the command line', () => {
  it('splits words as a shell does and reads options as joptsimple does', () => {
    expect(shellWords(`kafka-topics --config 'a b' "c\\"d" e\\ f`)).toEqual([
      'kafka-topics',
      '--config',
      'a b',
      'c"d',
      'e f',
    ]);
    expect(shellWords(`echo 'open`)).toHaveProperty('error');
    const o = parseOptions(['--topic=t', '--partitions', '3', '--create'], {
      topic: 'one',
      partitions: 'one',
      create: 'flag',
    });
    expect('error' in o ? o : [o.value('topic'), o.value('partitions'), o.has('create')]).toEqual([
      't',
      '3',
      true,
    ]);
    expect(parseOptions(['--nope'], {})).toEqual({ error: 'nope is not a recognized option' });
    // withOptionalArg: a value when the next word is not an option, or after '='.
    const optional = { state: 'optional', list: 'flag' } as const;
    for (const [words, value] of [
      [['--list', '--state', 'Stable'], 'Stable'],
      [['--state=Empty', '--list'], 'Empty'],
      [['--state', '--list'], undefined],
    ] as const) {
      const o = parseOptions(words, optional);
      expect('error' in o ? o.error : [o.has('state'), o.has('list'), o.value('state')]).toEqual([
        true,
        true,
        value,
      ]);
    }
    expect(parseOptions(['--topic'], { topic: 'one' })).toEqual({
      error: 'Option topic requires an argument',
    });
    expect(exec(threeBrokers(), 'ls -l')).toEqual([
      'ls: command not found. Type help for the Kafka tools this terminal runs.',
    ]);
  });
});

describe('kafka-topics', () => {
  it('describes a topic line for line as TopicCommand prints it', () => {
    const sim = threeBrokers();
    // Under KRaft every topic has a Uuid, printed as 22 characters of base64url (Uuid.toString).
    const topicId = sim.view().topics[0]!.topicId;
    expect(topicId).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(exec(sim, `bin/kafka-topics.sh ${B} --describe --topic t`)).toEqual([
      `Topic: t\tTopicId: ${topicId}\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: min.insync.replicas=2`,
      '\tTopic: t\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\tElr: \tLastKnownElr: ',
      '\tTopic: t\tPartition: 1\tLeader: 2\tReplicas: 2,3,1\tIsr: 2,3,1\tElr: \tLastKnownElr: ',
      '\tTopic: t\tPartition: 2\tLeader: 3\tReplicas: 3,1,2\tIsr: 3,1,2\tElr: \tLastKnownElr: ',
    ]);
    expect(exec(sim, `kafka-topics ${B} --list`)).toEqual(['t']);
  });

  it('prints joptsimple’s parse errors after TopicCommand’s catch-all prefix, as the tool does', () => {
    const sim = threeBrokers();
    // --zookeeper was removed with ZooKeeper mode; a student's old command line meets the parser's error.
    expect(exec(sim, `kafka-topics ${B} --zookeeper localhost:2181 --list`)).toEqual([
      'Error while executing topic command : zookeeper is not a recognized option',
    ]);
    expect(exec(sim, `kafka-topics ${B} --create --topic x --partitions many`)).toEqual([
      "Error while executing topic command : Cannot parse argument 'many' of option partitions",
    ]);
  });

  it('reports only the matching partitions, without the topic line, for the replication reports', () => {
    const sim = threeBrokers();
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(60_000);
    const under = exec(sim, `kafka-topics ${B} --describe --under-replicated-partitions`);
    expect(under).toHaveLength(3);
    for (const l of under)
      expect(l).toMatch(/^\tTopic: t\tPartition: \d\tLeader: [23]\tReplicas: [\d,]+\tIsr: [23],[23]\t/);
    expect(under[0]).toContain('Leader: 2');
    // ISR 2 = min.insync.replicas: at min, not under; every partition still has a live leader.
    expect(exec(sim, `kafka-topics ${B} --describe --at-min-isr-partitions`)).toHaveLength(3);
    expect(exec(sim, `kafka-topics ${B} --describe --under-min-isr-partitions`)).toEqual([]);
    expect(exec(sim, `kafka-topics ${B} --describe --unavailable-partitions`)).toEqual([]);
  });

  it('creates a topic, and passes the controller’s refusal on in TopicCommand’s words', () => {
    const sim = threeBrokers();
    expect(
      exec(
        sim,
        `kafka-topics ${B} --create --topic pay --partitions 2 --replication-factor 3 --config retention.ms=60000`,
      ),
    ).toEqual(['Created topic pay.']);
    const pay = sim.view().topics.find((t) => t.name === 'pay')!;
    expect([pay.partitions, pay.replicationFactor, pay.config['retention.ms']]).toEqual([2, 3, 60_000]);
    expect(exec(sim, `kafka-topics ${B} --create --topic big --replication-factor 4`)).toEqual([
      'Error while executing topic command : Unable to replicate the partition 4 time(s): The target replication factor of 4 cannot be reached because only 3 broker(s) are registered.',
    ]);
    expect(exec(sim, `kafka-topics ${B} --create --topic pay`)).toEqual([
      "Error while executing topic command : Topic 'pay' already exists.",
    ]);
    expect(exec(sim, `kafka-topics ${B} --create --topic pay --if-not-exists`)).toEqual([]);
    expect(exec(sim, `kafka-topics ${B} --create --topic my.events`)[0]).toMatch(
      /^WARNING: Due to limitations in metric names/,
    );
    // Beyond what the simulator (and a share link) can hold: said, not attempted.
    expect(exec(sim, `kafka-topics ${B} --create --topic huge --partitions 100000`)).toEqual([
      'Kafkascope cannot simulate this: The createTopic command has topic.partitions 100000, but it must be at most 1000.',
    ]);
    expect(sim.view().topics.some((t) => t.name === 'huge')).toBe(false);
  });

  it('refuses what TopicCommand refuses before it reaches the cluster', () => {
    const sim = threeBrokers();
    expect(exec(sim, 'kafka-topics --describe')).toEqual(['--bootstrap-server must be specified']);
    expect(exec(sim, `kafka-topics ${B} --list --describe`)).toEqual([
      'Command must include exactly one action: --list, --describe, --create, --alter or --delete',
    ]);
    expect(exec(sim, `kafka-topics ${B} --describe --topic nope`)).toEqual([
      "Topic 'nope' does not exist as expected",
    ]);
    expect(exec(sim, `kafka-topics ${B} --create --topic x --replication-factor 0`)).toEqual([
      'The replication factor must be between 1 and 32767 inclusive',
    ]);
    expect(exec(sim, `kafka-topics ${B} --alter --topic t --config retention.ms=1`)[0]).toMatch(
      /^Option "\[config\]" can't be used with option "\[alter\]"/,
    );
    expect(exec(sim, `kafka-topics ${B} --create --topic x --config retention.ms=soon`)).toEqual([
      'Invalid value soon for configuration retention.ms: Not a number of type LONG',
    ]);
    expect(exec(sim, `kafka-topics ${B} --create --topic x --config colour=blue`)).toEqual([
      'Unknown topic config name: colour',
    ]);
    expect(exec(sim, `kafka-topics ${B} --create --topic x --config segment.bytes=1024`)).toEqual([
      'The topic config segment.bytes is not simulated in Kafkascope.',
    ]);
  });

  it('adds partitions with --alter, printing nothing, and passes on a refusal', () => {
    const sim = threeBrokers();
    expect(exec(sim, `kafka-topics ${B} --alter --topic t --partitions 4`)).toEqual([]);
    expect(sim.view().topics[0]!.partitions).toBe(4);
    expect(exec(sim, `kafka-topics ${B} --alter --topic t --partitions 2`)[0]).toMatch(
      /^Error while executing topic command : /,
    );
  });
});

describe('kafka-configs', () => {
  it('alters and describes a topic’s dynamic configs', () => {
    const sim = threeBrokers();
    expect(
      exec(
        sim,
        `kafka-configs ${B} --entity-type topics --entity-name t --alter --add-config retention.ms=60000,cleanup.policy=[compact,delete]`,
      ),
    ).toEqual(['Completed updating config for topic t.']);
    expect(sim.view().topics[0]!.config).toMatchObject({
      'retention.ms': 60_000,
      'cleanup.policy': 'compact,delete',
    });
    expect(exec(sim, `kafka-configs ${B} --topic t --describe`)).toEqual([
      'Dynamic configs for topic t are:',
      '  min.insync.replicas=2 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:min.insync.replicas=2}',
      '  retention.ms=60000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=60000}',
      '  cleanup.policy=compact,delete sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,delete}',
    ]);
    exec(sim, `kafka-configs ${B} --topic t --alter --delete-config retention.ms`);
    expect(sim.view().topics[0]!.config['retention.ms']).toBe(604_800_000);
  });
});

describe('kafka-consumer-groups', () => {
  it('describes a group’s offsets in ConsumerGroupCommand’s columns, LAG - before any commit', () => {
    const sim = threeBrokers();
    const lines = exec(sim, `kafka-consumer-groups ${B} --describe --group g`);
    expect(lines[0]).toBe('');
    expect(lines[1]!.split(/ +/)).toEqual([
      'GROUP',
      'TOPIC',
      'PARTITION',
      'CURRENT-OFFSET',
      'LOG-END-OFFSET',
      'LAG',
      'CONSUMER-ID',
      'HOST',
      'CLIENT-ID',
    ]);
    const member = sim.view().groups[0]!.members[0]!;
    expect(lines.slice(2, 5).map((l) => l.split(/ +/))).toEqual(
      [0, 1, 2].map((p) => ['g', 't', String(p), '-', '0', '-', member.memberId, '/127.0.0.1', 'c1']),
    );
    // Columns line up: each value starts where its header does.
    expect(lines[2]!.indexOf(member.memberId)).toBe(lines[1]!.indexOf('CONSUMER-ID'));
    // ConsumerGroupCommand starts each line with a newline ("\n%-15s …"): a blank line before the table,
    // none after its last row.
    expect(lines).toHaveLength(5);
    for (const flag of ['--members', '--state'])
      expect(exec(sim, `kafka-consumer-groups ${B} --describe --group g ${flag}`).at(-1)).not.toBe('');
    expect(exec(sim, `kafka-consumer-groups ${B} --describe --group g --state`)[1]).toBe(
      'GROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                #MEMBERS',
    );
    expect(exec(sim, `kafka-consumer-groups ${B} --describe --group g --members --state`)).toEqual([
      'Option [describe] takes at most one of these options: [members], [offsets], [state]',
    ]);
    expect(
      exec(
        sim,
        `kafka-consumer-groups ${B} --reset-offsets --group g --all-topics --to-earliest --dry-run --execute`,
      ),
    ).toEqual(['Option [reset-offsets] only accepts one of [execute] and [dry-run]']);
    expect(exec(sim, `kafka-consumer-groups ${B} --describe --group nope`)).toEqual([
      '',
      "Error: Consumer group 'nope' does not exist.",
    ]);
  });

  it('lists groups with their state and type as printGroupInfo does, filtered by the values given', () => {
    const sim = threeBrokers();
    sim.dispatch({
      type: 'addGroup',
      group: {
        groupId: 'kip848-readers',
        topic: 't',
        config: { 'group.protocol': 'consumer' },
        consumers: [{ id: 'r1' }],
      },
    });
    sim.advanceTo(20_000);
    expect(exec(sim, `kafka-consumer-groups ${B} --list`)).toEqual(['g', 'kip848-readers']);
    // GROUP is as wide as the longest id (at least 15) plus 10, then a space and each column at 20.
    expect(exec(sim, `kafka-consumer-groups ${B} --list --state`)).toEqual([
      `${'GROUP'.padEnd(25)} STATE`,
      `${'g'.padEnd(25)} Stable`,
      `${'kip848-readers'.padEnd(25)} Stable`,
    ]);
    expect(exec(sim, `kafka-consumer-groups ${B} --list --type --state`)).toEqual([
      `${'GROUP'.padEnd(25)} ${'TYPE'.padEnd(20)} STATE`,
      `${'g'.padEnd(25)} ${'Classic'.padEnd(20)} Stable`,
      `${'kip848-readers'.padEnd(25)} ${'Consumer'.padEnd(20)} Stable`,
    ]);
    expect(exec(sim, `kafka-consumer-groups ${B} --list --type consumer`).slice(1)).toEqual([
      `${'kip848-readers'.padEnd(25)} Consumer`,
    ]);
    expect(exec(sim, `kafka-consumer-groups ${B} --list --state empty`)).toEqual([
      `${'GROUP'.padEnd(25)} STATE`,
    ]);
    expect(exec(sim, `kafka-consumer-groups ${B} --list --state Sleepy`)).toEqual([
      "Invalid state list 'Sleepy'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling",
    ]);
  });

  it('resets offsets only for an inactive group; a dry run changes nothing', () => {
    const sim = threeBrokers();
    for (let i = 0; i < 6; i++)
      sim.dispatch({ type: 'produce', producerId: 'p', key: null, value: 'v', partition: i % 3 });
    sim.advanceTo(20_000);
    const reset = `kafka-consumer-groups ${B} --reset-offsets --group g --topic t --to-earliest`;
    expect(exec(sim, `${reset} --execute`)).toEqual([
      "Error: Assignments can only be reset if the group 'g' is inactive, but the current state is Stable.",
    ]);
    sim.dispatch({ type: 'removeConsumer', consumerId: 'c1' });
    sim.advanceTo(30_000);
    const committed = () => sim.view().groups[0]!.partitions.map((p) => p.committed);
    expect(committed()).toEqual([2, 2, 2]);
    const dry = exec(sim, `${reset} --dry-run`);
    expect(dry.filter((l) => /^g +t +\d/.test(l)).map((l) => l.split(/ +/))).toEqual([
      ['g', 't', '0', '0'],
      ['g', 't', '1', '0'],
      ['g', 't', '2', '0'],
    ]);
    expect(committed()).toEqual([2, 2, 2]);
    exec(sim, `${reset} --execute`);
    expect(committed()).toEqual([0, 0, 0]);
  });
});

describe('kafka-leader-election and kafka-console-producer', () => {
  it('runs a preferred election where it is needed and says where it is not', () => {
    const sim = threeBrokers();
    sim.dispatch({ type: 'killBroker', brokerId: 1 });
    sim.advanceTo(30_000);
    sim.dispatch({ type: 'restartBroker', brokerId: 1 });
    sim.advanceTo(60_000);
    expect(sim.view().partitions[0]!.leader).not.toBe(1);
    expect(exec(sim, `kafka-leader-election ${B} --election-type preferred --all-topic-partitions`)).toEqual([
      'Successfully completed leader election (PREFERRED) for partitions t-0',
      'Valid replica already elected for partitions t-1, t-2',
    ]);
    expect(sim.view().partitions[0]!.leader).toBe(1);
  });

  it('sends each line typed as a record, split at key.separator with parse.key=true', () => {
    const sim = threeBrokers();
    const started = runLine(
      `kafka-console-producer ${B} --topic t --property parse.key=true --property key.separator=:`,
      sim.view(),
    );
    if (started === 'clear' || !started.producer || !started.step) throw new Error('no console producer');
    for (const c of started.step.commands) sim.dispatch(c);
    const p = started.producer;
    expect(p).toMatchObject({ producerId: 'console-producer', parseKey: true, keySeparator: ':' });
    const line = producerLine(p, 'alice:{"ride":1}', 1);
    expect(line.step?.commands).toEqual([
      { type: 'produce', producerId: 'console-producer', key: 'alice', value: '{"ride":1}' },
    ]);
    expect(producerLine(p, 'no separator', 2).lines.map((l) => l.text)).toEqual([
      "No key separator found on line number 2: 'no separator'",
    ]);
    for (const c of line.step!.commands) sim.dispatch(c);
    sim.advanceTo(12_000);
    expect(sim.view().audit.acknowledged).toBe(1);
  });
});

describe('kafka-console-consumer', () => {
  it('joins a group of its own and prints what its poll() returns, key and value with print.key=true', () => {
    const sim = threeBrokers();
    for (const [key, p] of [
      ['a', 0],
      ['b', 1],
    ] as const)
      sim.dispatch({ type: 'produce', producerId: 'p', key, value: `v-${key}`, partition: p });
    sim.advanceTo(12_000);
    const started = runLine(
      `kafka-console-consumer ${B} --topic t --from-beginning --property print.key=true --property key.separator=:`,
      sim.view(),
    );
    if (started === 'clear' || !started.consumer || !started.step) throw new Error('no console consumer');
    for (const c of started.step.commands) sim.dispatch(c);
    const c = started.consumer;
    expect([c.groupId, c.consumerId]).toEqual(['console-consumer-1', 'console-consumer-1']);
    const group = sim.view().groups.find((g) => g.groupId === 'console-consumer-1')!;
    expect(group.topics).toEqual(['t']);
    // Looked at in steps, as the terminal looks at frames: every record printed once.
    const printed: string[] = [];
    for (let t = 12_100; t <= 20_000; t += 100) {
      sim.advanceTo(t);
      printed.push(...newRecords(c, sim.view()).map((l) => l.text));
    }
    expect(printed.sort()).toEqual(['a:v-a', 'b:v-b']);
    sim.dispatch({ type: 'produce', producerId: 'p', key: 'c', value: 'v-c', partition: 2 });
    for (let t = 20_100; t <= 24_000; t += 100) {
      sim.advanceTo(t);
      printed.push(...newRecords(c, sim.view()).map((l) => l.text));
    }
    expect(printed.at(-1)).toBe('c:v-c');
    expect(
      consumerClosed(c)
        .report([null])
        .map((l) => l.text),
    ).toEqual(['Processed a total of 3 messages']);
  });
});

describe('kafka-get-offsets', () => {
  it('prints topic:partition:offset, latest the high watermark and earliest the log start', () => {
    const sim = threeBrokers();
    for (let i = 0; i < 5; i++)
      sim.dispatch({ type: 'produce', producerId: 'p', key: null, value: 'v', partition: i % 2 });
    sim.advanceTo(14_000);
    expect(exec(sim, `kafka-get-offsets ${B} --topic t`)).toEqual(['t:0:3', 't:1:2', 't:2:0']);
    expect(exec(sim, `kafka-get-offsets ${B} --topic t --time -2 --partitions 0,2`)).toEqual([
      't:0:0',
      't:2:0',
    ]);
    expect(exec(sim, `kafka-get-offsets ${B} --topic t --time 1700000000000`)[0]).toMatch(/^Only --time -1/);
  });
});

describe('kafka-transactions', () => {
  it('lists and describes transactional ids with TransactionsCommand’s columns', () => {
    const sim = cluster(3)
      .topic('t', 2, 3, { assignment: { 0: [1, 2, 3], 1: [2, 3, 1] } })
      .producer({
        id: 'tx',
        topic: 't',
        ratePerSec: 0,
        keys: { kind: 'null' },
        config: { 'transactional.id': 'ledger-1' },
        recordsPerTransaction: 3,
      })
      .build();
    sim.advanceTo(2_000);
    sim.dispatch({ type: 'produce', producerId: 'tx', key: null, value: 'a', partition: 1 });
    sim.advanceTo(3_000);
    const list = exec(sim, `kafka-transactions ${B} list`);
    expect(list.map((l) => l.split(/ +/))).toEqual([
      ['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'],
      ['ledger-1', '-', expect.stringMatching(/^\d+$/), 'Ongoing'],
    ]);
    const described = exec(sim, `kafka-transactions ${B} describe --transactional-id ledger-1`);
    expect(described[0]!.split(/ +/)).toEqual([
      'CoordinatorId',
      'TransactionalId',
      'ProducerId',
      'ProducerEpoch',
      'TransactionState',
      'TransactionTimeoutMs',
      'CurrentTransactionStartTimeMs',
      'TransactionDurationMs',
      'TopicPartitions',
    ]);
    expect(described[1]!.split(/ +/)).toEqual([
      '-',
      'ledger-1',
      expect.any(String),
      '0',
      'Ongoing',
      '60000',
      '2000',
      '1000',
      't-1',
    ]);
    expect(exec(sim, `kafka-transactions ${B} describe --transactional-id nope`)[0]).toMatch(
      /^Failed to describe transaction state of transactional-id `nope`/,
    );
  });
});
