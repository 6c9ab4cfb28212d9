// Add a consumer to a group with its options: a group.instance.id makes it a static member (KIP-345),
// which keeps its partitions when it restarts within session.timeout.ms instead of causing a rebalance.
import { useState } from 'react';
import { runFromForm } from '../engine/actions';
import { nextConsumerId } from '../model/ids';
import { openDialog, uiStore } from '../store';
import { Dialog, Field, FormFooter, NumberField, inputId } from './Dialog';

export function AddConsumerForm({ groupId }: { groupId: string }) {
  const [id] = useState(() => {
    const s = uiStore.getState();
    const members = s.model?.groupById.get(groupId)?.members.map((m) => m.id) ?? [];
    return nextConsumerId(groupId, s.scenario, s.commandLog, members);
  });
  const [staticMember, setStatic] = useState(true);
  const [instanceId, setInstanceId] = useState(`${id}-instance`);
  const [processing, setProcessing] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const groupInstanceId = staticMember ? instanceId.trim() : null;
    if (groupInstanceId === '') return setError('A static member needs a group.instance.id.');
    const failed = await runFromForm({
      type: 'addConsumer',
      groupId,
      consumerId: id,
      groupInstanceId,
      processingTimeMs: Math.max(0, Number(processing) || 0),
    });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title={`Add consumer ${id} to group ${groupId}`}>
      <form onSubmit={(e) => void submit(e)}>
        <Field
          name="group.instance.id"
          label="Static member"
          defaultText="null (a dynamic member)"
          hint="A static member sends no LeaveGroup when it stops: its partitions wait for it until session.timeout.ms, and it gets them back without a rebalance."
        >
          {(d) => (
            <span className="inline-inputs">
              <input
                id={inputId(d)}
                aria-describedby={d}
                type="checkbox"
                checked={staticMember}
                onChange={(e) => setStatic(e.target.checked)}
              />
              <input
                aria-label="group.instance.id value"
                type="text"
                value={instanceId}
                disabled={!staticMember}
                onChange={(e) => setInstanceId(e.target.value)}
              />
            </span>
          )}
        </Field>
        <NumberField
          name="processing time (ms)"
          label="Time to process each record"
          hint="Not a Kafka config: the application's work per record."
          min={0}
          step={100}
          value={processing}
          onChange={setProcessing}
        />
        <FormFooter error={error} submitLabel={`Add consumer ${id}`} />
      </form>
    </Dialog>
  );
}
