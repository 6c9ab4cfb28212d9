// The Share dialog: the link to the run on screen, how long it is, a Copy button, and a QR code big
// enough to scan off a projector. Everything in it that came from a scenario is rendered as text.
import { useId, useMemo, useRef, useState } from 'react';
import type { ShareRun } from '../../scenarios/link/index';
import { Dialog } from '../forms/Dialog';
import { openDialog, useUi } from '../store';
import { embedCode } from './embed';
import { QrCode } from './QrCode';
import { makeRunLink } from './runLink';

export function ShareDialog({ run }: { run: ShareRun }) {
  const title = useUi((s) => s.scenario?.title ?? '');
  const steps = useUi((s) => s.scenario?.steps);
  const link = useMemo(() => makeRunLink(run, window.location.href), [run]);
  return (
    <Dialog title="Share this run" wide>
      <div className="share-body">
        <div className="share-text">
          <p>
            Whoever opens this link sees this run exactly as you see it now, paused at{' '}
            <strong>t = {(run.positionMs / 1000).toFixed(1)} s</strong>.
          </p>
          <ul className="share-contents">
            <li>
              Scenario “{title}”{' '}
              {typeof run.scenario === 'string'
                ? '(built in, named by its id)'
                : '(its whole definition is in the link, as it came from a file)'}
            </li>
            <li>Seed {run.seed}</li>
            <li>{actionsText(run.actions.length)}</li>
            {run.lesson ? (
              <li>
                Lesson step {run.lesson.index + 1} of {steps?.length ?? run.lesson.index + 1}
                {steps?.[run.lesson.index] ? ` (“${steps[run.lesson.index]!.title}”)` : ''}, with the times
                each step so far started and ended
              </li>
            ) : null}
          </ul>
          {link.ok ? (
            <>
              <CopyBox label="Link to this run" text={link.url} rows={5} button="Copy link" />
              <details className="share-embed">
                <summary>Embed it in a course page</summary>
                <CopyBox
                  label="HTML for a course page (Moodle, Canvas, a blog): the run in a frame"
                  text={embedCode(link.url, title)}
                  rows={4}
                  button="Copy embed code"
                />
              </details>
            </>
          ) : (
            <p className="form-error">{link.error}</p>
          )}
        </div>
        {link.ok ? <QrCode text={link.url} /> : null}
      </div>
      <div className="form-buttons">
        <button type="button" onClick={() => openDialog(null)}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

const actionsText = (n: number): string =>
  n === 0
    ? 'No actions of yours yet'
    : n === 1
      ? 'Your 1 action, at its virtual time'
      : `All ${n} of your actions, each at its virtual time`;

function CopyBox({
  label,
  text,
  rows,
  button,
}: {
  label: string;
  text: string;
  rows: number;
  button: string;
}) {
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<string>('');
  const copy = async (): Promise<void> => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopied('Copied');
    } catch {
      // No clipboard (an insecure page, a refused permission): select the link so Ctrl+C copies it.
      box.current?.focus();
      box.current?.select();
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy');
    }
  };
  return (
    <>
      <label htmlFor={id} className="share-label">
        {label}
      </label>
      <textarea
        ref={box}
        id={id}
        className="share-url"
        readOnly
        rows={rows}
        value={text}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="share-copy">
        <button type="button" className="primary" onClick={() => void copy()}>
          {button}
        </button>
        <span className="share-chars">{text.length} characters</span>
        <span role="status" className="share-copied">
          {copied}
        </span>
      </div>
    </>
  );
}
