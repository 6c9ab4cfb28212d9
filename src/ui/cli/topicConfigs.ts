// Topic configs typed on a command line (`--config k=v`, `--add-config k=v,k2=v2`), checked as Kafka's
// LogConfig.validate checks them, in its words. Kafka knows more topic configs than the simulator
// models: those are refused saying so, not called unknown.
import { invalidTimestampTypeText, TIMESTAMP_TYPES, type TopicConfig } from '../../engine/index';

/** Topic configs Kafka 4.x accepts that the simulator does not model. */
const NOT_SIMULATED = new Set([
  'compression.type',
  'compression.gzip.level',
  'compression.lz4.level',
  'compression.zstd.level',
  'delete.retention.ms',
  'file.delete.delay.ms',
  'flush.messages',
  'flush.ms',
  'follower.replication.throttled.replicas',
  'index.interval.bytes',
  'leader.replication.throttled.replicas',
  'local.retention.bytes',
  'local.retention.ms',
  'max.compaction.lag.ms',
  'max.message.bytes',
  'message.timestamp.after.max.ms',
  'message.timestamp.before.max.ms',
  'min.cleanable.dirty.ratio',
  'min.compaction.lag.ms',
  'preallocate',
  'remote.storage.enable',
  'remote.log.copy.disable',
  'remote.log.delete.on.disable',
  'segment.bytes',
  'segment.index.bytes',
  'segment.jitter.ms',
  'segment.ms',
]);

type Parse = (name: string, value: string) => TopicConfig[keyof TopicConfig] | { error: string };

const long =
  (min: number): Parse =>
  (name, value) => {
    if (!/^[+-]?\d+$/.test(value))
      return { error: `Invalid value ${value} for configuration ${name}: Not a number of type LONG` };
    const n = Number(value);
    return n < min
      ? { error: `Invalid value ${value} for configuration ${name}: Value must be at least ${min}` }
      : n;
  };

const PARSERS: Record<keyof TopicConfig, Parse> = {
  'min.insync.replicas': long(1),
  'retention.ms': long(-1),
  'retention.bytes': long(-1),
  'cleanup.policy': (name, value) => {
    const list = value
      .replace(/^\[|\]$/g, '')
      .split(',')
      .map((v) => v.trim());
    const bad = list.find((v) => v !== 'compact' && v !== 'delete');
    if (bad !== undefined)
      return {
        error: `Invalid value ${bad} for configuration ${name}: String must be one of: compact, delete`,
      };
    const set = new Set(list);
    return set.size === 2 ? 'compact,delete' : (list[0] as 'compact' | 'delete');
  },
  'unclean.leader.election.enable': (name, value) => {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'false') return v === 'true';
    return {
      error: `Invalid value ${value} for configuration ${name}: Expected value to be either true or false`,
    };
  },
  'message.timestamp.type': (_name, value) =>
    (TIMESTAMP_TYPES as readonly string[]).includes(value)
      ? (value as TopicConfig['message.timestamp.type'])
      : { error: invalidTimestampTypeText(value) },
};

/** `name=value` pairs (TopicCommand splits each on "=" with spaces around it). */
export function parseTopicConfigs(
  pairs: readonly string[],
): { config: Partial<TopicConfig> } | { error: string } {
  const split = pairs.map((p) => p.split(/\s*=\s*/));
  if (split.some((kv) => kv.length !== 2))
    return {
      error:
        'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".',
    };
  return checked(split.map(([k, v]) => [k!.trim(), v!.trim()]));
}

/** kafka-configs --add-config: `k=v,k2=v2`, a list value in square brackets (`cleanup.policy=[compact,delete]`). */
export function parseAddConfig(text: string): { config: Partial<TopicConfig> } | { error: string } {
  const pairs: [string, string][] = [];
  for (const part of text.split(/,(?![^[]*\])/)) {
    const eq = part.indexOf('=');
    if (eq <= 0)
      return { error: `Invalid entity config: all configs to be added must be in the format "key=val".` };
    pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return checked(pairs);
}

function checked(pairs: [string, string][]): { config: Partial<TopicConfig> } | { error: string } {
  const config: Partial<Record<keyof TopicConfig, unknown>> = {};
  for (const [name, value] of pairs) {
    if (NOT_SIMULATED.has(name)) return { error: `The topic config ${name} is not simulated in Kafkascope.` };
    const parse = PARSERS[name as keyof TopicConfig] as Parse | undefined;
    if (!parse) return { error: `Unknown topic config name: ${name}` };
    const v = parse(name, value);
    if (typeof v === 'object') return v;
    config[name as keyof TopicConfig] = v;
  }
  return { config: config as Partial<TopicConfig> };
}
