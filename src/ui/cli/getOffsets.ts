// kafka-get-offsets (GetOffsetShell): each partition's offset for --time -1 (latest: the high
// watermark, what a read_uncommitted ListOffsets returns), -2 (earliest: the log start offset), printed
// as topic:partition:offset. A timestamp needs the whole log, which the terminal does not see.
import type { SimView } from '../../engine/index';
import { javaInt, parseOptions, type OptionSpec } from './args';
import { err, out, type CliResult } from './result';

const SPEC: OptionSpec = {
  'bootstrap-server': 'one',
  'broker-list': 'one',
  topic: 'one',
  partitions: 'one',
  time: 'one',
  'exclude-internal-topics': 'flag',
  'command-config': 'one',
  help: 'flag',
};

export function kafkaGetOffsets(words: string[], view: SimView): CliResult {
  const o = parseOptions(words, SPEC);
  if ('error' in o) return { lines: err(o.error) };
  if (o.has('help'))
    return {
      lines: out(
        'An interactive shell for getting topic-partition offsets.',
        'kafka-get-offsets --bootstrap-server localhost:9092 --topic orders --time -1   (latest)',
        'kafka-get-offsets --bootstrap-server localhost:9092 --topic orders --time -2   (earliest)',
      ),
    };
  if (!o.has('bootstrap-server') && !o.has('broker-list'))
    return { lines: err('Missing required argument "[bootstrap-server]"') };
  const time = o.value('time') ?? '-1';
  // A Java long: any integer (the tool also names -3 max-timestamp).
  const t = time === 'latest' ? -1 : time === 'earliest' ? -2 : /^[+-]?\d+$/.test(time) ? Number(time) : null;
  if (t === null)
    return {
      lines: err(
        `Malformed time argument ${time}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp, or a specified long format timestamp`,
      ),
    };
  if (t !== -1 && t !== -2)
    return {
      lines: err(
        'Only --time -1 (latest) and -2 (earliest) are simulated in the terminal: a timestamp lookup reads the whole log.',
      ),
    };
  const topic = o.value('topic');
  const wanted = o
    .value('partitions')
    ?.split(',')
    .map((p) => javaInt(p.trim()));
  if (wanted?.some((p) => p === null))
    return { lines: err(`Invalid partition list: ${o.value('partitions')}`) };
  const partitions = view.partitions
    .filter((p) => (topic === undefined || p.topic === topic) && (!wanted || wanted.includes(p.partition)))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  if (topic !== undefined && partitions.length === 0 && !view.topics.some((x) => x.name === topic))
    return { lines: err(`Could not match any topic-partitions with the specified filters`) };
  // A partition without a leader has no answer; the tool prints nothing for it.
  return {
    lines: out(
      ...partitions
        .filter((p) => p.leader >= 0)
        .map((p) => `${p.topic}:${p.partition}:${t === -1 ? p.highWatermark : p.logStartOffset}`),
    ),
  };
}
