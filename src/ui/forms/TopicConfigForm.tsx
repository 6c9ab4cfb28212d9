// Change a topic's partition count and configs, by Kafka's names, with Kafka's defaults beside them.
// Only what changed is sent; a refusal (fewer partitions, min.insync.replicas 0) comes back in Kafka's words.
import { useState } from 'react';
import {
  DEFAULT_TOPIC_CONFIG,
  TIMESTAMP_TYPES,
  type TimestampType,
  type TopicConfig,
} from '../../engine/index';
import { runFromForm } from '../engine/actions';
import { openDialog, uiStore } from '../store';
import { CheckField, Dialog, FormFooter, NumberField, SelectField } from './Dialog';

/** The topic configs both topic forms edit, as the form holds them. */
export interface TopicConfigValues {
  minIsr: string;
  retention: string;
  unclean: boolean;
  timestampType: TimestampType;
}

export function topicConfigValues(c: TopicConfig): TopicConfigValues {
  return {
    minIsr: String(c['min.insync.replicas']),
    retention: String(c['retention.ms']),
    unclean: c['unclean.leader.election.enable'],
    timestampType: c['message.timestamp.type'],
  };
}

/** The configs that differ from `from` (the defaults for a new topic, the current ones for a change). */
export function changedTopicConfig(v: TopicConfigValues, from: TopicConfig): Partial<TopicConfig> {
  const config: Partial<TopicConfig> = {};
  if (Number(v.minIsr) !== from['min.insync.replicas']) config['min.insync.replicas'] = Number(v.minIsr);
  if (Number(v.retention) !== from['retention.ms']) config['retention.ms'] = Number(v.retention);
  if (v.unclean !== from['unclean.leader.election.enable'])
    config['unclean.leader.election.enable'] = v.unclean;
  if (v.timestampType !== from['message.timestamp.type']) config['message.timestamp.type'] = v.timestampType;
  return config;
}

export function TopicConfigForm({ topic }: { topic: string }) {
  const t = uiStore.getState().model?.topics.find((x) => x.name === topic);
  const [partitions, setPartitions] = useState(String(t?.partitions ?? 1));
  const [values, setValues] = useState(() => topicConfigValues(t?.config ?? DEFAULT_TOPIC_CONFIG));
  const [error, setError] = useState<string | null>(null);
  if (!t) return null;
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const config = changedTopicConfig(values, t.config);
    let failed: string | null = null;
    if (Object.keys(config).length > 0)
      failed = await runFromForm({ type: 'alterTopicConfig', topic, config });
    if (!failed && Number(partitions) !== t.partitions)
      failed = await runFromForm({ type: 'addPartitions', topic, partitions: Number(partitions) });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title={`Configure topic ${topic}`}>
      <form onSubmit={(e) => void submit(e)}>
        <NumberField
          name="partitions"
          label="Partition count"
          hint="Partitions can only be added; keys then hash to other partitions."
          min={1}
          step={1}
          required
          value={partitions}
          onChange={setPartitions}
        />
        <TopicConfigFields values={values} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} />
        <FormFooter error={error} submitLabel={`Apply to ${topic}`} />
      </form>
    </Dialog>
  );
}

/**
 * The topic configs both the create-topic and the configure-topic forms set (cleanup.policy, which only
 * the create form offers, goes between retention.ms and message.timestamp.type as `children`).
 */
export function TopicConfigFields({
  values,
  onChange,
  children,
}: {
  values: TopicConfigValues;
  onChange: (patch: Partial<TopicConfigValues>) => void;
  children?: React.ReactNode;
}) {
  return (
    <>
      <NumberField
        name="min.insync.replicas"
        defaultText={String(DEFAULT_TOPIC_CONFIG['min.insync.replicas'])}
        hint="With acks=all, a write needs this many in-sync replicas."
        step={1}
        required
        value={values.minIsr}
        onChange={(minIsr) => onChange({ minIsr })}
      />
      <NumberField
        name="retention.ms"
        defaultText={`${DEFAULT_TOPIC_CONFIG['retention.ms']} (7 days)`}
        hint="Records whose timestamp is older than this are deleted; -1 keeps them forever."
        min={-1}
        step={1}
        required
        value={values.retention}
        onChange={(retention) => onChange({ retention })}
      />
      {children}
      <SelectField
        name="message.timestamp.type"
        defaultText={DEFAULT_TOPIC_CONFIG['message.timestamp.type']}
        hint="Who sets each record's timestamp: the producer at send() (CreateTime) or the leader as it appends (LogAppendTime). retention.ms and a reset to a time go by it."
        options={TIMESTAMP_TYPES}
        value={values.timestampType}
        onChange={(timestampType) => onChange({ timestampType })}
      />
      <CheckField
        name="unclean.leader.election.enable"
        defaultText={String(DEFAULT_TOPIC_CONFIG['unclean.leader.election.enable'])}
        hint="Let a replica outside the ISR become leader: the partition comes back, records it lacks are lost."
        checked={values.unclean}
        onChange={(unclean) => onChange({ unclean })}
      />
    </>
  );
}
