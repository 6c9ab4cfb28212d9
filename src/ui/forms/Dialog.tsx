// A modal form on the native <dialog>: the browser traps focus, closes it on Escape and returns focus
// to the control that opened it.
import { Fragment, useEffect, useId, useRef, type ReactNode } from 'react';
import { openDialog } from '../store';

export function Dialog({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' wide' : ''}`}
      aria-labelledby={titleId}
      onClose={() => openDialog(null)}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** One Kafka config in a form: its real name, its input, and Kafka's default beside it. */
export function Field({
  name,
  label,
  defaultText,
  hint,
  children,
}: {
  name: string;
  label?: string;
  defaultText?: string;
  hint?: string;
  children: (describedBy: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>
        {label ? <span className="field-label">{label}</span> : null}
        <code>{breakAtDots(name)}</code>
      </label>
      {children(`${id}-help`)}
      <span id={`${id}-help`} className="field-help">
        {defaultText !== undefined ? `Kafka's default: ${defaultText}. ` : ''}
        {hint ?? ''}
      </span>
    </div>
  );
}

export const inputId = (describedBy: string): string => describedBy.replace(/-help$/, '-input');

/** A config name may wrap after its dots (unclean.leader.election.enable), never inside a word. */
function breakAtDots(name: string): ReactNode {
  const parts = name.split('.');
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? (
        <>
          .<wbr />
        </>
      ) : null}
    </Fragment>
  ));
}

/** The form's buttons and, when the engine refused, its reason in Kafka's words. */
export function FormFooter({ error, submitLabel }: { error: string | null; submitLabel: string }) {
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-buttons">
        <button type="button" onClick={() => openDialog(null)}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </>
  );
}

interface FieldText {
  name: string;
  label?: string;
  defaultText?: string;
  hint?: string;
}

/** A Field holding a number input: most Kafka configs are integers. Keeps the text as typed. */
export function NumberField({
  value,
  onChange,
  min,
  max,
  step,
  required,
  ...text
}: FieldText & {
  value: string;
  onChange: (value: string) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  required?: boolean;
}) {
  return (
    <Field {...text}>
      {(d) => (
        <input
          id={inputId(d)}
          aria-describedby={d}
          type="number"
          min={min}
          max={max}
          step={step}
          required={required}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A Field holding a required line of text (a topic name, a group id). */
export function TextField({
  value,
  onChange,
  ...text
}: FieldText & { value: string; onChange: (value: string) => void }) {
  return (
    <Field {...text}>
      {(d) => (
        <input
          id={inputId(d)}
          aria-describedby={d}
          type="text"
          required
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A Field holding a checkbox: Kafka's boolean configs. */
export function CheckField({
  checked,
  onChange,
  ...text
}: FieldText & { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <Field {...text}>
      {(d) => (
        <input
          id={inputId(d)}
          aria-describedby={d}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
      )}
    </Field>
  );
}

/** One choice of a SelectField: a value shown as it is, or a value with words of its own. */
export type SelectOption<T extends string> = T | { value: T; label: string };

/**
 * A Field holding a select: Kafka's enumerated configs (acks, cleanup.policy, group.protocol …) and
 * the form's own choices. `beside` sits to the right of the select (a text input the choice enables);
 * passing it, even as null, keeps the pair in one row so the select does not jump when it comes and goes.
 */
export function SelectField<T extends string>({
  value,
  onChange,
  options,
  beside,
  ...text
}: FieldText & {
  value: T;
  onChange: (value: T) => void;
  options: readonly SelectOption<T>[];
  beside?: ReactNode;
}) {
  return (
    <Field {...text}>
      {(d) => {
        const select = (
          <select
            id={inputId(d)}
            aria-describedby={d}
            value={value}
            // Only the options below can be chosen, and each one's value is a T.
            onChange={(e) => onChange(e.target.value as T)}
          >
            {options.map((o) => {
              const { value: v, label } = typeof o === 'string' ? { value: o, label: o } : o;
              return (
                <option key={v} value={v}>
                  {label}
                </option>
              );
            })}
          </select>
        );
        return beside !== undefined ? (
          <span className="select-beside">
            {select}
            {beside}
          </span>
        ) : (
          select
        );
      }}
    </Field>
  );
}
