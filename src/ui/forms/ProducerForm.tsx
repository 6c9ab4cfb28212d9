// Add a producer, or change one: acks, enable.idempotence, the key distribution, the rate, how long a
// batch waits for more records (linger.ms), the buffer that makes a producer faster than its cluster
// block (buffer.memory, max.block.ms), and transactions (transactional.id, records per transaction).
import { useState } from 'react';
import {
  DEFAULT_PRODUCER_CONFIG,
  resolveProducerConfig,
  type Acks,
  type ProducerConfig,
} from '../../engine/index';
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
    // Set explicitly (by the scenario, an earlier change, or a tick here): Kafka then refuses acks other
    // than all instead of turning idempotence off by itself.
    idempotenceSet: current?.originals['enable.idempotence'] !== undefined,
    originals: current?.originals ?? {},
    rate: String(current?.ratePerSec ?? 2),
    lingerMs: String(current?.config['linger.ms'] ?? DEFAULT_PRODUCER_CONFIG['linger.ms']),
    bufferMemory: String(current?.config['buffer.memory'] ?? DEFAULT_PRODUCER_CONFIG['buffer.memory']),
    maxBlockMs: String(current?.config['max.block.ms'] ?? DEFAULT_PRODUCER_CONFIG['max.block.ms']),
    keyKind: keys.kind,
    keyList: keys.list,
    txnId: current?.config['transactional.id'] ?? '',
    perTxn: String(
      s.model?.producerById.get(producerId ?? '')?.transaction?.recordsPerTransaction ??
        DEFAULT_RECORDS_PER_TRANSACTION,
    ),
  };
}

/** The application's loop when a producer gets a transactional.id (the engine's default). */
const DEFAULT_RECORDS_PER_TRANSACTION = 5;

const MIB = 1_048_576;
/** Kafka's own default; the simulator's is smaller (ARCHITECTURE.md, Simplifications). */
const KAFKA_BUFFER_MEMORY = 32 * MIB;
const SIM_BUFFER_MEMORY = DEFAULT_PRODUCER_CONFIG['buffer.memory'];

const ACKS_OPTION: Record<string, Acks> = { all: 'all', '1': 1, '0': 0 };

/**
 * The configs the form sends: acks always, enable.idempotence only once set explicitly (a default one
 * turns itself off for acks other than all, an explicit one refuses them, as in Kafka), linger.ms and the
 * buffer's two only when they change, so that a link to a run that never touched them does not carry them.
 */
export function formConfig(
  f: {
    acks: string;
    idempotence: boolean;
    idempotenceSet: boolean;
    lingerMs: string;
    bufferMemory: string;
    maxBlockMs: string;
    txnId?: string;
  },
  was: { lingerMs: string; bufferMemory: string; maxBlockMs: string; txnId?: string },
): Partial<ProducerConfig> {
  const config: Partial<ProducerConfig> = { acks: ACKS_OPTION[f.acks] ?? 0 };
  if (f.idempotenceSet) config['enable.idempotence'] = f.idempotence;
  if (Number(f.lingerMs) !== Number(was.lingerMs)) config['linger.ms'] = Number(f.lingerMs);
  if (Number(f.bufferMemory) !== Number(was.bufferMemory)) config['buffer.memory'] = Number(f.bufferMemory);
  if (Number(f.maxBlockMs) !== Number(was.maxBlockMs)) config['max.block.ms'] = Number(f.maxBlockMs);
  const txnId = (f.txnId ?? '').trim();
  if (txnId !== (was.txnId ?? '').trim()) config['transactional.id'] = txnId === '' ? null : txnId;
  return config;
}

/** What enable.idempotence shows when it was not set: on for acks=all, off otherwise, as Kafka resolves it. */
export function defaultIdempotence(originals: Partial<ProducerConfig>, acks: string): boolean {
  return resolveProducerConfig({ ...originals, acks: ACKS_OPTION[acks] ?? 'all' }).config[
    'enable.idempotence'
  ];
}

