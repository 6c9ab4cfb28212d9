// Add a consumer group: its group.id, the topic it subscribes to, its protocol and assignor, where a new
// group starts reading (auto.offset.reset) and how many members it starts with. Kafka's names and defaults.
import { useState } from 'react';
import type { Command } from '../../engine/index';
import { runFromForm } from '../engine/actions';
import { nextConsumerId } from '../model/ids';
import { openDialog, uiStore, useUi } from '../store';
import { Dialog, FormFooter, NumberField, SelectField, TextField } from './Dialog';
import { CONSUMER_DEFAULTS, GroupProtocolFields, IsolationField, STRATEGIES } from './GroupConfigForm';

type GroupSetup = Extract<Command, { type: 'addGroup' }>['group'];

/** A group id that is not taken: `group-1`, `group-2`, … */
export function nextGroupId(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`group-${n}`)) return `group-${n}`;
}

/** Member names that neither the scenario nor the command log has used, as the engine requires. */
export function memberIds(groupId: string, count: number): string[] {
  const s = uiStore.getState();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(nextConsumerId(groupId, s.scenario, s.commandLog, ids));
  return ids;
}

/** Why a new group's id or starting member count cannot be used, or null (both kinds of group). */
export function newGroupProblem(id: string, count: number): string | null {
  if (!/^[a-zA-Z0-9._-]+$/.test(id)) return 'A group.id of letters, digits, ".", "_" or "-" is needed.';
  if (!Number.isInteger(count) || count < 0 || count > 12) return 'Start the group with 0 to 12 members.';
  return null;
}

export function AddGroupForm() {
  const topics = useUi((s) => s.model?.topics.map((t) => t.name).join('\n') ?? '').split('\n');
  const [groupId, setGroupId] = useState(() =>
    nextGroupId(uiStore.getState().model?.groups.map((g) => g.groupId) ?? []),
  );
  const [topic, setTopic] = useState(topics[0] ?? '');
  const [protocol, setProtocol] = useState<string>(CONSUMER_DEFAULTS['group.protocol']);
  const [strategy, setStrategy] = useState<string>(CONSUMER_DEFAULTS['partition.assignment.strategy']);
  const [remote, setRemote] = useState<string>(CONSUMER_DEFAULTS['group.remote.assignor']);
  const [reset, setReset] = useState<'earliest' | 'latest'>('latest');
  const [isolation, setIsolation] = useState<string>(CONSUMER_DEFAULTS['isolation.level']);
  const [members, setMembers] = useState('2');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const id = groupId.trim();
    const count = Number(members);
    const problem = newGroupProblem(id, count);
    if (problem) return setError(problem);
    const group: GroupSetup = {
      groupId: id,
      topic,
      consumers: memberIds(id, count).map((c) => ({ id: c })),
      autoOffsetReset: reset,
      config: {
        ...(protocol === 'consumer'
          ? {
              'group.protocol': 'consumer' as const,
              'group.remote.assignor': remote === 'range' ? ('range' as const) : ('uniform' as const),
            }
          : {
              'group.protocol': 'classic' as const,
              'partition.assignment.strategy': STRATEGIES.find((s) => s.value === strategy)!.list,
            }),
        ...(isolation === 'read_committed' ? { 'isolation.level': 'read_committed' as const } : {}),
      },
    };
    const failed = await runFromForm({ type: 'addGroup', group });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title="Add a consumer group" wide>
      <form onSubmit={(e) => void submit(e)}>
        <TextField name="group.id" label="Group" value={groupId} onChange={setGroupId} />
        <SelectField
          name="subscribe()"
          label="Topic"
          hint="The simulator subscribes a group to one topic."
          options={topics}
          value={topic}
          onChange={setTopic}
        />
        <GroupProtocolFields
          protocol={protocol}
          setProtocol={setProtocol}
          strategy={strategy}
          setStrategy={setStrategy}
          remote={remote}
          setRemote={setRemote}
        />
        <SelectField
          name="auto.offset.reset"
          defaultText="latest"
          hint="Where a group with no committed offset starts: earliest reads the whole retained log."
          options={['latest', 'earliest']}
          value={reset}
          onChange={setReset}
        />
        <IsolationField value={isolation} onChange={setIsolation} />
        <NumberField
          name="members"
          label="Consumers to start"
          hint="Not a Kafka config: how many consumers join at once."
          min={0}
          max={12}
          step={1}
          required
          value={members}
          onChange={setMembers}
        />
        <FormFooter error={error} submitLabel="Add group" />
      </form>
    </Dialog>
  );
}
