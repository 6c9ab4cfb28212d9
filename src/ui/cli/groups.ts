// kafka-consumer-groups (ConsumerGroupCommand): --list (with --state, --type), --describe (offsets,
// --members, --state) and --reset-offsets (--to-earliest, --to-latest, --to-offset; --dry-run or
// --execute), printed as the tool prints them. HOST is 127.0.0.1 for every simulated client; the group coordinator has no broker here
// (Simplification 7), so COORDINATOR shows "-".
import type { GroupView, SimView } from '../../engine/index';
import { javaInt, parseOptions, type OptionSpec, type ParsedOptions } from './args';
import { err, out, type CliResult, type Line } from './result';
import { columns } from './table';

const SPEC: OptionSpec = {
  'bootstrap-server': 'one',
  'command-config': 'one',
  list: 'flag',
  describe: 'flag',
  delete: 'flag',
  'reset-offsets': 'flag',
  group: 'one',
  'all-groups': 'flag',
  members: 'flag',
  state: 'optional',
  type: 'optional',
  offsets: 'flag',
  verbose: 'flag',
  topic: 'one',
  'all-topics': 'flag',
  'to-earliest': 'flag',
  'to-latest': 'flag',
  'to-offset': 'one',
  'to-current': 'flag',
  'shift-by': 'one',
  'to-datetime': 'one',
  'by-duration': 'one',
  execute: 'flag',
  'dry-run': 'flag',
  timeout: 'one',
  help: 'flag',
};

const HOST = '/127.0.0.1';
const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets'];

/** GroupState's names for consumer and classic groups, in the enum's order (for --list --state). */
const STATES = [
  'PreparingRebalance',
  'CompletingRebalance',
  'Stable',
  'Dead',
  'Empty',
  'Assigning',
  'Reconciling',
];

export function kafkaConsumerGroups(words: string[], view: SimView): CliResult {
  const o = parseOptions(words, SPEC);
  if ('error' in o) return { lines: err(o.error) };
  if (words.length === 0 || o.has('help'))
    return {
      lines: out(
        'This tool helps to list all consumer groups, describe a consumer group, or reset its offsets.',
        'kafka-consumer-groups --bootstrap-server localhost:9092 --list [--state [Stable]] [--type]',
        'kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group billing [--members | --state]',
        'kafka-consumer-groups --bootstrap-server localhost:9092 --reset-offsets --group billing --all-topics --to-earliest --execute',
      ),
    };
  if (ACTIONS.filter((a) => o.has(a)).length !== 1)
    return {
      lines: err(
        'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets',
      ),
    };
  if (!o.has('bootstrap-server')) return { lines: err('Missing required argument "[bootstrap-server]"') };
  if (o.has('list')) return { lines: list(view.groups, o) };
  if (o.value('state') !== undefined)
    return { lines: err('Option [describe] does not take a value for [state]') };
  if (o.has('delete')) return { lines: err('Deleting consumer groups is not simulated in Kafkascope.') };
  const groups = o.has('all-groups')
    ? view.groups
    : o.has('group')
      ? view.groups.filter((g) => g.groupId === o.value('group'))
      : null;
  if (groups === null)
    return {
      lines: err(
        `Option [${o.has('describe') ? 'describe' : 'reset-offsets'}] takes one of these options: [all-groups], [group]`,
      ),
    };
  // A share group's id: DescribeConsumerGroups (and the offset commit a reset ends in) answers
  // GROUP_ID_NOT_FOUND, which the tool reports through its catch-all.
  if (groups.length === 0 && view.shareGroups.some((g) => g.groupId === o.value('group')))
    return {
      lines: err(
        '',
        `Error: Executing consumer group command failed due to ${o.has('describe') ? 'org.apache.kafka.common.errors.GroupIdNotFoundException: ' : ''}Group ${o.value('group')} is not a consumer group.`,
      ),
    };
  if (groups.length === 0)
    return { lines: err('', `Error: Consumer group '${o.value('group')}' does not exist.`) };
  if (o.has('describe')) {
    // ConsumerGroupCommandOptions.checkArgs: the three reports exclude each other.
    if (['members', 'offsets', 'state'].filter((r) => o.has(r)).length > 1)
      return {
        lines: err('Option [describe] takes at most one of these options: [members], [offsets], [state]'),
      };
    const lines: Line[] = [];
    for (const g of groups)
      lines.push(...(o.has('members') ? members(g) : o.has('state') ? state(g) : offsets(g)));
    return { lines };
  }
  return reset(o, groups, view);
}

