// Add a producer, or change one: acks, enable.idempotence, the key distribution and the rate.
import { useState } from 'react';
import { DEFAULT_PRODUCER_CONFIG, type Acks } from '../../engine/index';
import { runFromForm } from '../engine/actions';
import { nextProducerId } from '../model/ids';
import { producerSettings } from '../model/producerSettings';
import { openDialog, uiStore } from '../store';
import { CheckField, Dialog, Field, FormFooter, NumberField, SelectField, inputId } from './Dialog';
import { formToKeys, KEY_KINDS, keysToForm } from './keys';

function initial(producerId: string | null) {
  const s = uiStore.getState();
  const now = s.frame?.view.nowMs ?? 0;
  const current =
    producerId && s.scenario ? producerSettings(s.scenario, s.commandLog, now).get(producerId) : undefined;
  const topics = s.model?.topics.map((t) => t.name) ?? [];
  const keys = keysToForm(current?.keys ?? { kind: 'cycle', keys: ['alice', 'bob', 'carol'] });
  return {
    id: producerId ?? nextProducerId(s.scenario, s.commandLog, s.model?.producers.map((p) => p.id) ?? []),
    topic: current?.topic ?? topics[0] ?? '',
    topics,
    acks: String(current?.config.acks ?? DEFAULT_PRODUCER_CONFIG.acks),
    idempotence: current?.config['enable.idempotence'] ?? DEFAULT_PRODUCER_CONFIG['enable.idempotence'],
    rate: String(current?.ratePerSec ?? 2),
    keyKind: keys.kind,
    keyList: keys.list,
  };
}

export function ProducerForm({ producerId }: { producerId: string | null }) {
  const [f, setF] = useState(() => initial(producerId));
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<typeof f>): void => setF((old) => ({ ...old, ...patch }));
  const adding = producerId === null;
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const keys = formToKeys(f.keyKind, f.keyList);
    if (!keys) return setError('Give at least one key, separated by commas.');
    const acks: Acks = f.acks === 'all' ? 'all' : f.acks === '1' ? 1 : 0;
    const config = { acks, 'enable.idempotence': f.idempotence };
    const failed = adding
      ? await runFromForm({
          type: 'addProducer',
          producer: { id: f.id, topic: f.topic, ratePerSec: Number(f.rate), keys, config },
        })
      : await runFromForm({
          type: 'setProducerConfig',
          producerId: f.id,
          config,
          ratePerSec: Number(f.rate),
          keys,
        });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title={adding ? 'Add a producer' : `Configure producer ${f.id}`}>
      <form onSubmit={(e) => void submit(e)}>
        {adding ? (
          <>
            <Field name="client.id" label="Name">
              {(d) => (
                <input
                  id={inputId(d)}
                  aria-describedby={d}
                  required
                  pattern="[a-zA-Z0-9._\-]+"
                  value={f.id}
                  onChange={(e) => set({ id: e.target.value })}
                />
              )}
            </Field>
            <SelectField
              name="topic"
              label="Sends to"
              options={f.topics}
              value={f.topic}
              onChange={(topic) => set({ topic })}
            />
          </>
        ) : null}
        <SelectField
          name="acks"
          defaultText="all"
          hint="0: do not wait; 1: the leader wrote it; all: every in-sync replica has it."
          options={['all', '1', '0']}
          value={f.acks}
          onChange={(acks) => set({ acks })}
        />
        <CheckField
          name="enable.idempotence"
          defaultText="true"
          hint="The broker drops duplicates from retries and keeps order per partition."
          checked={f.idempotence}
          onChange={(idempotence) => set({ idempotence })}
        />
        <SelectField
          name="keys"
          label="Record keys"
          hint="Records with the same key go to the same partition, in order."
          options={KEY_KINDS.map((k) => ({ value: k.kind, label: k.label }))}
          value={f.keyKind}
          onChange={(keyKind) => set({ keyKind })}
          beside={
            f.keyKind === 'cycle' || f.keyKind === 'random' ? (
              <input
                aria-label="Keys, separated by commas"
                value={f.keyList}
                onChange={(e) => set({ keyList: e.target.value })}
              />
            ) : null
          }
        />
        <NumberField
          name="rate"
          label="Records per second"
          hint="0 sends nothing on its own."
          min={0}
          max={10000}
          step="any"
          required
          value={f.rate}
          onChange={(rate) => set({ rate })}
        />
        <FormFooter error={error} submitLabel={adding ? 'Add producer' : `Apply to ${f.id}`} />
      </form>
    </Dialog>
  );
}
