// The narration panel of a guided lesson, left of the diagram: the step's words, what the learner is asked
// to do, the checks once the step has run, and the way through the lesson (Back, Next, the steps list).
// It can fold away to a narrow bar, so the diagram gets the room back. Scenario texts are shown as text,
// never as HTML.
import { useSelector } from '@xstate/react';
import { useState } from 'react';
import type { CheckResult, Step } from '../../scenarios/index';
import { playback } from '../playback/machine';
import { useUi } from '../store';
import { lessonBack, lessonGoTo, lessonNext, lessonShowMe, useLesson, type LessonState } from './lesson';
import { seconds } from './timing';

export function LessonPanel() {
  const scenario = useUi((s) => s.scenario);
  const lesson = useLesson((s) => s);
  const [folded, setFolded] = useState(false);
  const steps = scenario?.steps ?? [];
  if (!scenario || steps.length === 0 || lesson.scenarioId !== scenario.id) return null;
  const step = lesson.index >= 0 ? steps[lesson.index] : undefined;
  if (folded)
    return (
      <aside className="lesson folded" aria-label="Lesson">
        <button
          type="button"
          aria-expanded="false"
          aria-controls="lesson-body"
          onClick={() => setFolded(false)}
        >
          Show lesson
        </button>
        <span className="lesson-folded-count" aria-hidden="true">
          {lesson.index >= 0 ? `${lesson.index + 1}/${steps.length}` : ''}
        </span>
      </aside>
    );
  return (
    <aside className="lesson" aria-label="Lesson">
      <div className="lesson-head">
        <h2 className="lesson-title">{scenario.title}</h2>
        <button
          type="button"
          className="quiet small"
          aria-expanded="true"
          aria-controls="lesson-body"
          onClick={() => setFolded(true)}
        >
          Hide lesson
        </button>
      </div>
      <div id="lesson-body" className="lesson-body">
        {step ? (
          <StepView step={step} lesson={lesson} />
        ) : (
          <>
            <p className="lesson-narration">{scenario.description}</p>
            <p className="lesson-intro">
              {steps.length} steps. The clock waits: press <b>Next step</b> to begin.
            </p>
          </>
        )}
        <Contents steps={steps} lesson={lesson} />
      </div>
      <Nav steps={steps} lesson={lesson} />
    </aside>
  );
}

function StepView({ step, lesson }: { step: Step; lesson: LessonState }) {
  const { phase } = lesson;
  return (
    <article className="lesson-step" aria-labelledby="lesson-step-title">
      <p className="lesson-count" data-testid="lesson-count">
        Step {lesson.index + 1} of {lesson.stepCount}
      </p>
      <p className="sr-only" role="status">
        {`Step ${lesson.index + 1} of ${lesson.stepCount}: ${step.title}`}
      </p>
      <h3 id="lesson-step-title" className="lesson-step-title">
        {step.title}
      </h3>
      <p className="lesson-narration">{step.narration}</p>
      {lesson.refused.length > 0 ? (
        <p className="lesson-refused" role="alert">
          The simulator refused this step’s action: {lesson.refused.join(' ')}
        </p>
      ) : null}
      {step.waitFor ? <Task step={step} lesson={lesson} /> : null}
      {phase === 'running' ? <Progress lesson={lesson} /> : null}
      {phase === 'starting' || phase === 'rewinding' || phase === 'checking' ? (
        <p className="lesson-busy" role="status">
          {phase === 'checking' ? 'Checking what the simulation shows…' : 'Moving the simulation…'}
        </p>
      ) : null}
      {phase === 'done' && lesson.results ? <Results step={step} results={lesson.results} /> : null}
      {lesson.error ? (
        <p className="lesson-refused" role="alert">
          {lesson.error}
        </p>
      ) : null}
    </article>
  );
}

