// Pure checkers for expectations: each reads only the SimView, so the UI stepper (with the view it already
// has) and the headless runner agree. A message always says what was expected and what the simulation
// shows, in plain words, whether the check passed or not.
import type { GroupView, PartitionView, ShareGroupView, SimView } from '../engine/index';
import type { Expectation } from './expectations';
import { describeExpectation, list, plural, sorted } from './describe';

export { describeExpectation } from './describe';

export interface CheckResult {
  ok: boolean;
  message: string;
}

export interface CheckContext {
  /** Events before this virtual time belong to earlier steps; the event checks ignore them. */
  sinceMs?: number;
}

interface Outcome {
  ok: boolean;
  /** What the simulation shows, as a clause. */
  actual: string;
}

export function checkExpectation(view: SimView, e: Expectation, context: CheckContext = {}): CheckResult {
  const expected = describeExpectation(e);
  const { ok, actual } = evaluate(view, e, context);
  return { ok, message: `Expected: ${expected}. The simulation shows: ${actual.replace(/\.+$/, '')}.` };
}

function evaluate(view: SimView, e: Expectation, context: CheckContext): Outcome {
  switch (e.kind) {
    case 'leaderIs':
    case 'leaderIsNot':
    case 'leaderInIsrOf':
    case 'leaderStopped':
    case 'isrIs':
    case 'isrSizeIs':
    case 'partitionOffline':
    case 'logStartOffsetAtLeast':
      return withPartition(view, e.partition, (p) => partitionOutcome(view, p, e));
    case 'underReplicatedIs': {
      const t = view.topics.find((x) => x.name === e.topic);
      if (!t) return missing(`no topic ${e.topic}`);
      const n = t.underReplicatedPartitions;
      return { ok: n === e.count, actual: `topic ${e.topic} has ${plural(n, 'under-replicated partition')}` };
    }
    case 'brokerIs': {
      const b = view.brokers.find((x) => x.id === e.broker);
      if (!b) return missing(`no broker ${e.broker}`);
      return { ok: b.status === e.status, actual: `broker ${b.id} is ${b.status}` };
    }
    case 'partitionCountIs': {
      const t = view.topics.find((x) => x.name === e.topic);
      if (!t) return missing(`no topic ${e.topic}`);
      return {
        ok: t.partitions === e.count,
        actual: `topic ${e.topic} has ${plural(t.partitions, 'partition')}`,
      };
    }
    case 'keyOn':
      return keyOn(view, e.topic, e.key, e.partition);
    case 'topicRecordsIs':
    case 'topicRecordsAtLeast': {
      if (!view.topics.some((x) => x.name === e.topic)) return missing(`no topic ${e.topic}`);
      const n = view.partitions.reduce((sum, p) => (p.topic === e.topic ? sum + p.highWatermark : sum), 0);
      return {
        ok: e.kind === 'topicRecordsIs' ? n === e.count : n >= e.count,
        actual: `${plural(n, 'record')} written to topic ${e.topic}`,
      };
    }
    case 'producedAtLeast':
    case 'producerWritesTo': {
      const p = view.producers.find((x) => x.id === e.producer);
      if (!p) return missing(`no producer ${e.producer}`);
      return e.kind === 'producedAtLeast'
        ? { ok: p.produced >= e.count, actual: `producer ${p.id} has sent ${plural(p.produced, 'record')}` }
        : { ok: p.topic === e.topic, actual: `producer ${p.id} writes to topic ${p.topic}` };
    }
    case 'nothingLost':
    case 'lostIs':
    case 'lostAtLeast':
    case 'acknowledgedAtLeast':
    case 'duplicatedAtLeast':
    case 'duplicatedIs':
    case 'reorderedIs':
    case 'abortedAtLeast':
      return auditOutcome(view, e);
    case 'eventHappened':
    case 'eventAbsent':
      return eventOutcome(view, e, context.sinceMs ?? 0);
    case 'shareConsumedAtLeast':
    case 'shareHoldingAtLeast':
    case 'shareHoldingIs':
    case 'shareMembersIs':
    case 'shareRedeliveredAtLeast':
    case 'shareArchivedAtLeast': {
      const g = view.shareGroups.find((x) => x.groupId === e.group);
      return g ? shareOutcome(g, e) : missing(`no share group ${e.group}`);
    }
    default:
      return withGroup(view, e.group, (g) => groupOutcome(g, e));
  }
}

const missing = (actual: string): Outcome => ({ ok: false, actual });

function withPartition(view: SimView, id: string, f: (p: PartitionView) => Outcome): Outcome {
  const p = view.partitions.find((x) => x.id === id);
  return p ? f(p) : missing(`no partition ${id}`);
}

function withGroup(view: SimView, id: string, f: (g: GroupView) => Outcome): Outcome {
  const g = view.groups.find((x) => x.groupId === id);
  return g ? f(g) : missing(`no group ${id}`);
}

function leads(p: PartitionView): string {
  return p.leader < 0 ? `${p.id} has no leader (Leader: none)` : `broker ${p.leader} leads ${p.id}`;
}

