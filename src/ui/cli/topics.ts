// kafka-topics, as TopicCommand (tools/…/TopicCommand.java) runs it against the simulated cluster: the
// same actions, checks and output, line for line. --bootstrap-server is required, as in Kafka; any
// address reaches the one cluster. Deleting a topic is not simulated.
import { DEFAULT_TOPIC_CONFIG, type SimView, type TopicConfig, type TopicSetup } from '../../engine/index';
import { javaInt, parseOptions, type OptionSpec } from './args';
import { err, out, single, withoutCode, type CliResult } from './result';
import { parseTopicConfigs } from './topicConfigs';

const SPEC: OptionSpec = {
  'bootstrap-server': 'one',
  'command-config': 'one',
  list: 'flag',
  create: 'flag',
  delete: 'flag',
  alter: 'flag',
  describe: 'flag',
  help: 'flag',
  topic: 'one',
  config: 'many',
  partitions: 'one',
  'replication-factor': 'one',
  'replica-assignment': 'one',
  'under-replicated-partitions': 'flag',
  'unavailable-partitions': 'flag',
  'under-min-isr-partitions': 'flag',
  'at-min-isr-partitions': 'flag',
  'topics-with-overrides': 'flag',
  'if-exists': 'flag',
  'if-not-exists': 'flag',
  'exclude-internal': 'flag',
};

const ACTIONS = ['create', 'list', 'alter', 'describe', 'delete'];
const REPORTS = [
  'under-replicated-partitions',
  'unavailable-partitions',
  'under-min-isr-partitions',
  'at-min-isr-partitions',
];

/** Error lines for an exception from the cluster (printException): on stdout, after this prefix. */
const failed = (message: string) => err(`Error while executing topic command : ${withoutCode(message)}`);

export function kafkaTopics(words: string[], view: SimView): CliResult {
  const o = parseOptions(words, SPEC);
  // joptsimple's exceptions reach TopicCommand's catch-all, which prints them with its prefix.
  if ('error' in o) return { lines: failed(o.error) };
  if (words.length === 0 || o.has('help'))
    return { lines: out('This tool helps to create, delete, describe, or change a topic.', ...usage()) };
  if (ACTIONS.filter((a) => o.has(a)).length !== 1)
    return {
      lines: err(
        'Command must include exactly one action: --list, --describe, --create, --alter or --delete',
      ),
    };
  // IllegalArgumentException: the message alone, on stderr.
  if (!o.has('bootstrap-server')) return { lines: err('--bootstrap-server must be specified') };
  if (!o.has('list') && !o.has('describe') && !o.has('topic'))
    return { lines: err('Missing required argument "[topic]"') };
  const invalid = invalidCombination(o.has.bind(o));
  if (invalid) return { lines: err(invalid) };
  const topic = o.value('topic');
  const names = view.topics.map((t) => t.name).sort();
  const exists = topic === undefined || names.includes(topic);
  if (!exists && !o.has('create') && !o.has('if-exists') && !o.has('list'))
    return { lines: err(`Topic '${topic}' does not exist as expected`) };
  if (o.has('list'))
    return { lines: out(...(topic === undefined ? names : names.filter((n) => n === topic)).map((n) => n)) };
  if (o.has('describe')) return { lines: out(...describe(view, topic, o.has.bind(o))) };
  if (o.has('delete')) return { lines: err('Deleting topics is not simulated in Kafkascope.') };
  if (o.has('alter')) {
    if (!exists) return { lines: [] };
    if (!o.has('partitions')) return { lines: err('Missing required argument "[partitions]"') };
    const partitions = javaInt(o.value('partitions')!);
    if (partitions === null)
      return { lines: failed(`Cannot parse argument '${o.value('partitions')}' of option partitions`) };
    return {
      lines: [],
      step: single({ type: 'addPartitions', topic: topic!, partitions }, [], failed),
    };
  }
  return create(topic!, o, view);
}

