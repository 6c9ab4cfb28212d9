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

export function TopicConfigForm({ topic }: { topic: string }) {
  const t = uiStore.getState().model?.topics.find((x) => x.name === topic);
  const [partitions, setPartitions] = useState(String(t?.partitions ?? 1));
  const [minIsr, setMinIsr] = useState(String(t?.config['min.insync.replicas'] ?? 1));
  const [retention, setRetention] = useState(
    String(t?.config['retention.ms'] ?? DEFAULT_TOPIC_CONFIG['retention.ms']),
  );
  const [unclean, setUnclean] = useState(t?.config['unclean.leader.election.enable'] ?? false);
  const [timestampType, setTimestampType] = useState<TimestampType>(
    t?.config['message.timestamp.type'] ?? DEFAULT_TOPIC_CONFIG['message.timestamp.type'],
  );
  const [error, setError] = useState<string | null>(null);
  if (!t) return null;
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const config: Partial<TopicConfig> = {};
    if (Number(minIsr) !== t.config['min.insync.replicas']) config['min.insync.replicas'] = Number(minIsr);
    if (Number(retention) !== t.config['retention.ms']) config['retention.ms'] = Number(retention);
    if (unclean !== t.config['unclean.leader.election.enable'])
      config['unclean.leader.election.enable'] = unclean;
    if (timestampType !== t.config['message.timestamp.type'])
      config['message.timestamp.type'] = timestampType;
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
        <TopicConfigFields
          minIsr={minIsr}
          setMinIsr={setMinIsr}
          retention={retention}
          setRetention={setRetention}
          unclean={unclean}
          setUnclean={setUnclean}
          timestampType={timestampType}
          setTimestampType={setTimestampType}
        />
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
  minIsr,
  setMinIsr,
  retention,
  setRetention,
  unclean,
  setUnclean,
  timestampType,
  setTimestampType,
  children,
}: {
  minIsr: string;
  setMinIsr: (v: string) => void;
  retention: string;
  setRetention: (v: string) => void;
  unclean: boolean;
  setUnclean: (v: boolean) => void;
  timestampType: TimestampType;
  setTimestampType: (v: TimestampType) => void;
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
        value={minIsr}
        onChange={setMinIsr}
      />
      <NumberField
        name="retention.ms"
        defaultText={`${DEFAULT_TOPIC_CONFIG['retention.ms']} (7 days)`}
        hint="Records whose timestamp is older than this are deleted; -1 keeps them forever."
        min={-1}
        step={1}
        required
        value={retention}
        onChange={setRetention}
      />
      {children}
      <SelectField
        name="message.timestamp.type"
        defaultText={DEFAULT_TOPIC_CONFIG['message.timestamp.type']}
        hint="Who sets each record's timestamp: the producer at send() (CreateTime) or the leader as it appends (LogAppendTime). retention.ms and a reset to a time go by it."
        options={TIMESTAMP_TYPES}
        value={timestampType}
        onChange={setTimestampType}
      />
      <CheckField
        name="unclean.leader.election.enable"
        defaultText={String(DEFAULT_TOPIC_CONFIG['unclean.leader.election.enable'])}
        hint="Let a replica outside the ISR become leader: the partition comes back, records it lacks are lost."
        checked={unclean}
        onChange={setUnclean}
      />
    </>
  );
}
