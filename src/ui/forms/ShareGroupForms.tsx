// Add a share group (KIP-932) and change a share group's configs, by Kafka's names with Kafka 4.2's
// defaults. The inputs set no bounds of their own: the broker checks the numbers against its
// group.share.min.* and group.share.max.* configs, and a value it refuses comes back in its words,
// shown in the form, which is part of the lesson.
import { useState } from 'react';
import type { Command, ShareGroupView } from '../../engine/index';
import { runFromForm } from '../engine/actions';
import { openDialog, uiStore, useUi } from '../store';
import {
  CheckField,
  Dialog,
  Field,
  FormFooter,
  NumberField,
  SelectField,
  TextField,
  inputId,
} from './Dialog';
import { memberIds, newGroupProblem, nextGroupId } from './AddGroupForm';

/** What a share group does, for the top of the form (the card's heading has the longer text). */
const SHARE_GROUP_IN_SHORT =
  'Its members share the topic’s partitions. Each record is acquired under a lock by one member and acknowledged on its own (ACCEPT, RELEASE or REJECT); one delivered share.delivery.count.limit times without being accepted is ARCHIVED.';

type ShareGroupConfig = ShareGroupView['config'];
type ShareGroupSetup = Extract<Command, { type: 'addShareGroup' }>['group'];

/** Kafka 4.2's defaults (group.share.* broker configs and the share consumer's); the engine uses the same. */
export const SHARE_DEFAULTS = {
  'share.acknowledgement.mode': 'implicit',
  'share.auto.offset.reset': 'latest',
  'share.record.lock.duration.ms': 30_000,
  'share.delivery.count.limit': 5,
  'share.session.timeout.ms': 45_000,
} as const;

/** The configs both forms edit, as typed (numbers stay text until they are sent). */
interface ShareFields {
  mode: string;
  reset: string;
  lockMs: string;
  limit: string;
}

function ShareConfigFields({ f, set }: { f: ShareFields; set: (f: ShareFields) => void }) {
  return (
    <>
      <SelectField
        name="share.acknowledgement.mode"
        defaultText={SHARE_DEFAULTS['share.acknowledgement.mode']}
        hint="implicit: the next poll() accepts the last batch. explicit: the application acknowledges each record."
        options={['implicit', 'explicit']}
        value={f.mode}
        onChange={(mode) => set({ ...f, mode })}
      />
      <SelectField
        name="share.auto.offset.reset"
        defaultText={SHARE_DEFAULTS['share.auto.offset.reset']}
        hint="Where a share-partition starts when a member first reads it: the end of the log, or its start."
        options={['latest', 'earliest']}
        value={f.reset}
        onChange={(reset) => set({ ...f, reset })}
      />
      <NumberField
        name="share.record.lock.duration.ms"
        defaultText={String(SHARE_DEFAULTS['share.record.lock.duration.ms'])}
        hint="How long a member holds a record it acquired; not acknowledged by then (a crash, slow work), it is AVAILABLE again."
        step={1000}
        required
        value={f.lockMs}
        onChange={(lockMs) => set({ ...f, lockMs })}
      />
      <NumberField
        name="share.delivery.count.limit"
        defaultText={String(SHARE_DEFAULTS['share.delivery.count.limit'])}
        hint="Delivered this many times without being accepted, a record is ARCHIVED: never delivered again."
        step={1}
        required
        value={f.limit}
        onChange={(limit) => set({ ...f, limit })}
      />
    </>
  );
}

/** The numbers as integers, or the field that is not one (the broker's bounds are its to check). */
function configOf(f: ShareFields): { config: Partial<ShareGroupConfig> } | { error: string } {
  const lock = Number(f.lockMs);
  const limit = Number(f.limit);
  if (f.lockMs.trim() === '' || !Number.isInteger(lock))
    return { error: 'share.record.lock.duration.ms needs a whole number of milliseconds.' };
  if (f.limit.trim() === '' || !Number.isInteger(limit))
    return { error: 'share.delivery.count.limit needs a whole number.' };
  return {
    config: {
      'share.acknowledgement.mode': f.mode === 'explicit' ? 'explicit' : 'implicit',
      'share.auto.offset.reset': f.reset === 'earliest' ? 'earliest' : 'latest',
      'share.record.lock.duration.ms': lock,
      'share.delivery.count.limit': limit,
    },
  };
}

