// kafka-leader-election (LeaderElectionCommand): a preferred or unclean election for one partition or
// all of them, reported per outcome as the tool reports them.
import type { Command, SimView } from '../../engine/index';
import { javaInt, parseOptions, type OptionSpec } from './args';
import { err, out, withoutCode, type CliResult, type Line } from './result';

const SPEC: OptionSpec = {
  'bootstrap-server': 'one',
  'admin.config': 'one',
  'election-type': 'one',
  topic: 'one',
  partition: 'one',
  'all-topic-partitions': 'flag',
  'path-to-json-file': 'one',
  help: 'flag',
};

export function kafkaLeaderElection(words: string[], view: SimView): CliResult {
  const o = parseOptions(words, SPEC);
  if ('error' in o) return { lines: err(o.error) };
  if (words.length === 0 || o.has('help'))
    return {
      lines: out(
        'This tool attempts to elect a new leader for a set of topic partitions.',
        'kafka-leader-election --bootstrap-server localhost:9092 --election-type PREFERRED --all-topic-partitions',
        'kafka-leader-election --bootstrap-server localhost:9092 --election-type UNCLEAN --topic orders --partition 0',
      ),
    };
  if (!o.has('bootstrap-server')) return { lines: err('Missing required option(s) [bootstrap-server]') };
  const type = o.value('election-type')?.toUpperCase();
  if (type !== 'PREFERRED' && type !== 'UNCLEAN')
    return {
      lines: err(
        o.has('election-type')
          ? `Invalid election type: ${o.value('election-type')}`
          : 'Missing required option(s) [election-type]',
      ),
    };
  if (o.has('path-to-json-file'))
    return {
      lines: err('--path-to-json-file is not simulated in Kafkascope: name a --topic and --partition.'),
    };
  let partitions = view.partitions;
  if (o.has('all-topic-partitions')) {
    if (o.has('topic') || o.has('partition'))
      return {
        lines: err(
          'Exactly one of [all-topic-partitions] or [topic, partition] or [path-to-json-file] must be specified',
        ),
      };
  } else {
    if (!o.has('topic') || !o.has('partition'))
      return {
        lines: err(
          'Exactly one of [all-topic-partitions] or [topic, partition] or [path-to-json-file] must be specified',
        ),
      };
    const n = javaInt(o.value('partition')!);
    if (n === null)
      return { lines: err(`Cannot parse argument '${o.value('partition')}' of option partition`) };
    partitions = partitions.filter((p) => p.topic === o.value('topic') && p.partition === n);
    if (partitions.length === 0)
      return {
        lines: err(
          `Error completing leader election (${type}) for partition: ${o.value('topic')}-${n}: This server does not host this topic-partition.`,
        ),
      };
  }
  // Kafka answers ELECTION_NOT_NEEDED where the wanted leader already leads: a preferred election where
  // the preferred replica leads, an unclean one where the partition has a leader.
  const notNeeded = partitions.filter((p) =>
    type === 'PREFERRED' ? p.leader === p.preferredLeader : p.leader >= 0,
  );
  const elect = partitions.filter((p) => !notNeeded.includes(p));
  const commands: Command[] = elect.map((p) =>
    type === 'PREFERRED'
      ? { type: 'electPreferredLeader', partitionId: p.id }
      : { type: 'electUncleanLeader', partitionId: p.id },
  );
  const noElection =
    notNeeded.length > 0
      ? out(`Valid replica already elected for partitions ${notNeeded.map((p) => p.id).join(', ')}`)
      : [];
  if (commands.length === 0) return { lines: noElection };
  return {
    lines: [],
    step: {
      commands,
      report: (refusals) => {
        const done = elect.filter((_, i) => refusals[i] === null).map((p) => p.id);
        const lines: Line[] =
          done.length > 0
            ? out(`Successfully completed leader election (${type}) for partitions ${done.join(', ')}`)
            : [];
        lines.push(...noElection);
        elect.forEach((p, i) => {
          if (refusals[i])
            lines.push(
              ...err(
                `Error completing leader election (${type}) for partition: ${p.id}: ${withoutCode(refusals[i]!)}`,
              ),
            );
        });
        return lines;
      },
    },
  };
}