type PartitionExpectation = Extract<
  Expectation,
  {
    kind:
      | 'leaderIs'
      | 'leaderIsNot'
      | 'leaderInIsrOf'
      | 'leaderStopped'
      | 'isrIs'
      | 'isrSizeIs'
      | 'partitionOffline'
      | 'logStartOffsetAtLeast';
  }
>;

function partitionOutcome(view: SimView, p: PartitionView, e: PartitionExpectation): Outcome {
  const isr = `the ISR of ${p.id} is ${list(sorted(p.isr))}`;
  switch (e.kind) {
    case 'leaderIs':
      return { ok: p.leader === e.broker, actual: leads(p) };
    case 'leaderIsNot':
      return { ok: p.leader >= 0 && p.leader !== e.broker, actual: leads(p) };
    case 'leaderInIsrOf':
      return { ok: p.leader >= 0 && p.isr.includes(p.leader), actual: `${leads(p)} and ${isr}` };
    case 'leaderStopped': {
      const b = view.brokers.find((x) => x.id === p.leader);
      if (!b) return { ok: false, actual: leads(p) };
      return { ok: b.status === 'stopped', actual: `${leads(p)} and is ${b.status}` };
    }
    case 'isrIs':
      return { ok: list(sorted(p.isr)) === list(sorted(e.isr)), actual: isr };
    case 'isrSizeIs':
      return { ok: p.isr.length === e.size, actual: isr };
    case 'partitionOffline':
      return { ok: p.offline, actual: leads(p) };
    case 'logStartOffsetAtLeast':
      return {
        ok: p.logStartOffset >= e.offset,
        actual: `the log of ${p.id} starts at offset ${p.logStartOffset}`,
      };
  }
}

/** The newest record with the key, by record id, among the leaders' recent records of the topic. */
function keyOn(view: SimView, topic: string, key: string, partition: string): Outcome {
  let newest: { partition: string; recordId: number } | null = null;
  for (const p of view.partitions) {
    if (p.topic !== topic) continue;
    const log = p.replicaLogs.find((r) => r.brokerId === p.leader) ?? p.replicaLogs[0];
    for (const r of log?.tail ?? []) {
      if (r.key === key && (!newest || r.recordId > newest.recordId))
        newest = { partition: p.id, recordId: r.recordId };
    }
  }
  if (!newest) return missing(`no recent record of topic ${topic} has key "${key}"`);
  return {
    ok: newest.partition === partition,
    actual: `the newest record with key "${key}" is on ${newest.partition}`,
  };
}

type AuditExpectation = Extract<
  Expectation,
  {
    kind:
      | 'nothingLost'
      | 'lostIs'
      | 'lostAtLeast'
      | 'acknowledgedAtLeast'
      | 'duplicatedAtLeast'
      | 'duplicatedIs'
      | 'reorderedIs'
      | 'abortedAtLeast';
  }
>;

function auditOutcome(view: SimView, e: AuditExpectation): Outcome {
  const a = view.audit;
  switch (e.kind) {
    case 'nothingLost':
    case 'lostIs':
    case 'lostAtLeast': {
      const why = a.explanations[a.explanations.length - 1]?.text;
      const actual = `${plural(a.lost, 'acknowledged record')} lost${a.lost > 0 && why ? ` (the last: ${why})` : ''}`;
      const ok =
        e.kind === 'nothingLost'
          ? a.lost === 0
          : e.kind === 'lostIs'
            ? a.lost === e.count
            : a.lost >= e.count;
      return { ok, actual };
    }
    case 'acknowledgedAtLeast':
      return {
        ok: a.acknowledged >= e.count,
        actual: `${plural(a.acknowledged, 'record')} acknowledged`,
      };
    case 'abortedAtLeast':
      return {
        ok: a.aborted >= e.count,
        actual: `${plural(a.aborted, 'record')} in aborted transactions`,
      };
    case 'duplicatedAtLeast':
    case 'duplicatedIs':
      return {
        ok: e.kind === 'duplicatedIs' ? a.duplicated === e.count : a.duplicated >= e.count,
        actual: `${plural(a.duplicated, 'record')} written more than once`,
      };
    case 'reorderedIs':
      return {
        ok: a.reordered === e.count,
        actual: `${plural(a.reordered, 'record')} out of order for its key`,
      };
  }
}

type ShareExpectation = Extract<Expectation, { kind: `share${string}` }>;
type GroupExpectation = Exclude<Extract<Expectation, { group: string }>, ShareExpectation>;