/**
 * --list: the ids alone, or with --state and/or --type a table (ConsumerGroupCommand.printGroupInfo: GROUP
 * padded to the longest id, at least 15, plus 10; then TYPE and STATE), filtered by the values given.
 */
function list(groups: GroupView[], o: ParsedOptions): Line[] {
  const withState = o.has('state');
  const withType = o.has('type');
  const sorted = [...groups].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  if (!withState && !withType) return out(...sorted.map((g) => g.groupId));
  const type = (g: GroupView) => (g.protocol === 'consumer' ? 'Consumer' : 'Classic');
  const wanted = (raw: string | undefined, valid: string[]) =>
    raw === undefined
      ? []
      : raw.split(',').map((s) => valid.find((v) => v.toLowerCase() === s.trim().toLowerCase()));
  const states = wanted(o.value('state'), STATES);
  if (states.some((s) => s === undefined))
    return err(`Invalid state list '${o.value('state')}'. Valid states are: ${STATES.join(', ')}`);
  const types = wanted(o.value('type'), ['Classic', 'Consumer']);
  if (types.some((t) => t === undefined))
    return err(`Invalid types list '${o.value('type')}'. Valid types are: classic, consumer`);
  const shown = sorted.filter(
    (g) =>
      (states.length === 0 || states.includes(g.state)) && (types.length === 0 || types.includes(type(g))),
  );
  const header = ['GROUP', ...(withType ? ['TYPE'] : []), ...(withState ? ['STATE'] : [])];
  const rows = shown.map((g) => [g.groupId, ...(withType ? [type(g)] : []), ...(withState ? [g.state] : [])]);
  const groupWidth = Math.max(15, ...shown.map((g) => g.groupId.length)) + 10;
  return out(...columns([header, ...rows], [groupWidth, 20, 20]));
}

/** The stderr note before a group's table, as describe prints it for these states. */
function stateNote(g: GroupView): Line[] {
  if (g.state === 'Empty') return err('', `Consumer group '${g.groupId}' has no active members.`);
  if (g.rebalancing) return err('', `Warning: Consumer group '${g.groupId}' is rebalancing.`);
  if (g.state === 'Dead') return err('', `Consumer group '${g.groupId}' does not exist.`);
  return [];
}

const running = (g: GroupView) => g.members.filter((m) => m.status === 'running');

function offsets(g: GroupView): Line[] {
  const split = (pid: string): [string, string] => [
    pid.slice(0, pid.lastIndexOf('-')),
    pid.slice(pid.lastIndexOf('-') + 1),
  ];
  const rows: string[][] = [];
  const row = (pid: string, consumer: string, host: string, client: string) => {
    const p = g.partitions.find((q) => q.partitionId === pid)!;
    const [topic, partition] = split(pid);
    rows.push([
      g.groupId,
      topic,
      partition,
      p.committed === null ? '-' : String(p.committed),
      p.highWatermark < 0 ? '-' : String(p.highWatermark),
      p.lag === null ? '-' : String(p.lag),
      consumer,
      host,
      client,
    ]);
  };
  // Members with partitions, the most partitions first; then committed partitions nobody owns.
  const owners = running(g)
    .filter((m) => m.assigned.length > 0)
    .sort((a, b) => b.assigned.length - a.assigned.length);
  for (const m of owners)
    for (const pid of [...m.assigned].sort(byPartition)) row(pid, m.memberId, HOST, m.id);
  for (const p of g.partitions)
    if (p.committed !== null && !owners.some((m) => m.assigned.includes(p.partitionId)))
      row(p.partitionId, '-', '-', '-');
  const header = [
    'GROUP',
    'TOPIC',
    'PARTITION',
    'CURRENT-OFFSET',
    'LOG-END-OFFSET',
    'LAG',
    'CONSUMER-ID',
    'HOST',
    'CLIENT-ID',
  ];
  if (rows.length === 0 && g.state !== 'Stable') return stateNote(g);
  return [...stateNote(g), ...out('', ...columns([header, ...rows], [15, 15, 10, 15, 15, 15, 15, 15, 0]))];
}

