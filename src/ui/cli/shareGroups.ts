// kafka-share-groups (ShareGroupCommand, Kafka 4.2): --list (with --state), --describe (offsets, --members,
// --state, each with --verbose), printed as the tool prints them. What joptsimple refuses while parsing
// (an unknown option, one unavailable with the action) reaches the tool's catch-all, "Executing share group
// command failed due to"; then ShareGroupCommandOptions.checkArgs's option errors, then "exactly one
// action". HOST is /127.0.0.1 and CLIENT-ID the consumer's id, as kafka-consumer-groups prints them here;
// the group coordinator has no broker (Simplification 7), so COORDINATOR (ID) shows "-", and LEADER-EPOCH
// is the partition's current leader epoch. --reset-offsets, --delete and --delete-offsets are refused: they
// are not simulated.
import type { ShareGroupView, SimView } from '../../engine/index';
import { parseOptions, type OptionSpec } from './args';
import { err, out, type CliResult, type Line } from './result';
import { columns } from './table';

const SPEC: OptionSpec = {
  'bootstrap-server': 'one',
  'command-config': 'one',
  list: 'flag',
  describe: 'flag',
  delete: 'flag',
  'reset-offsets': 'flag',
  'delete-offsets': 'flag',
  group: 'one',
  'all-groups': 'flag',
  members: 'flag',
  offsets: 'flag',
  state: 'optional',
  verbose: 'flag',
  topic: 'one',
  'all-topics': 'flag',
  'to-earliest': 'flag',
  'to-latest': 'flag',
  'to-datetime': 'one',
  execute: 'flag',
  'dry-run': 'flag',
  timeout: 'one',
  help: 'flag',
};

const HOST = '/127.0.0.1';

/** printError after the tool's catch-all: a blank line, then the exception's message. */
const failed = (message: string): Line[] =>
  err('', `Error: Executing share group command failed due to ${message}`);
const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets'];
/** GroupState.groupStatesForType(SHARE). */
const STATES = ['Dead', 'Empty', 'Stable'];

export function kafkaShareGroups(words: string[], view: SimView): CliResult {
  const o = parseOptions(words, SPEC);
  if ('error' in o) return { lines: failed(o.error) };
  if (words.length === 0 || o.has('help'))
    return {
      lines: out(
        'This tool helps to list, describe, reset and delete share groups.',
        'kafka-share-groups --bootstrap-server localhost:9092 --list [--state]',
        'kafka-share-groups --bootstrap-server localhost:9092 --describe --group presses [--members | --state] [--verbose]',
      ),
    };
  for (const [name, allowed] of [
    ['members', ['describe']],
    ['offsets', ['describe']],
    ['verbose', ['describe']],
    ['state', ['describe', 'list']],
  ] as const)
    if (o.has(name) && !allowed.some((a) => o.has(a)))
      return { lines: failed(`Option(s) [${name}] are unavailable given other options on the command line`) };
  if (!o.has('bootstrap-server')) return { lines: err('Missing required argument "[bootstrap-server]"') };
  if (o.has('describe')) {
    if (!o.has('group') && !o.has('all-groups'))
      return { lines: err('Option [describe] takes one of these options: [group], [all-groups]') };
    if (['members', 'offsets', 'state'].filter((s) => o.has(s)).length > 1)
      return {
        lines: err('Option [describe] takes at most one of these options: [members], [offsets], [state]'),
      };
    if (o.has('state') && o.value('state') !== undefined)
      return { lines: err('Option [describe] does not take a value for [state]') };
  }
  if (ACTIONS.filter((a) => o.has(a)).length !== 1)
    return {
      lines: err(
        'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets.',
      ),
    };
  if (o.has('reset-offsets'))
    return {
      lines: err(
        "Resetting a share group's offsets is not simulated in Kafkascope: its start offsets move only as its members acknowledge records.",
      ),
    };
  if (o.has('delete')) return { lines: err('Deleting share groups is not simulated in Kafkascope.') };
  if (o.has('delete-offsets'))
    return { lines: err("Deleting a share group's offsets is not simulated in Kafkascope.") };
  const groups = [...view.shareGroups].sort((a, b) =>
    a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0,
  );
  if (o.has('list')) return { lines: list(groups, o.has('state'), o.value('state')) };
  const ids = o.has('all-groups') ? groups.map((g) => g.groupId) : [...new Set(o.values('group'))].sort();
  const verbose = o.has('verbose');
  const lines: Line[] = [];
  for (const id of ids) {
    const g = groups.find((x) => x.groupId === id);
    // An unknown id (or a consumer group's) comes back from DescribeShareGroups as a Dead group.
    if (!g || g.state === 'Dead') {
      lines.push(...err('', `Error: Share group '${id}' does not exist.`));
      continue;
    }
    lines.push(
      ...(o.has('members')
        ? members(g, verbose)
        : o.has('state')
          ? state(g, verbose)
          : offsets(g, view, verbose)),
    );
  }
  return { lines };
}

