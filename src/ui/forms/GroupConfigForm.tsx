// Change a consumer group's protocol, assignor and fetch settings, by Kafka's config names, with Kafka's
// defaults. group.protocol=classic assigns on the client (the group leader runs
// partition.assignment.strategy); group.protocol=consumer (KIP-848) assigns on the coordinator with
// group.remote.assignor. fetch.min.bytes and fetch.max.wait.ms trade latency for fewer, fuller fetches.
import { useState } from 'react';
import type { Command } from '../../engine/index';
import { runFromForm } from '../engine/actions';
import { openDialog, uiStore } from '../store';
import { Dialog, FormFooter, NumberField, SelectField } from './Dialog';

type GroupConfig = Extract<Command, { type: 'setGroupConfig' }>['config'];
type Strategy = NonNullable<GroupConfig['partition.assignment.strategy']>;

/** Kafka's client defaults (3.x/4.x); the engine uses the same. */
export const CONSUMER_DEFAULTS = {
  'group.protocol': 'classic',
  'partition.assignment.strategy': 'range, cooperative-sticky',
  'group.remote.assignor': 'uniform',
  'fetch.min.bytes': 1,
  'fetch.max.wait.ms': 500,
  'isolation.level': 'read_uncommitted',
} as const;

export const STRATEGIES: { value: string; list: Strategy }[] = [
  { value: 'range, cooperative-sticky', list: ['range', 'cooperative-sticky'] },
  { value: 'range', list: ['range'] },
  { value: 'roundrobin', list: ['roundrobin'] },
  { value: 'sticky', list: ['sticky'] },
  { value: 'cooperative-sticky', list: ['cooperative-sticky'] },
];

export function GroupConfigForm({ groupId }: { groupId: string }) {
  const g = uiStore.getState().model?.groupById.get(groupId);
  const [protocol, setProtocol] = useState(g?.protocol ?? CONSUMER_DEFAULTS['group.protocol']);
  const [strategy, setStrategy] = useState(
    g?.partitionAssignmentStrategy.join(', ') ?? CONSUMER_DEFAULTS['partition.assignment.strategy'],
  );
  const [remote, setRemote] = useState<string>(CONSUMER_DEFAULTS['group.remote.assignor']);
  const [minBytes, setMinBytes] = useState(String(g?.fetchMinBytes ?? CONSUMER_DEFAULTS['fetch.min.bytes']));
  const [maxWait, setMaxWait] = useState(String(g?.fetchMaxWaitMs ?? CONSUMER_DEFAULTS['fetch.max.wait.ms']));
  const [isolation, setIsolation] = useState<string>(
    g?.isolationLevel ?? CONSUMER_DEFAULTS['isolation.level'],
  );
  const [error, setError] = useState<string | null>(null);
  if (!g) return null;
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const config: GroupConfig = {};
    if (protocol !== g.protocol) config['group.protocol'] = protocol === 'consumer' ? 'consumer' : 'classic';
    const list = STRATEGIES.find((s) => s.value === strategy)?.list;
    if (list && strategy !== g.partitionAssignmentStrategy.join(', '))
      config['partition.assignment.strategy'] = list;
    if (protocol === 'consumer') config['group.remote.assignor'] = remote === 'range' ? 'range' : 'uniform';
    if (Number(minBytes) !== g.fetchMinBytes) config['fetch.min.bytes'] = Number(minBytes);
    if (Number(maxWait) !== g.fetchMaxWaitMs) config['fetch.max.wait.ms'] = Number(maxWait);
    if (isolation !== g.isolationLevel)
      config['isolation.level'] = isolation === 'read_committed' ? 'read_committed' : 'read_uncommitted';
    if (Object.keys(config).length === 0) return openDialog(null);
    const failed = await runFromForm({ type: 'setGroupConfig', groupId, config });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title={`Configure group ${groupId}`}>
      <form onSubmit={(e) => void submit(e)}>
        <GroupProtocolFields
          protocol={protocol}
          setProtocol={setProtocol}
          strategy={strategy}
          setStrategy={setStrategy}
          remote={remote}
          setRemote={setRemote}
        />
        <IsolationField value={isolation} onChange={setIsolation} />
        <NumberField
          name="fetch.min.bytes"
          defaultText={String(CONSUMER_DEFAULTS['fetch.min.bytes'])}
          hint="The broker holds a fetch until this many bytes of records are ready (a record here is about 100 bytes), up to fetch.max.wait.ms: fewer, fuller fetches, later records."
          min={0}
          step={1}
          required
          value={minBytes}
          onChange={setMinBytes}
        />
        <NumberField
          name="fetch.max.wait.ms"
          defaultText={String(CONSUMER_DEFAULTS['fetch.max.wait.ms'])}
          hint="How long the broker may hold a fetch that has less than fetch.min.bytes to return."
          min={0}
          step={100}
          required
          value={maxWait}
          onChange={setMaxWait}
        />
        <FormFooter error={error} submitLabel={`Apply to ${groupId}`} />
      </form>
    </Dialog>
  );
}

