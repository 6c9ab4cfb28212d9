// Send one hand-written record, as `kafka-console-producer --property parse.key=true` would: the learner
// picks the key and sees, before sending, which partition Kafka's murmur2 partitioner will choose for it.
import { useState } from 'react';
import { partitionForKey } from '../../engine/index';
import { runFromForm } from '../engine/actions';
import { openDialog, useUi } from '../store';
import { CheckField, Dialog, Field, FormFooter, NumberField, inputId } from './Dialog';

/** Where a record will go, in words: the explicit partition, murmur2 of the key, or the sticky partitioner. */
export function destination(topic: string, partitions: number, key: string, partition: string): string {
  if (partition.trim() !== '') return `${topic}-${partition.trim()}, the partition you chose.`;
  if (key === '') return `a partition the sticky partitioner picks (a null key has no hash).`;
  return `${topic}-${partitionForKey(key, partitions)}: murmur2("${key}") modulo ${partitions} partitions.`;
}

export function SendRecordForm({ producerId }: { producerId: string }) {
  const producer = useUi((s) => s.shown?.view.producers.find((p) => p.id === producerId) ?? null);
  const partitions = useUi(
    (s) => s.shown?.view.partitions.filter((p) => p.topic === producer?.topic).length ?? 0,
  );
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [tombstone, setTombstone] = useState(false);
  const [partition, setPartition] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!producer) return null;
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const failed = await runFromForm({
      type: 'produce',
      producerId,
      key: key === '' ? null : key,
      value: tombstone ? null : value,
      ...(partition.trim() !== '' ? { partition: Number(partition) } : {}),
    });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title={`Send a record from ${producerId} to ${producer.topic}`}>
      <form onSubmit={(e) => void submit(e)}>
        <Field name="key" label="Key" hint="Leave it empty for a null key.">
          {(d) => (
            <input
              id={inputId(d)}
              aria-describedby={d}
              value={key}
              onChange={(e) => setKey(e.target.value)}
            />
          )}
        </Field>
        <Field
          name="value"
          label="Value"
          hint="Text, often JSON. A value that is not valid JSON makes a service treat it as a poison pill."
        >
          {(d) => (
            <input
              id={inputId(d)}
              aria-describedby={d}
              value={value}
              disabled={tombstone}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
        <CheckField
          name="value = null"
          label="Tombstone"
          hint="A null value: compaction later removes the key."
          checked={tombstone}
          onChange={setTombstone}
        />
        <NumberField
          name="partition"
          label="Partition"
          hint="Leave it empty to let the partitioner choose."
          min={0}
          max={Math.max(0, partitions - 1)}
          value={partition}
          onChange={setPartition}
        />
        <p className="form-note" role="status">
          It goes to {destination(producer.topic, partitions, key, partition)} With acks={producer.acks}.
        </p>
        <FormFooter error={error} submitLabel="Send record" />
      </form>
    </Dialog>
  );
}
