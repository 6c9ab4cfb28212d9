// "What if?": the same run (scenario, seed, every action at its time) with one setting changed from the
// start, so that a class sees what a setting costs under the very same failures: acks=1 against
// acks=all, min.insync.replicas, unclean leader election, idempotence; for consumer groups, the
// consumer protocol (KIP-848) against the classic one, cooperative against eager rebalancing. Pure data in, data out: the
// worker replays the variant (engine/worker/host.ts) and the UI shows both runs' audits side by side.
//
// The setting changes wherever the run sets it up: the scenario's producers, topics or consumer groups,
// and those its actions add (addProducer, createTopic, addGroup). An action that later sets the same
// setting itself (setProducerConfig, alterTopicConfig, setGroupConfig) still applies: the variant changes the start, not the user's
// choices. Transactional producers keep acks=all and idempotence, which Kafka requires of them.
import type { LoggedCommand } from '../engine/index';
import type { Scenario } from './schema';

export interface Variant {
  /** The setting as Kafka writes it, e.g. "acks=1": also the variant's id. */
  id: string;
  /** What it changes, in a sentence. */
  label: string;
}

/** A producer's or a topic's config as the scenario or a logged action holds it. */
type Config = Record<string, unknown>;
type Acks = 0 | 1 | 'all';

interface Change {
  producer?: (c: Config) => Config | null;
  topic?: (c: Config, replicationFactor: number) => Config | null;
  /** A consumer group's config (services keep theirs). */
  group?: (c: Config) => Config | null;
  label: string;
}

const transactional = (c: Config): boolean => !!c['transactional.id'];
const acksOf = (c: Config): Acks => (c.acks as Acks | undefined) ?? 'all';

/** acks=all keeps idempotence as it was; acks 0 or 1 turn it off, as Kafka does unless it is set. */
function acksChange(acks: Acks): Change {
  return {
    label:
      acks === 'all'
        ? 'Every producer waits for all in-sync replicas (acks=all).'
        : `Every producer sends with acks=${acks} (and enable.idempotence=false, which acks=${acks} needs).`,
    producer: (c) =>
      transactional(c) || acksOf(c) === acks
        ? null
        : acks === 'all'
          ? { ...c, acks }
          : { ...c, acks, 'enable.idempotence': false },
  };
}

function idempotenceChange(on: boolean): Change {
  return {
    label: on
      ? 'Every producer is idempotent (enable.idempotence=true): a retry cannot write a record twice.'
      : 'Every producer has enable.idempotence=false: a retried batch can be written twice.',
    producer: (c) =>
      transactional(c) || acksOf(c) !== 'all' || (c['enable.idempotence'] ?? true) === on
        ? null
        : { ...c, 'enable.idempotence': on },
  };
}

function minIsrChange(n: number): Change {
  return {
    label: `Every topic with at least ${n} replicas has min.insync.replicas=${n}.`,
    topic: (c, rf) =>
      rf < n || (c['min.insync.replicas'] ?? 1) === n ? null : { ...c, 'min.insync.replicas': n },
  };
}

function uncleanChange(on: boolean): Change {
  return {
    label: on
      ? 'Every topic allows unclean leader election (unclean.leader.election.enable=true).'
      : 'No topic allows unclean leader election (unclean.leader.election.enable=false).',
    topic: (c) =>
      (c['unclean.leader.election.enable'] ?? false) === on
        ? null
        : { ...c, 'unclean.leader.election.enable': on },
  };
}

const protocolOf = (c: Config): string => (c['group.protocol'] as string | undefined) ?? 'classic';
/** The assignor a classic group uses: the first of partition.assignment.strategy (range by default). */
const assignorOf = (c: Config): string =>
  ((c['partition.assignment.strategy'] as string[] | undefined) ?? ['range', 'cooperative-sticky'])[0]!;

function protocolChange(protocol: 'classic' | 'consumer'): Change {
  return {
    label:
      protocol === 'consumer'
        ? 'Every consumer group uses group.protocol=consumer (KIP-848): the coordinator assigns partitions, and members keep consuming while others join or leave.'
        : 'Every consumer group uses group.protocol=classic: a rebalance stops every member until the group has synced (range first by default).',
    group: (c) => {
      if (protocolOf(c) === protocol) return null;
      // Kafka refuses partition.assignment.strategy under the consumer protocol, and
      // group.remote.assignor means nothing to a classic member.
      const next: Config = { ...c, 'group.protocol': protocol };
      delete next[protocol === 'consumer' ? 'partition.assignment.strategy' : 'group.remote.assignor'];
      return next;
    },
  };
}

