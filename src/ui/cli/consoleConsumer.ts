// kafka-console-consumer: a consumer in a group of its own (console-consumer-N, as the tool names one
// when --group is not given) or in --group, that prints each record its poll() returns: the value, or
// key<separator>value with print.key=true. Records are read from the partition tails the view carries,
// so a consumer far faster than the screen prints a count for what it skipped.
import type { SimView } from '../../engine/index';
import { parseOptions, type OptionSpec } from './args';
import { err, out, single, type CliResult, type CliStep, type Line } from './result';

const SPEC: OptionSpec = {
  'bootstrap-server': 'one',
  topic: 'one',
  group: 'one',
  'from-beginning': 'flag',
  property: 'many',
  'formatter-property': 'many',
  'consumer-property': 'many',
  'max-messages': 'one',
  'isolation-level': 'one',
  help: 'flag',
};

export interface ConsoleConsumer {
  topic: string;
  groupId: string;
  consumerId: string;
  printKey: boolean;
  keySeparator: string;
  maxMessages: number;
  /** Per partition, the next offset to print. */
  printed: Record<string, number>;
  /** Partitions it owned at the last look: one it gains starts from the group's committed offset. */
  owned: string[];
  count: number;
}

export function kafkaConsoleConsumer(words: string[], view: SimView): CliResult {
  const o = parseOptions(words, SPEC);
  if ('error' in o) return { lines: err(o.error) };
  if (words.length === 0 || o.has('help'))
    return {
      lines: out(
        'This tool helps to read data from Kafka topics and outputs it to standard output.',
        'kafka-console-consumer --bootstrap-server localhost:9092 --topic orders --from-beginning',
        'kafka-console-consumer --bootstrap-server localhost:9092 --topic orders --property print.key=true --group billing',
        'Ctrl+C stops it.',
      ),
    };
  if (!o.has('bootstrap-server')) return { lines: err('Missing required argument "[bootstrap-server]"') };
  const topic = o.value('topic');
  if (topic === undefined) return { lines: err('Exactly one of whitelist/topic is required.') };
  if (!view.topics.some((t) => t.name === topic))
    return { lines: err(`Topic ${topic} not present in metadata after 60000 ms.`) };
  const props = new Map<string, string>();
  for (const p of [...o.values('property'), ...o.values('formatter-property')]) {
    const eq = p.indexOf('=');
    if (eq <= 0) return { lines: err(`Invalid property: ${p}`) };
    props.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const isolation = o.value('isolation-level');
  if (isolation !== undefined && isolation !== 'read_committed' && isolation !== 'read_uncommitted')
    return {
      lines: err(
        `Invalid value ${isolation} for configuration isolation.level: String must be one of: read_committed, read_uncommitted`,
      ),
    };
  const maxText = o.value('max-messages');
  const maxMessages = maxText === undefined ? Number.POSITIVE_INFINITY : Number(maxText);
  if (!Number.isInteger(maxMessages) && maxText !== undefined)
    return { lines: err(`Cannot parse argument '${maxText}' of option max-messages`) };
  const groups = new Set(view.groups.map((g) => g.groupId));
  const clients = new Set(view.groups.flatMap((g) => g.members.map((m) => m.id)));
  let n = 1;
  while (groups.has(`console-consumer-${n}`) || clients.has(`console-consumer-${n}`)) n++;
  const consumerId = `console-consumer-${n}`;
  const named = o.value('group');
  const existing = named === undefined ? undefined : view.groups.find((g) => g.groupId === named);
  if (existing && !existing.topics.includes(topic))
    return {
      lines: err(
        `Group ${named} reads ${existing.topics.join(', ')}: give it a --group of its own for ${topic}.`,
      ),
    };
  const groupId = named ?? consumerId;
  // Where poll() will start, where the terminal can know it now: the log start for --from-beginning in
  // a new group, the committed offset in an existing one. Otherwise (latest) the first position seen.
  const printed: Record<string, number> = {};
  if (!existing && o.has('from-beginning'))
    for (const p of view.partitions.filter((q) => q.topic === topic)) printed[p.id] = p.logStartOffset;
  const consumer: ConsoleConsumer = {
    topic,
    groupId,
    consumerId,
    printKey: props.get('print.key') === 'true',
    keySeparator: props.get('key.separator') ?? '\t',
    maxMessages,
    printed,
    owned: [],
    count: 0,
  };
  const step: CliStep = existing
    ? single({ type: 'addConsumer', groupId, consumerId }, [], (m) => err(m))
    : single(
        {
          type: 'addGroup',
          group: {
            groupId,
            topic,
            // The tool's --from-beginning is auto.offset.reset=earliest; without it, latest.
            autoOffsetReset: o.has('from-beginning') ? 'earliest' : 'latest',
            ...(o.value('isolation-level') === 'read_committed'
              ? { config: { 'isolation.level': 'read_committed' as const } }
              : {}),
            consumers: [{ id: consumerId }],
          },
        },
        [],
        (m) => err(m),
      );
  return { lines: [], step, consumer };
}

/**
 * The records the consumer's poll() has returned since the last call, as the tool prints them; the
 * positions it printed up to move on. A position that went back (a seek, a reset) starts over there.
 */
export function newRecords(c: ConsoleConsumer, view: SimView): Line[] {
  const g = view.groups.find((x) => x.groupId === c.groupId);
  if (!g) return [];
  const lines: Line[] = [];
  const owned: string[] = [];
  for (const p of g.partitions) {
    if (p.owner !== c.consumerId || p.position === null) continue;
    owned.push(p.partitionId);
    // Newly owned in a shared group: poll() starts from the committed offset.
    if (!c.owned.includes(p.partitionId) && c.groupId !== c.consumerId) {
      if (p.committed === null) delete c.printed[p.partitionId];
      else c.printed[p.partitionId] = p.committed;
    }
    const from = c.printed[p.partitionId];
    c.printed[p.partitionId] = p.position;
    if (from === undefined || p.position <= from || c.count >= c.maxMessages) continue;
    const partition = view.partitions.find((q) => q.id === p.partitionId);
    const tail = partition?.replicaLogs.find((r) => r.brokerId === partition.leader)?.tail ?? [];
    const shown = tail.filter((r) => r.offset >= from && r.offset < p.position!);
    const missed = p.position - from - shown.length;
    if (missed > 0)
      lines.push(...out(`… ${missed} earlier record(s) of ${p.partitionId}, faster than the screen`));
    for (const r of shown) {
      if (c.count >= c.maxMessages) break;
      c.count++;
      lines.push(
        ...out(c.printKey ? `${r.key ?? 'null'}${c.keySeparator}${r.value ?? 'null'}` : (r.value ?? 'null')),
      );
    }
    c.count += Math.max(0, missed);
  }
  c.owned = owned;
  return lines;
}

/** Ctrl+C: the consumer closes (it leaves its group, which keeps its committed offsets). */
export function consumerClosed(c: ConsoleConsumer): CliStep {
  return single(
    { type: 'removeConsumer', consumerId: c.consumerId },
    out(`Processed a total of ${c.count} messages`),
    (m) => err(m),
  );
}