export function AddShareGroupForm() {
  const topics = useUi((s) => s.model?.topics.map((t) => t.name).join('\n') ?? '').split('\n');
  const [groupId, setGroupId] = useState(() => {
    const m = uiStore.getState().model;
    const taken = [...(m?.groups ?? []), ...(m?.shareGroups ?? [])].map((g) => g.groupId);
    return nextGroupId(taken).replace(/^group-/, 'share-group-');
  });
  const [topic, setTopic] = useState(topics[0] ?? '');
  const [members, setMembers] = useState('3');
  const [f, setF] = useState<ShareFields>({
    mode: SHARE_DEFAULTS['share.acknowledgement.mode'],
    reset: SHARE_DEFAULTS['share.auto.offset.reset'],
    lockMs: String(SHARE_DEFAULTS['share.record.lock.duration.ms']),
    limit: String(SHARE_DEFAULTS['share.delivery.count.limit']),
  });
  const [poison, setPoison] = useState('');
  const [onFailure, setOnFailure] = useState<'RELEASE' | 'REJECT'>('RELEASE');
  const [renewLocks, setRenewLocks] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const id = groupId.trim();
    const count = Number(members);
    const problem = newGroupProblem(id, count);
    if (problem) return setError(problem);
    const parsed = configOf(f);
    if ('error' in parsed) return setError(parsed.error);
    const poisonKeys = poison
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    const group: ShareGroupSetup = {
      groupId: id,
      topic,
      consumers: memberIds(id, count).map((c) => ({ id: c })),
      config: parsed.config,
      ...(poisonKeys.length > 0 ? { poisonKeys, onFailure } : {}),
      ...(renewLocks ? { renewLocks } : {}),
    };
    const failed = await runFromForm({ type: 'addShareGroup', group });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title="Add a share group" wide>
      <form onSubmit={(e) => void submit(e)}>
        <p className="form-note">{SHARE_GROUP_IN_SHORT}</p>
        <TextField name="group.id" label="Share group" value={groupId} onChange={setGroupId} />
        <SelectField
          name="subscribe()"
          label="Topic"
          hint="Several members may read one partition."
          options={topics}
          value={topic}
          onChange={setTopic}
        />
        <NumberField
          name="members"
          label="Share consumers to start"
          hint="Not a Kafka config: KafkaShareConsumers that join at once (more than partitions is fine)."
          min={0}
          max={12}
          step={1}
          required
          value={members}
          onChange={setMembers}
        />
        <ShareConfigFields f={f} set={setF} />
        <Field
          name="poison keys"
          label="Records that fail"
          hint="Not a Kafka config: keys whose records fail; explicit acknowledgement answers them as chosen."
        >
          {(d) => (
            <span className="select-beside">
              <input
                id={inputId(d)}
                aria-describedby={d}
                type="text"
                value={poison}
                placeholder="none"
                onChange={(e) => setPoison(e.target.value)}
              />
              <select
                aria-label="On failure, acknowledge with"
                value={onFailure}
                onChange={(e) => setOnFailure(e.target.value === 'REJECT' ? 'REJECT' : 'RELEASE')}
              >
                <option value="RELEASE">RELEASE (deliver again)</option>
                <option value="REJECT">REJECT (archive)</option>
              </select>
            </span>
          )}
        </Field>
        <CheckField
          name="acknowledge(record, RENEW)"
          label="Renew locks while working"
          hint="Kafka 4.2 (KIP-1222), explicit acknowledgement only: RENEW every half lock duration."
          checked={renewLocks}
          onChange={setRenewLocks}
        />
        <FormFooter error={error} submitLabel="Add share group" />
      </form>
    </Dialog>
  );
}

export function ShareGroupConfigForm({ groupId }: { groupId: string }) {
  const g = uiStore.getState().model?.shareGroupById.get(groupId);
  const [f, setF] = useState<ShareFields>({
    mode: g?.config['share.acknowledgement.mode'] ?? SHARE_DEFAULTS['share.acknowledgement.mode'],
    reset: g?.config['share.auto.offset.reset'] ?? SHARE_DEFAULTS['share.auto.offset.reset'],
    lockMs: String(
      g?.config['share.record.lock.duration.ms'] ?? SHARE_DEFAULTS['share.record.lock.duration.ms'],
    ),
    limit: String(g?.config['share.delivery.count.limit'] ?? SHARE_DEFAULTS['share.delivery.count.limit']),
  });
  const [session, setSession] = useState(
    String(g?.config['share.session.timeout.ms'] ?? SHARE_DEFAULTS['share.session.timeout.ms']),
  );
  const [error, setError] = useState<string | null>(null);
  if (!g) return null;
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const parsed = configOf(f);
    if ('error' in parsed) return setError(parsed.error);
    const sessionMs = Number(session);
    if (session.trim() === '' || !Number.isInteger(sessionMs))
      return setError('share.session.timeout.ms needs a whole number of milliseconds.');
    const wanted: Partial<ShareGroupConfig> = { ...parsed.config, 'share.session.timeout.ms': sessionMs };
    // Only what changed is sent, so the event log names just that.
    const config = Object.fromEntries(
      Object.entries(wanted).filter(([k, v]) => g.config[k as keyof ShareGroupConfig] !== v),
    ) as Partial<ShareGroupConfig>;
    if (Object.keys(config).length === 0) return openDialog(null);
    const failed = await runFromForm({ type: 'setShareGroupConfig', groupId, config });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title={`Configure share group ${groupId}`}>
      <form onSubmit={(e) => void submit(e)}>
        <ShareConfigFields f={f} set={setF} />
        <NumberField
          name="share.session.timeout.ms"
          defaultText={String(SHARE_DEFAULTS['share.session.timeout.ms'])}
          hint="How long the coordinator keeps a member that sends no ShareGroupHeartbeat (a crashed one) before it removes it and gives its partitions to the others."
          step={1000}
          required
          value={session}
          onChange={setSession}
        />
        <FormFooter error={error} submitLabel={`Apply to ${groupId}`} />
      </form>
    </Dialog>
  );
}