function members(g: GroupView): Line[] {
  const live = running(g);
  const instance = live.some((m) => m.groupInstanceId !== null);
  const header = [
    'GROUP',
    'CONSUMER-ID',
    ...(instance ? ['GROUP-INSTANCE-ID'] : []),
    'HOST',
    'CLIENT-ID',
    '#PARTITIONS',
  ];
  const rows = live.map((m) => [
    g.groupId,
    m.memberId,
    ...(instance ? [m.groupInstanceId ?? '-'] : []),
    HOST,
    m.id,
    String(m.assigned.length),
  ]);
  if (rows.length === 0) return stateNote(g);
  return [
    ...stateNote(g),
    ...out(
      '',
      ...columns(
        [header, ...rows],
        header.map(() => 15),
      ),
    ),
  ];
}

function state(g: GroupView): Line[] {
  const header = ['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'];
  // ConsumerGroupCommand.printStates: `%-20s %-20s` for ASSIGNMENT-STRATEGY and STATE, "-" for no strategy.
  const row = [g.groupId, '-', g.assignor ?? '-', g.state, String(running(g).length)];
  return out('', ...columns([header, row], [15, 25, 20, 20, 0]));
}

const byPartition = (a: string, b: string) =>
  Number(a.slice(a.lastIndexOf('-') + 1)) - Number(b.slice(b.lastIndexOf('-') + 1));

function reset(
  o: Exclude<ReturnType<typeof parseOptions>, { error: string }>,
  groups: GroupView[],
  view: SimView,
): CliResult {
  const scenarios = [
    'to-earliest',
    'to-latest',
    'to-offset',
    'to-current',
    'shift-by',
    'to-datetime',
    'by-duration',
  ].filter((s) => o.has(s));
  if (scenarios.length !== 1)
    return {
      lines: err(
        'Option [reset-offsets] takes exactly one of these options: [to-earliest], [to-latest], [to-offset], [to-current], [shift-by], [to-datetime], [by-duration]',
      ),
    };
  if (o.has('execute') && o.has('dry-run'))
    return { lines: err('Option [reset-offsets] only accepts one of [execute] and [dry-run]') };
  const scenario = scenarios[0]!;
  if (!['to-earliest', 'to-latest', 'to-offset'].includes(scenario))
    return {
      lines: err(
        `--${scenario} is not simulated in Kafkascope: use --to-earliest, --to-latest or --to-offset.`,
      ),
    };
  if (!o.has('topic') && !o.has('all-topics'))
    return { lines: err('One of the reset scopes should be defined: --all-topics, --topic.') };
  let target: 'earliest' | 'latest' | { offset: number } = scenario === 'to-earliest' ? 'earliest' : 'latest';
  if (scenario === 'to-offset') {
    const n = javaInt(o.value('to-offset')!);
    if (n === null)
      return { lines: err(`Cannot parse argument '${o.value('to-offset')}' of option to-offset`) };
    target = { offset: n };
  }
  const lines: Line[] = [];
  if (!o.has('execute') && !o.has('dry-run'))
    lines.push(
      ...err(
        'WARN: No action will be performed as the --execute option is missing. You should add the --dry-run option explicitly if you are scripting this command.',
      ),
    );
  const rows: string[][] = [];
  for (const g of groups) {
    if (g.state !== 'Empty' && g.state !== 'Dead')
      return {
        lines: [
          ...lines,
          ...err(
            `Error: Assignments can only be reset if the group '${g.groupId}' is inactive, but the current state is ${g.state}.`,
          ),
        ],
      };
    const topic = o.value('topic');
    if (topic !== undefined && (g.topics.length !== 1 || g.topics[0] !== topic))
      return {
        lines: [
          ...lines,
          ...err(
            `Kafkascope resets every topic of group ${g.groupId} at once (${g.topics.join(', ')}): use --all-topics.`,
          ),
        ],
      };
    for (const p of view.partitions.filter((q) => g.topics.includes(q.topic) && q.leader >= 0)) {
      const offset =
        target === 'earliest'
          ? p.logStartOffset
          : target === 'latest'
            ? p.highWatermark
            : Math.min(Math.max(target.offset, p.logStartOffset), p.highWatermark);
      rows.push([g.groupId, p.topic, String(p.partition), String(offset)]);
    }
  }
  const table = out(
    '',
    ...columns([['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], ...rows], [15, 15, 10, 0]),
  );
  if (!o.has('execute')) return { lines: [...lines, ...table] };
  return {
    lines,
    step: {
      commands: groups.map((g) => ({ type: 'resetOffsets', groupId: g.groupId, to: target })),
      report: (refusals) => {
        const refused = refusals.find((r) => r !== null);
        return refused ? err(refused) : table;
      },
    },
  };
}
