// kafka-consumer-groups --reset-offsets, as a form: where the group should start reading again. Kafka
// only resets an inactive group (state Empty), so the form shows the group's state as it changes, offers
// to close its consumers, and a refusal comes back in the tool's own words.
import { useState } from 'react';
import type { Command } from '../../engine/index';
import { runFromForm } from '../engine/actions';
import { openDialog, useUi } from '../store';
import { Dialog, FormFooter, NumberField } from './Dialog';

type Target = Extract<Command, { type: 'resetOffsets' }>['to'];
type Scope = 'earliest' | 'latest' | 'offset' | 'datetime';

const SCOPES: { value: Scope; flag: string; hint: string }[] = [
  { value: 'earliest', flag: '--to-earliest', hint: 'replay everything still retained' },
  { value: 'latest', flag: '--to-latest', hint: 'skip to the end: records not yet read are never processed' },
  { value: 'offset', flag: '--to-offset', hint: 'the same offset on every partition' },
  {
    value: 'datetime',
    flag: '--to-datetime',
    hint: 'the earliest offset whose record timestamp is at or after a time',
  },
];

/** The form's choice as the engine's target, or a sentence saying what is missing. */
export function offsetTarget(
  scope: Scope,
  offset: string,
  seconds: string,
): { to: Target } | { error: string } {
  if (scope === 'earliest' || scope === 'latest') return { to: scope };
  if (scope === 'offset') {
    const n = Number(offset);
    return offset.trim() !== '' && Number.isInteger(n) && n >= 0
      ? { to: { offset: n } }
      : { error: 'Give a whole offset of 0 or more for --to-offset.' };
  }
  const s = Number(seconds);
  return seconds.trim() !== '' && Number.isFinite(s) && s >= 0
    ? { to: { timestampMs: Math.round(s * 1000) } }
    : { error: 'Give a time in seconds of the run (0 or more) for --to-datetime.' };
}

export function ResetOffsetsForm({ groupId }: { groupId: string }) {
  const g = useUi((s) => s.model?.groupById.get(groupId) ?? null);
  const [scope, setScope] = useState<Scope>('earliest');
  const [offset, setOffset] = useState('0');
  const [seconds, setSeconds] = useState('0');
  const [error, setError] = useState<string | null>(null);
  if (!g) return null;
  const running = g.members.filter((m) => m.status === 'running');
  const flag = SCOPES.find((s) => s.value === scope)!.flag;
  const arg = scope === 'offset' ? ` ${offset}` : scope === 'datetime' ? ` <t = ${seconds} s>` : '';
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const target = offsetTarget(scope, offset, seconds);
    if ('error' in target) return setError(target.error);
    const failed = await runFromForm({ type: 'resetOffsets', groupId, to: target.to });
    if (failed) setError(failed);
    else openDialog(null);
  };
  const closeAll = async (): Promise<void> => {
    setError(null);
    for (const m of running) {
      const failed = await runFromForm({ type: 'removeConsumer', consumerId: m.id });
      if (failed) return setError(failed);
    }
  };
  return (
    <Dialog title={`Reset offsets of group ${groupId}`} wide>
      <form onSubmit={(e) => void submit(e)}>
        <p className="form-note">
          Group <strong>{groupId}</strong> is <strong data-testid="reset-state">{g.state}</strong>
          {g.state === 'Empty'
            ? ': no member is active, so its committed offsets can be reset.'
            : `: ${running.length} member${running.length === 1 ? '' : 's'} active. Kafka resets only an inactive group (Empty): stop its consumers first.`}
        </p>
        {g.state !== 'Empty' && running.length > 0 ? (
          <p>
            <button type="button" onClick={() => void closeAll()}>
              Close every consumer of group {groupId}
            </button>{' '}
            <span className="muted">They send LeaveGroup; static members wait for session.timeout.ms.</span>
          </p>
        ) : null}
        <fieldset className="field radio-set">
          <legend>
            <code>--reset-offsets</code> to
          </legend>
          {SCOPES.map((s) => (
            <label key={s.value}>
              <input
                type="radio"
                name="scope"
                value={s.value}
                checked={scope === s.value}
                onChange={() => setScope(s.value)}
              />{' '}
              <code>{s.flag}</code> <span className="muted">{s.hint}</span>
            </label>
          ))}
        </fieldset>
        {scope === 'offset' ? (
          <NumberField
            name="--to-offset"
            label="Offset"
            min={0}
            step={1}
            required
            value={offset}
            onChange={setOffset}
          />
        ) : null}
        {scope === 'datetime' ? (
          <NumberField
            name="--to-datetime"
            label="Time in the run (s)"
            hint="Kafka takes a date; the simulation's clock starts at 0 s."
            min={0}
            step={0.1}
            required
            value={seconds}
            onChange={setSeconds}
          />
        ) : null}
        <p className="command-line">
          <code>
            kafka-consumer-groups --group {groupId} --topic {g.topics.join(',')} --reset-offsets {flag}
            {arg} --execute
          </code>
        </p>
        <FormFooter error={error} submitLabel={`Reset offsets of ${groupId}`} />
      </form>
    </Dialog>
  );
}