function create(
  name: string,
  o: Exclude<ReturnType<typeof parseOptions>, { error: string }>,
  view: SimView,
): CliResult {
  const lines = /[._]/.test(name)
    ? out(
        "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.",
      )
    : [];
  const number = (option: string): number | undefined | { error: string } => {
    const text = o.value(option);
    if (text === undefined) return undefined;
    return javaInt(text) ?? { error: `Cannot parse argument '${text}' of option ${option}` };
  };
  const partitions = number('partitions');
  const rf = number('replication-factor');
  for (const n of [partitions, rf])
    if (typeof n === 'object') return { lines: [...lines, ...failed(n.error)] };
  if (typeof rf === 'number' && (rf < 1 || rf > 32767))
    return { lines: [...lines, ...err('The replication factor must be between 1 and 32767 inclusive')] };
  if (typeof partitions === 'number' && partitions < 1)
    return { lines: [...lines, ...err('The partitions must be greater than 0')] };
  const configs = parseTopicConfigs(o.values('config'));
  if ('error' in configs) return { lines: [...lines, ...err(configs.error)] };
  const topic: TopicSetup = {
    name,
    // The cluster defaults (num.partitions=1, default.replication.factor=1) when not given.
    partitions: (partitions as number | undefined) ?? 1,
    replicationFactor: (rf as number | undefined) ?? 1,
    ...(Object.keys(configs.config).length > 0 ? { config: configs.config } : {}),
  };
  const assignment = o.value('replica-assignment');
  if (assignment) {
    const parsed = parseAssignment(assignment);
    if ('error' in parsed) return { lines: [...lines, ...failed(parsed.error)] };
    topic.assignment = parsed.assignment;
    topic.partitions = Object.keys(parsed.assignment).length;
    topic.replicationFactor = parsed.assignment[0]!.length;
  }
  if (view.topics.some((t) => t.name === name))
    return {
      lines: o.has('if-not-exists') ? lines : [...lines, ...failed(`Topic '${name}' already exists.`)],
    };
  return {
    lines,
    step: single({ type: 'createTopic', topic }, out(`Created topic ${name}.`), failed),
  };
}

/** --replica-assignment 1:2,2:3: brokers of each partition separated by ':', partitions by ','. */
function parseAssignment(text: string): { assignment: Record<number, number[]> } | { error: string } {
  const assignment: Record<number, number[]> = {};
  const parts = text.split(',');
  for (let i = 0; i < parts.length; i++) {
    const brokers = parts[i]!.split(':').map((b) => javaInt(b.trim()));
    if (brokers.some((b) => b === null)) return { error: `For input string: "${parts[i]}"` };
    const ids = brokers as number[];
    const dup = ids.filter((b, j) => ids.indexOf(b) !== j);
    if (dup.length > 0)
      return {
        error: `Partition replica lists may not contain duplicate entries: ${[...new Set(dup)].join(',')}`,
      };
    if (ids.length !== parts[0]!.split(':').length)
      return { error: `Partition ${i} has different replication factor: [${ids.join(', ')}]` };
    assignment[i] = ids;
  }
  return { assignment };
}

/** TopicCommandOptions.checkInvalidArgs: an option used with an action it does not belong to. */
function invalidCombination(has: (name: string) => boolean): string | null {
  const onlyWith: [string, string[]][] = [
    ['config', ['create']],
    ['partitions', ['alter', 'create']],
    ['replication-factor', ['create']],
    ['replica-assignment', ['alter', 'create']],
    ['if-exists', ['alter', 'delete', 'describe']],
    ['if-not-exists', ['create']],
    ['exclude-internal', ['list', 'describe']],
    ...REPORTS.map((r): [string, string[]] => [r, ['describe']]),
    ['topics-with-overrides', ['describe']],
  ];
  for (const [option, actions] of onlyWith) {
    if (!has(option)) continue;
    const other = ACTIONS.find((a) => has(a) && !actions.includes(a));
    if (other) return `Option "[${option}]" can't be used with option "[${other}]"`;
  }
  if (has('create') && has('replica-assignment'))
    for (const option of ['partitions', 'replication-factor'])
      if (has(option)) return `Option "[replica-assignment]" can't be used with option "[${option}]"`;
  if (has('alter') && has('config'))
    return 'Option "[config]" can\'t be used with option "[alter]" (To alter topic configurations, the kafka-configs tool can be used.)';
  return null;
}