export function ProducerForm({ producerId }: { producerId: string | null }) {
  const [was] = useState(() => initial(producerId));
  const [f, setF] = useState(was);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<typeof f>): void => setF((old) => ({ ...old, ...patch }));
  const adding = producerId === null;
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const keys = formToKeys(f.keyKind, f.keyList);
    if (!keys) return setError('Give at least one key, separated by commas.');
    const config = formConfig(f, was);
    const transactional = f.txnId.trim() !== '';
    const perTxn =
      transactional && f.perTxn !== was.perTxn ? { recordsPerTransaction: Number(f.perTxn) } : {};
    const failed = adding
      ? await runFromForm({
          type: 'addProducer',
          producer: {
            id: f.id,
            topic: f.topic,
            ratePerSec: Number(f.rate),
            keys,
            config,
            ...(transactional ? { recordsPerTransaction: Number(f.perTxn) } : {}),
          },
        })
      : await runFromForm({
          type: 'setProducerConfig',
          producerId: f.id,
          config,
          ratePerSec: Number(f.rate),
          keys,
          ...perTxn,
        });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title={adding ? 'Add a producer' : `Configure producer ${f.id}`} wide>
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
          onChange={(acks) =>
            set(f.idempotenceSet ? { acks } : { acks, idempotence: defaultIdempotence(f.originals, acks) })
          }
        />
        <CheckField
          name="enable.idempotence"
          defaultText="true with acks=all"
          hint={
            !f.idempotenceSet && !f.idempotence
              ? `Off: Kafka turns its default idempotence off for acks=${f.acks}. Ticked, it needs acks=all.`
              : 'The broker drops duplicates from retries and keeps order per partition.'
          }
          checked={f.idempotence}
          onChange={(idempotence) => set({ idempotence, idempotenceSet: true })}
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
        <NumberField
          name="linger.ms"
          label="Batch wait (ms)"
          defaultText={`${DEFAULT_PRODUCER_CONFIG['linger.ms']} (since Kafka 4.0; 0 before)`}
          hint="A batch that is not full waits this long for more records before it is sent."
          min={0}
          step={1}
          required
          value={f.lingerMs}
          onChange={(lingerMs) => set({ lingerMs })}
        />
        <NumberField
          name="buffer.memory"
          label="Send buffer (bytes)"
          defaultText={`${KAFKA_BUFFER_MEMORY} (32 MiB); here ${SIM_BUFFER_MEMORY} (${SIM_BUFFER_MEMORY / MIB} MiB)`}
          hint="When records not yet acknowledged fill it, send() blocks."
          min={1}
          max={Math.max(KAFKA_BUFFER_MEMORY, Number(was.bufferMemory))}
          step={1}
          required
          value={f.bufferMemory}
          onChange={(bufferMemory) => set({ bufferMemory })}
        />
        <NumberField
          name="max.block.ms"
          label="Longest send() block (ms)"
          defaultText={`${DEFAULT_PRODUCER_CONFIG['max.block.ms']} (1 minute)`}
          hint="Then a blocked send() throws BufferExhaustedException."
          min={0}
          step={1}
          required
          value={f.maxBlockMs}
          onChange={(maxBlockMs) => set({ maxBlockMs })}
        />
        <Field
          name="transactional.id"
          label="Transactions"
          defaultText="none"
          hint="Set one to make the producer transactional: its records become visible to read_committed consumers only when their transaction commits. Needs acks=all and idempotence."
        >
          {(d) => (
            <span className="field-pair">
              <input
                id={inputId(d)}
                aria-describedby={d}
                placeholder="transactional.id"
                pattern="[a-zA-Z0-9._\-]*"
                value={f.txnId}
                onChange={(e) => set({ txnId: e.target.value })}
              />
              {f.txnId.trim() !== '' ? (
                <label className="inline-number">
                  <input
                    type="number"
                    aria-label="Records per transaction"
                    min={1}
                    max={100000}
                    step={1}
                    required
                    value={f.perTxn}
                    onChange={(e) => set({ perTxn: e.target.value })}
                  />{' '}
                  records per transaction
                </label>
              ) : null}
            </span>
          )}
        </Field>
        <FormFooter error={error} submitLabel={adding ? 'Add producer' : `Apply to ${f.id}`} />
      </form>
    </Dialog>
  );
}