/** A step that waits for the learner: what to do, a way to be shown, and whether they have done it. */
function Task({ step, lesson }: { step: Step; lesson: LessonState }) {
  const waiting = lesson.phase === 'waiting' || lesson.phase === 'showing';
  const result = lesson.waitResult;
  if (!step.waitFor) return null;
  if (!waiting && !result?.ok) return null;
  return (
    <div className={`lesson-task${result?.ok ? ' met' : ''}`}>
      {waiting ? (
        <>
          <p>
            <b>Your turn:</b> {step.waitFor.hint}
          </p>
          <p className="muted lesson-small">The clock waits for you. Use the diagram’s own controls.</p>
          <button type="button" onClick={lessonShowMe} disabled={lesson.phase === 'showing'}>
            Show me
          </button>
        </>
      ) : null}
      <div role="status" className="lesson-ack">
        {result ? (
          <p className={result.ok ? 'check ok' : 'check bad'}>
            <span aria-hidden="true">{result.ok ? '✓ ' : '✗ '}</span>
            {result.ok ? 'Done. ' : 'Not yet. '}
            {result.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Progress({ lesson }: { lesson: LessonState }) {
  const nowMs = useUi((s) => s.shown?.view.nowMs ?? 0);
  const playing = useSelector(playback, (s) => s.matches('playing'));
  const total = lesson.runEndMs - lesson.runFromMs;
  const done = Math.min(total, Math.max(0, nowMs - lesson.runFromMs));
  return (
    <div className="lesson-progress">
      <progress max={Math.max(1, total)} value={done} aria-label="Time run in this step" />
      <span className="lesson-small">
        {seconds(done)} of {seconds(total)}
      </span>
      {playing ? null : <p className="lesson-small">Paused. Press Play (Space) to run the step.</p>}
    </div>
  );
}

function Results({ step, results }: { step: Step; results: readonly CheckResult[] }) {
  const passed = results.filter((r) => r.ok).length;
  return (
    <section className="lesson-results" aria-label="Checks">
      {results.length > 0 ? (
        <>
          <div role="status">
            <h4>
              {passed === results.length
                ? `All ${results.length} checks hold`
                : `${passed} of ${results.length} checks hold`}
            </h4>
          </div>
          <ul>
            {results.map((r, i) => (
              <li key={i} className={r.ok ? 'check ok' : 'check bad'}>
                <span aria-hidden="true">{r.ok ? '✓' : '✗'}</span>
                <span className="sr-only">{r.ok ? 'Holds: ' : 'Does not hold: '}</span>
                <span>{r.message}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {step.explanation ? (
        <>
          <h4>What happened and why</h4>
          <p className="lesson-explanation">{step.explanation}</p>
        </>
      ) : null}
    </section>
  );
}

function Nav({ steps, lesson }: { steps: readonly Step[]; lesson: LessonState }) {
  const back = lesson.index >= 1 ? steps[lesson.index - 1] : undefined;
  const last = lesson.index >= steps.length - 1;
  const canNext =
    (lesson.phase === 'intro' || lesson.phase === 'done' || lesson.phase === 'failed') &&
    !(last && lesson.phase === 'done');
  const canBack = back !== undefined && lesson.starts[lesson.index - 1] !== undefined;
  return (
    <div className="lesson-nav">
      <button
        type="button"
        aria-disabled={!canBack}
        aria-keyshortcuts="B"
        aria-label={back ? `Back to step ${lesson.index}: ${back.title}` : 'Back'}
        onClick={() => canBack && lessonBack()}
      >
        Back
      </button>
      <button
        type="button"
        className="primary"
        aria-disabled={!canNext}
        aria-keyshortcuts="N"
        onClick={() => canNext && lessonNext()}
      >
        Next step
      </button>
      {last && lesson.phase === 'done' ? (
        <span className="lesson-small">
          End of the lesson: {lesson.outcomes.filter(Boolean).length} of {steps.length} steps hold.
        </span>
      ) : (
        <span className="lesson-small muted" aria-hidden="true">
          keys <kbd>N</kbd> next · <kbd>B</kbd> back
        </span>
      )}
    </div>
  );
}

function Contents({ steps, lesson }: { steps: readonly Step[]; lesson: LessonState }) {
  return (
    <nav className="lesson-toc" aria-label="Lesson steps">
      <ol>
        {steps.map((s, i) => {
          const reached = lesson.starts[i] !== undefined;
          const finished = lesson.ends[i] !== undefined && (i < lesson.index || lesson.phase === 'done');
          const outcome = lesson.outcomes[i];
          const mark = finished ? (outcome ? '✓' : '✗') : i === lesson.index ? '▸' : '';
          return (
            <li key={s.id} className={i === lesson.index ? 'current' : undefined}>
              <button
                type="button"
                className="link"
                disabled={!reached}
                aria-current={i === lesson.index ? 'step' : undefined}
                onClick={() => lessonGoTo(i)}
              >
                <span className={`toc-mark${finished ? (outcome ? ' ok' : ' bad') : ''}`} aria-hidden="true">
                  {mark}
                </span>
                {i + 1}. {s.title}
                {finished ? (
                  <span className="sr-only">
                    {outcome ? ' (done, checks hold)' : ' (done, a check failed)'}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