/** The topic's overrides, as DescribeConfigs reports the entries that are not defaults. */
export function overrides(config: TopicConfig): string {
  return (Object.keys(config) as (keyof TopicConfig)[])
    .filter((k) => DEFAULT_TOPIC_CONFIG[k] !== config[k])
    .map((k) => `${k}=${String(config[k])}`)
    .join(',');
}

function describe(view: SimView, topic: string | undefined, has: (name: string) => boolean): string[] {
  const reports = REPORTS.filter(has);
  const live = new Set(view.brokers.filter((b) => b.status === 'running' && !b.fenced).map((b) => b.id));
  const lines: string[] = [];
  for (const t of [...view.topics].sort((a, b) => a.name.localeCompare(b.name))) {
    if (topic !== undefined && t.name !== topic) continue;
    const config = overrides(t.config);
    if (has('topics-with-overrides') && config === '') continue;
    const minIsr = t.config['min.insync.replicas'];
    if (reports.length === 0)
      lines.push(
        `Topic: ${t.name}\tTopicId: ${t.topicId}\tPartitionCount: ${t.partitions}\tReplicationFactor: ${t.replicationFactor}\tConfigs: ${config}`,
      );
    if (has('topics-with-overrides')) continue;
    for (const p of view.partitions
      .filter((q) => q.topic === t.name)
      .sort((a, b) => a.partition - b.partition)) {
      const leader = p.leader >= 0;
      const show =
        reports.length === 0 ||
        (has('under-replicated-partitions') && p.replicas.length > p.isr.length) ||
        (has('unavailable-partitions') && (!leader || !live.has(p.leader))) ||
        (has('under-min-isr-partitions') && (!leader || p.isr.length < minIsr)) ||
        (has('at-min-isr-partitions') && p.isr.length === minIsr);
      if (show)
        lines.push(
          `\tTopic: ${t.name}\tPartition: ${p.partition}\tLeader: ${leader ? p.leader : 'none'}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}\tElr: \tLastKnownElr: `,
        );
    }
  }
  return lines;
}

function usage(): string[] {
  return [
    'Option                                   Description',
    '------                                   -----------',
    '--alter                                  Alter the number of partitions.',
    '--at-min-isr-partitions                  Only show partitions whose isr count equals min.insync.replicas.',
    '--bootstrap-server <server>              REQUIRED: The Kafka server to connect to.',
    '--config <name=value>                    A topic configuration override for the topic being created.',
    '--create                                 Create a new topic.',
    '--delete                                 Delete a topic (not simulated here).',
    '--describe                               List details for the given topics.',
    '--if-exists / --if-not-exists            Only act if the topic exists / does not exist yet.',
    '--list                                   List all available topics.',
    '--partitions <# of partitions>           The number of partitions for the topic being created or altered.',
    '--replica-assignment <1:2,2:3,…>         A manual partition-to-broker assignment.',
    '--replication-factor <replication factor> The replication factor for each partition.',
    '--topic <topic>                          The topic to create, alter, describe or delete.',
    '--topics-with-overrides                  Only show topics that have overridden configs.',
    '--unavailable-partitions                 Only show partitions whose leader is not available.',
    '--under-min-isr-partitions               Only show partitions whose isr count is below min.insync.replicas.',
    '--under-replicated-partitions            Only show under-replicated partitions.',
  ];
}