function list(groups: ShareGroupView[], withState: boolean, stateValue: string | undefined): Line[] {
  if (!withState) return out(...groups.map((g) => g.groupId));
  let wanted: string[] = [];
  if (stateValue) {
    const parsed = stateValue
      .split(',')
      .map((s) => STATES.find((v) => v.toLowerCase() === s.trim().toLowerCase()));
    if (parsed.some((s) => s === undefined))
      return err(`Invalid state list '${stateValue}'. Valid states are: ${STATES.join(', ')}`);
    wanted = parsed as string[];
  }
  const shown = groups.filter((g) => wanted.length === 0 || wanted.includes(g.state));
  return out(...columns([['GROUP', 'STATE'], ...shown.map((g) => [g.groupId, g.state])], [15, 0]));
}

/** Members the coordinator counts: a crashed consumer stays one until its session times out. */
const inGroup = (g: ShareGroupView) => g.members.filter((m) => m.inGroup);

/** maybePrintEmptyGroupState for an existing group: the note Empty groups get on stderr. */
function emptyNote(g: ShareGroupView): Line[] {
  return g.state === 'Empty' ? err('', `Share group '${g.groupId}' has no active members.`) : [];
}

function offsets(g: ShareGroupView, view: SimView, verbose: boolean): Line[] {
  const rows = g.partitions
    .map((p) => ({ p, pv: view.partitions.find((x) => x.id === p.partitionId) }))
    .filter((r) => r.pv !== undefined)
    .sort((a, b) =>
      a.pv!.topic < b.pv!.topic ? -1 : a.pv!.topic > b.pv!.topic ? 1 : a.pv!.partition - b.pv!.partition,
    )
    .map(({ p, pv }) => {
      // DescribeShareGroupOffsets has nothing for a share-partition no member has fetched yet.
      const known = p.startOffset >= 0;
      return [
        g.groupId,
        pv!.topic,
        String(pv!.partition),
        ...(verbose ? [known ? String(pv!.leaderEpoch) : '-'] : []),
        known ? String(p.startOffset) : '-',
        p.lag === null ? '-' : String(p.lag),
      ];
    });
  if (rows.length === 0)
    return [...emptyNote(g), ...out('', `Share group '${g.groupId}' has no offset information.`)];
  const header = verbose
    ? ['GROUP', 'TOPIC', 'PARTITION', 'LEADER-EPOCH', 'START-OFFSET', 'LAG']
    : ['GROUP', 'TOPIC', 'PARTITION', 'START-OFFSET', 'LAG'];
  return [
    ...emptyNote(g),
    ...out('', ...columns([header, ...rows], verbose ? [15, 15, 10, 13, 13, 0] : [15, 15, 10, 13, 0])),
  ];
}

/** ShareGroupCommand's getAssignmentString: `topic:0,1` per topic, topics sorted, joined by `;`. */
function assignment(pids: string[]): string {
  const byTopic = new Map<string, number[]>();
  for (const pid of pids) {
    const topic = pid.slice(0, pid.lastIndexOf('-'));
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(pid.slice(pid.lastIndexOf('-') + 1))]);
  }
  return [...byTopic]
    .map(([topic, ps]) => `${topic}:${[...ps].sort((a, b) => a - b).join(',')}`)
    .sort()
    .join(';');
}

function members(g: ShareGroupView, verbose: boolean): Line[] {
  const live = inGroup(g);
  if (g.state === 'Empty' || live.length === 0) return emptyNote(g);
  const rows = [...live]
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))
    .map((m) => [
      g.groupId,
      m.memberId,
      HOST,
      m.consumerId,
      String(m.assigned.length),
      ...(verbose ? [String(m.memberEpoch)] : []),
      assignment(m.assigned),
    ]);
  const header = ['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS'];
  return out(
    '',
    ...columns(
      [[...header, ...(verbose ? ['MEMBER-EPOCH'] : []), 'ASSIGNMENT'], ...rows],
      verbose ? [15, 15, 15, 15, 12, 13, 0] : [15, 15, 15, 15, 12, 0],
    ),
  );
}

/** The target assignment epoch is the group epoch here: the coordinator assigns as soon as the epoch moves. */
function state(g: ShareGroupView, verbose: boolean): Line[] {
  const epochs = verbose ? [String(g.groupEpoch), String(g.groupEpoch)] : [];
  return [
    ...emptyNote(g),
    ...out(
      '',
      ...columns(
        [
          [
            'GROUP',
            'COORDINATOR (ID)',
            'STATE',
            ...(verbose ? ['GROUP-EPOCH', 'ASSIGNMENT-EPOCH'] : []),
            '#MEMBERS',
          ],
          [g.groupId, '-', g.state, ...epochs, String(inGroup(g).length)],
        ],
        verbose ? [15, 25, 15, 12, 17, 0] : [15, 25, 15, 0],
      ),
    ),
  ];
}