function groupOutcome(g: GroupView, e: GroupExpectation): Outcome {
  const name = `group ${g.groupId}`;
  switch (e.kind) {
    case 'lagBelow':
    case 'lagAbove':
      return {
        ok: e.kind === 'lagBelow' ? g.totalLag <= e.max : g.totalLag >= e.min,
        actual: `${name} lags by ${plural(g.totalLag, 'record')}`,
      };
    case 'groupStateIs':
      return { ok: g.state === e.state, actual: `${name} is ${g.state}` };
    case 'groupProtocolIs':
      return { ok: g.protocol === e.protocol, actual: `${name} uses group.protocol=${g.protocol}` };
    case 'assignorIs':
      return {
        ok: g.assignor === e.assignor,
        actual: g.assignor
          ? `${name} uses the ${g.assignor} assignor`
          : `${name} has not chosen an assignor yet`,
      };
    case 'generationIs':
      return { ok: g.generation === e.generation, actual: `${name} is at generation ${g.generation}` };
    case 'allAssigned': {
      const orphans = g.partitions.filter((p) => p.owner === null).map((p) => p.partitionId);
      return {
        ok: orphans.length === 0,
        actual:
          orphans.length === 0
            ? `every partition of ${name} has an owner`
            : `${orphans.join(', ')} ${orphans.length === 1 ? 'has' : 'have'} no owner`,
      };
    }
    case 'memberIdle':
    case 'assignedCount': {
      const m = g.members.find((x) => x.id === e.consumer);
      if (!m) return missing(`${name} has no consumer ${e.consumer}`);
      const owns =
        m.assigned.length === 0
          ? 'owns no partition'
          : `owns ${plural(m.assigned.length, 'partition')} (${m.assigned.join(', ')})`;
      const actual = `consumer ${m.id} is ${m.status} and ${owns}`;
      if (e.kind === 'memberIdle') return { ok: m.status === 'running' && m.assigned.length === 0, actual };
      return { ok: m.assigned.length === e.count, actual };
    }
    case 'consumedAtLeast':
    case 'consumedAtMost': {
      const consumed = g.members.reduce((n, m) => n + m.consumed, 0);
      return {
        ok: e.kind === 'consumedAtLeast' ? consumed >= e.count : consumed <= e.count,
        actual: `${name} has processed ${plural(consumed, 'record')}`,
      };
    }
    case 'redeliveredAtLeast':
    case 'redeliveredIs':
      return {
        ok: e.kind === 'redeliveredIs' ? g.redelivered === e.count : g.redelivered >= e.count,
        actual: `${name} has processed ${plural(g.redelivered, 'record')} a second time`,
      };
    case 'groupReads':
      return {
        ok: g.topics.includes(e.topic),
        actual: `${name} reads ${g.topics.length === 1 ? 'topic' : 'topics'} ${g.topics.join(', ')}`,
      };
    case 'partitionLagAbove':
    case 'partitionLagBelow': {
      const p = g.partitions.find((x) => x.partitionId === e.partition);
      if (!p) return missing(`${name} does not read ${e.partition}`);
      if (p.lag === null) return missing(`${name} has no committed offset on ${e.partition} (LAG -)`);
      return {
        ok: e.kind === 'partitionLagAbove' ? p.lag >= e.min : p.lag <= e.max,
        actual: `${name} lags by ${plural(p.lag, 'record')} on ${e.partition}`,
      };
    }
  }
}

function shareOutcome(g: ShareGroupView, e: ShareExpectation): Outcome {
  const name = `share group ${g.groupId}`;
  switch (e.kind) {
    case 'shareConsumedAtLeast':
    case 'shareHoldingAtLeast':
    case 'shareHoldingIs': {
      const m = g.members.find((x) => x.consumerId === e.consumer);
      if (!m) return missing(`${name} has no consumer ${e.consumer}`);
      const status = m.stopReason ?? m.status;
      if (e.kind === 'shareConsumedAtLeast')
        return {
          ok: m.consumed >= e.count,
          actual: `share consumer ${m.consumerId} is ${status} and has processed ${plural(m.consumed, 'record')}`,
        };
      return {
        ok: e.kind === 'shareHoldingIs' ? m.holding === e.count : m.holding >= e.count,
        actual: `share consumer ${m.consumerId} is ${status} and holds the acquisition locks of ${plural(m.holding, 'record')} (ACQUIRED)`,
      };
    }
    case 'shareMembersIs': {
      const members = g.members.filter((m) => m.inGroup).map((m) => m.consumerId);
      return {
        ok: members.length === e.count,
        actual: `${name} has ${plural(members.length, 'member')}${members.length > 0 ? ` (${members.join(', ')})` : ''}`,
      };
    }
    case 'shareRedeliveredAtLeast':
      return {
        ok: g.stats.redelivered >= e.count,
        actual: `${name} has delivered ${plural(g.stats.redelivered, 'record')} again`,
      };
    case 'shareArchivedAtLeast':
      return {
        ok: g.stats.archivedAtLimit >= e.count,
        actual: `${name} has archived ${plural(g.stats.archivedAtLimit, 'record')} at share.delivery.count.limit (${g.config['share.delivery.count.limit']})`,
      };
  }
}

function eventOutcome(
  view: SimView,
  e: Extract<Expectation, { kind: 'eventHappened' | 'eventAbsent' }>,
  sinceMs: number,
): Outcome {
  const found = view.events.find((x) => x.type === e.type && x.atMs >= sinceMs);
  const actual = found ? `at ${found.atMs} ms: ${found.text}` : `no "${e.type}" event since ${sinceMs} ms`;
  return { ok: e.kind === 'eventHappened' ? found !== undefined : found === undefined, actual };
}
