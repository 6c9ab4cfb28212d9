// kafka-topics --create as a form: name, partitions, replication factor and topic configs, with Kafka's
// defaults (num.partitions=1, default.replication.factor=1). Replicas are placed by AdminUtils' algorithm;
// a replication factor larger than the cluster is refused by the controller in its own words.
import { useState } from 'react';
import { DEFAULT_TOPIC_CONFIG, type Command, type TopicConfig } from '../../engine/index';
import { runFromForm } from '../engine/actions';
import { openDialog, useUi } from '../store';
import { Dialog, FormFooter, NumberField, SelectField, TextField } from './Dialog';
import { changedTopicConfig, TopicConfigFields, topicConfigValues } from './TopicConfigForm';

type TopicSetup = Extract<Command, { type: 'createTopic' }>['topic'];

const CLEANUP_POLICIES: readonly TopicConfig['cleanup.policy'][] = ['delete', 'compact', 'compact,delete'];

/** The broker defaults kafka-topics --create falls back to. */
export const CREATE_DEFAULTS = { partitions: 1, replicationFactor: 1 } as const;

/**
 * The checks the kafka-topics client makes before it asks the cluster (it refuses a replication factor
 * outside 1..32767 itself); everything else is the controller's to refuse. Null when the input is sendable.
 */
export function clientCheck(partitions: string, replicationFactor: string): string | null {
  const rf = Number(replicationFactor);
  if (!Number.isInteger(rf) || rf < 1 || rf > 32767)
    return 'The replication factor must be between 1 and 32767 inclusive';
  const p = Number(partitions);
  if (!Number.isInteger(p) || p < 1) return 'The partitions must be greater than 0';
  return null;
}

export function CreateTopicForm() {
  const brokers = useUi((s) => s.model?.brokers.length ?? 0);
  const [name, setName] = useState('');
  const [partitions, setPartitions] = useState(String(CREATE_DEFAULTS.partitions));
  const [rf, setRf] = useState(String(CREATE_DEFAULTS.replicationFactor));
  const [values, setValues] = useState(() => topicConfigValues(DEFAULT_TOPIC_CONFIG));
  const [cleanup, setCleanup] = useState<TopicConfig['cleanup.policy']>(
    DEFAULT_TOPIC_CONFIG['cleanup.policy'],
  );
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const refused = clientCheck(partitions, rf);
    if (refused) return setError(refused);
    const config = changedTopicConfig(values, DEFAULT_TOPIC_CONFIG);
    if (cleanup !== DEFAULT_TOPIC_CONFIG['cleanup.policy']) config['cleanup.policy'] = cleanup;
    const topic: TopicSetup = {
      name: name.trim(),
      partitions: Number(partitions),
      replicationFactor: Number(rf),
      ...(Object.keys(config).length > 0 ? { config } : {}),
    };
    const failed = await runFromForm({ type: 'createTopic', topic });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title="Create a topic" wide>
      <form onSubmit={(e) => void submit(e)}>
        <TextField
          name="--topic"
          label="Name"
          hint="ASCII letters, digits, '.', '_' and '-'."
          value={name}
          onChange={setName}
        />
        <NumberField
          name="--partitions"
          defaultText={`${CREATE_DEFAULTS.partitions} (num.partitions)`}
          step={1}
          required
          value={partitions}
          onChange={setPartitions}
        />
        <NumberField
          name="--replication-factor"
          defaultText={`${CREATE_DEFAULTS.replicationFactor} (default.replication.factor)`}
          hint={`This cluster has ${brokers} broker${brokers === 1 ? '' : 's'}.`}
          step={1}
          required
          value={rf}
          onChange={setRf}
        />
        <TopicConfigFields values={values} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}>
          <SelectField
            name="cleanup.policy"
            defaultText={DEFAULT_TOPIC_CONFIG['cleanup.policy']}
            options={CLEANUP_POLICIES}
            value={cleanup}
            onChange={setCleanup}
          />
        </TopicConfigFields>
        <p className="command-line">
          <code>
            kafka-topics --create --topic {name.trim() || '<name>'} --partitions {partitions}{' '}
            --replication-factor {rf}
          </code>
        </p>
        <FormFooter error={error} submitLabel="Create topic" />
      </form>
    </Dialog>
  );
}
