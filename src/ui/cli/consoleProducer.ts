// kafka-console-producer: the prompt turns into ">" and every line typed is a record, sent by a producer
// that joins the diagram while the tool runs (acks=all, idempotent: the Java producer's defaults).
// --property parse.key=true splits each line at key.separator (a tab by default) into key and value.
import type { SimView } from '../../engine/index';
import { parseOptions, type OptionSpec } from './args';
import { err, out, single, type CliResult, type CliStep, type ConsoleProducer } from './result';

const SPEC: OptionSpec = {
  'bootstrap-server': 'one',
  topic: 'one',
  property: 'many',
  'reader-property': 'many',
  'producer-property': 'many',
  'command-property': 'many',
  'request-required-acks': 'one',
  help: 'flag',
};

export function kafkaConsoleProducer(words: string[], view: SimView): CliResult {
  const o = parseOptions(words, SPEC);
  if ('error' in o) return { lines: err(o.error) };
  if (words.length === 0 || o.has('help'))
    return {
      lines: out(
        'This tool helps to read data from standard input and publish it to Kafka.',
        'kafka-console-producer --bootstrap-server localhost:9092 --topic orders',
        'kafka-console-producer --bootstrap-server localhost:9092 --topic orders --property parse.key=true --property key.separator=:',
        'Each line you type is a record; Ctrl+D (or Ctrl+C) stops the producer.',
      ),
    };
  if (!o.has('bootstrap-server')) return { lines: err('Missing required argument "[bootstrap-server]"') };
  const topic = o.value('topic');
  if (topic === undefined) return { lines: err('Missing required argument "[topic]"') };
  if (!view.topics.some((t) => t.name === topic))
    // The cluster refuses to create it (auto.create.topics.enable is off in the simulator).
    return { lines: err(`Topic ${topic} not present in metadata after 60000 ms.`) };
  const props = new Map<string, string>();
  for (const p of [...o.values('property'), ...o.values('reader-property')]) {
    const eq = p.indexOf('=');
    if (eq <= 0) return { lines: err(`Invalid property: ${p}`) };
    props.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const taken = new Set(view.producers.map((p) => p.id));
  let producerId = 'console-producer';
  for (let n = 2; taken.has(producerId); n++) producerId = `console-producer-${n}`;
  const producer: ConsoleProducer = {
    topic,
    producerId,
    parseKey: props.get('parse.key') === 'true',
    keySeparator: props.get('key.separator') ?? '\t',
  };
  return {
    lines: [],
    producer,
    step: single(
      { type: 'addProducer', producer: { id: producerId, topic, ratePerSec: 0, keys: { kind: 'null' } } },
      [],
      (message) => err(message),
    ),
  };
}

/** One line typed at the ">" prompt: a record, or LineMessageReader's complaint. */
export function producerLine(p: ConsoleProducer, line: string, lineNumber: number): CliResult {
  if (!p.parseKey) return { lines: [], step: record(p, null, line) };
  const at = line.indexOf(p.keySeparator);
  if (at < 0) return { lines: err(`No key separator found on line number ${lineNumber}: '${line}'`) };
  return { lines: [], step: record(p, line.slice(0, at), line.slice(at + p.keySeparator.length)) };
}

function record(p: ConsoleProducer, key: string | null, value: string): CliStep {
  return single({ type: 'produce', producerId: p.producerId, key, value }, [], (message) => err(message));
}

/** Ctrl+D: the tool closes its producer, which leaves the diagram. */
export function producerClosed(p: ConsoleProducer): CliStep {
  return single({ type: 'removeProducer', producerId: p.producerId }, [], (message) => err(message));
}
