// Opening a shared run from the address: decode the link, rebuild exactly that run in the engine and
// stand paused where the sharer stood. A link that cannot be read opens the default scenario, with the
// decoder's sentence saying what was wrong with it. A link made mid-lesson also reopens the lesson at its step.
// A link made with another engine behaviour opens all the same, with a note that its numbers may differ.
import { DEFAULT_SCENARIO_ID } from '../../scenarios/index';
import { decodeShareLink, type ShareRun } from '../../scenarios/link/index';
import { loadScenario } from '../engine/actions';
import { engine, engineQueue } from '../engine/bridge';
import { lessonRestore, lessonStore } from '../lesson/lesson';
import type { LessonPhase } from '../lesson/machine';
import { playback } from '../playback/machine';
import { acceptFrame, showNotice, uiStore } from '../store';
import { runPayloadFromHash } from './address';
import { engineNote, originNote } from './linkNotes';

export async function openRunLink(payload: string): Promise<void> {
  const decoded = decodeShareLink(payload);
  if (!decoded.ok) {
    await loadScenario({ scenario: DEFAULT_SCENARIO_ID });
    showNotice(
      `This link could not be opened, so the default scenario was opened instead. ${decoded.error}`,
      'error',
    );
    return;
  }
  const { run } = decoded;
  // Paused before the load, so that no playback advance slips in between the run and its first frame.
  playback.send({ type: 'PAUSE' });
  await loadScenario({
    scenario: run.scenario,
    seed: run.seed,
    log: run.actions,
    positionMs: run.positionMs,
  });
  const lessonNote = run.lesson ? await restoreLesson(run.lesson, run.positionMs) : '';
  // The engine's own message (a run that could not be replayed) wins over the welcome; a different
  // engine behaviour may be why, so it keeps that note.
  const { notice } = uiStore.getState();
  if (notice) {
    const engineDiffers = engineNote(decoded.otherEngineVersion);
    if (engineDiffers) showNotice(`${notice.text}\n${engineDiffers}`, notice.tone);
    return;
  }
  // On a line of its own (the notice bar keeps line breaks), so that it reads apart from the welcome.
  const origin = originNote(decoded);
  showNotice(
    `You opened a shared run, paused at t = ${(run.positionMs / 1000).toFixed(1)} s where it was shared, with ${actionsText(run.actions.length)}.${lessonNote} Press Play to go on from there.${origin ? `\n${origin}` : ''}`,
  );
}

/** Phases the lesson passes through on its way to where the link left it. */
const MOVING: readonly LessonPhase[] = ['intro', 'rewinding', 'checking', 'starting'];
/** A restore is a seek and perhaps a check: far longer than this means the worker is gone. */
const SETTLE_MS = 10_000;

/**
 * Reopens the lesson at the link's step (lessonRestore: a step checked by then shows done with its
 * results, a step in progress is entered paused at the shared position), then puts the clock back at the
 * shared position if the re-check moved it, so the learner sees exactly the sharer's screen. Returns a
 * sentence for the welcome notice.
 */
export async function restoreLesson(
  lesson: NonNullable<ShareRun['lesson']>,
  positionMs: number,
): Promise<string> {
  const accepted = lessonRestore({ ...lesson, atMs: positionMs });
  const stepCount = lessonStore.getState().stepCount;
  if (!accepted)
    return ' Its lesson step could not be restored (the times in the link do not fit this lesson), so the lesson starts from its beginning.';
  await settled();
  playback.send({ type: 'PAUSE' });
  if (uiStore.getState().frame?.view.nowMs !== positionMs)
    acceptFrame(await engineQueue().seek(positionMs, (ms) => engine().seek(ms)));
  return ` The lesson is at step ${lesson.index + 1} of ${stepCount}, as it was when the link was made.`;
}

function settled(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): boolean => !MOVING.includes(lessonStore.getState().phase);
    if (done()) return resolve();
    const timer = setTimeout(finish, SETTLE_MS);
    const unsubscribe = lessonStore.subscribe(() => {
      if (done()) finish();
    });
    function finish(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}

const actionsText = (n: number): string => (n === 0 ? 'no actions' : n === 1 ? '1 action' : `${n} actions`);

/** Opens the run named in the address, if any; says whether there was one. */
export function openRunInAddress(): boolean {
  const payload = runPayloadFromHash(window.location.hash);
  if (payload === null) return false;
  void openRunLink(payload);
  return true;
}

/** A link pasted into the address bar of an open tab changes only the fragment: open it too. */
export function listenForRunLinks(): () => void {
  const onHash = (): void => {
    openRunInAddress();
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
