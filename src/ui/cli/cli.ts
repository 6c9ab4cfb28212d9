// One line typed at the terminal's "$" prompt: which Kafka tool it names (kafka-topics, with or without
// .sh and a bin/ path), run against the view the terminal shows.
import type { SimView } from '../../engine/index';
import { commandSchema } from '../../scenarios/link/commandSchema';
import { describeIssue } from '../../scenarios/link/issues';
import { shellWords } from './args';
import { kafkaConfigs } from './configs';
import { kafkaConsoleConsumer } from './consoleConsumer';
import { kafkaConsoleProducer } from './consoleProducer';
import { kafkaConsumerGroups } from './groups';
import { kafkaShareGroups } from './shareGroups';
import { kafkaGetOffsets } from './getOffsets';
import { kafkaLeaderElection } from './election';
import { err, out, type CliResult } from './result';
import { kafkaTopics } from './topics';
import { kafkaTransactions } from './transactions';

const TOOLS: Record<string, (words: string[], view: SimView) => CliResult> = {
  'kafka-topics': kafkaTopics,
  'kafka-configs': kafkaConfigs,
  'kafka-consumer-groups': kafkaConsumerGroups,
  'kafka-share-groups': kafkaShareGroups,
  'kafka-leader-election': kafkaLeaderElection,
  'kafka-console-producer': kafkaConsoleProducer,
  'kafka-console-consumer': kafkaConsoleConsumer,
  'kafka-get-offsets': kafkaGetOffsets,
  'kafka-transactions': kafkaTransactions,
};

/** Commands to try, shown by `help` and under an empty terminal. */
export const EXAMPLES = [
  'kafka-topics --bootstrap-server localhost:9092 --describe',
  'kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group billing',
  'kafka-topics --bootstrap-server localhost:9092 --create --topic payments --partitions 3 --replication-factor 3 --config min.insync.replicas=2',
  'kafka-console-producer --bootstrap-server localhost:9092 --topic orders --property parse.key=true --property key.separator=:',
  'kafka-console-consumer --bootstrap-server localhost:9092 --topic orders --from-beginning --property print.key=true',
];

export function runLine(line: string, view: SimView): CliResult | 'clear' {
  const words = shellWords(line.trim());
  if ('error' in words) return { lines: err(`sh: ${words.error}`) };
  if (words.length === 0) return { lines: [] };
  if (words[0] === 'clear') return 'clear';
  if (words[0] === 'help') return { lines: help() };
  const name = words[0]!.replace(/^.*\//, '').replace(/\.sh$/, '');
  const tool = TOOLS[name];
  if (!tool)
    return {
      lines: err(`${words[0]}: command not found. Type help for the Kafka tools this terminal runs.`),
    };
  return withinBounds(tool(words.slice(1), view));
}

/**
 * Typed text can ask for what Kafka would do but the simulator cannot (a topic of 100,000 partitions):
 * the share link's bounds apply here too, so that nothing typed hangs the engine or makes a run whose
 * link would not open.
 */
export function withinBounds(r: CliResult): CliResult {
  for (const c of r.step?.commands ?? []) {
    const checked = commandSchema.safeParse(c, { reportInput: true });
    if (!checked.success)
      return {
        lines: [
          ...r.lines,
          ...err(
            `Kafkascope cannot simulate this: ${describeIssue(`The ${c.type} command`, checked.error.issues[0]!)}`,
          ),
        ],
      };
  }
  return r;
}

function help(): ReturnType<typeof out> {
  return out(
    'The Kafka command-line tools, run against the simulated cluster (any --bootstrap-server reaches it):',
    '  kafka-topics            --list, --describe, --create, --alter --partitions',
    '  kafka-configs           --describe, --alter --add-config / --delete-config (topics)',
    '  kafka-consumer-groups   --list, --describe [--members | --state], --reset-offsets',
    '  kafka-share-groups      --list [--state], --describe [--members | --state] (share groups, KIP-932)',
    '  kafka-leader-election   --election-type PREFERRED | UNCLEAN',
    '  kafka-console-producer  each line you type is a record; Ctrl+D stops it',
    '  kafka-console-consumer  prints each record its poll() returns; Ctrl+C stops it',
    '  kafka-get-offsets       --time -1 (latest) or -2 (earliest) per partition',
    '  kafka-transactions      list, describe --transactional-id',
    '  clear                   empty this terminal',
    'Add --help after a tool for its options. Commands join the run: a share link replays them.',
    'Try:',
    ...EXAMPLES.map((e) => `  ${e}`),
  );
}