function assignorChange(assignor: 'range' | 'cooperative-sticky'): Change {
  return {
    label:
      assignor === 'cooperative-sticky'
        ? 'Every classic group uses the CooperativeStickyAssignor: a rebalance moves only the partitions that change owner, the others keep being consumed.'
        : 'Every classic group uses the RangeAssignor (eager): at every rebalance each member gives up all its partitions first.',
    group: (c) =>
      protocolOf(c) !== 'classic' || assignorOf(c) === assignor
        ? null
        : { ...c, 'partition.assignment.strategy': [assignor] },
  };
}

const CHANGES: Record<string, Change> = {
  'acks=all': acksChange('all'),
  'acks=1': acksChange(1),
  'acks=0': acksChange(0),
  'enable.idempotence=true': idempotenceChange(true),
  'enable.idempotence=false': idempotenceChange(false),
  'min.insync.replicas=1': minIsrChange(1),
  'min.insync.replicas=2': minIsrChange(2),
  'min.insync.replicas=3': minIsrChange(3),
  'unclean.leader.election.enable=true': uncleanChange(true),
  'unclean.leader.election.enable=false': uncleanChange(false),
  'group.protocol=consumer': protocolChange('consumer'),
  'group.protocol=classic': protocolChange('classic'),
  'partition.assignment.strategy=cooperative-sticky': assignorChange('cooperative-sticky'),
  'partition.assignment.strategy=range': assignorChange('range'),
};

interface Applied {
  scenario: Scenario;
  log: LoggedCommand[];
  /** Producers and topics whose setting changed. */
  changed: string[];
}

function apply(s: Scenario, log: LoggedCommand[], change: Change): Applied {
  const changed: string[] = [];
  const producer = <P extends { id: string; config?: object | undefined }>(p: P): P => {
    const next = change.producer?.((p.config ?? {}) as Config);
    if (!next) return p;
    changed.push(`producer ${p.id}`);
    return { ...p, config: next };
  };
  const topic = <T extends { name: string; replicationFactor: number; config?: object | undefined }>(
    t: T,
  ): T => {
    const next = change.topic?.((t.config ?? {}) as Config, t.replicationFactor);
    if (!next) return t;
    changed.push(`topic ${t.name}`);
    return { ...t, config: next };
  };
  const group = <G extends { groupId: string; config?: object | undefined }>(g: G): G => {
    const next = change.group?.((g.config ?? {}) as Config);
    if (!next) return g;
    changed.push(`group ${g.groupId}`);
    return { ...g, config: next };
  };
  const scenario: Scenario = {
    ...s,
    producers: s.producers.map(producer),
    topics: s.topics.map(topic),
    groups: s.groups.map(group),
  };
  const variantLog = log.map((entry): LoggedCommand => {
    const c = entry.command;
    if (c.type === 'addProducer') return { ...entry, command: { ...c, producer: producer(c.producer) } };
    if (c.type === 'createTopic') return { ...entry, command: { ...c, topic: topic(c.topic) } };
    if (c.type === 'addGroup') return { ...entry, command: { ...c, group: group(c.group) } };
    return entry;
  });
  return { scenario, log: variantLog, changed };
}

/** The variants that change something in this run, in a fixed order. */
export function variantsFor(s: Scenario, log: LoggedCommand[]): Variant[] {
  return Object.entries(CHANGES)
    .filter(([, change]) => apply(s, log, change).changed.length > 0)
    .map(([id, change]) => ({ id, label: change.label }));
}

/** The run with the variant's setting changed, or why it cannot be. */
export function applyVariant(s: Scenario, log: LoggedCommand[], id: string): Applied | { error: string } {
  const change = CHANGES[id];
  if (!change) return { error: `There is no what-if called "${id}".` };
  const applied = apply(s, log, change);
  if (applied.changed.length === 0) return { error: `${id} is already what this run uses.` };
  // Opened as a run of its own it is a sandbox: a lesson's narration and checks describe the original.
  const rest: Scenario = { ...applied.scenario };
  delete rest.steps;
  const title = `${s.title} (what if ${id})`;
  const scenario: Scenario = {
    ...rest,
    title: title.length <= 120 ? title : `${title.slice(0, 119)}…`,
    description: `What if: ${change.label} ${s.description}`.slice(0, 2000).trim(),
  };
  return { ...applied, scenario };
}