/** What slowness costs: a consumer group's member may be removed, a share member's locks may run out. */
function slowHint(consumerId: string): string {
  const share = uiStore
    .getState()
    .model?.shareGroups.some((g) => g.members.some((m) => m.consumerId === consumerId));
  return share
    ? "Not a Kafka config: it stands for the application's work per record. A share consumer holds each record it is processing under a lock: past share.record.lock.duration.ms the lock runs out, and the record is delivered again, maybe to another member."
    : "Not a Kafka config: it stands for the application's work per record. Slow processing grows the lag; past max.poll.interval.ms without a poll, the member is removed from the group.";
}

export function SlowConsumerForm({ consumerId }: { consumerId: string }) {
  const [ms, setMs] = useState('2000');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const failed = await runFromForm({ type: 'slowConsumer', consumerId, processingTimeMs: Number(ms) });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title={`Slow down consumer ${consumerId}`}>
      <form onSubmit={(e) => void submit(e)}>
        <NumberField
          name="processing time (ms)"
          label="Time to process each record"
          hint={slowHint(consumerId)}
          min={0}
          step={100}
          required
          value={ms}
          onChange={setMs}
        />
        <FormFooter error={error} submitLabel={`Slow down consumer ${consumerId}`} />
      </form>
    </Dialog>
  );
}

/** isolation.level: whether the group's poll() waits for transactions to commit. */
export function IsolationField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <SelectField
      name="isolation.level"
      defaultText={CONSUMER_DEFAULTS['isolation.level']}
      hint="read_committed reads only up to the last stable offset and skips records of aborted transactions."
      options={['read_uncommitted', 'read_committed']}
      value={value}
      onChange={onChange}
    />
  );
}

/** group.protocol and, under it, the assignor that protocol uses: the add-group and configure-group forms share them. */
export function GroupProtocolFields({
  protocol,
  setProtocol,
  strategy,
  setStrategy,
  remote,
  setRemote,
}: {
  protocol: string;
  setProtocol: (v: string) => void;
  strategy: string;
  setStrategy: (v: string) => void;
  remote: string;
  setRemote: (v: string) => void;
}) {
  return (
    <>
      <SelectField
        name="group.protocol"
        defaultText={CONSUMER_DEFAULTS['group.protocol']}
        hint="classic: JoinGroup and SyncGroup, the group leader assigns. consumer: KIP-848, the coordinator assigns and members reconcile one partition at a time."
        options={['classic', 'consumer']}
        value={protocol}
        onChange={setProtocol}
      />
      {protocol === 'classic' ? (
        <SelectField
          name="partition.assignment.strategy"
          defaultText={CONSUMER_DEFAULTS['partition.assignment.strategy']}
          hint="The group uses the first assignor every member supports."
          options={STRATEGIES.map((s) => s.value)}
          value={strategy}
          onChange={setStrategy}
        />
      ) : (
        <SelectField
          name="group.remote.assignor"
          defaultText={CONSUMER_DEFAULTS['group.remote.assignor']}
          hint="The coordinator's assignor under group.protocol=consumer."
          options={['uniform', 'range']}
          value={remote}
          onChange={setRemote}
        />
      )}
    </>
  );
}
