// kafka-transactions (TransactionsCommand): `list` and `describe --transactional-id`, with the tool's
// columns. The coordinator is not a broker here (Simplification 15), so Coordinator shows "-".
import type { SimView } from '../../engine/index';
import { parseOptions, type OptionSpec } from './args';
import { err, out, type CliResult } from './result';
import { columns } from './table';

const SPEC: OptionSpec = {
  'bootstrap-server': 'one',
  'bootstrap-controller': 'one',
  'command-config': 'one',
  'transactional-id': 'one',
  help: 'flag',
};

const LIST = ['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'];
const DESCRIBE = [
  'CoordinatorId',
  'TransactionalId',
  'ProducerId',
  'ProducerEpoch',
  'TransactionState',
  'TransactionTimeoutMs',
  'CurrentTransactionStartTimeMs',
  'TransactionDurationMs',
  'TopicPartitions',
];

export function kafkaTransactions(words: string[], view: SimView): CliResult {
  // The subcommand comes after the connection options, as argparse reads it.
  const at = words.findIndex((w) => w === 'list' || w === 'describe');
  const sub = at >= 0 ? words[at] : undefined;
  const o = parseOptions(at >= 0 ? [...words.slice(0, at), ...words.slice(at + 1)] : words, SPEC);
  if ('error' in o) return { lines: err(o.error) };
  if (!sub || o.has('help'))
    return {
      lines: out(
        'This tool is used to analyze the transactional state of producers in the cluster.',
        'kafka-transactions --bootstrap-server localhost:9092 list',
        'kafka-transactions --bootstrap-server localhost:9092 describe --transactional-id ledger-1',
      ),
    };
  if (!o.has('bootstrap-server') && !o.has('bootstrap-controller'))
    return { lines: err('one of the arguments --bootstrap-server --bootstrap-controller is required') };
  if (sub === 'list')
    return {
      lines: out(
        ...columns(
          [LIST, ...view.transactions.map((t) => [t.transactionalId, '-', String(t.producerId), t.state])],
          LIST.map((h) => h.length),
        ),
      ),
    };
  const id = o.value('transactional-id');
  if (id === undefined) return { lines: err('the following arguments are required: --transactional-id') };
  const t = view.transactions.find((x) => x.transactionalId === id);
  if (!t)
    return {
      lines: err(
        `Failed to describe transaction state of transactional-id \`${id}\`: The transactionalId is not known to the coordinator.`,
      ),
    };
  const open = t.startedAtMs >= 0;
  const row = [
    '-',
    id,
    String(t.producerId),
    String(t.producerEpoch),
    t.state,
    String(t.timeoutMs),
    open ? String(t.startedAtMs) : 'None',
    open ? String(view.nowMs - t.startedAtMs) : 'None',
    t.partitions.join(','),
  ];
  return {
    lines: out(
      ...columns(
        [DESCRIBE, row],
        DESCRIBE.map((h) => h.length),
      ),
    ),
  };
}
