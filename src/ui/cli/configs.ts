// kafka-configs for topics (ConfigCommand): --describe lists a topic's dynamic configs, --alter adds
// (--add-config) or removes (--delete-config) them. Other entity types (brokers, clients, users) are
// not simulated.
import { DEFAULT_TOPIC_CONFIG, type SimView, type TopicConfig } from '../../engine/index';
import { parseOptions, type OptionSpec } from './args';
import { err, out, single, withoutCode, type CliResult, type Line } from './result';
import { parseAddConfig } from './topicConfigs';

const SPEC: OptionSpec = {
  'bootstrap-server': 'one',
  'command-config': 'one',
  'entity-type': 'one',
  'entity-name': 'one',
  'entity-default': 'flag',
  topic: 'one',
  broker: 'one',
  alter: 'flag',
  describe: 'flag',
  all: 'flag',
  'add-config': 'one',
  'delete-config': 'one',
  help: 'flag',
};

export function kafkaConfigs(words: string[], view: SimView): CliResult {
  const o = parseOptions(words, SPEC);
  if ('error' in o) return { lines: err(o.error) };
  if (words.length === 0 || o.has('help'))
    return {
      lines: out(
        'This tool helps to manipulate and describe entity config for a topic.',
        'kafka-configs --bootstrap-server localhost:9092 --entity-type topics --entity-name orders --describe',
        'kafka-configs --bootstrap-server localhost:9092 --entity-type topics --entity-name orders --alter --add-config retention.ms=60000',
        'kafka-configs --bootstrap-server localhost:9092 --entity-type topics --entity-name orders --alter --delete-config retention.ms',
      ),
    };
  if (Number(o.has('alter')) + Number(o.has('describe')) !== 1)
    return { lines: err('Command must include exactly one action: --describe, --alter') };
  if (!o.has('bootstrap-server'))
    return {
      lines: err(
        'One of the required --bootstrap-server or --bootstrap-controller arguments must be specified',
      ),
    };
  if (o.has('broker') || (o.has('entity-type') && o.value('entity-type') !== 'topics'))
    return { lines: err('Kafkascope simulates topic configs only (--entity-type topics).') };
  const name = o.value('topic') ?? o.value('entity-name');
  if (name === undefined)
    return { lines: err('--entity-name or --topic must be specified with --entity-type topics') };
  const args = words.join(' ');
  const failure = (message: string): Line[] =>
    err(`Error while executing config command with args '${args}'`, withoutCode(message));
  const topic = view.topics.find((t) => t.name === name);
  if (!topic)
    return {
      lines: failure(
        'org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.',
      ),
    };
  if (o.has('describe')) {
    const entries = (Object.keys(topic.config) as (keyof TopicConfig)[]).filter(
      (k) => o.has('all') || topic.config[k] !== DEFAULT_TOPIC_CONFIG[k],
    );
    return {
      lines: out(
        `${o.has('all') ? 'All' : 'Dynamic'} configs for topic ${name} are:`,
        ...entries.map((k) => {
          const isDefault = topic.config[k] === DEFAULT_TOPIC_CONFIG[k];
          const source = isDefault ? 'DEFAULT_CONFIG' : 'DYNAMIC_TOPIC_CONFIG';
          return `  ${k}=${String(topic.config[k])} sensitive=false synonyms={${source}:${k}=${String(topic.config[k])}}`;
        }),
      ),
    };
  }
  const add = o.value('add-config');
  const remove = o.value('delete-config');
  if (add === undefined && remove === undefined)
    return {
      lines: err(
        'At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter',
      ),
    };
  const parsed = add === undefined ? { config: {} } : parseAddConfig(add);
  if ('error' in parsed) return { lines: failure(parsed.error) };
  const config: Partial<Record<keyof TopicConfig, unknown>> = { ...parsed.config };
  for (const k of remove?.split(',').map((s) => s.trim()) ?? []) {
    if (!(k in DEFAULT_TOPIC_CONFIG)) return { lines: failure(`Invalid config(s): ${k}`) };
    config[k as keyof TopicConfig] = DEFAULT_TOPIC_CONFIG[k as keyof TopicConfig];
  }
  return {
    lines: [],
    step: single(
      { type: 'alterTopicConfig', topic: name, config: config as Partial<TopicConfig> },
      out(`Completed updating config for topic ${name}.`),
      failure,
    ),
  };
}
